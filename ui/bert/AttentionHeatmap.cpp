#include "ui/bert/AttentionHeatmap.h"

#include <QHelpEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace embedlab::ui {

namespace {

constexpr int kMargin = 6;
constexpr int kRampWidth = 14;
constexpr int kMaxLabelWidth = 120;  // px; longer tokens are elided
constexpr int kMinCellForText = 30;  // px; below this the values are not written in the cells

struct Stop {
  double t;
  QColor color;
};

QColor interpolate(const Stop* stops, int n, double t) {
  t = std::clamp(t, 0.0, 1.0);
  for (int i = 1; i < n; ++i) {
    if (t <= stops[i].t) {
      const double u = (t - stops[i - 1].t) / (stops[i].t - stops[i - 1].t);
      const QColor& a = stops[i - 1].color;
      const QColor& b = stops[i].color;
      return QColor::fromRgbF(float(a.redF() + u * (b.redF() - a.redF())),
                              float(a.greenF() + u * (b.greenF() - a.greenF())),
                              float(a.blueF() + u * (b.blueF() - a.blueF())));
    }
  }
  return stops[n - 1].color;
}

// Text on a cell: dark on light colours, light on dark ones (relative luminance).
QColor textColorOn(const QColor& c) {
  const double y = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
  return y > 0.55 ? QColor(0x20, 0x20, 0x20) : QColor(Qt::white);
}

}  // namespace

AttentionHeatmap::AttentionHeatmap(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setAttribute(Qt::WA_OpaquePaintEvent, false);
}

QColor AttentionHeatmap::rampColor(Ramp ramp, double t) {
  // Sequential: ColorBrewer "Blues"; diverging: "RdBu" reversed (negative blue, positive red).
  static const Stop blues[] = {{0.0, QColor(0xf7, 0xfb, 0xff)}, {0.25, QColor(0xc6, 0xdb, 0xef)},
                               {0.5, QColor(0x6b, 0xae, 0xd6)}, {0.75, QColor(0x21, 0x71, 0xb5)},
                               {1.0, QColor(0x08, 0x30, 0x6b)}};
  static const Stop redBlue[] = {{0.0, QColor(0x21, 0x66, 0xac)}, {0.25, QColor(0x92, 0xc5, 0xde)},
                                 {0.5, QColor(0xf7, 0xf7, 0xf7)}, {0.75, QColor(0xf4, 0xa5, 0x82)},
                                 {1.0, QColor(0xb2, 0x18, 0x2b)}};
  if (!std::isfinite(t)) return QColor(0xcc, 0xcc, 0xcc);
  return ramp == Ramp::Sequential ? interpolate(blues, 5, t) : interpolate(redBlue, 5, t);
}

bool AttentionHeatmap::setAttention(const QStringList& tokens, int layers, int heads, std::vector<float> weights) {
  const size_t T = static_cast<size_t>(tokens.size());
  if (layers < 1 || heads < 1 || weights.size() != size_t(layers) * size_t(heads) * T * T) return false;
  tokens_ = tokens;
  layers_ = layers;
  heads_ = heads;
  weights_ = std::move(weights);
  layer_ = std::clamp(layer_, int(kMean), layers_ - 1);
  head_ = std::clamp(head_, int(kMean), heads_ - 1);
  hovered_ = QPoint(-1, -1);
  recompute();
  updateGeometry();
  update();
  emit selectionChanged();
  return true;
}

bool AttentionHeatmap::setMatrix(const QStringList& tokens, std::vector<float> matrix) {
  return setAttention(tokens, 1, 1, std::move(matrix));
}

void AttentionHeatmap::clear() {
  tokens_.clear();
  layers_ = heads_ = 0;
  weights_.clear();
  shown_.clear();
  hovered_ = QPoint(-1, -1);
  updateGeometry();
  update();
  emit selectionChanged();
}

void AttentionHeatmap::setLayer(int layer) {
  layer = std::clamp(layer, int(kMean), std::max(int(kMean), layers_ - 1));
  if (layer == layer_) return;
  layer_ = layer;
  recompute();
  update();
  emit selectionChanged();
}

void AttentionHeatmap::setHead(int head) {
  head = std::clamp(head, int(kMean), std::max(int(kMean), heads_ - 1));
  if (head == head_) return;
  head_ = head;
  recompute();
  update();
  emit selectionChanged();
}

void AttentionHeatmap::setValueRange(double low, double high) {
  if (!(high > low)) return;
  low_ = low;
  high_ = high;
  update();
}

void AttentionHeatmap::setRamp(Ramp ramp) {
  ramp_ = ramp;
  update();
}

void AttentionHeatmap::setTitle(const QString& title) {
  title_ = title;
  updateGeometry();
  update();
}

