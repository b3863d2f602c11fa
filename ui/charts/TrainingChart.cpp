#include "ui/charts/TrainingChart.h"

#include <QChart>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ui/charts/ChartAxes.h"
#include "ui/charts/ChartExport.h"
#include "ui/charts/Downsampler.h"
#include "ui/charts/HoverChartView.h"
#include "ui/charts/Smoother.h"
#include "ui/charts/StreamingDownsampler.h"
#include "ui/charts/TrainingRunSeries.h"
#include "ui/util/Csv.h"

namespace embedlab::ui {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kRawAlpha = 64;   // ~0.25: the raw curve is context, the smoothed one is the message

QString formatNumber(double v) {
  if (!std::isfinite(v)) return QString::number(v);
  if (std::abs(v) >= 1e4 && std::abs(v) < 1e15 && v == std::floor(v))
    return QLocale::c().toString(qint64(v)).replace(QLatin1Char(','), QChar(0x2009));
  return QString::number(v, 'g', 5);
}

void appendCsvNumber(std::string& out, double v) {
  char buf[32];
  // Shortest text that reads back to the same double: exact, and no longer than needed.
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

}  // namespace

struct TrainingChart::Private {
  QLineSeries* lrKey = nullptr;    // grey legend entries that explain the line styles
  QLineSeries* ipsKey = nullptr;
  bool customUnits = false;        // setUnits() was called: the caller translates its units
  TrainingChart* q = nullptr;
  std::vector<std::unique_ptr<TrainingRunSeries>> runs;
  std::vector<QString> extraNames;   // an extra's pen style is its index here
  std::vector<StreamingDownsampler::Sample> samples;   // scratch for draw()
  double smoothing = Smoother::kDefaultWeight;
  bool logScale = false;
  XAxis xAxis = XAxis::Step;
  QString stepUnit, itemUnit;
  QString lastError;
  QTimer redrawTimer;

  // What the drawn series were built with; a change means every run is rebuilt.
  double appliedFloor = 0;
  AxisScale appliedX, appliedIps;

  QChart* lossChart = nullptr;
  QChart* rateChart = nullptr;
  QChart* extraChart = nullptr;
  HoverChartView* lossView = nullptr;
  HoverChartView* rateView = nullptr;
  HoverChartView* extraView = nullptr;
  QValueAxis* lossX = nullptr;
  QAbstractAxis* lossY = nullptr;   // QValueAxis or QLogValueAxis
  QValueAxis* rateX = nullptr;
  QValueAxis* lrAxis = nullptr;
  QValueAxis* ipsAxis = nullptr;
  QValueAxis* extraX = nullptr;
  QValueAxis* extraY = nullptr;

  TrainingRunSeries* find(const QString& id) const {
    for (const auto& r : runs)
      if (r->id == id) return r.get();
    return nullptr;
  }

  TrainingRunSeries* findOrAdd(const QString& id) {
    if (TrainingRunSeries* r = find(id)) return r;
    q->addRun(id, id);
    return find(id);
  }

  // Clicking a run in the loss legend hides it everywhere (and clicking again brings it back),
  // to compare two of many overlaid runs without removing the others.
  void connectLegend(TrainingRunSeries& run) {
    const QString id = run.id;
    for (QLegendMarker* marker : lossChart->legend()->markers(run.smooth))
      QObject::connect(marker, &QLegendMarker::clicked, q, [this, id] {
        if (const TrainingRunSeries* r = find(id)) q->setRunVisible(id, !r->visible);
      });
    styleLegend(run);
  }
  void styleLegend(TrainingRunSeries& run) {
    for (QLegendMarker* marker : lossChart->legend()->markers(run.smooth)) {
      marker->setVisible(true);   // hiding a series hides its marker too; the entry must stay clickable
      QColor label = lossChart->legend()->labelColor();
      label.setAlpha(run.visible ? 255 : 90);
      marker->setLabelBrush(label);
      QPen pen = marker->pen();
      QColor c = run.color;
      c.setAlpha(run.visible ? 255 : 60);
      pen.setColor(c);
      marker->setPen(pen);
    }
  }

  void schedule() {
    if (!redrawTimer.isActive()) redrawTimer.start();
  }

  void markAllDirty() {
    for (auto& r : runs) {
      r->dirty = true;
      for (auto& e : r->extras) e->dirty = true;
    }
    schedule();
  }

