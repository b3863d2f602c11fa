#pragma once
// Colours of the map: a perceptual sequential ramp for frequency rank (a viridis-like path from
// dark violet through teal to yellow-green, roughly uniform in lightness so rank reads as
// brightness) and a qualitative palette for cluster ids (distinct hues; beyond the table, hues
// step by the golden angle).
#include <QRgb>

namespace embedlab::ui {

class MapPalette {
 public:
  // t in [0, 1]: 0 = most frequent (dark), 1 = rarest (light). Values outside are clamped.
  static QRgb ramp(double t);
  // Cluster id >= 0; a negative id (no cluster) is grey.
  static QRgb category(int id);
  // The colour faded towards the background (points outside a highlighted set).
  static QRgb faded(QRgb color, double amount = 0.75);
};

}  // namespace embedlab::ui
