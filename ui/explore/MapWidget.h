#pragma once
// The map of an embedding space: a custom-painted scatter of up to a few hundred thousand labelled
// points with smooth zoom (wheel, anchored at the cursor; + / -) and pan (drag; arrow keys), Home
// to fit the view. Painting scales with what is visible, not with n:
//  - a uniform grid (PointGrid) over the points; painting and hit-testing visit only the cells
//    in view;
//  - level of detail: a cell covering fewer pixels than its points need draws only its most
//    important points (the grid lists them by frequency rank), so a zoomed-out map of 100k points
//    shows a density-thinned picture and zooming in reveals the rest;
//  - points are stamped straight into an image (a precomputed anti-aliased disc), the costly part
//    of QPainter per-point drawing avoided; the finished layer is cached, so hovering repaints only
//    the hover ring;
//  - labels: greedy by priority over the visible points (LabelPlacer), never overlapping.
// Hover shows a tooltip; click selects a point (pointClicked), Shift+click toggles it and
// Shift+drag selects a rectangle (selectionChanged). A highlighted set (search matches,
// neighbours) is drawn on top while the rest fades, with lines from the current point to its
// neighbours. "Isolate" shows only the selection and the highlighted set. Exports: PNG and SVG of
// the current view, TSV of the coordinates (word<TAB>x<TAB>y).
#include <QFontMetricsF>
#include <QImage>
#include <QStringList>
#include <QWidget>

#include <vector>

#include "ui/explore/PointGrid.h"

namespace embedlab::ui {

class MapWidget : public QWidget {
  Q_OBJECT
 public:
  enum class ColorMode { Rank, Cluster };

  struct Options {
    double pointRadius = 2.6;      // pixels
    double denseSpacing = 3.0;     // a dense cell draws at most one point per spacing^2 pixels
    double hitRadius = 6.0;        // hover/click reach in pixels
    int maxLabels = 350;           // labels per frame
    int labelCandidates = 1500;    // most important visible points that compete for a label
  };

  // What the last painted frame showed (for tests and the status line).
  struct Frame {
    double milliseconds = 0;       // paint time of the layer (wall clock)
    double cpuMilliseconds = 0;    // processor time of the same (what a loaded machine does not inflate)
    int drawnPoints = 0;
    int highlightedPoints = 0;     // of which highlighted or linked
    std::vector<QRectF> labelRects;  // widget coordinates, no two overlap
    std::vector<int> labelled;       // point of each label rectangle
  };

  explicit MapWidget(QWidget* parent = nullptr);
  ~MapWidget() override;

  // xy: (n, 2) row-major map coordinates; labels: n; priority: n (0 = most important, e.g. the
  // frequency rank; empty = index order). Clears selection, highlight, clusters; fits the view.
  void setPoints(std::vector<float> xy, QStringList labels, std::vector<int> priority = {});
  // New coordinates for the same points (t-SNE animation): selection and highlight stay; the view
  // follows the map until the person zooms or pans.
  void setCoordinates(std::vector<float> xy);
  void clear();
  int count() const { return int(labels_.size()); }
  const std::vector<float>& coordinates() const { return xy_; }
  QString label(int point) const { return labels_.value(point); }
  const Options& options() const { return options_; }
  void setOptions(const Options& options);

  void setColorMode(ColorMode mode);
  ColorMode colorMode() const { return colorMode_; }
  void setClusters(std::vector<int> clusters);  // n ids (or empty)
  const std::vector<int>& clusters() const { return clusters_; }

  // A set drawn on top while the rest fades (search matches, neighbours).
  void setHighlight(std::vector<int> points);
  const std::vector<int>& highlight() const { return highlight_; }
  // Lines from `from` to each of `to` (the neighbours of the clicked point); from < 0 clears.
  void setLinks(int from, std::vector<int> to);
  const std::vector<int>& linkTargets() const { return linkTo_; }

  void setSelection(std::vector<int> points);
  const std::vector<int>& selection() const { return selection_; }  // sorted, unique
  int currentPoint() const { return current_; }
  // Selects one point as a click does (emits pointClicked and selectionChanged).
  void clickPoint(int point);

  void setIsolated(bool isolated);
  bool isIsolated() const { return isolated_; }
  bool isShown(int point) const;  // false when isolate hides it

