#pragma once
// CSV cells for the window's exports (the Evaluate page's tables, the training chart's points):
// RFC 4180, so a field with a comma, a quote or a line break is quoted and its quotes doubled.
#include <QString>

#include <cmath>
#include <string>

namespace embedlab::ui::csv {

inline std::string field(const QString& text) {
  const std::string s = text.toStdString();
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Shortest form that reads back to 8 significant digits; empty for NaN / infinity.
inline std::string number(double v) { return std::isfinite(v) ? QString::number(v, 'g', 8).toStdString() : std::string(); }

}  // namespace embedlab::ui::csv
