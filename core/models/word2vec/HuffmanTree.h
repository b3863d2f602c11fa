#pragma once
// The binary Huffman tree of hierarchical softmax, built from word counts as word2vec.c builds
// it: every word is a leaf, the V-1 inner nodes are numbered 0..V-2 (root = V-2), and each word
// gets its path from the root: the inner nodes it passes (points) and the branch taken at each
// (code bits). Frequent words get short paths, so the expected path length is minimal.
#include <cstdint>
#include <vector>

namespace embedlab {

class HuffmanTree {
 public:
  HuffmanTree() = default;
  // counts: (V) any order (ties are broken by index, so the tree is deterministic).
  explicit HuffmanTree(const std::vector<int64_t>& counts);

  int64_t size() const { return static_cast<int64_t>(offsets_.size()) - 1; }  // V
  int innerNodes() const { return size() > 0 ? static_cast<int>(size() - 1) : 0; }
  int codeLength(int64_t word) const { return static_cast<int>(offsets_[word + 1] - offsets_[word]); }
  // Root first; codes in {0,1}, points in [0, V-2].
  const uint8_t* codes(int64_t word) const { return codes_.data() + offsets_[word]; }
  const int32_t* points(int64_t word) const { return points_.data() + offsets_[word]; }
  int maxCodeLength() const { return maxLength_; }

 private:
  std::vector<int64_t> offsets_;  // (V+1) start of each word's path in codes_/points_
  std::vector<uint8_t> codes_;
  std::vector<int32_t> points_;
  int maxLength_ = 0;
};

}  // namespace embedlab
