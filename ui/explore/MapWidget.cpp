#include "ui/explore/MapWidget.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEvent>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>
#include <numeric>

#include "ui/charts/ChartExport.h"
#include "ui/explore/LabelPlacer.h"
#include "ui/explore/MapPalette.h"

namespace embedlab::ui {

namespace {

constexpr double kFitMargin = 28;           // pixels around the fitted map (room for labels)
constexpr double kMinZoom = 0.02;           // relative to the fitted scale
constexpr double kMaxZoom = 1e5;
constexpr int kManyPoints = 40000;          // above this many drawn points, smaller discs
constexpr QRgb kHighlightOutline = 0xff202020;

// One pixel of an anti-aliased disc: offset from the centre pixel and coverage 1..255.
struct Tap {
  int dx, dy, alpha;
};

// Taps of a disc of radius r pixels (coverage by 4x4 supersampling), or of the ring between r
// and r + width when width > 0.
std::vector<Tap> discTaps(double r, double width = 0) {
  std::vector<Tap> taps;
  const double outer = r + width;
  const int e = int(std::ceil(outer + 0.5));
  for (int dy = -e; dy <= e; ++dy)
    for (int dx = -e; dx <= e; ++dx) {
      int inside = 0;
      for (int sy = 0; sy < 4; ++sy)
        for (int sx = 0; sx < 4; ++sx) {
          const double x = dx - 0.375 + sx * 0.25, y = dy - 0.375 + sy * 0.25;
          const double d = std::sqrt(x * x + y * y);
          inside += width > 0 ? (d >= r && d <= outer) : (d <= r);
        }
      if (inside > 0) taps.push_back({dx, dy, inside * 255 / 16});
    }
  return taps;
}

// x * a + y * (255 - a) per 8-bit channel, two channels per multiply (premultiplied ARGB).
inline QRgb interpolate255(QRgb x, int a, QRgb y) {
  const int b = 255 - a;
  uint32_t t = (x & 0xff00ff) * a + (y & 0xff00ff) * b;
  t = ((t + ((t >> 8) & 0xff00ff) + 0x800080) >> 8) & 0xff00ff;
  uint32_t u = ((x >> 8) & 0xff00ff) * a + ((y >> 8) & 0xff00ff) * b;
  u = (u + ((u >> 8) & 0xff00ff) + 0x800080) & 0xff00ff00;
  return u | t;
}

// Stamps taps centred on pixel (cx, cy) in an opaque colour.
void stamp(QImage& image, int cx, int cy, const std::vector<Tap>& taps, int extent, QRgb color) {
  const int w = image.width(), h = image.height();
  if (cx + extent < 0 || cy + extent < 0 || cx - extent >= w || cy - extent >= h) return;
  const bool inside = cx - extent >= 0 && cy - extent >= 0 && cx + extent < w && cy + extent < h;
  const qsizetype stride = image.bytesPerLine() / 4;
  QRgb* bits = reinterpret_cast<QRgb*>(image.bits());
  color |= 0xff000000u;
  for (const Tap& t : taps) {
    const int x = cx + t.dx, y = cy + t.dy;
    if (!inside && (x < 0 || y < 0 || x >= w || y >= h)) continue;
    QRgb* p = bits + y * stride + x;
    *p = t.alpha >= 255 ? color : interpolate255(color, t.alpha, *p);
  }
}

int extentOf(const std::vector<Tap>& taps) {
  int e = 0;
  for (const Tap& t : taps) e = std::max({e, std::abs(t.dx), std::abs(t.dy)});
  return e;
}

}  // namespace

MapWidget::MapWidget(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setToolTip(QString());  // tooltips are per point (see mouseMoveEvent)
}

MapWidget::~MapWidget() = default;

void MapWidget::setOptions(const Options& options) {
  options_ = options;
  invalidate();
}

void MapWidget::clear() { setPoints({}, {}, {}); }

void MapWidget::setPoints(std::vector<float> xy, QStringList labels, std::vector<int> priority) {
  const int n = int(labels.size());
  xy_ = std::move(xy);
  xy_.resize(size_t(n) * 2, 0.0f);
  labels_ = std::move(labels);
  if (int(priority.size()) != n) {
    priority.resize(n);
    std::iota(priority.begin(), priority.end(), 0);
  }
  priority_ = std::move(priority);
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0);
  std::stable_sort(order_.begin(), order_.end(), [this](int a, int b) { return priority_[a] < priority_[b]; });
  maxPriority_ = n ? *std::max_element(priority_.begin(), priority_.end()) : 0;
  labelWidths_.assign(n, -1.0f);
  clusters_.clear();
  highlight_.clear();
  isHighlighted_.assign(n, 0);
  selection_.clear();
  isSelected_.assign(n, 0);
  current_ = linkFrom_ = hover_ = -1;
  linkTo_.clear();
  isLinked_.assign(n, 0);
  updateFocus();
  recolor();
  rebuildIndex();
  resetView();
}