  QLineSeries* makeSeries(QChart* chart, const QString& objectName, const QPen& pen, QAbstractAxis* x,
                          QAbstractAxis* y) {
    auto* s = new QLineSeries(chart);
    s->setObjectName(objectName);
    s->setPen(pen);
    chart->addSeries(s);
    s->attachAxis(x);
    s->attachAxis(y);
    return s;
  }

  void makeLossY() {
    if (logScale) {
      auto* axis = new QLogValueAxis;
      axis->setBase(10);
      axis->setLabelFormat(QStringLiteral("%g"));
      axis->setMinorTickCount(8);   // 2..9 between decades, drawn as faint grid lines
      lossY = axis;
    } else {
      lossY = new QValueAxis;
    }
    ChartAxes::styleAxis(lossY, logScale ? tr("loss (log scale)") : tr("loss"));
    lossChart->addAxis(lossY, Qt::AlignLeft);
  }

  static QString tr(const char* text) { return TrainingChart::tr(text); }

  double xOf(const TrainingPoint& p) const { return xAxis == XAxis::WallTime ? p.seconds : p.step; }

  // Wall time of an extra logged at `step`: the time of the first loss point at or after it.
  double secondsAtStep(const TrainingRunSeries& run, double step) const {
    const auto& pts = run.points;
    if (pts.isEmpty()) return std::numeric_limits<double>::quiet_NaN();
    auto it = std::lower_bound(pts.begin(), pts.end(), step,
                               [](const TrainingPoint& p, double s) { return p.step < s; });
    if (it == pts.end()) --it;
    return it->seconds;
  }

  template <class XOf, class YOf>
  static void fill(QLineSeries* series, int64_t n, XOf xOf, YOf yOf, AxisRange& xr, AxisRange& yr) {
    const std::vector<int64_t> keep = Downsampler::select(n, kMaxDrawnPoints, xOf, yOf);
    QList<QPointF> pts;
    pts.reserve(qsizetype(keep.size()));
    for (int64_t i : keep) {
      const double x = xOf(i), y = yOf(i);
      pts.append(QPointF(x, y));
      xr.add(x);
      yr.add(y);
    }
    series->replace(pts);
  }

  // Draws one series of a run: from its streaming downsampler (O(kMaxDrawnPoints)), or, when the
  // data went back in x, from all points (O(n)). yOf(i) reads the raw value of point i; toY maps
  // raw values to drawn ones (log clamp, unit scale), which keeps every bucket's min and max.
  template <class YOf, class ToY>
  void draw(const TrainingRunSeries& run, QLineSeries* series, const StreamingDownsampler& ds, YOf yOf, ToY toY, AxisRange& xr,
            AxisRange& yr) {
    const double xDiv = appliedX.factor;
    QList<QPointF> pts;
    if (ds.monotone()) {
      ds.samples(samples);
      pts.reserve(qsizetype(samples.size()));
      for (const StreamingDownsampler::Sample& s : samples) pts.append(QPointF(s.x / xDiv, toY(s.y)));
    } else {
      const std::vector<int64_t> keep = Downsampler::select(
          run.points.size(), kMaxDrawnPoints, [&](int64_t i) { return xOf(run.points[i]); }, yOf);
      pts.reserve(qsizetype(keep.size()));
      for (int64_t i : keep) pts.append(QPointF(xOf(run.points[i]) / xDiv, toY(yOf(i))));
    }
    for (const QPointF& p : pts) {
      xr.add(p.x());
      yr.add(p.y());
    }
    // A line needs two points; the first report of a run would otherwise be invisible.
    if (series->pointsVisible() != (pts.size() == 1)) series->setPointsVisible(pts.size() == 1);
    series->replace(pts);
  }

  void rebuild(TrainingRunSeries& run) {
    const QVector<TrainingPoint>& pts = run.points;
    const bool log = logScale;
    const double floor = appliedFloor, ipsDiv = appliedIps.factor;
    auto clampY = [log, floor](double y) { return log ? std::max(y, floor) : y; };
    auto same = [](double y) { return y; };
    run.x = run.loss = run.lrRange = run.ipsRange = AxisRange();
    AxisRange unused;
    draw(run, run.raw, run.rawDs, [&](int64_t i) { return pts[i].loss; }, clampY, run.x, run.loss);
    draw(run, run.smooth, run.smoothDs, [&](int64_t i) { return run.smoothed[size_t(i)]; }, clampY, run.x, run.loss);
    draw(run, run.lr, run.lrDs, [&](int64_t i) { return pts[i].lr; }, same, unused, run.lrRange);
    draw(run, run.ips, run.ipsDs, [&](int64_t i) { return pts[i].itemsPerSec; },
         [ipsDiv](double y) { return y / ipsDiv; }, unused, run.ipsRange);
    run.dirty = false;
  }

