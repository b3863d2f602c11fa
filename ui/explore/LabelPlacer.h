#pragma once
// Greedy label placement without overlap: labels are offered in priority order (the caller sorts
// them, e.g. selected points first, then by frequency rank); each tries a few positions around its
// point and takes the first whose rectangle is free. Occupied rectangles are kept in a coarse
// occupancy grid of buckets, so a test looks only at the rectangles in the buckets it covers
// (O(1) per label for the few hundred labels a view shows, instead of O(labels)).
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace embedlab::ui {

class LabelPlacer {
 public:
  // bounds: the area labels must stay inside (the widget); bucket: occupancy cell size in pixels.
  explicit LabelPlacer(const QRectF& bounds, double bucket = 40);

  // Tries right, left, above and below the anchor (gap pixels away). Returns false when every
  // position overlaps a placed rectangle or leaves the bounds.
  bool place(const QPointF& anchor, const QSizeF& size, double gap, QRectF* placed = nullptr);
  // Whether a rectangle is inside the bounds and overlaps nothing placed or reserved.
  bool isFree(const QRectF& rect) const;
  // Marks an area as taken without a label (e.g. the marker of the selected point).
  void reserve(const QRectF& rect);

  const std::vector<QRectF>& placed() const { return rects_; }  // labels only, in placement order

 private:
  void add(const QRectF& rect);
  void bucketRange(const QRectF& rect, int& c0, int& r0, int& c1, int& r1) const;

  QRectF bounds_;
  double bucket_;
  int columns_, rows_;
  std::vector<QRectF> all_;               // labels and reserved areas
  std::vector<std::vector<int>> buckets_; // (rows * columns) indices into all_
  std::vector<QRectF> rects_;
};

}  // namespace embedlab::ui