void MapWidget::setCoordinates(std::vector<float> xy) {
  if (xy.size() != xy_.size()) return;  // a different map: the caller uses setPoints
  xy_ = std::move(xy);
  rebuildIndex();
  if (followMap_) fitView();
  invalidate();
}

void MapWidget::rebuildIndex() { grid_.build(xy_.data(), count(), order_); }

void MapWidget::recolor() {
  const int n = count();
  colors_.resize(n);
  const bool byCluster = colorMode_ == ColorMode::Cluster && int(clusters_.size()) == n;
  // Rank on a log scale: the head of a Zipf vocabulary spans most of the ramp.
  const double top = std::log1p(double(std::max(1, maxPriority_)));
  for (int i = 0; i < n; ++i)
    colors_[i] = byCluster ? MapPalette::category(clusters_[i]) : MapPalette::ramp(std::log1p(double(priority_[i])) / top);
  invalidate();
}

void MapWidget::setColorMode(ColorMode mode) {
  colorMode_ = mode;
  recolor();
}

void MapWidget::setClusters(std::vector<int> clusters) {
  clusters_ = std::move(clusters);
  if (int(clusters_.size()) != count()) clusters_.clear();
  recolor();
}

void MapWidget::setHighlight(std::vector<int> points) {
  const int n = count();
  points.erase(std::remove_if(points.begin(), points.end(), [n](int p) { return p < 0 || p >= n; }), points.end());
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  highlight_ = std::move(points);
  isHighlighted_.assign(n, 0);
  for (int p : highlight_) isHighlighted_[p] = 1;
  updateFocus();
}

void MapWidget::setLinks(int from, std::vector<int> to) {
  const int n = count();
  if (from < 0 || from >= n) {
    linkFrom_ = -1;
    linkTo_.clear();
  } else {
    linkFrom_ = from;
    to.erase(std::remove_if(to.begin(), to.end(), [n](int p) { return p < 0 || p >= n; }), to.end());
    std::sort(to.begin(), to.end());
    to.erase(std::unique(to.begin(), to.end()), to.end());
    linkTo_ = std::move(to);
  }
  isLinked_.assign(n, 0);
  for (int p : linkTo_) isLinked_[p] = 1;
  updateFocus();
}

void MapWidget::setSelection(std::vector<int> points) {
  const int n = count();
  points.erase(std::remove_if(points.begin(), points.end(), [n](int p) { return p < 0 || p >= n; }), points.end());
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  selection_ = std::move(points);
  isSelected_.assign(n, 0);
  for (int p : selection_) isSelected_[p] = 1;
  if (current_ >= 0 && !isSelected_[current_]) current_ = -1;
  updateFocus();
}

void MapWidget::clickPoint(int point) {
  if (point < 0 || point >= count()) point = -1;
  current_ = -1;
  setSelection(point >= 0 ? std::vector<int>{point} : std::vector<int>{});
  current_ = point;
  updateFocus();
  emit pointClicked(point);
  emit selectionChanged();
}

void MapWidget::updateFocus() {
  const int n = count();
  inFocus_.assign(n, 0);
  for (int p : selection_) inFocus_[p] = 1;
  for (int p : highlight_) inFocus_[p] = 1;
  for (int p : linkTo_) inFocus_[p] = 1;
  if (linkFrom_ >= 0) inFocus_[linkFrom_] = 1;
  if (current_ >= 0) inFocus_[current_] = 1;
  anyFocus_ = std::find(inFocus_.begin(), inFocus_.end(), 1) != inFocus_.end();
  if (hover_ >= 0 && !isShown(hover_)) hover_ = -1;
  invalidate();
}

void MapWidget::setIsolated(bool isolated) {
  if (isolated_ == isolated) return;
  isolated_ = isolated;
  if (hover_ >= 0 && !isShown(hover_)) hover_ = -1;
  resetView();
}

