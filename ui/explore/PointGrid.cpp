#include "ui/explore/PointGrid.h"

#include <algorithm>
#include <cmath>

namespace embedlab::ui {

namespace {
constexpr int kMaxCellsPerAxis = 1024;
}

void PointGrid::clear() {
  points_ = 0;
  columns_ = rows_ = 0;
  start_.clear();
  items_.clear();
}

void PointGrid::build(const float* xy, int n, const std::vector<int>& order, int targetPerCell) {
  clear();
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  int finite = 0;
  for (int i = 0; i < n; ++i) {
    const double x = xy[2 * i], y = xy[2 * i + 1];
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    ++finite;
    x0 = std::min(x0, x);
    x1 = std::max(x1, x);
    y0 = std::min(y0, y);
    y1 = std::max(y1, y);
  }
  if (finite == 0) return;
  // A degenerate extent (one point, a line) still gets a grid of positive size.
  double w = x1 - x0, h = y1 - y0;
  const double pad = std::max({w, h, 1e-12}) * 1e-6 + 1e-12;
  if (w <= 0) w = std::max(h, 1e-6);
  if (h <= 0) h = std::max(w, 1e-6);
  minX_ = x0;
  minY_ = y0;
  dataMaxX_ = x1;
  dataMaxY_ = y1;
  maxX_ = x0 + w + pad;
  maxY_ = y0 + h + pad;
  // About targetPerCell points per cell on average, cells roughly square in data units.
  const double cells = std::max(1.0, double(finite) / std::max(1, targetPerCell));
  columns_ = std::clamp(int(std::lround(std::sqrt(cells * w / h))), 1, kMaxCellsPerAxis);
  rows_ = std::clamp(int(std::lround(cells / columns_)), 1, kMaxCellsPerAxis);
  cellW_ = (maxX_ - minX_) / columns_;
  cellH_ = (maxY_ - minY_) / rows_;

  // Counting sort by cell, visiting points in priority order: the sort is stable, so every cell
  // lists its points most important first.
  std::vector<int> cellOf(n, -1);
  start_.assign(size_t(columns_) * rows_ + 1, 0);
  for (int i = 0; i < n; ++i) {
    const double x = xy[2 * i], y = xy[2 * i + 1];
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    const int c = std::clamp(int((x - minX_) / cellW_), 0, columns_ - 1);
    const int r = std::clamp(int((y - minY_) / cellH_), 0, rows_ - 1);
    cellOf[i] = cell(c, r);
    ++start_[cellOf[i] + 1];
  }
  for (size_t t = 1; t < start_.size(); ++t) start_[t] += start_[t - 1];
  items_.assign(finite, 0);
  std::vector<int> fill(start_.begin(), start_.end() - 1);
  auto place = [&](int i) {
    if (i < 0 || i >= n || cellOf[i] < 0) return;
    items_[fill[cellOf[i]]++] = i;
    cellOf[i] = -1;  // placed: a repeated index in `order` is ignored
  };
  auto rest = [&] {
    for (int i = 0; i < n; ++i) place(i);  // anything `order` left out, in index order
  };
  for (int i : order) place(i);
  rest();
  points_ = finite;
}

PointGrid::Range PointGrid::cellsIn(double x0, double y0, double x1, double y1) const {
  Range r;
  if (empty() || !(x1 >= minX_) || !(x0 <= maxX_) || !(y1 >= minY_) || !(y0 <= maxY_)) return r;
  // Clamp in double before converting: a far zoom can put the rectangle at huge cell numbers.
  auto column = [this](double x) { return int(std::clamp(std::floor((x - minX_) / cellW_), 0.0, double(columns_ - 1))); };
  auto row = [this](double y) { return int(std::clamp(std::floor((y - minY_) / cellH_), 0.0, double(rows_ - 1))); };
  r.c0 = column(x0);
  r.c1 = column(x1);
  r.r0 = row(y0);
  r.r1 = row(y1);
  return r;
}

}  // namespace embedlab::ui
