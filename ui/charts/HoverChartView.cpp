#include "ui/charts/HoverChartView.h"

#include <QMouseEvent>
#include <QPainter>

namespace embedlab::ui {

HoverChartView::HoverChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent) {
  setRenderHint(QPainter::Antialiasing);
  setMouseTracking(true);
  setRubberBand(QChartView::NoRubberBand);
}

void HoverChartView::mouseMoveEvent(QMouseEvent* event) {
  QChartView::mouseMoveEvent(event);
  QChart* c = chart();
  if (!c || c->series().isEmpty()) return clearCrosshair();
  const QPointF scenePos = mapToScene(event->position().toPoint());
  const QPointF chartPos = c->mapFromScene(scenePos);
  if (!c->plotArea().contains(chartPos)) return clearCrosshair();
  crosshairSceneX_ = scenePos.x();
  viewport()->update();
  emit hovered(c->mapToValue(chartPos), event->globalPosition().toPoint());
}

void HoverChartView::leaveEvent(QEvent* event) {
  QChartView::leaveEvent(event);
  clearCrosshair();
}

void HoverChartView::clearCrosshair() {
  if (crosshairSceneX_ < 0) return;
  crosshairSceneX_ = -1;
  viewport()->update();
  emit hoverLeft();
}

void HoverChartView::drawForeground(QPainter* painter, const QRectF& rect) {
  QChartView::drawForeground(painter, rect);
  if (crosshairSceneX_ < 0 || !chart()) return;
  const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
  painter->save();
  painter->setPen(QPen(QColor(0, 0, 0, 90), 1, Qt::DashLine));
  painter->drawLine(QPointF(crosshairSceneX_, plot.top()), QPointF(crosshairSceneX_, plot.bottom()));
  painter->restore();
}

}  // namespace embedlab::ui