  void rebuild(const TrainingRunSeries& run, TrainingExtraSeries& e) {
    const int64_t n = int64_t(e.step.size());
    const bool byTime = xAxis == XAxis::WallTime;
    const double xDiv = appliedX.factor;
    // Wall-time positions are looked up once per rebuild, not per downsampler pass.
    std::vector<double> xs(e.step.size());
    for (size_t i = 0; i < xs.size(); ++i) xs[i] = (byTime ? secondsAtStep(run, e.step[i]) : e.step[i]) / xDiv;
    e.x = e.y = AxisRange();
    fill(e.series, n, [&](int64_t i) { return xs[size_t(i)]; }, [&](int64_t i) { return e.value[size_t(i)]; },
         e.x, e.y);
    e.dirty = false;
  }

  // About one tick label per 38 px of height and 110 px of width, so small charts do not crowd
  // (Qt Charts silently drops labels that overlap, leaving uneven gaps).
  static int yTicks(const QChart* c) { return std::clamp(int(c->plotArea().height() / 38), 2, 8); }
  int xTicks() const { return std::clamp(int(lossChart->plotArea().width() / 110), 2, 10); }
  int tickSignature() const {
    return xTicks() + 16 * (yTicks(lossChart) + 16 * (yTicks(rateChart) + 16 * yTicks(extraChart)));
  }
  int appliedTicks = -1;

  void updateAxes() {
    appliedTicks = tickSignature();
    AxisRange x, loss, lr, ips, ex, ey;
    for (const auto& r : runs) {
      if (!r->visible) continue;
      x.merge(r->x);
      loss.merge(r->loss);
      lr.merge(r->lrRange);
      ips.merge(r->ipsRange);
      for (const auto& e : r->extras) {
        ex.merge(e->x);
        ey.merge(e->y);
      }
    }
    QString xTitle;
    if (xAxis == XAxis::WallTime) {
      xTitle = tr("wall time (%1)").arg(appliedX.suffix);
    } else {
      xTitle = appliedX.suffix.isEmpty() ? stepUnit : QStringLiteral("%1 (%2)").arg(stepUnit, appliedX.suffix);
    }
    if (!x.valid()) x = AxisRange{0, 1};
    for (QValueAxis* axis : {lossX, rateX, extraX}) {
      axis->setTitleText(xTitle);
      ChartAxes::setLinearRange(axis, x.lo, x.hi, xTicks());
    }

    if (!loss.valid()) loss = AxisRange{logScale ? 0.1 : 0.0, logScale ? 10.0 : 1.0};
    if (auto* axis = qobject_cast<QLogValueAxis*>(lossY)) {
      ChartAxes::setLogRange(axis, loss.lo, loss.hi);
    } else if (auto* axis = qobject_cast<QValueAxis*>(lossY)) {
      const double pad = (loss.hi - loss.lo) * 0.05;
      ChartAxes::setLinearRange(axis, loss.lo - pad, loss.hi + pad, yTicks(lossChart));
    }

    if (!lr.valid()) lr = AxisRange{0, 1};
    ChartAxes::setLinearRange(lrAxis, std::min(0.0, lr.lo), lr.hi * 1.05, yTicks(rateChart));
    lrAxis->setLabelFormat(QStringLiteral("%.2g"));
    if (!ips.valid()) ips = AxisRange{0, 1};
    ChartAxes::setLinearRange(ipsAxis, std::min(0.0, ips.lo), ips.hi * 1.05, yTicks(rateChart));
    ipsAxis->setTitleText(appliedIps.suffix.isEmpty() ? tr("%1/s").arg(itemUnit)
                                                      : tr("%1 %2/s").arg(appliedIps.suffix, itemUnit));

    if (!ey.valid()) ey = AxisRange{0, 1};
    const double pad = (ey.hi - ey.lo) * 0.05;
    ChartAxes::setLinearRange(extraY, ey.lo - pad, ey.hi + pad, yTicks(extraChart));
  }

  // Lines up the stacked charts' plot areas (see ChartAxes::alignPlotAreas). Runs whenever a plot
  // area moves.
  bool aligning = false;
  void alignPlotAreas() {
    if (aligning) return;
    aligning = true;
    std::vector<QChart*> charts;
    // A chart not laid out yet (first shown on a hidden page, or squeezed to nothing) has no
    // meaningful plot area: measuring it fed margins into minimum sizes and back, growing the
    // view without bound. Such charts wait for a real layout.
    for (HoverChartView* v : {lossView, rateView, extraView}) {
      QChart* c = v->chart();
      if (v->isHidden() || c->rect().width() < kMinAlignWidth || c->rect().height() < kMinAlignWidth ||
          !c->plotArea().isValid())
        continue;
      charts.push_back(c);
    }
    ChartAxes::alignPlotAreas(charts);
    aligning = false;
  }
  static constexpr double kMinAlignWidth = 60;