bool MapWidget::isShown(int point) const {
  if (point < 0 || point >= count()) return false;
  return !isolated_ || !anyFocus_ || inFocus_[point];
}

// ---- view -------------------------------------------------------------------------------------

MapWidget::View MapWidget::view(QSizeF size) const {
  View v;
  v.size = size.isEmpty() ? QSizeF(this->size()) : size;
  v.center = center_;
  v.scale = scale_;
  return v;
}

QPointF MapWidget::mapToWidget(const QPointF& data) const { return view().toWidget(data.x(), data.y()); }

QPointF MapWidget::mapToData(const QPointF& w) const {
  return QPointF(center_.x() + (w.x() - width() / 2.0) / scale_, center_.y() - (w.y() - height() / 2.0) / scale_);
}

QPointF MapWidget::pointPosition(int point) const {
  if (point < 0 || point >= count()) return QPointF();
  return view().toWidget(xy_[2 * size_t(point)], xy_[2 * size_t(point) + 1]);
}

void MapWidget::fitView() {
  // Bounds of what is shown: the focus set when isolated, otherwise every finite point.
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  if (isolated_ && anyFocus_) {
    for (int i = 0; i < count(); ++i) {
      if (!inFocus_[i] || !std::isfinite(xy_[2 * i]) || !std::isfinite(xy_[2 * i + 1])) continue;
      x0 = std::min(x0, double(xy_[2 * i]));
      x1 = std::max(x1, double(xy_[2 * i]));
      y0 = std::min(y0, double(xy_[2 * i + 1]));
      y1 = std::max(y1, double(xy_[2 * i + 1]));
    }
  } else if (!grid_.empty()) {
    x0 = grid_.minX();
    x1 = grid_.maxX();
    y0 = grid_.minY();
    y1 = grid_.maxY();
  }
  if (!(x1 >= x0) || !(y1 >= y0)) {
    center_ = QPointF();
    scale_ = 1;
    return;
  }
  const double w = std::max(1.0, width() > 4 * kFitMargin ? width() - 2 * kFitMargin : width() * 0.8);
  const double h = std::max(1.0, height() > 4 * kFitMargin ? height() - 2 * kFitMargin : height() * 0.8);
  const double bw = x1 - x0, bh = y1 - y0;
  double s = std::min(bw > 0 ? w / bw : INFINITY, bh > 0 ? h / bh : INFINITY);
  if (!std::isfinite(s) || s <= 0) s = 1;  // one point: any scale shows it
  center_ = QPointF((x0 + x1) / 2, (y0 + y1) / 2);
  scale_ = s;
}

void MapWidget::resetView() {
  followMap_ = true;
  fitView();
  invalidate();
}

void MapWidget::zoomBy(double factor, const QPointF& anchor) {
  if (!(factor > 0) || !std::isfinite(factor)) return;
  const QPointF d = mapToData(anchor);
  // Zoom limits relative to the fitted view, so a wheel spun too far cannot lose the map.
  const QPointF savedCenter = center_;
  const double savedScale = scale_;
  const bool savedFollow = followMap_;
  fitView();
  const double fit = scale_;
  center_ = savedCenter;
  followMap_ = savedFollow;
  scale_ = std::clamp(savedScale * factor, fit * kMinZoom, fit * kMaxZoom);
  // Keep d under the anchor: anchor = size / 2 + (d - center) * scale (y flipped).
  center_ = QPointF(d.x() - (anchor.x() - width() / 2.0) / scale_, d.y() + (anchor.y() - height() / 2.0) / scale_);
  followMap_ = false;
  invalidate();
}

void MapWidget::panBy(const QPointF& pixels) {
  center_ += QPointF(-pixels.x() / scale_, pixels.y() / scale_);
  followMap_ = false;
  invalidate();
}

void MapWidget::centerOn(int point) {
  if (point < 0 || point >= count() || !std::isfinite(xy_[2 * point]) || !std::isfinite(xy_[2 * point + 1])) return;
  center_ = QPointF(xy_[2 * point], xy_[2 * point + 1]);
  followMap_ = false;
  invalidate();
}

