#include "core/project/QuadTree.h"

#include <algorithm>
#include <cmath>

namespace embedlab {

namespace {
// Deeper than this, cells are narrower than double precision can separate for coordinates of
// t-SNE's size; points that still share a cell (duplicates) are summed one by one in the leaf.
constexpr int kMaxDepth = 48;
constexpr int64_t kLeafSize = 1;
}  // namespace

void QuadTree::build(const double* y, int64_t n) {
  y_ = y;
  nodes_.clear();
  nodes_.reserve(size_t(2 * n + 8));
  order_.resize(n);
  for (int64_t i = 0; i < n; ++i) order_[i] = i;
  double minX = y[0], maxX = y[0], minY = y[1], maxY = y[1];
  for (int64_t i = 1; i < n; ++i) {
    minX = std::min(minX, y[2 * i]);
    maxX = std::max(maxX, y[2 * i]);
    minY = std::min(minY, y[2 * i + 1]);
    maxY = std::max(maxY, y[2 * i + 1]);
  }
  Node root;
  root.cx = 0.5 * (minX + maxX);
  root.cy = 0.5 * (minY + maxY);
  // A little margin so that the points on the max edge are strictly inside.
  root.half = 0.5 * std::max(maxX - minX, maxY - minY) * (1 + 1e-9) + 1e-300;
  root.begin = 0;
  root.end = n;
  nodes_.push_back(root);
  buildNode(0, 0);
}

void QuadTree::buildNode(int32_t id, int depth) {
  const int64_t begin = nodes_[id].begin, end = nodes_[id].end;
  nodes_[id].count = end - begin;
  if (end - begin <= kLeafSize || depth >= kMaxDepth) {
    double sx = 0, sy = 0;
    for (int64_t t = begin; t < end; ++t) {
      sx += y_[2 * order_[t]];
      sy += y_[2 * order_[t] + 1];
    }
    const double c = double(std::max<int64_t>(1, end - begin));
    nodes_[id].comX = sx / c;
    nodes_[id].comY = sy / c;
    return;
  }
  const double cx = nodes_[id].cx, cy = nodes_[id].cy, h = nodes_[id].half;
  // Quadrant q = (x >= cx) + 2 (y >= cy): split on y, then each half on x.
  auto first = order_.begin() + begin, last = order_.begin() + end;
  auto midY = std::partition(first, last, [&](int64_t i) { return y_[2 * i + 1] < cy; });
  auto midLow = std::partition(first, midY, [&](int64_t i) { return y_[2 * i] < cx; });
  auto midHigh = std::partition(midY, last, [&](int64_t i) { return y_[2 * i] < cx; });
  const int64_t bounds[5] = {begin, midLow - order_.begin(), midY - order_.begin(),
                             midHigh - order_.begin(), end};
  const int32_t firstChild = int32_t(nodes_.size());
  nodes_[id].firstChild = firstChild;
  for (int q = 0; q < 4; ++q) {
    Node child;
    child.half = 0.5 * h;
    child.cx = cx + ((q & 1) ? 0.5 : -0.5) * h;
    child.cy = cy + ((q & 2) ? 0.5 : -0.5) * h;
    child.begin = bounds[q];
    child.end = bounds[q + 1];
    nodes_.push_back(child);
  }
  double sx = 0, sy = 0;
  for (int q = 0; q < 4; ++q) {
    const int32_t c = firstChild + q;
    if (nodes_[c].end > nodes_[c].begin) buildNode(c, depth + 1);
    sx += nodes_[c].comX * double(nodes_[c].count);
    sy += nodes_[c].comY * double(nodes_[c].count);
  }
  nodes_[id].comX = sx / double(end - begin);
  nodes_[id].comY = sy / double(end - begin);
}

double QuadTree::repulsion(int64_t i, double theta, double force[2]) const {
  const double xi = y_[2 * i], yi = y_[2 * i + 1];
  const double theta2 = theta * theta;
  double z = 0, fx = 0, fy = 0;
  int32_t stack[4 * kMaxDepth + 8];
  int top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const Node& node = nodes_[stack[--top]];
    if (node.count == 0) continue;
    if (node.firstChild < 0) {
      for (int64_t t = node.begin; t < node.end; ++t) {
        const int64_t j = order_[t];
        if (j == i) continue;
        const double dx = xi - y_[2 * j], dy = yi - y_[2 * j + 1];
        const double w = 1.0 / (1.0 + dx * dx + dy * dy);
        z += w;
        fx += w * w * dx;
        fy += w * w * dy;
      }
      continue;
    }
    const double dx = xi - node.comX, dy = yi - node.comY;
    const double dist2 = dx * dx + dy * dy;
    const double width = 2 * node.half;
    // A cell that contains the point itself is always opened (it must not repel itself).
    const bool inside = std::abs(xi - node.cx) <= node.half && std::abs(yi - node.cy) <= node.half;
    if (!inside && width * width < theta2 * dist2) {
      const double w = 1.0 / (1.0 + dist2);
      const double c = double(node.count);
      z += c * w;
      fx += c * w * w * dx;
      fy += c * w * w * dy;
    } else {
      for (int q = 3; q >= 0; --q) stack[top++] = node.firstChild + q;
    }
  }
  force[0] = fx;
  force[1] = fy;
  return z;
}

}  // namespace embedlab