  // View: widget = centre of the widget + (data - center) * scale, with y pointing up.
  void resetView();
  void zoomBy(double factor, const QPointF& anchor);  // anchor: widget position that stays fixed
  void zoomBy(double factor) { zoomBy(factor, QPointF(width() / 2.0, height() / 2.0)); }
  void panBy(const QPointF& pixels);
  void centerOn(int point);
  double scale() const { return scale_; }
  QPointF mapToWidget(const QPointF& data) const;
  QPointF mapToData(const QPointF& widget) const;
  QPointF pointPosition(int point) const;  // widget coordinates

  // The shown point nearest to a widget position within radius pixels (default hitRadius), or -1.
  int pointAt(const QPointF& widget, double radius = -1) const;
  // Shown points inside a widget rectangle.
  std::vector<int> pointsIn(const QRectF& widget) const;

  const Frame& lastFrame() const { return frame_; }

  // The current view as an image (widget size unless given), and the exports. On failure false
  // with a message naming the file.
  QImage renderImage(QSize size = QSize()) const;
  bool exportPng(const QString& path, QString* error = nullptr) const;
  bool exportSvg(const QString& path, QString* error = nullptr) const;
  bool exportTsv(const QString& path, QString* error = nullptr) const;  // the shown points
  QByteArray svgData(QSize size = QSize()) const;

  QSize sizeHint() const override { return QSize(640, 480); }
  QSize minimumSizeHint() const override { return QSize(160, 120); }

 signals:
  void pointClicked(int point);  // -1: a click on empty space
  void selectionChanged();
  void pointHovered(int point);  // -1: none

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  struct View {
    QSizeF size;
    QPointF center;
    double scale = 1;
    QPointF toWidget(double x, double y) const {
      return QPointF(size.width() / 2 + (x - center.x()) * scale, size.height() / 2 - (y - center.y()) * scale);
    }
  };
  struct DrawList {
    std::vector<int> normal;       // visible points chosen by level of detail
    std::vector<int> highlighted;  // visible highlighted and linked points (all of them)
    double radius = 2.6;
  };

  View view(QSizeF size = QSizeF()) const;
  void fitView();
  void rebuildIndex();
  void recolor();
  void updateFocus();
  void invalidate();
  DrawList drawList(const View& v) const;
  void stampPoints(QImage& image, const View& v, const DrawList& list) const;
  void paintPointsVector(QPainter& p, const View& v, const DrawList& list) const;
  Frame paintOverlay(QPainter& p, const View& v, const DrawList& list) const;
  QRectF paintLegend(QPainter& p, const QSizeF& size, const QFontMetricsF& fm) const;  // returns its box
  Frame renderTo(QImage& image) const;
  QString tooltipFor(int point) const;
  double labelWidth(int point, const QFontMetricsF& metrics) const;
  QFont labelFont() const;

  Options options_;
  std::vector<float> xy_;          // (n, 2)
  QStringList labels_;
  std::vector<int> priority_;      // (n) 0 = most important
  std::vector<int> order_;         // points by priority
  int maxPriority_ = 0;
  std::vector<QRgb> colors_;       // (n)
  std::vector<int> clusters_;
  ColorMode colorMode_ = ColorMode::Rank;
  PointGrid grid_;

  std::vector<int> highlight_;
  std::vector<char> isHighlighted_;  // (n)
  std::vector<int> selection_;
  std::vector<char> isSelected_;     // (n)
  std::vector<char> inFocus_;        // (n) selection + highlight + links: what isolate keeps
  bool anyFocus_ = false;
  int current_ = -1;
  std::vector<int> linkTo_;          // sorted, unique
  std::vector<char> isLinked_;       // (n)
  int linkFrom_ = -1;
  bool isolated_ = false;

  QPointF center_;
  double scale_ = 1;
  bool followMap_ = true;  // refit while the map animates, until the person moves the view
  QSize fittedSize_;       // widget size of the last resize event

  int hover_ = -1;
  QPoint pressPos_;
  QPoint lastPos_;
  bool pressed_ = false;
  bool dragging_ = false;
  bool rubberBand_ = false;
  QRect rubberRect_;

  QImage layer_;             // cached points + labels
  bool layerDirty_ = true;
  Frame frame_;
  mutable std::vector<float> labelWidths_;  // (n) -1 = not measured yet
};

}  // namespace embedlab::ui
