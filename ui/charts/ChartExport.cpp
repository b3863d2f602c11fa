#include "ui/charts/ChartExport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QResizeEvent>
#include <QFile>
#include <QLayout>
#include <QPainter>
#include <QWidget>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::ui {

void ChartExport::prepareWidget(QWidget* widget) {
  // A widget that was never shown has no laid-out children yet; give it a sensible size and
  // activate its layout so the picture matches what the window would show.
  QSize size = widget->size();
  if (!widget->testAttribute(Qt::WA_WState_Visible) && !widget->testAttribute(Qt::WA_Resized))
    size = widget->sizeHint().expandedTo(QSize(800, 600));
  if (widget->size() != size) widget->resize(size);
  if (QLayout* layout = widget->layout()) layout->activate();
  // Hidden widgets keep their resize events pending until shown; QChartView sizes its chart in
  // resizeEvent, so deliver them now (parents first, as showing would).
  QList<QWidget*> widgets{widget};
  widgets += widget->findChildren<QWidget*>();
  for (QWidget* w : widgets) {
    if (!w->testAttribute(Qt::WA_PendingResizeEvent)) continue;
    w->setAttribute(Qt::WA_PendingResizeEvent, false);
    QResizeEvent event(w->size(), QSize());
    QCoreApplication::sendEvent(w, &event);
  }
}

QImage ChartExport::renderWidget(QWidget* widget) {
  prepareWidget(widget);
  const QSize size = widget->size();
  const qreal dpr = widget->devicePixelRatioF();
  QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(dpr);
  image.fill(Qt::white);
  QPainter painter(&image);
  widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
  painter.end();
  return image;
}

bool ChartExport::writePng(const QImage& image, const QString& path, QString* error) {
  if (image.isNull()) {
    if (error) *error = QStringLiteral("%1: nothing to export (empty image)").arg(path);
    return false;
  }
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (!image.save(&buffer, "PNG")) {
    if (error) *error = QStringLiteral("%1: could not encode the image as PNG").arg(path);
    return false;
  }
  return writeText(path, std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())), error);
}

bool ChartExport::writeText(const QString& path, std::string_view text, QString* error) {
  try {
    writeFileAtomically(QFile::encodeName(path).toStdString(), text);
    return true;
  } catch (const embedlab::Error& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

}  // namespace embedlab::ui