int MapWidget::pointAt(const QPointF& w, double radius) const {
  if (radius < 0) radius = options_.hitRadius;
  const QPointF d = mapToData(w);
  const double r = radius / scale_;
  int best = -1;
  double bestD = radius * radius;
  const View v = view();
  grid_.forEachNear(d.x() - r, d.y() - r, d.x() + r, d.y() + r, [&](int i) {
    if (!isShown(i)) return;
    const QPointF q = v.toWidget(xy_[2 * i], xy_[2 * i + 1]);
    const double dd = (q.x() - w.x()) * (q.x() - w.x()) + (q.y() - w.y()) * (q.y() - w.y());
    // Ties (stacked points) go to the more important point, which is the one drawn labelled.
    if (dd < bestD || (dd == bestD && best >= 0 && priority_[i] < priority_[best])) {
      bestD = dd;
      best = i;
    }
  });
  return best;
}

std::vector<int> MapWidget::pointsIn(const QRectF& rect) const {
  std::vector<int> out;
  const QRectF r = rect.normalized();
  const QPointF a = mapToData(r.topLeft()), b = mapToData(r.bottomRight());
  const View v = view();
  grid_.forEachNear(std::min(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.x(), b.x()), std::max(a.y(), b.y()),
                    [&](int i) {
                      if (isShown(i) && r.contains(v.toWidget(xy_[2 * i], xy_[2 * i + 1]))) out.push_back(i);
                    });
  std::sort(out.begin(), out.end());
  return out;
}

// ---- painting ---------------------------------------------------------------------------------

void MapWidget::invalidate() {
  layerDirty_ = true;
  update();
}

MapWidget::DrawList MapWidget::drawList(const View& v) const {
  DrawList list;
  list.radius = options_.pointRadius;
  if (grid_.empty() || !(v.scale > 0)) return list;
  const double m = options_.pointRadius + 2;  // points just outside still show their edge
  const double x0 = v.center.x() - (v.size.width() / 2 + m) / v.scale;
  const double x1 = v.center.x() + (v.size.width() / 2 + m) / v.scale;
  const double y0 = v.center.y() - (v.size.height() / 2 + m) / v.scale;
  const double y1 = v.center.y() + (v.size.height() / 2 + m) / v.scale;
  const PointGrid::Range range = grid_.cellsIn(x0, y0, x1, y1);
  // Level of detail: a cell shows at most one point per spacing^2 pixels of its area, its most
  // important points first (cells list them by priority).
  const double cellPixels = grid_.cellWidth() * v.scale * grid_.cellHeight() * v.scale;
  const double capacity = std::max(1.0, std::floor(cellPixels / (options_.denseSpacing * options_.denseSpacing)));
  const int cap = capacity > 1e9 ? std::numeric_limits<int>::max() : int(capacity);
  auto inView = [&](int i) {
    const double x = xy_[2 * i], y = xy_[2 * i + 1];
    return x >= x0 && x <= x1 && y >= y0 && y <= y1;
  };
  // Highlighted points are never thinned, unless there are so many (a search matching most of a
  // large map) that they are the map: then they share the cells' budget like the rest.
  const bool thinHighlight = int(highlight_.size()) > kManyPoints;
  if (!range.empty()) {
    for (int row = range.r0; row <= range.r1; ++row)
      for (int col = range.c0; col <= range.c1; ++col) {
        int taken = 0;
        for (const int* p = grid_.cellBegin(col, row), *e = grid_.cellEnd(col, row); p != e && taken < cap; ++p) {
          const int i = *p;
          if ((isHighlighted_[i] && !thinHighlight) || isLinked_[i] || !isShown(i)) continue;
          ++taken;
          if (inView(i)) (isHighlighted_[i] ? list.highlighted : list.normal).push_back(i);
        }
      }
  }
  if (!thinHighlight)
    for (int i : highlight_)
      if (isShown(i) && inView(i)) list.highlighted.push_back(i);
  for (int i : linkTo_)
    if (!isHighlighted_[i] && isShown(i) && inView(i)) list.highlighted.push_back(i);
  if (int(list.normal.size()) > kManyPoints) list.radius = options_.pointRadius * 0.7;
  return list;
}

void MapWidget::stampPoints(QImage& image, const View& v, const DrawList& list) const {
  const double dpr = image.devicePixelRatio();
  const std::vector<Tap> disc = discTaps(list.radius * dpr);
  const std::vector<Tap> bigDisc = discTaps((list.radius + 1.2) * dpr);
  const std::vector<Tap> ring = discTaps((list.radius + 1.2) * dpr, 1.1 * dpr);
  const int e = extentOf(disc), eb = extentOf(bigDisc), er = extentOf(ring);
  const bool fade = !highlight_.empty();
  auto pixel = [&](int i, int& px, int& py) {
    const QPointF q = v.toWidget(xy_[2 * i], xy_[2 * i + 1]);
    px = int(std::lround(q.x() * dpr));
    py = int(std::lround(q.y() * dpr));
  };
  int px, py;
  for (int i : list.normal) {
    pixel(i, px, py);
    stamp(image, px, py, disc, e, fade ? MapPalette::faded(colors_[i]) : colors_[i]);
  }
  for (int i : list.highlighted) {
    pixel(i, px, py);
    stamp(image, px, py, bigDisc, eb, colors_[i]);
    stamp(image, px, py, ring, er, kHighlightOutline);
  }
}

