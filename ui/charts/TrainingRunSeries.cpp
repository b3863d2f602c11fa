#include "ui/charts/TrainingRunSeries.h"

#include <cmath>

namespace embedlab::ui {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Tableau 10: ten hues that stay distinct on white (the default palette of many plotting tools).
const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                           QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                           QColor(0x17, 0xbe, 0xcf)};
constexpr int kPaletteSize = int(sizeof(kPalette) / sizeof(kPalette[0]));

}  // namespace

QColor TrainingRunSeries::colorForIndex(int index) {
  if (index < kPaletteSize) return kPalette[index];
  // Beyond the palette: golden-angle hues keep later runs apart from each other.
  return QColor::fromHsv(int(std::fmod(index * 137.508, 360.0)), 170, 200);
}

void TrainingRunSeries::track(const TrainingPoint& p, double s) {
  if (p.loss > 0 && std::isfinite(p.loss)) minPositiveLoss = std::min(minPositiveLoss, p.loss);
  if (s > 0 && std::isfinite(s)) minPositiveLoss = std::min(minPositiveLoss, s);
  if (std::isfinite(p.step)) maxStep = std::max(maxStep, std::abs(p.step));
  if (std::isfinite(p.seconds)) maxSeconds = std::max(maxSeconds, p.seconds);
  if (std::isfinite(p.itemsPerSec)) maxItemsPerSec = std::max(maxItemsPerSec, std::abs(p.itemsPerSec));
}

void TrainingRunSeries::feed(qsizetype i, bool byTime) {
  const TrainingPoint& p = points[i];
  const double x = byTime ? p.seconds : p.step;
  rawDs.append(i, x, p.loss);
  smoothDs.append(i, x, smoothed[size_t(i)]);
  lrDs.append(i, x, p.lr);
  ipsDs.append(i, x, p.itemsPerSec);
}

void TrainingRunSeries::recompute(double weight, bool byTime) {
  smoother.reset(weight);
  smoothed.resize(size_t(points.size()));
  minPositiveLoss = kInf;
  maxStep = maxSeconds = maxItemsPerSec = -kInf;
  for (StreamingDownsampler* ds : {&rawDs, &smoothDs, &lrDs, &ipsDs}) ds->clear();
  for (qsizetype i = 0; i < points.size(); ++i) {
    smoothed[size_t(i)] = smoother.push(points[i].loss);
    track(points[i], smoothed[size_t(i)]);
    feed(i, byTime);
  }
  dirty = true;
}

}  // namespace embedlab::ui
