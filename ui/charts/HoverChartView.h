#pragma once
// A QChartView that follows the mouse: it draws a vertical crosshair over the plot area and
// reports the x value under the cursor, so the owner can show the values of every run there
// (TensorBoard-style), rather than only when the pointer happens to touch a 1-pixel line.
#include <QChartView>
#include <QPoint>
#include <QPointF>

namespace embedlab::ui {

class HoverChartView : public QChartView {
  Q_OBJECT
 public:
  explicit HoverChartView(QChart* chart, QWidget* parent = nullptr);

 signals:
  // value: chart coordinates under the cursor; globalPos: where to show a tooltip.
  void hovered(QPointF value, QPoint globalPos);
  void hoverLeft();

 protected:
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void drawForeground(QPainter* painter, const QRectF& rect) override;

 private:
  void clearCrosshair();
  qreal crosshairSceneX_ = -1;   // < 0: hidden
};

}  // namespace embedlab::ui