void MapWidget::paintPointsVector(QPainter& p, const View& v, const DrawList& list) const {
  const bool fade = !highlight_.empty();
  p.setPen(Qt::NoPen);
  for (int i : list.normal) {
    p.setBrush(QColor::fromRgb(fade ? MapPalette::faded(colors_[i]) : colors_[i]));
    p.drawEllipse(v.toWidget(xy_[2 * i], xy_[2 * i + 1]), list.radius, list.radius);
  }
  p.setPen(QPen(QColor::fromRgb(kHighlightOutline), 1.1));
  for (int i : list.highlighted) {
    p.setBrush(QColor::fromRgb(colors_[i]));
    p.drawEllipse(v.toWidget(xy_[2 * i], xy_[2 * i + 1]), list.radius + 1.2, list.radius + 1.2);
  }
}

double MapWidget::labelWidth(int point, const QFontMetricsF& metrics) const {
  if (labelWidths_[point] < 0) labelWidths_[point] = float(metrics.horizontalAdvance(labels_[point]));
  return labelWidths_[point];
}

QFont MapWidget::labelFont() const {
  // A little smaller than the widget's font: labels are many and secondary to the points.
  QFont f = font();
  if (f.pointSizeF() > 0) f.setPointSizeF(f.pointSizeF() * 0.9);
  else if (f.pixelSize() > 0) f.setPixelSize(std::max(6, int(f.pixelSize() * 0.9)));
  return f;
}

MapWidget::Frame MapWidget::paintOverlay(QPainter& p, const View& v, const DrawList& list) const {
  Frame frame;
  frame.drawnPoints = int(list.normal.size() + list.highlighted.size());
  frame.highlightedPoints = int(list.highlighted.size());
  const double r = list.radius;
  auto pos = [&](int i) { return v.toWidget(xy_[2 * i], xy_[2 * i + 1]); };
  const QRectF bounds(QPointF(0, 0), v.size);
  auto visible = [&](int i) { return isShown(i) && bounds.adjusted(-r, -r, r, r).contains(pos(i)); };

  // Lines from the current point to its neighbours in the original space.
  if (linkFrom_ >= 0 && isShown(linkFrom_)) {
    p.setPen(QPen(QColor(60, 60, 60, 150), 1.2));
    for (int t : linkTo_)
      if (isShown(t)) p.drawLine(pos(linkFrom_), pos(t));
  }
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(QColor(214, 39, 40), 1.6));
  for (int i : selection_)
    if (visible(i)) p.drawEllipse(pos(i), r + 3.5, r + 3.5);
  if (current_ >= 0 && visible(current_)) {
    p.setPen(QPen(Qt::black, 2.2));
    p.drawEllipse(pos(current_), r + 5.5, r + 5.5);
  }

  // Labels: the current point, the selection and the highlighted set first, then the drawn
  // points by priority; greedy, never overlapping.
  const QFont font = labelFont();
  const QFontMetricsF fm(font);
  const double textHeight = fm.height();
  std::vector<int> candidates;
  std::vector<char> seen(count(), 0);
  auto offer = [&](int i) {
    if (i >= 0 && !seen[i] && visible(i)) {
      seen[i] = 1;
      candidates.push_back(i);
    }
  };
  auto byPriority = [this](int a, int b) { return priority_[a] < priority_[b]; };
  // The most important `limit` of a list, in priority order.
  const size_t limit = size_t(std::max(0, options_.labelCandidates));
  auto best = [&](std::vector<int> v) {
    const size_t keep = std::min(v.size(), limit);
    std::partial_sort(v.begin(), v.begin() + keep, v.end(), byPriority);
    v.resize(keep);
    return v;
  };
  offer(current_);
  std::vector<int> focus(selection_.begin(), selection_.end());
  focus.insert(focus.end(), list.highlighted.begin(), list.highlighted.end());
  for (int i : best(std::move(focus))) offer(i);
  for (int i : best(list.normal)) offer(i);
  // Placement tries at most `limit` candidates: in a crowded view most would fail anyway.
  if (candidates.size() > limit) candidates.resize(limit);

  LabelPlacer placer(bounds);
  if (count() > 0) placer.reserve(paintLegend(p, v.size, fm).adjusted(-2, -2, 2, 2));
  for (size_t c = 0; c < candidates.size() && int(frame.labelRects.size()) < options_.maxLabels; ++c) {
    const int i = candidates[c];
    QRectF rect;
    if (placer.place(pos(i), QSizeF(labelWidth(i, fm) + 4, textHeight), r + 2, &rect)) {
      frame.labelRects.push_back(rect);
      frame.labelled.push_back(i);
    }
  }
  // Halos first (two batches, no anti-aliasing: they are axis-aligned), then the text drawn at
  // its baseline, which skips the layout pass that drawText(rect, flags, ...) does per label.
  auto focused = [this](int i) { return i == current_ || isSelected_[i] || isHighlighted_[i] || isLinked_[i]; };
  std::vector<QRectF> halo[2];
  for (size_t t = 0; t < frame.labelRects.size(); ++t) halo[focused(frame.labelled[t])].push_back(frame.labelRects[t]);
  p.save();
  p.setRenderHint(QPainter::Antialiasing, false);
  p.setPen(Qt::NoPen);
  for (int f = 0; f < 2; ++f) {
    p.setBrush(QColor(255, 255, 255, f ? 215 : 165));
    p.drawRects(halo[f].data(), int(halo[f].size()));
  }
  p.restore();
  QFont bold = font;
  bold.setBold(true);
  const double ascent = fm.ascent();
  for (size_t t = 0; t < frame.labelRects.size(); ++t) {
    const int i = frame.labelled[t];
    const QRectF& r = frame.labelRects[t];
    p.setPen(focused(i) ? QColor(20, 20, 20) : QColor(70, 70, 70));
    p.setFont(i == current_ ? bold : font);
    p.drawText(QPointF(r.left() + 2, r.top() + ascent), labels_[i]);
  }
  return frame;
}

