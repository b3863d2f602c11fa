#include "ui/charts/ChartExport.h"

#include <QBuffer>
#include <QFile>
#include <QLayout>
#include <QPainter>
#include <QWidget>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace embedlab::ui {

QImage ChartExport::renderWidget(QWidget* widget) {
  // A widget that was never shown has no laid-out children yet; give it a sensible size and
  // activate its layout so the picture matches what the window would show.
  QSize size = widget->size();
  if (!widget->testAttribute(Qt::WA_WState_Visible) && !widget->testAttribute(Qt::WA_Resized))
    size = widget->sizeHint().expandedTo(QSize(800, 600));
  if (widget->size() != size) widget->resize(size);
  if (QLayout* layout = widget->layout()) layout->activate();

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
