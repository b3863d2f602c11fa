#include "ui/explore/LabelPlacer.h"

#include <algorithm>
#include <cmath>

namespace embedlab::ui {

LabelPlacer::LabelPlacer(const QRectF& bounds, double bucket) : bounds_(bounds), bucket_(std::max(4.0, bucket)) {
  columns_ = std::max(1, int(std::ceil(bounds_.width() / bucket_)));
  rows_ = std::max(1, int(std::ceil(bounds_.height() / bucket_)));
  buckets_.resize(size_t(columns_) * rows_);
}

void LabelPlacer::bucketRange(const QRectF& rect, int& c0, int& r0, int& c1, int& r1) const {
  auto col = [this](double x) { return std::clamp(int(std::floor((x - bounds_.left()) / bucket_)), 0, columns_ - 1); };
  auto row = [this](double y) { return std::clamp(int(std::floor((y - bounds_.top()) / bucket_)), 0, rows_ - 1); };
  c0 = col(rect.left());
  c1 = col(rect.right());
  r0 = row(rect.top());
  r1 = row(rect.bottom());
}

bool LabelPlacer::isFree(const QRectF& rect) const {
  if (!bounds_.contains(rect)) return false;
  int c0, r0, c1, r1;
  bucketRange(rect, c0, r0, c1, r1);
  for (int r = r0; r <= r1; ++r)
    for (int c = c0; c <= c1; ++c)
      for (int i : buckets_[size_t(r) * columns_ + c])
        if (all_[i].intersects(rect)) return false;
  return true;
}

void LabelPlacer::add(const QRectF& rect) {
  const int id = int(all_.size());
  all_.push_back(rect);
  int c0, r0, c1, r1;
  bucketRange(rect, c0, r0, c1, r1);
  for (int r = r0; r <= r1; ++r)
    for (int c = c0; c <= c1; ++c) buckets_[size_t(r) * columns_ + c].push_back(id);
}

void LabelPlacer::reserve(const QRectF& rect) {
  if (rect.intersects(bounds_)) add(rect.intersected(bounds_));
}

bool LabelPlacer::place(const QPointF& anchor, const QSizeF& size, double gap, QRectF* placed) {
  const double w = size.width(), h = size.height();
  const QRectF candidates[] = {
      QRectF(anchor.x() + gap, anchor.y() - h / 2, w, h),          // right
      QRectF(anchor.x() - gap - w, anchor.y() - h / 2, w, h),      // left
      QRectF(anchor.x() - w / 2, anchor.y() - gap - h, w, h),      // above
      QRectF(anchor.x() - w / 2, anchor.y() + gap, w, h),          // below
  };
  for (const QRectF& r : candidates) {
    if (!isFree(r)) continue;
    add(r);
    rects_.push_back(r);
    if (placed) *placed = r;
    return true;
  }
  return false;
}

}  // namespace embedlab::ui
