#pragma once
// Barnes-Hut quadtree over 2-D points, for the repulsive forces of t-SNE. Built by recursive
// in-place partitioning of an index array (deterministic, O(n log n)); a cell far enough from
// a point (cell width / distance < theta) acts as one body at its centre of mass.
#include <cstdint>
#include <vector>

namespace embedlab {

class QuadTree {
 public:
  // y: (n, 2) row-major; must outlive the tree.
  void build(const double* y, int64_t n);

  // Repulsion on point i (whose position is y[i]): returns sum_j w_ij with w = 1/(1 + d^2), and
  // sets force = sum_j w_ij^2 (y_i - y_j), both over j != i, cells summarised when
  // width / distance < theta. theta = 0 is the exact O(n) sum.
  double repulsion(int64_t i, double theta, double force[2]) const;

 private:
  struct Node {
    double cx, cy, half;     // square cell: centre and half width
    double comX = 0, comY = 0;  // centre of mass
    int64_t count = 0;
    int64_t begin = 0, end = 0;  // range of order_ (the points below this node)
    int32_t firstChild = -1;     // index of 4 consecutive children, -1 for a leaf
  };
  void buildNode(int32_t node, int depth);

  const double* y_ = nullptr;
  std::vector<Node> nodes_;
  std::vector<int64_t> order_;
};

}  // namespace embedlab
