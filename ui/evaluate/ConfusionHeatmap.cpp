#include "ui/evaluate/ConfusionHeatmap.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace embedlab::ui {

namespace {

constexpr int kPad = 6;
// Ends of the colour ramp (a light and a deep blue, as matplotlib's "Blues").
const QColor kLow(247, 251, 255);
const QColor kHigh(8, 48, 107);

QColor ramp(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return QColor::fromRgbF(static_cast<float>(kLow.redF() + (kHigh.redF() - kLow.redF()) * t),
                          static_cast<float>(kLow.greenF() + (kHigh.greenF() - kLow.greenF()) * t),
                          static_cast<float>(kLow.blueF() + (kHigh.blueF() - kLow.blueF()) * t));
}

}  // namespace

ConfusionHeatmap::ConfusionHeatmap(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ConfusionHeatmap::setMatrix(const QStringList& labels, const QVector<QVector<qint64>>& counts,
                                 const QString& title) {
  // Keep the square part only: a malformed matrix must not make the painter read out of range.
  const int n = static_cast<int>(counts.size());
  counts_.clear();
  rowTotals_.clear();
  bool square = true;
  for (const auto& row : counts) square = square && row.size() == n;
  if (square) {
    counts_ = counts;
    for (const auto& row : counts_) {
      qint64 total = 0;
      for (qint64 v : row) total += std::max<qint64>(0, v);
      rowTotals_.append(total);
    }
  }
  labels_ = labels;
  title_ = title;
  updateGeometry();
  update();
}

void ConfusionHeatmap::clear() { setMatrix({}, {}); }

QString ConfusionHeatmap::label(int i) const {
  return i < labels_.size() && !labels_[i].isEmpty() ? labels_[i] : QString::number(i);
}

qint64 ConfusionHeatmap::count(int row, int column) const {
  if (row < 0 || row >= rows() || column < 0 || column >= columns()) return 0;
  return counts_[row][column];
}

double ConfusionHeatmap::rowFraction(int row, int column) const {
  if (row < 0 || row >= rows() || rowTotals_[row] <= 0) return 0;
  return static_cast<double>(std::max<qint64>(0, count(row, column))) / static_cast<double>(rowTotals_[row]);
}

QColor ConfusionHeatmap::cellColor(int row, int column) const { return ramp(rowFraction(row, column)); }

ConfusionHeatmap::Geometry ConfusionHeatmap::geometry() const {
  Geometry g;
  const int n = rows();
  if (n == 0) return g;
  const QFontMetrics fm(font());
  g.titleHeight = title_.isEmpty() ? 0 : fm.height() + kPad;
  int widest = 0;
  for (int i = 0; i < n; ++i) widest = std::max(widest, fm.horizontalAdvance(label(i)));
  // Labels may take at most a third of the width / height; longer ones are elided.
  g.rowLabelWidth = std::min(widest + kPad, std::max(20, width() / 3)) + fm.height();  // + the "true" caption
  const int availW = std::max(1, width() - g.rowLabelWidth - kPad);
  const int horizontalCell = availW / n;
  g.verticalColumnLabels = widest + 4 > horizontalCell;
  const int labelsHigh = g.verticalColumnLabels ? std::min(widest + kPad, std::max(20, height() / 3)) : fm.height() + 2;
  g.columnLabelHeight = labelsHigh + fm.height();  // + the "predicted" caption
  const int availH = std::max(1, height() - g.titleHeight - g.columnLabelHeight - kPad);
  g.cell = std::max(1, std::min(availW / n, availH / n));
  g.grid = QRect(g.rowLabelWidth, g.titleHeight + g.columnLabelHeight, g.cell * n, g.cell * n);
  return g;
}

QRect ConfusionHeatmap::cellRect(int row, int column) const {
  const Geometry g = geometry();
  if (row < 0 || row >= rows() || column < 0 || column >= columns()) return QRect();
  return QRect(g.grid.left() + column * g.cell, g.grid.top() + row * g.cell, g.cell, g.cell);
}

QPoint ConfusionHeatmap::cellAt(const QPoint& pos) const {
  const Geometry g = geometry();
  if (rows() == 0 || !g.grid.contains(pos)) return QPoint(-1, -1);
  const int column = std::min(columns() - 1, (pos.x() - g.grid.left()) / g.cell);
  const int row = std::min(rows() - 1, (pos.y() - g.grid.top()) / g.cell);
  return QPoint(column, row);
}

QString ConfusionHeatmap::toolTipText(int row, int column) const {
  if (row < 0 || row >= rows() || column < 0 || column >= columns()) return QString();
  const QLocale locale;
  return tr("true: <b>%1</b><br>predicted: <b>%2</b><br>%3 of %4 (%5%)")
      .arg(label(row).toHtmlEscaped(), label(column).toHtmlEscaped(), locale.toString(count(row, column)),
           locale.toString(rowTotals_[row]), QString::number(rowFraction(row, column) * 100, 'f', 1));
}

QSize ConfusionHeatmap::sizeHint() const { return QSize(420, 380); }
QSize ConfusionHeatmap::minimumSizeHint() const { return QSize(160, 140); }

void ConfusionHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  const int n = rows();
  const QFontMetrics fm(font());
  if (n == 0) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Run a classification to see its confusion matrix."));
    return;
  }
  const Geometry g = geometry();
  const QColor text = palette().color(QPalette::Text);
  if (!title_.isEmpty()) {
    p.setPen(text);
    p.drawText(QRect(0, 0, width(), g.titleHeight), Qt::AlignCenter, fm.elidedText(title_, Qt::ElideRight, width()));
  }

  // Cells, with the count when it fits; the diagonal (correct predictions) gets a frame.
  QFont small = font();
  small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
  const QFontMetrics sfm(small);
  p.setFont(small);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      const QRect cell(g.grid.left() + c * g.cell, g.grid.top() + r * g.cell, g.cell, g.cell);
      const double f = rowFraction(r, c);
      p.fillRect(cell, ramp(f));
      const QString number = QString::number(count(r, c));
      if (g.cell >= sfm.height() && sfm.horizontalAdvance(number) + 2 <= g.cell) {
        p.setPen(f > 0.5 ? Qt::white : QColor(30, 30, 30));
        p.drawText(cell, Qt::AlignCenter, number);
      }
    }
  }
  p.setPen(QPen(QColor(0, 0, 0, 60), 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(g.grid.adjusted(0, 0, -1, -1));
  if (g.cell >= 6) {
    p.setPen(QPen(QColor(220, 120, 40), 1));
    for (int i = 0; i < n; ++i) p.drawRect(QRect(g.grid.left() + i * g.cell, g.grid.top() + i * g.cell, g.cell - 1, g.cell - 1));
  }

  // Row labels (true classes) and column labels (predicted), elided to the space they have; with
  // many classes the cells get small, and the labels shrink with them (down to a legible size).
  QFont labelFont = font();
  if (g.cell < fm.height() && font().pointSizeF() > 0)
    labelFont.setPointSizeF(std::max(6.0, font().pointSizeF() * g.cell / fm.height()));
  const QFontMetrics lfm(labelFont);
  p.setFont(labelFont);
  p.setPen(text);
  const int captionW = fm.height();
  const int rowLabelW = g.rowLabelWidth - captionW - kPad / 2;
  const bool labelsFit = lfm.height() <= g.cell + 3;
  for (int i = 0; i < n && labelsFit; ++i)
    p.drawText(QRect(captionW, g.grid.top() + i * g.cell, rowLabelW, g.cell), Qt::AlignRight | Qt::AlignVCenter,
               lfm.elidedText(label(i), Qt::ElideRight, rowLabelW));
  const int labelsTop = g.titleHeight + fm.height();
  const int labelsHigh = g.columnLabelHeight - fm.height();
  for (int i = 0; i < n && labelsFit; ++i) {
    const QRect col(g.grid.left() + i * g.cell, labelsTop, g.cell, labelsHigh);
    if (g.verticalColumnLabels) {
      p.save();
      p.translate(col.left() + col.width() / 2.0, col.bottom());
      p.rotate(-90);
      p.drawText(QRect(2, -lfm.height() / 2, labelsHigh - 2, lfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                 lfm.elidedText(label(i), Qt::ElideRight, labelsHigh - 2));
      p.restore();
    } else {
      p.drawText(col, Qt::AlignHCenter | Qt::AlignBottom, lfm.elidedText(label(i), Qt::ElideRight, g.cell));
    }
  }
  // Axis captions.
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.drawText(QRect(g.grid.left(), g.titleHeight, g.grid.width(), fm.height()), Qt::AlignCenter, tr("predicted"));
  p.save();
  p.translate(0, g.grid.center().y());
  p.rotate(-90);
  p.drawText(QRect(-g.grid.height() / 2, 0, g.grid.height(), captionW), Qt::AlignCenter, tr("true"));
  p.restore();
}

bool ConfusionHeatmap::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QPoint cell = cellAt(help->pos());
    if (cell.x() >= 0) QToolTip::showText(help->globalPos(), toolTipText(cell.y(), cell.x()), this);
    else QToolTip::hideText();
    return true;
  }
  if (event->type() == QEvent::LanguageChange) update();
  return QWidget::event(event);
}

}  // namespace embedlab::ui
