#include "ui/evaluate/AnalogyChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCursor>
#include <QEvent>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace embedlab::ui {

AnalogyChart::AnalogyChart(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumSize(300, 220);
  auto* c = new QChart;
  c->legend()->hide();
  c->setMargins(QMargins(4, 4, 4, 4));
  series_ = new QHorizontalBarSeries(c);
  set_ = new QBarSet(QString(), series_);
  set_->setColor(QColor(0x4c, 0x72, 0xb0));
  set_->setBorderColor(QColor(0x4c, 0x72, 0xb0));
  // The total bar is "selected" so that it has a colour of its own.
  set_->setSelectedColor(QColor(0xdd, 0x84, 0x52));
  series_->append(set_);
  series_->setBarWidth(0.7);
  series_->setLabelsVisible(true);
  series_->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
  series_->setLabelsPrecision(4);
  c->addSeries(series_);
  categories_ = new QBarCategoryAxis(c);
  values_ = new QValueAxis(c);
  values_->setRange(0, 100);
  values_->setTickCount(6);
  values_->setLabelFormat(QStringLiteral("%.0f"));
  c->addAxis(categories_, Qt::AlignLeft);
  c->addAxis(values_, Qt::AlignBottom);
  series_->attachAxis(categories_);
  series_->attachAxis(values_);
  setChart(c);

  connect(set_, &QBarSet::hovered, this, [this](bool on, int index) {
    if (on) QToolTip::showText(QCursor::pos(), barToolTip(setIndex(index)), this);
    else QToolTip::hideText();
  });
  retranslate();
}

void AnalogyChart::setResult(const EvaluationResult::Analogy& result) {
  result_ = result;
  rebuild();
}

void AnalogyChart::clear() {
  result_.reset();
  rebuild();
}

int AnalogyChart::barCount() const { return set_->count(); }

// The set holds the bars bottom-up (see rebuild): logical bar i is set index count - 1 - i.
int AnalogyChart::setIndex(int bar) const { return set_->count() - 1 - bar; }

double AnalogyChart::barValue(int bar) const {
  return bar >= 0 && bar < set_->count() ? set_->at(setIndex(bar)) : 0.0;
}

QString AnalogyChart::barLabel(int bar) const {
  if (!result_ || bar < 0) return QString();
  if (bar < result_->sections.size()) return result_->sections[bar].name;
  return bar == result_->sections.size() ? tr("total") : QString();
}

QString AnalogyChart::barToolTip(int bar) const {
  if (!result_ || bar < 0 || bar > result_->sections.size()) return QString();
  const QLocale locale;
  const bool total = bar == result_->sections.size();
  const qint64 correct = total ? result_->correct : result_->sections[bar].correct;
  const qint64 n = total ? result_->total : result_->sections[bar].total;
  const qint64 oov = total ? result_->oov : result_->sections[bar].oov;
  const double accuracy = total ? result_->accuracy : result_->sections[bar].accuracy;
  QString text = QStringLiteral("<b>%1</b><br>").arg(barLabel(bar).toHtmlEscaped());
  if (n > 0)
    text += tr("%1 of %2 correct (%3%)").arg(locale.toString(correct), locale.toString(n),
                                             QString::number(accuracy * 100, 'f', 1));
  else
    text += tr("no question could be asked");
  if (oov > 0) text += QStringLiteral("<br>") + tr("%n question(s) out of vocabulary", nullptr, static_cast<int>(oov));
  return text;
}

// Horizontal bars are drawn bottom-up: the categories go in reverse so that the first section is
// at the top and the total at the bottom, and the bar values follow the same order.
void AnalogyChart::rebuild() {
  set_->deselectAllBars();
  if (set_->count() > 0) set_->remove(0, set_->count());
  categories_->clear();
  if (!result_) {
    chart()->setTitle(QString());
    return;
  }
  const int sections = static_cast<int>(result_->sections.size());
  QList<qreal> values;
  QStringList names;
  for (int i = 0; i <= sections; ++i) {
    const double accuracy = i < sections ? result_->sections[i].accuracy : result_->accuracy;
    values << std::round(accuracy * 1000.0) / 10.0;  // percent, one decimal as the labels show
    QString name = barLabel(i);
    // Category names must be unique; a section named like the total keeps both bars.
    while (names.contains(name)) name += QLatin1Char(' ');
    names << name;
  }
  // Set index i is category i: both are listed bottom-up.
  QList<qreal> bottomUp(values.rbegin(), values.rend());
  QStringList namesBottomUp(names.rbegin(), names.rend());
  categories_->append(namesBottomUp);
  set_->append(bottomUp);
  set_->selectBar(0);  // the total
  retranslate();
}

void AnalogyChart::retranslate() {
  series_->setLabelsFormat(QStringLiteral("@value%"));
  values_->setTitleText(tr("accuracy (%)"));
  if (!result_) {
    chart()->setTitle(tr("Analogy accuracy per section"));
    return;
  }
  chart()->setTitle(tr("Accuracy: %1% overall (%2 questions, %3 OOV)")
                        .arg(QString::number(result_->accuracy * 100, 'f', 1), QLocale().toString(result_->total),
                             QLocale().toString(result_->oov)));
  // The total's category name is translated.
  if (categories_->count() > 0) categories_->replace(categories_->at(0), barLabel(static_cast<int>(result_->sections.size())));
}

void AnalogyChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QChartView::changeEvent(event);
}

}  // namespace embedlab::ui