QRectF MapWidget::paintLegend(QPainter& p, const QSizeF& size, const QFontMetricsF& fm) const {
  // Bottom left: what the colours mean (part of the picture, so exports carry it too).
  const double pad = 6, h = fm.height();
  const bool byCluster = colorMode_ == ColorMode::Cluster && !clusters_.empty();
  std::vector<int> ids;
  double width = 0;
  if (byCluster) {
    const int k = *std::max_element(clusters_.begin(), clusters_.end()) + 1;
    for (int c = 0; c < std::min(k, 12); ++c) ids.push_back(c);
    for (int c : ids) width += h * 0.8 + 3 + fm.horizontalAdvance(QString::number(c + 1)) + 8;
    if (k > 12) width += fm.horizontalAdvance(QStringLiteral("…"));
  } else {
    width = std::max(140.0, fm.horizontalAdvance(tr("frequent")) + fm.horizontalAdvance(tr("rare")) + 24);
  }
  const double boxH = byCluster ? h + 2 * pad : 2 * h + 2 * pad;
  const QRectF box(8, size.height() - 8 - boxH, width + 2 * pad, boxH);
  p.save();
  p.setFont(labelFont());
  p.setPen(QColor(0, 0, 0, 40));
  p.setBrush(QColor(255, 255, 255, 220));
  p.drawRoundedRect(box, 4, 4);
  p.setPen(QColor(60, 60, 60));
  if (byCluster) {
    double x = box.left() + pad;
    const double y = box.top() + pad;
    for (int c : ids) {
      p.setPen(Qt::NoPen);
      p.setBrush(QColor::fromRgb(MapPalette::category(c)));
      p.drawEllipse(QRectF(x, y + h * 0.1, h * 0.8, h * 0.8));
      x += h * 0.8 + 3;
      p.setPen(QColor(60, 60, 60));
      p.drawText(QPointF(x, y + fm.ascent()), QString::number(c + 1));
      x += fm.horizontalAdvance(QString::number(c + 1)) + 8;
    }
    if (int(ids.size()) < *std::max_element(clusters_.begin(), clusters_.end()) + 1)
      p.drawText(QPointF(x, y + fm.ascent()), QStringLiteral("…"));
  } else {
    const QRectF bar(box.left() + pad, box.top() + pad, width, h * 0.7);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int t = 0; t <= 8; ++t) gradient.setColorAt(t / 8.0, QColor::fromRgb(MapPalette::ramp(t / 8.0)));
    p.setPen(Qt::NoPen);
    p.setBrush(gradient);
    p.drawRect(bar);
    p.setPen(QColor(60, 60, 60));
    const double baseline = bar.bottom() + 2 + fm.ascent();
    p.drawText(QPointF(bar.left(), baseline), tr("frequent"));
    p.drawText(QPointF(bar.right() - fm.horizontalAdvance(tr("rare")), baseline), tr("rare"));
  }
  p.restore();
  return box;
}

