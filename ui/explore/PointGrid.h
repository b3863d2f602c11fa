#pragma once
// A uniform grid over the points of a 2-D map, so that painting and hit-testing touch only the
// cells in view. Cells are stored compactly (CSR: a start offset per cell, then the point indices)
// and list their points in priority order (most important first, e.g. by frequency rank), so the
// first m points of a cell are the m most important: the map thins a dense cell by drawing a prefix.
// Plain C++ over plain buffers; rebuilt in O(n) when the coordinates change (t-SNE animation).
#include <cstdint>
#include <vector>

namespace embedlab::ui {

class PointGrid {
 public:
  struct Range {
    int c0 = 0, r0 = 0, c1 = -1, r1 = -1;  // inclusive cell columns and rows
    bool empty() const { return c1 < c0 || r1 < r0; }
  };

  // xy: (n, 2) row-major data coordinates; order: the n point indices, most important first
  // (empty = index order). Non-finite points are left out of every cell.
  void build(const float* xy, int n, const std::vector<int>& order, int targetPerCell = 8);
  void clear();

  bool empty() const { return points_ == 0; }
  int points() const { return points_; }   // indexed points (finite ones)
  int columns() const { return columns_; }
  int rows() const { return rows_; }
  // Bounds of the indexed points (the grid itself extends a little further).
  double minX() const { return minX_; }
  double minY() const { return minY_; }
  double maxX() const { return dataMaxX_; }
  double maxY() const { return dataMaxY_; }
  double cellWidth() const { return cellW_; }
  double cellHeight() const { return cellH_; }

  // The cells overlapping the data rectangle [x0, x1] x [y0, y1] (clamped to the grid).
  Range cellsIn(double x0, double y0, double x1, double y1) const;
  // Points of one cell, most important first.
  const int* cellBegin(int column, int row) const { return items_.data() + start_[cell(column, row)]; }
  const int* cellEnd(int column, int row) const { return items_.data() + start_[cell(column, row) + 1]; }
  int cellSize(int column, int row) const { return start_[cell(column, row) + 1] - start_[cell(column, row)]; }

  // Calls f(index) for every point in a cell that overlaps the rectangle (a superset of the
  // points inside it: the caller tests the exact condition).
  template <class F>
  void forEachNear(double x0, double y0, double x1, double y1, F&& f) const {
    const Range r = cellsIn(x0, y0, x1, y1);
    for (int row = r.r0; row <= r.r1; ++row)
      for (int col = r.c0; col <= r.c1; ++col)
        for (const int* p = cellBegin(col, row), *e = cellEnd(col, row); p != e; ++p) f(*p);
  }

 private:
  int cell(int column, int row) const { return row * columns_ + column; }

  int points_ = 0;
  int columns_ = 0, rows_ = 0;
  double minX_ = 0, minY_ = 0, maxX_ = 0, maxY_ = 0, cellW_ = 1, cellH_ = 1;
  double dataMaxX_ = 0, dataMaxY_ = 0;
  std::vector<int> start_;  // (columns * rows + 1) offsets into items_
  std::vector<int> items_;  // (points) point indices grouped by cell
};

}  // namespace embedlab::ui
