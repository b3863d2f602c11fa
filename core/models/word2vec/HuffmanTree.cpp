#include "core/models/word2vec/HuffmanTree.h"

#include <algorithm>
#include <numeric>

namespace embedlab {

HuffmanTree::HuffmanTree(const std::vector<int64_t>& counts) {
  const int64_t n = static_cast<int64_t>(counts.size());
  offsets_.assign(n + 1, 0);
  if (n <= 1) return;  // a single word needs no decision: empty path, zero loss

  // Leaves sorted by count descending (word2vec.c relies on the vocabulary being sorted; we sort
  // an index instead so any order of counts works). Ties by index keep the tree deterministic.
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return counts[a] > counts[b]; });

  // Nodes 0..n-1: leaves in sorted order; n..2n-2: inner nodes in order of creation. Two queues:
  // leaves from the rarest end (pos1 walking down) and inner nodes (pos2 walking up), whose counts
  // are created in non-decreasing order — the classic linear-time Huffman construction.
  std::vector<int64_t> count(2 * n - 1);
  std::vector<int64_t> parent(2 * n - 1, 0);
  std::vector<uint8_t> binary(2 * n - 1, 0);
  for (int64_t i = 0; i < n; ++i) count[i] = counts[order[i]];
  int64_t pos1 = n - 1, pos2 = n;
  auto takeSmallest = [&](int64_t next) {
    if (pos1 >= 0 && (pos2 >= next || count[pos1] <= count[pos2])) return pos1--;
    return pos2++;
  };
  for (int64_t a = 0; a < n - 1; ++a) {
    const int64_t node = n + a;
    const int64_t min1 = takeSmallest(node);
    const int64_t min2 = takeSmallest(node);
    count[node] = count[min1] + count[min2];
    parent[min1] = node;
    parent[min2] = node;
    binary[min2] = 1;
  }

  // Paths are collected leaf-up, then stored root-first; points are inner-node ids (node - n).
  const int64_t root = 2 * n - 2;
  std::vector<std::vector<uint8_t>> code(n);
  std::vector<std::vector<int32_t>> point(n);
  for (int64_t leaf = 0; leaf < n; ++leaf) {
    std::vector<uint8_t>& c = code[order[leaf]];
    std::vector<int32_t>& p = point[order[leaf]];
    for (int64_t b = leaf; b != root; b = parent[b]) {
      c.push_back(binary[b]);
      p.push_back(static_cast<int32_t>(parent[b] - n));
    }
    std::reverse(c.begin(), c.end());
    std::reverse(p.begin(), p.end());
  }
  for (int64_t w = 0; w < n; ++w) offsets_[w + 1] = offsets_[w] + static_cast<int64_t>(code[w].size());
  codes_.reserve(offsets_[n]);
  points_.reserve(offsets_[n]);
  for (int64_t w = 0; w < n; ++w) {
    codes_.insert(codes_.end(), code[w].begin(), code[w].end());
    points_.insert(points_.end(), point[w].begin(), point[w].end());
    maxLength_ = std::max(maxLength_, static_cast<int>(code[w].size()));
  }
}

}  // namespace embedlab