// shown = mean over the chosen layers and heads of weights[l][h] (T, T); double sums so that a
// mean over many heads loses nothing to float rounding.
void AttentionHeatmap::recompute() {
  const size_t T = static_cast<size_t>(tokens_.size());
  const size_t TT = T * T;
  shown_.assign(TT, 0.0f);
  if (layers_ == 0 || heads_ == 0 || T == 0) return;
  const int l0 = layer_ == kMean ? 0 : layer_, l1 = layer_ == kMean ? layers_ : layer_ + 1;
  const int h0 = head_ == kMean ? 0 : head_, h1 = head_ == kMean ? heads_ : head_ + 1;
  std::vector<double> sum(TT, 0.0);
  for (int l = l0; l < l1; ++l)
    for (int h = h0; h < h1; ++h) {
      const float* m = weights_.data() + (size_t(l) * size_t(heads_) + size_t(h)) * TT;
      for (size_t k = 0; k < TT; ++k) sum[k] += m[k];
    }
  const double n = double(l1 - l0) * double(h1 - h0);
  for (size_t k = 0; k < TT; ++k) shown_[k] = static_cast<float>(sum[k] / n);
}

float AttentionHeatmap::value(int from, int to) const {
  const int T = tokenCount();
  if (from < 0 || to < 0 || from >= T || to >= T || shown_.empty()) return std::nanf("");
  return shown_[size_t(from) * size_t(T) + size_t(to)];
}

AttentionHeatmap::Geometry AttentionHeatmap::geometry() const {
  Geometry g;
  const QFontMetrics fm = fontMetrics();
  int labelWidth = fm.horizontalAdvance(QStringLiteral("[CLS]"));
  for (const QString& t : tokens_)
    labelWidth = std::max(labelWidth, std::min(kMaxLabelWidth, fm.horizontalAdvance(t)));
  labelWidth += 8;
  g.titleHeight = title_.isEmpty() ? 0 : fm.height() + 6;
  const int scaleWidth = kRampWidth + 6 + fm.horizontalAdvance(QStringLiteral("-0.00")) + 4;
  const int T = std::max(1, tokenCount());
  const int availW = width() - 2 * kMargin - labelWidth - scaleWidth - 10;
  const int availH = height() - 2 * kMargin - g.titleHeight - labelWidth;
  g.cell = std::max(1, std::min(availW, availH) / T);
  g.left = kMargin + labelWidth;
  g.top = kMargin + g.titleHeight + labelWidth;
  g.rampLeft = g.left + g.cell * T + 10;
  return g;
}

QRect AttentionHeatmap::cellRect(int from, int to) const {
  const int T = tokenCount();
  if (from < 0 || to < 0 || from >= T || to >= T) return QRect();
  const Geometry g = geometry();
  return QRect(g.left + to * g.cell, g.top + from * g.cell, g.cell, g.cell);
}

QPoint AttentionHeatmap::cellAt(const QPoint& pos) const {
  const int T = tokenCount();
  if (T == 0) return QPoint(-1, -1);
  const Geometry g = geometry();
  const int dx = pos.x() - g.left, dy = pos.y() - g.top;
  if (dx < 0 || dy < 0) return QPoint(-1, -1);
  const int to = dx / g.cell, from = dy / g.cell;
  if (from >= T || to >= T) return QPoint(-1, -1);
  return QPoint(from, to);
}

QString AttentionHeatmap::hoverText(int from, int to) const {
  const float v = value(from, to);
  if (!std::isfinite(v)) return QString();
  return QStringLiteral("%1 → %2: %3").arg(tokens_[from], tokens_[to], QLocale().toString(double(v), 'f', 3));
}

QSize AttentionHeatmap::sizeHint() const { return QSize(520, 480); }
QSize AttentionHeatmap::minimumSizeHint() const { return QSize(160, 160); }

void AttentionHeatmap::setHovered(const QPoint& cell) {
  if (cell == hovered_) return;
  hovered_ = cell;
  // The labels of the hovered row and column are highlighted too, so the whole widget repaints.
  update();
  emit cellHovered(cell.x(), cell.y());
}

void AttentionHeatmap::mouseMoveEvent(QMouseEvent* event) {
  setHovered(cellAt(event->position().toPoint()));
  QWidget::mouseMoveEvent(event);
}

void AttentionHeatmap::leaveEvent(QEvent* event) {
  setHovered(QPoint(-1, -1));
  QWidget::leaveEvent(event);
}

bool AttentionHeatmap::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QPoint cell = cellAt(help->pos());
    const QString text = hoverText(cell.x(), cell.y());
    if (text.isEmpty()) {
      QToolTip::hideText();
      event->ignore();
    } else {
      QToolTip::showText(help->globalPos(), text, this, cellRect(cell.x(), cell.y()));
    }
    return true;
  }
  return QWidget::event(event);
}

void AttentionHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const int T = tokenCount();
  const QFontMetrics fm = fontMetrics();
  if (T == 0 || shown_.empty()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No attention to show yet."));
    return;
  }
  const Geometry g = geometry();
  const int labelWidth = g.left - kMargin;
  const double span = high_ - low_;

  if (!title_.isEmpty()) {
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(kMargin, kMargin, width() - 2 * kMargin, g.titleHeight), Qt::AlignLeft | Qt::AlignVCenter,
               title_);
    p.setFont(font());
  }

  // Cells, and their values when there is room to read them.
  const bool writeValues = g.cell >= kMinCellForText;
  QFont small = font();
  small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
  p.setFont(small);
  for (int i = 0; i < T; ++i)
    for (int j = 0; j < T; ++j) {
      const double v = shown_[size_t(i) * size_t(T) + size_t(j)];
      const QColor c = rampColor(ramp_, (v - low_) / span);
      const QRect r(g.left + j * g.cell, g.top + i * g.cell, g.cell, g.cell);
      p.fillRect(r, c);
      if (writeValues) {
        p.setPen(textColorOn(c));
        QString number = QString::number(v, 'f', 2);
        if (number.startsWith(QLatin1String("0."))) number.remove(0, 1);  // ".42": fits small cells
        p.drawText(r, Qt::AlignCenter, number);
      }
    }
  p.setFont(font());
  p.setPen(QPen(palette().color(QPalette::Mid), 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(QRect(g.left, g.top, g.cell * T, g.cell * T).adjusted(0, 0, -1, -1));

  // Labels: only every k-th one when the cells are smaller than a line of text.
  const int every = std::max(1, (fm.height() + g.cell - 1) / g.cell);
  const QColor text = palette().color(QPalette::Text);
  const QColor highlight = palette().color(QPalette::Highlight);
  for (int i = 0; i < T; ++i) {
    const bool hot = i == hovered_.x();
    if (i % every != 0 && !hot) continue;
    p.setPen(hot ? highlight : text);
    const QString label = fm.elidedText(tokens_[i], Qt::ElideRight, kMaxLabelWidth);
    p.drawText(QRect(kMargin, g.top + i * g.cell, labelWidth - 6, g.cell), Qt::AlignRight | Qt::AlignVCenter, label);
  }
  for (int j = 0; j < T; ++j) {
    const bool hot = j == hovered_.y();
    if (j % every != 0 && !hot) continue;
    p.setPen(hot ? highlight : text);
    const QString label = fm.elidedText(tokens_[j], Qt::ElideRight, kMaxLabelWidth);
    p.save();
    // Rotated a quarter turn: the label reads upwards from just above its column.
    p.translate(g.left + j * g.cell + g.cell / 2, g.top - 6);
    p.rotate(-90);
    p.drawText(QRect(0, -fm.height() / 2, labelWidth - 6, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, label);
    p.restore();
  }

  // The hovered cell.
  if (hovered_.x() >= 0) {
    p.setPen(QPen(highlight, 2));
    p.drawRect(cellRect(hovered_.x(), hovered_.y()).adjusted(1, 1, -1, -1));
  }

  // Colour scale: high at the top.
  const int scaleHeight = g.cell * T;
  QLinearGradient gradient(0, g.top + scaleHeight, 0, g.top);
  for (int k = 0; k <= 10; ++k) gradient.setColorAt(k / 10.0, rampColor(ramp_, k / 10.0));
  const QRect bar(g.rampLeft, g.top, kRampWidth, scaleHeight);
  p.fillRect(bar, gradient);
  p.setPen(QPen(palette().color(QPalette::Mid), 1));
  p.drawRect(bar.adjusted(0, 0, -1, -1));
  p.setPen(text);
  const int tx = bar.right() + 5;
  const QString hi = QLocale().toString(high_, 'f', 2), lo = QLocale().toString(low_, 'f', 2);
  p.drawText(QRect(tx, g.top - fm.height() / 2, width() - tx, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, hi);
  p.drawText(QRect(tx, g.top + scaleHeight - fm.height() / 2, width() - tx, fm.height()),
             Qt::AlignLeft | Qt::AlignVCenter, lo);
  if (scaleHeight > 3 * fm.height())
    p.drawText(QRect(tx, g.top + scaleHeight / 2 - fm.height() / 2, width() - tx, fm.height()),
               Qt::AlignLeft | Qt::AlignVCenter, QLocale().toString((low_ + high_) / 2, 'f', 2));
}

}  // namespace embedlab::ui