MapWidget::Frame MapWidget::renderTo(QImage& image) const {
  image.fill(Qt::white);
  const View v = view(image.deviceIndependentSize());
  const DrawList list = drawList(v);
  stampPoints(image, v, list);
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  p.setRenderHint(QPainter::TextAntialiasing);
  return paintOverlay(p, v, list);
}

void MapWidget::paintEvent(QPaintEvent*) {
  const qreal dpr = devicePixelRatioF();
  const QSize physical = (QSizeF(size()) * dpr).toSize();
  if (layerDirty_ || layer_.size() != physical) {
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpu = std::clock();
    layer_ = QImage(physical, QImage::Format_ARGB32_Premultiplied);
    layer_.setDevicePixelRatio(dpr);
    frame_ = renderTo(layer_);
    frame_.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    frame_.cpuMilliseconds = double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC;
    layerDirty_ = false;
  }
  QPainter p(this);
  p.drawImage(QPointF(0, 0), layer_);
  p.setRenderHint(QPainter::Antialiasing);
  if (count() == 0) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
               tr("No map yet: choose the words to show and run a projection."));
  }
  if (hover_ >= 0 && isShown(hover_)) {
    p.setPen(QPen(QColor(255, 140, 0), 2));
    p.setBrush(Qt::NoBrush);
    const double r = options_.pointRadius + 4;
    p.drawEllipse(pointPosition(hover_), r, r);
  }
  if (rubberBand_ && dragging_) {
    p.setPen(QPen(QColor(30, 100, 200), 1, Qt::DashLine));
    p.setBrush(QColor(30, 100, 200, 40));
    p.drawRect(rubberRect_);
  }
}

QImage MapWidget::renderImage(QSize size) const {
  if (size.isEmpty()) size = this->size();
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  renderTo(image);
  return image;
}

QByteArray MapWidget::svgData(QSize size) const {
  if (size.isEmpty()) size = this->size();
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  generator.setSize(size);
  generator.setViewBox(QRect(QPoint(0, 0), size));
  generator.setResolution(logicalDpiX());  // text as large as on screen, where labels were measured
  generator.setTitle(tr("EmbedLab map"));
  generator.setDescription(tr("%n point(s)", nullptr, count()));
  QPainter p;
  if (!p.begin(&generator)) return {};
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
  const View v = view(QSizeF(size));
  const DrawList list = drawList(v);
  paintPointsVector(p, v, list);
  paintOverlay(p, v, list);
  p.end();
  return bytes;
}

bool MapWidget::exportPng(const QString& path, QString* error) const {
  return ChartExport::writePng(renderImage(), path, error);
}

bool MapWidget::exportSvg(const QString& path, QString* error) const {
  const QByteArray bytes = svgData();
  if (bytes.isEmpty()) {
    if (error) *error = tr("%1: could not render the map as SVG").arg(path);
    return false;
  }
  return ChartExport::writeText(path, std::string_view(bytes.constData(), size_t(bytes.size())), error);
}

bool MapWidget::exportTsv(const QString& path, QString* error) const {
  QByteArray out;
  out.reserve(count() * 32);
  for (int i = 0; i < count(); ++i) {
    if (!isShown(i)) continue;
    QString word = labels_[i];
    word.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    out += word.toUtf8();
    out += '\t';
    out += QByteArray::number(double(xy_[2 * i]), 'g', 9);
    out += '\t';
    out += QByteArray::number(double(xy_[2 * i + 1]), 'g', 9);
    out += '\n';
  }
  return ChartExport::writeText(path, std::string_view(out.constData(), size_t(out.size())), error);
}

// ---- interaction ------------------------------------------------------------------------------

