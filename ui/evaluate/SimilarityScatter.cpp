#include "ui/evaluate/SimilarityScatter.h"

#include <QCursor>
#include <QEvent>
#include <QLocale>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace embedlab::ui {

namespace {

QString coefficient(double v) { return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("n/a"); }

}  // namespace

SimilarityScatter::SimilarityScatter(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumSize(300, 220);
  auto* c = new QChart;
  c->legend()->hide();
  c->setMargins(QMargins(4, 4, 4, 4));
  series_ = new QScatterSeries(c);
  series_->setMarkerShape(QScatterSeries::MarkerShapeCircle);
  series_->setMarkerSize(8);
  series_->setColor(QColor(76, 114, 176, 170));
  series_->setBorderColor(QColor(40, 60, 110));
  c->addSeries(series_);
  xAxis_ = new QValueAxis(c);
  yAxis_ = new QValueAxis(c);
  xAxis_->setLabelFormat(QStringLiteral("%.1f"));
  yAxis_->setLabelFormat(QStringLiteral("%.2f"));
  c->addAxis(xAxis_, Qt::AlignBottom);
  c->addAxis(yAxis_, Qt::AlignLeft);
  series_->attachAxis(xAxis_);
  series_->attachAxis(yAxis_);
  setChart(c);
  connect(series_, &QScatterSeries::hovered, this, [this](const QPointF& point, bool on) {
    if (on) QToolTip::showText(QCursor::pos(), toolTipAt(point), this);
    else QToolTip::hideText();
  });
  clear();
}

void SimilarityScatter::setResult(const EvaluationResult::Similarity& result) {
  result_ = result;
  QList<QPointF> points;
  points.reserve(result.points.size());
  double xlo = 0, xhi = 0, ylo = 0, yhi = 0;
  for (const auto& p : result.points) {
    points << QPointF(p.human, p.cosine);
    if (points.size() == 1) {
      xlo = xhi = p.human;
      ylo = yhi = p.cosine;
    }
    xlo = std::min(xlo, p.human);
    xhi = std::max(xhi, p.human);
    ylo = std::min(ylo, p.cosine);
    yhi = std::max(yhi, p.cosine);
  }
  series_->replace(points);
  // Human scales differ by set (0-10, 0-50, 1-7): the x axis spans the data, starting at 0 for
  // the usual non-negative scales; cosines keep a margin so that no marker sits on the frame.
  if (points.isEmpty()) {
    xlo = 0, xhi = 10, ylo = -0.2, yhi = 1;
  } else {
    xlo = std::min(0.0, xlo);
    if (xhi <= xlo) xhi = xlo + 1;
    const double pad = std::max(0.05, (yhi - ylo) * 0.05);
    ylo = std::max(-1.0, ylo - pad);
    yhi = std::min(1.0, yhi + pad);
    if (yhi <= ylo) yhi = ylo + 0.1;
  }
  xAxis_->setRange(xlo, xhi);
  yAxis_->setRange(ylo, yhi);
  xAxis_->applyNiceNumbers();  // ticks at round values (0, 2, 4, ... rather than 2.4, 4.8)
  yAxis_->applyNiceNumbers();
  retranslate();
}

void SimilarityScatter::clear() {
  result_.reset();
  series_->clear();
  xAxis_->setRange(0, 10);
  yAxis_->setRange(-0.2, 1);
  retranslate();
}

QString SimilarityScatter::title() const { return chart()->title(); }

QList<int> SimilarityScatter::pointsAt(const QPointF& value) const {
  QList<int> found;
  if (!result_) return found;
  for (int i = 0; i < result_->points.size(); ++i) {
    const auto& p = result_->points[i];
    if (qFuzzyCompare(1.0 + p.human, 1.0 + value.x()) && qFuzzyCompare(1.0 + p.cosine, 1.0 + value.y())) found << i;
  }
  return found;
}

QString SimilarityScatter::toolTipAt(const QPointF& value) const {
  QStringList lines;
  for (int i : pointsAt(value)) {
    const auto& p = result_->points[i];
    lines << tr("<b>%1 – %2</b>: human %3, cosine %4")
                 .arg(p.w1.toHtmlEscaped(), p.w2.toHtmlEscaped(), QString::number(p.human, 'g', 4),
                      QString::number(p.cosine, 'f', 3));
  }
  return lines.join(QStringLiteral("<br>"));
}

void SimilarityScatter::retranslate() {
  xAxis_->setTitleText(tr("human score"));
  yAxis_->setTitleText(tr("cosine similarity"));
  if (!result_) {
    chart()->setTitle(tr("Human score vs cosine"));
    return;
  }
  const QLocale locale;
  // Short enough for a half-page chart: the axes already say what is plotted.
  chart()->setTitle(tr("Spearman ρ = %1, Pearson r = %2 (%3 pairs, %4 OOV)")
                        .arg(coefficient(result_->spearman), coefficient(result_->pearson),
                             locale.toString(result_->pairs), locale.toString(result_->oov)));
}

void SimilarityScatter::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QChartView::changeEvent(event);
}

}  // namespace embedlab::ui