  // "Nothing to show yet" in the middle of an empty loss chart, so a newcomer knows what the
  // empty axes are waiting for.
  QGraphicsSimpleTextItem* placeholder = nullptr;
  void updatePlaceholder() {
    bool empty = true;
    for (const auto& r : runs) empty = empty && r->points.isEmpty();
    placeholder->setVisible(empty);
    if (!empty) return;
    const QRectF plot = lossChart->plotArea();
    const QRectF text = placeholder->boundingRect();
    placeholder->setPos(plot.center() - QPointF(text.width() / 2, text.height() / 2));
  }

  void layoutChanged() {
    updatePlaceholder();
    alignPlotAreas();
    if (tickSignature() != appliedTicks) updateAxes();
  }

  void showHover(HoverChartView* view, QPointF value, QPoint globalPos) {
    const QString text = q->hoverText(value.x() * appliedX.factor);
    if (text.isEmpty()) return QToolTip::hideText();
    QToolTip::showText(globalPos + QPoint(14, 10), text, view);
  }
};

static const QVector<TrainingPoint> kNoPoints;

TrainingChart::TrainingChart(QWidget* parent) : QWidget(parent), d_(std::make_unique<Private>()) {
  Private& d = *d_;
  d.q = this;
  d.stepUnit = tr("step");
  d.itemUnit = tr("items");
  d.redrawTimer.setSingleShot(true);
  d.redrawTimer.setInterval(kRedrawIntervalMs);
  connect(&d.redrawTimer, &QTimer::timeout, this, &TrainingChart::redrawNow);

  // Loss.
  d.lossChart = new QChart;
  ChartAxes::styleChart(d.lossChart, tr("Training loss"));
  d.lossX = new QValueAxis;
  ChartAxes::styleAxis(d.lossX, d.stepUnit);
  d.lossChart->addAxis(d.lossX, Qt::AlignBottom);
  d.makeLossY();
  d.placeholder = new QGraphicsSimpleTextItem(tr("Start a training run: its loss appears here as it learns."),
                                              d.lossChart);
  d.placeholder->setBrush(QColor(0x88, 0x88, 0x88));
  d.placeholder->setZValue(10);

  // Learning rate (left, solid) and throughput (right, dashed). The two grey entries of this
  // chart's legend explain the line styles; the colours are the runs' colours from the loss chart.
  d.rateChart = new QChart;
  ChartAxes::styleChart(d.rateChart, tr("Learning rate and throughput"));
  d.rateX = new QValueAxis;
  ChartAxes::styleAxis(d.rateX, d.stepUnit);
  d.rateChart->addAxis(d.rateX, Qt::AlignBottom);
  d.lrAxis = new QValueAxis;
  ChartAxes::styleAxis(d.lrAxis, tr("learning rate"));
  d.rateChart->addAxis(d.lrAxis, Qt::AlignLeft);
  d.ipsAxis = new QValueAxis;
  ChartAxes::styleAxis(d.ipsAxis, tr("items/s"));
  d.ipsAxis->setGridLineVisible(false);   // one grid per chart; two would not line up
  d.rateChart->addAxis(d.ipsAxis, Qt::AlignRight);
  QLineSeries* lrKey = d.lrKey = d.makeSeries(d.rateChart, QStringLiteral("key:lr"), QPen(QColor(0x55, 0x55, 0x55), 2),
                                    d.rateX, d.lrAxis);
  lrKey->setName(tr("learning rate"));
  QLineSeries* ipsKey = d.ipsKey = d.makeSeries(d.rateChart, QStringLiteral("key:ips"),
                                     QPen(QColor(0x55, 0x55, 0x55), 1.5, Qt::DashLine), d.rateX, d.ipsAxis);
  ipsKey->setName(tr("throughput"));

  // Model extras, hidden until the first extra point.
  d.extraChart = new QChart;
  ChartAxes::styleChart(d.extraChart, tr("Model metrics"));
  d.extraX = new QValueAxis;
  ChartAxes::styleAxis(d.extraX, d.stepUnit);
  d.extraChart->addAxis(d.extraX, Qt::AlignBottom);
  d.extraY = new QValueAxis;
  ChartAxes::styleAxis(d.extraY, tr("value"));
  d.extraChart->addAxis(d.extraY, Qt::AlignLeft);

  d.lossView = new HoverChartView(d.lossChart, this);
  d.rateView = new HoverChartView(d.rateChart, this);
  d.extraView = new HoverChartView(d.extraChart, this);
  d.lossView->setObjectName(QStringLiteral("lossChartView"));
  d.rateView->setObjectName(QStringLiteral("rateChartView"));
  d.extraView->setObjectName(QStringLiteral("extraChartView"));
  d.lossView->setMinimumHeight(220);
  d.rateView->setMinimumHeight(160);
  d.extraView->setMinimumHeight(160);
  d.extraView->hide();
  for (HoverChartView* view : {d.lossView, d.rateView, d.extraView}) {
    connect(view, &HoverChartView::hovered, this,
            [this, view](QPointF value, QPoint globalPos) { d_->showHover(view, value, globalPos); });
    connect(view, &HoverChartView::hoverLeft, this, [] { QToolTip::hideText(); });
  }

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(d.lossView, 3);
  layout->addWidget(d.rateView, 2);
  layout->addWidget(d.extraView, 2);
  for (QChart* c : {d.lossChart, d.rateChart, d.extraChart})
    connect(c, &QChart::plotAreaChanged, this, [this] { d_->layoutChanged(); }, Qt::QueuedConnection);

  d.updateAxes();
  d.updatePlaceholder();
}

TrainingChart::~TrainingChart() = default;

void TrainingChart::addRun(const QString& runId, const QString& name) {
  Private& d = *d_;
  if (d.find(runId)) return renameRun(runId, name);
  auto run = std::make_unique<TrainingRunSeries>();
  run->id = runId;
  run->name = name;
  run->smoother.reset(d.smoothing);
  // The lowest palette slot not in use, so a run keeps its colour while others come and go.
  std::vector<bool> used;
  for (const auto& r : d.runs) {
    if (size_t(r->colorIndex) >= used.size()) used.resize(size_t(r->colorIndex) + 1);
    used[size_t(r->colorIndex)] = true;
  }
  while (size_t(run->colorIndex) < used.size() && used[size_t(run->colorIndex)]) ++run->colorIndex;
  run->color = TrainingRunSeries::colorForIndex(run->colorIndex);

  QColor faint = run->color;
  faint.setAlpha(kRawAlpha);
  run->raw = d.makeSeries(d.lossChart, QStringLiteral("loss-raw:") + runId, QPen(faint, 1), d.lossX, d.lossY);
  run->smooth = d.makeSeries(d.lossChart, QStringLiteral("loss:") + runId, QPen(run->color, 2), d.lossX, d.lossY);
  run->lr = d.makeSeries(d.rateChart, QStringLiteral("lr:") + runId, QPen(run->color, 2), d.rateX, d.lrAxis);
  run->ips = d.makeSeries(d.rateChart, QStringLiteral("ips:") + runId, QPen(run->color, 1.5, Qt::DashLine),
                          d.rateX, d.ipsAxis);
  ChartAxes::hideLegendEntry(d.lossChart, run->raw);
  ChartAxes::hideLegendEntry(d.rateChart, run->lr);
  ChartAxes::hideLegendEntry(d.rateChart, run->ips);
  d.runs.push_back(std::move(run));
  // Series are painted in the order they were added (Qt Charts has no z-order for series): re-add
  // the smoothed curves so that every run's smoothed curve lies above every run's raw curve.
  for (auto& r : d.runs) {
    d.lossChart->removeSeries(r->smooth);
    d.lossChart->addSeries(r->smooth);
    r->smooth->attachAxis(d.lossX);
    r->smooth->attachAxis(d.lossY);
    d.connectLegend(*r);   // re-adding made new legend markers
  }
  renameRun(runId, name);
  d.schedule();
}

void TrainingChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void TrainingChart::retranslate() {
  Private& d = *d_;
  d.lossChart->setTitle(tr("Training loss"));
  d.rateChart->setTitle(tr("Learning rate and throughput"));
  d.extraChart->setTitle(tr("Model metrics"));
  d.lrAxis->setTitleText(tr("learning rate"));
  d.extraY->setTitleText(tr("value"));
  d.lrKey->setName(tr("learning rate"));
  d.ipsKey->setName(tr("throughput"));
  if (!d.customUnits) {
    d.stepUnit = tr("step");
    d.itemUnit = tr("items");
  }
  d.placeholder->setText(tr("Start a training run: its loss appears here as it learns."));
  d.lossY->setTitleText(d.logScale ? tr("loss (log scale)") : tr("loss"));
  for (const auto& run : d.runs) renameRun(run->id, run->name);
  // The x axis title carries translated units and unit multiples ("thousands"): a redraw
  // recomputes the multiples, and the axes with them, also when no point arrives any more.
  redrawNow();
}

void TrainingChart::renameRun(const QString& runId, const QString& name) {
  TrainingRunSeries* run = d_->find(runId);
  if (!run) return;
  run->name = name;
  run->raw->setName(tr("%1 (raw)").arg(name));
  run->smooth->setName(name);
  run->lr->setName(tr("%1: learning rate").arg(name));
  run->ips->setName(tr("%1: throughput").arg(name));
  for (auto& e : run->extras) e->series->setName(QStringLiteral("%1: %2").arg(name, e->name));
}

void TrainingChart::removeRun(const QString& runId) {
  Private& d = *d_;
  auto it = std::find_if(d.runs.begin(), d.runs.end(), [&](const auto& r) { return r->id == runId; });
  if (it == d.runs.end()) return;
  TrainingRunSeries& run = **it;
  for (auto [chart, series] : {std::pair{d.lossChart, run.raw}, std::pair{d.lossChart, run.smooth},
                               std::pair{d.rateChart, run.lr}, std::pair{d.rateChart, run.ips}}) {
    chart->removeSeries(series);
    delete series;
  }
  for (auto& e : run.extras) {
    d.extraChart->removeSeries(e->series);
    delete e->series;
  }
  d.runs.erase(it);
  bool anyExtras = false;
  for (const auto& r : d.runs) anyExtras = anyExtras || !r->extras.empty();
  if (!anyExtras) d.extraView->hide();
  d.schedule();
}

void TrainingChart::clearRuns() {
  while (!d_->runs.empty()) removeRun(d_->runs.back()->id);
  d_->extraNames.clear();
}

bool TrainingChart::hasRun(const QString& runId) const { return d_->find(runId) != nullptr; }

void TrainingChart::appendPoint(const QString& runId, const TrainingPoint& point) {
  TrainingRunSeries* run = d_->findOrAdd(runId);
  run->points.push_back(point);
  const double s = run->smoother.push(point.loss);
  run->smoothed.push_back(s);
  run->track(point, s);
  run->feed(run->points.size() - 1, d_->xAxis == XAxis::WallTime);
  run->dirty = true;
  d_->schedule();
}

void TrainingChart::setPoints(const QString& runId, const QVector<TrainingPoint>& points) {
  TrainingRunSeries* run = d_->findOrAdd(runId);
  run->points = points;
  run->recompute(d_->smoothing, d_->xAxis == XAxis::WallTime);
  for (auto& e : run->extras) e->dirty = true;   // wall-time positions of extras come from points
  d_->schedule();
}

const QVector<TrainingPoint>& TrainingChart::points(const QString& runId) const {
  const TrainingRunSeries* run = d_->find(runId);
  return run ? run->points : kNoPoints;
}

void TrainingChart::appendExtra(const QString& runId, const QString& series, double step, double value) {
  Private& d = *d_;
  TrainingRunSeries* run = d.findOrAdd(runId);
  auto it = std::find_if(run->extras.begin(), run->extras.end(), [&](const auto& e) { return e->name == series; });
  TrainingExtraSeries* extra = nullptr;
  if (it != run->extras.end()) {
    extra = it->get();
  } else {
    auto nameIt = std::find(d.extraNames.begin(), d.extraNames.end(), series);
    const size_t styleIndex = size_t(nameIt - d.extraNames.begin());
    if (nameIt == d.extraNames.end()) d.extraNames.push_back(series);
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    auto e = std::make_unique<TrainingExtraSeries>();
    e->name = series;
    e->series = d.makeSeries(d.extraChart, QStringLiteral("extra:%1:%2").arg(runId, series),
                             QPen(run->color, 2, styles[styleIndex % 4]), d.extraX, d.extraY);
    e->series->setName(QStringLiteral("%1: %2").arg(run->name, series));
    e->series->setVisible(run->visible);
    extra = e.get();
    run->extras.push_back(std::move(e));
  }
  extra->step.push_back(step);
  extra->value.push_back(value);
  extra->dirty = true;
  if (d.extraView->isHidden()) d.extraView->show();
  d.schedule();
}

void TrainingChart::setSmoothing(double weight) {
  weight = Smoother::clampWeight(weight);
  if (weight == d_->smoothing) return;
  d_->smoothing = weight;
  for (auto& r : d_->runs) r->recompute(weight, d_->xAxis == XAxis::WallTime);
  d_->schedule();
  emit smoothingChanged(weight);
}

double TrainingChart::smoothing() const { return d_->smoothing; }

void TrainingChart::setLogScale(bool on) {
  Private& d = *d_;
  if (d.logScale == on) return;
  d.logScale = on;
  d.lossChart->removeAxis(d.lossY);   // detaches the series
  delete d.lossY;
  d.makeLossY();
  for (auto& r : d.runs) {
    r->raw->attachAxis(d.lossY);
    r->smooth->attachAxis(d.lossY);
  }
  d.appliedFloor = 0;
  d.markAllDirty();
}

bool TrainingChart::logScale() const { return d_->logScale; }

void TrainingChart::setRunVisible(const QString& runId, bool visible) {
  TrainingRunSeries* run = d_->find(runId);
  if (!run || run->visible == visible) return;
  run->visible = visible;
  for (QLineSeries* s : {run->raw, run->smooth, run->lr, run->ips}) s->setVisible(visible);
  for (auto& e : run->extras) e->series->setVisible(visible);
  // A series shown again shows its legend marker again: the faint and rate curves stay unlisted.
  ChartAxes::hideLegendEntry(d_->lossChart, run->raw);
  ChartAxes::hideLegendEntry(d_->rateChart, run->lr);
  ChartAxes::hideLegendEntry(d_->rateChart, run->ips);
  d_->styleLegend(*run);
  d_->schedule();   // the axes fit the visible runs
}

bool TrainingChart::isRunVisible(const QString& runId) const {
  const TrainingRunSeries* run = d_->find(runId);
  return run && run->visible;
}

void TrainingChart::setXAxis(XAxis axis) {
  if (d_->xAxis == axis) return;
  d_->xAxis = axis;
  for (auto& r : d_->runs) r->recompute(d_->smoothing, axis == XAxis::WallTime);
  d_->markAllDirty();
}

TrainingChart::XAxis TrainingChart::xAxis() const { return d_->xAxis; }

void TrainingChart::setUnits(const QString& stepUnit, const QString& itemUnit) {
  d_->stepUnit = stepUnit;
  d_->itemUnit = itemUnit;
  d_->customUnits = true;
  d_->schedule();
}

QColor TrainingChart::runColor(const QString& runId) const {
  const TrainingRunSeries* run = d_->find(runId);
  return run ? run->color : QColor();
}

QStringList TrainingChart::runIds() const {
  QStringList ids;
  for (const auto& r : d_->runs) ids << r->id;
  return ids;
}

QString TrainingChart::lastError() const { return d_->lastError; }

void TrainingChart::redrawNow() {
  Private& d = *d_;
  d.redrawTimer.stop();
  QElapsedTimer cost;
  cost.start();

  // Settings that change every drawn coordinate: the log floor and the unit multiples.
  double floor = kInf, maxX = 0, maxIps = 0;
  for (const auto& r : d.runs) {
    floor = std::min(floor, r->minPositiveLoss);
    maxX = std::max(maxX, d.xAxis == XAxis::WallTime ? r->maxSeconds : r->maxStep);
    maxIps = std::max(maxIps, r->maxItemsPerSec);
  }
  if (!std::isfinite(floor)) floor = 1e-6;
  const AxisScale xScale = d.xAxis == XAxis::WallTime ? ChartAxes::timeScale(maxX) : ChartAxes::countScale(maxX);
  const AxisScale ipsScale = ChartAxes::countScale(maxIps, true);
  if ((d.logScale && floor != d.appliedFloor) || !(xScale == d.appliedX) || !(ipsScale == d.appliedIps) ||
      xScale.suffix != d.appliedX.suffix) {
    d.appliedFloor = floor;
    d.appliedX = xScale;
    d.appliedIps = ipsScale;
    for (auto& r : d.runs) {
      r->dirty = true;
      for (auto& e : r->extras) e->dirty = true;
    }
  }

  for (auto& r : d.runs) {
    if (r->dirty) d.rebuild(*r);
    for (auto& e : r->extras)
      if (e->dirty) d.rebuild(*r, *e);
  }
  d.updateAxes();
  d.updatePlaceholder();
  // Normally a redraw costs well under a millisecond. One that does not (a run whose x went back
  // and must be downsampled from all its points) stretches the interval so that redraws never
  // take more than about a fifth of the event loop.
  d.redrawTimer.setInterval(int(std::clamp<qint64>(5 * cost.elapsed(), kRedrawIntervalMs, 1000)));
}

int TrainingChart::drawnPointCount(const QString& runId) const {
  const TrainingRunSeries* run = d_->find(runId);
  return run ? int(run->smooth->count()) : 0;
}

bool TrainingChart::extrasVisible() const { return !d_->extraView->isHidden(); }

QString TrainingChart::hoverText(double x) const {
  const Private& d = *d_;
  QStringList lines;
  const QString swatch = QStringLiteral("<span style='color:%1'>&#9632;</span> <b>%2</b>");
  for (const auto& r : d.runs) {
    if (!r->visible) continue;
    const QVector<TrainingPoint>& pts = r->points;
    if (!pts.isEmpty()) {
      // Nearest point by x; x is non-decreasing within a run (steps and wall time only grow).
      auto it = std::lower_bound(pts.begin(), pts.end(), x,
                                 [&d](const TrainingPoint& p, double v) { return d.xOf(p) < v; });
      qsizetype i = it - pts.begin();
      if (i == pts.size() || (i > 0 && std::abs(d.xOf(pts[i - 1]) - x) <= std::abs(d.xOf(pts[i]) - x))) --i;
      const TrainingPoint& p = pts[i];
      lines << swatch.arg(r->color.name(), r->name.toHtmlEscaped()) +
                   tr(" &nbsp;%1 %2, %3 s<br/>&nbsp;&nbsp;&nbsp;loss %4 &nbsp;(smoothed %5) &nbsp;lr %6 &nbsp;%7 %8/s")
                       .arg(d.stepUnit.toHtmlEscaped(), formatNumber(p.step), formatNumber(p.seconds),
                            formatNumber(p.loss), formatNumber(r->smoothed[size_t(i)]), formatNumber(p.lr),
                            formatNumber(p.itemsPerSec), d.itemUnit.toHtmlEscaped());
    } else if (!r->extras.empty()) {
      lines << swatch.arg(r->color.name(), r->name.toHtmlEscaped());
    }
    for (const auto& e : r->extras) {
      // Extras are logged by step; in wall-time mode compare at the time of that step.
      size_t best = 0;
      double bestDist = kInf;
      for (size_t k = 0; k < e->step.size(); ++k) {
        const double ex = d.xAxis == XAxis::WallTime ? d.secondsAtStep(*r, e->step[k]) : e->step[k];
        const double dist = std::abs(ex - x);
        if (dist < bestDist) {
          bestDist = dist;
          best = k;
        }
      }
      if (std::isfinite(bestDist))
        lines << tr("&nbsp;&nbsp;&nbsp;%1 %2 &nbsp;(%3 %4)")
                     .arg(e->name.toHtmlEscaped(), formatNumber(e->value[best]), d.stepUnit.toHtmlEscaped(),
                          formatNumber(e->step[best]));
    }
  }
  return lines.isEmpty() ? QString() : QStringLiteral("<p style='white-space:pre'>%1</p>").arg(lines.join("<br/>"));
}

bool TrainingChart::exportPng(const QString& path) const {
  auto* self = const_cast<TrainingChart*>(this);   // drawing pending points is not a visible change
  self->redrawNow();
  // Offscreen and never shown, the charts' layouts are still pending: run them, then align.
  // Tick counts follow the plot size and margins follow the tick labels: a few rounds settle it
  // (in the window the plotAreaChanged signal does the same over successive events).
  ChartExport::prepareWidget(self);
  for (int round = 0; round < 3; ++round) {
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    d_->layoutChanged();
  }
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  const QImage image = ChartExport::renderWidget(self);
  return ChartExport::writePng(image, path, &d_->lastError);
}

bool TrainingChart::exportCsv(const QString& path) const {
  std::string out = "run,step,seconds,loss,smoothed,lr,items_per_sec\n";
  size_t total = 0;
  for (const auto& r : d_->runs) total += size_t(r->points.size());
  out.reserve(out.size() + total * 64);
  for (const auto& r : d_->runs) {
    const std::string run = csv::field(r->name);
    for (qsizetype i = 0; i < r->points.size(); ++i) {
      const TrainingPoint& p = r->points[i];
      out += run;
      for (double v : {p.step, p.seconds, p.loss, r->smoothed[size_t(i)], p.lr, p.itemsPerSec}) {
        out += ',';
        appendCsvNumber(out, v);
      }
      out += '\n';
    }
  }
  return ChartExport::writeText(path, out, &d_->lastError);
}

}  // namespace embedlab::ui