QString MapWidget::tooltipFor(int point) const {
  QString text = QStringLiteral("<b>%1</b><br>").arg(labels_[point].toHtmlEscaped());
  text += tr("frequency rank %1").arg(priority_[point] + 1);
  if (colorMode_ == ColorMode::Cluster && !clusters_.empty()) text += QStringLiteral("<br>") + tr("cluster %1").arg(clusters_[point] + 1);
  return text;
}

void MapWidget::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  // Rendering a hidden widget (grab, export) re-sends resize events of the same size: only a
  // real change refits (paintEvent notices a new size by itself).
  if (event->size() == fittedSize_) return;
  fittedSize_ = event->size();
  if (followMap_) fitView();
  invalidate();
}

void MapWidget::wheelEvent(QWheelEvent* event) {
  // One notch (120) zooms by 2^(1/4); touchpads send smaller deltas, hence a smooth zoom.
  const double delta = event->angleDelta().y() != 0 ? event->angleDelta().y() : event->pixelDelta().y() * 2.0;
  if (delta == 0) return;
  zoomBy(std::pow(2.0, delta / 480.0), event->position());
  event->accept();
}

void MapWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  pressed_ = true;
  dragging_ = false;
  rubberBand_ = event->modifiers().testFlag(Qt::ShiftModifier);
  pressPos_ = lastPos_ = event->position().toPoint();
  event->accept();
}

void MapWidget::mouseMoveEvent(QMouseEvent* event) {
  const QPoint p = event->position().toPoint();
  if (pressed_ && (event->buttons() & Qt::LeftButton)) {
    if (!dragging_ && (p - pressPos_).manhattanLength() > 3) dragging_ = true;
    if (dragging_) {
      if (rubberBand_) {
        rubberRect_ = QRect(pressPos_, p).normalized();
        update();
      } else {
        panBy(p - lastPos_);
        setCursor(Qt::ClosedHandCursor);
      }
    }
    lastPos_ = p;
    return;
  }
  const int hit = pointAt(p);
  if (hit != hover_) {
    hover_ = hit;
    update();
    emit pointHovered(hit);
    if (hit >= 0) QToolTip::showText(event->globalPosition().toPoint(), tooltipFor(hit), this);
    else QToolTip::hideText();
  }
}

void MapWidget::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !pressed_) return QWidget::mouseReleaseEvent(event);
  pressed_ = false;
  unsetCursor();
  const QPoint p = event->position().toPoint();
  if (dragging_) {
    dragging_ = false;
    if (rubberBand_) {
      std::vector<int> add = pointsIn(QRect(pressPos_, p).normalized());
      add.insert(add.end(), selection_.begin(), selection_.end());
      setSelection(std::move(add));
      emit selectionChanged();
    }
    rubberBand_ = false;
    update();
    return;
  }
  const int hit = pointAt(p);
  if (event->modifiers().testFlag(Qt::ShiftModifier)) {
    if (hit < 0) return;
    std::vector<int> s = selection_;
    if (isSelected_[hit]) s.erase(std::find(s.begin(), s.end(), hit));
    else s.push_back(hit);
    setSelection(std::move(s));
    emit selectionChanged();
    return;
  }
  clickPoint(hit);
}

void MapWidget::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton && pointAt(event->position()) < 0) zoomBy(2.0, event->position());
}

void MapWidget::keyPressEvent(QKeyEvent* event) {
  const double stepX = width() * 0.1, stepY = height() * 0.1;
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.25); break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore: zoomBy(0.8); break;
    case Qt::Key_Left: panBy(QPointF(stepX, 0)); break;
    case Qt::Key_Right: panBy(QPointF(-stepX, 0)); break;
    case Qt::Key_Up: panBy(QPointF(0, stepY)); break;
    case Qt::Key_Down: panBy(QPointF(0, -stepY)); break;
    case Qt::Key_Home: resetView(); break;
    case Qt::Key_Escape:
      if (selection_.empty() && current_ < 0) return QWidget::keyPressEvent(event);
      clickPoint(-1);
      break;
    default: return QWidget::keyPressEvent(event);
  }
  event->accept();
}

void MapWidget::leaveEvent(QEvent* event) {
  if (hover_ >= 0) {
    hover_ = -1;
    update();
    emit pointHovered(-1);
  }
  QWidget::leaveEvent(event);
}

void MapWidget::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) {
    labelWidths_.assign(count(), -1.0f);
    invalidate();
  }
  QWidget::changeEvent(event);
}

}  // namespace embedlab::ui
