#include "ui/explore/MapPalette.h"

#include <QColor>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace embedlab::ui {

namespace {

// Control points of the sequential ramp, equally spaced in t.
constexpr QRgb kRamp[] = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaadc32};

constexpr QRgb kCategories[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x59a14f, 0xb07aa1, 0x76b7b2,
                                0xedc948, 0x9c755f, 0xff9da7, 0x2b5c8a, 0x8cd17d, 0xd4a6c8};

}  // namespace

QRgb MapPalette::ramp(double t) {
  if (!(t >= 0)) t = 0;  // NaN too
  t = std::min(t, 1.0);
  const int segments = int(std::size(kRamp)) - 1;
  const double x = t * segments;
  const int i = std::min(int(x), segments - 1);
  const double f = x - i;
  const QRgb a = kRamp[i], b = kRamp[i + 1];
  auto mix = [f](int u, int v) { return int(std::lround(u + (v - u) * f)); };
  return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

QRgb MapPalette::category(int id) {
  if (id < 0) return qRgb(150, 150, 150);
  const int n = int(std::size(kCategories));
  if (id < n) return kCategories[id] | 0xff000000u;
  // Golden-angle hue steps keep neighbouring ids apart; lightness alternates for more contrast.
  const int hue = int(std::fmod(id * 137.508, 360.0));
  return QColor::fromHsv(hue, 170, (id % 2) ? 200 : 150).rgb();
}

QRgb MapPalette::faded(QRgb color, double amount) {
  auto mix = [amount](int c) { return int(std::lround(c + (255 - c) * amount)); };
  return qRgb(mix(qRed(color)), mix(qGreen(color)), mix(qBlue(color)));
}

}  // namespace embedlab::ui
