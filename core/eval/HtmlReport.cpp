#include "core/eval/HtmlReport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/util/AtomicFile.h"

namespace embedlab {

namespace {

// Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies.
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};

std::string fmt(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

std::string number(double value, int decimals) {
  if (!std::isfinite(value)) return "&ndash;";
  char format[16];
  std::snprintf(format, sizeof format, "%%.%df", decimals);
  return fmt(format, value);
}

std::string shorten(const std::string& text, size_t maxChars) {
  if (text.size() <= maxChars) return text;
  // Cut on a UTF-8 character boundary.
  size_t cut = maxChars - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\xE2\x80\xA6";  // …
}

// Distinct values in first-seen order.
template <class Get>
std::vector<std::string> distinct(const std::vector<ReportClassificationRow>& rows, Get get) {
  std::vector<std::string> out;
  for (const auto& r : rows)
    if (std::find(out.begin(), out.end(), get(r)) == out.end()) out.push_back(get(r));
  return out;
}

// Grouped bars: one group per task, one bar per model, values in [0, 1].
std::string groupedBarChart(const std::vector<ReportClassificationRow>& rows, bool macroF1) {
  const auto tasks = distinct(rows, [](const ReportClassificationRow& r) { return r.task; });
  const auto models = distinct(rows, [](const ReportClassificationRow& r) { return r.model; });
  std::map<std::pair<std::string, std::string>, double> value;
  for (const auto& r : rows)
    value.emplace(std::make_pair(r.task, r.model), macroF1 ? r.metrics.macroF1 : r.metrics.accuracy);

  const int legendRows = static_cast<int>((models.size() + 2) / 3);
  const double left = 48, right = 16, top = 24 + 18.0 * legendRows, bottom = 40;
  const double barW = 22, gap = 28;
  const double groupW = barW * static_cast<double>(models.size()) + gap;
  const double plotW = std::max(360.0, groupW * static_cast<double>(tasks.size()));
  const double plotH = 220;
  const double width = left + plotW + right, height = top + plotH + bottom;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fmt("%.0f", width) + "\" height=\"" +
                  fmt("%.0f", height) + "\" role=\"img\" aria-label=\"" + (macroF1 ? "macro-F1" : "accuracy") +
                  " by task and model\" font-family=\"sans-serif\" font-size=\"11\">\n";
  // Legend.
  for (size_t m = 0; m < models.size(); ++m) {
    const double x = left + static_cast<double>(m % 3) * (plotW / 3), y = 8 + 18.0 * static_cast<double>(m / 3);
    s += "<rect x=\"" + fmt("%.1f", x) + "\" y=\"" + fmt("%.1f", y) + "\" width=\"12\" height=\"12\" fill=\"" +
         kPalette[m % 8] + "\"/><text x=\"" + fmt("%.1f", x + 16) + "\" y=\"" + fmt("%.1f", y + 10) + "\">" +
         htmlEscape(shorten(models[m], 40)) + "</text>\n";
  }
  // Axis and grid: 0, 0.2, ..., 1.
  for (int i = 0; i <= 5; ++i) {
    const double v = i / 5.0, y = top + plotH * (1 - v);
    s += "<line x1=\"" + fmt("%.1f", left) + "\" x2=\"" + fmt("%.1f", left + plotW) + "\" y1=\"" + fmt("%.1f", y) +
         "\" y2=\"" + fmt("%.1f", y) + "\" stroke=\"" + (i == 0 ? "#444" : "#ddd") + "\"/>";
    s += "<text x=\"" + fmt("%.1f", left - 6) + "\" y=\"" + fmt("%.1f", y + 4) + "\" text-anchor=\"end\">" +
         fmt("%.1f", v) + "</text>\n";
  }
  for (size_t t = 0; t < tasks.size(); ++t) {
    const double gx = left + gap / 2 + groupW * static_cast<double>(t);
    for (size_t m = 0; m < models.size(); ++m) {
      auto it = value.find({tasks[t], models[m]});
      if (it == value.end() || !std::isfinite(it->second)) continue;
      const double v = std::clamp(it->second, 0.0, 1.0);
      const double x = gx + barW * static_cast<double>(m), h = plotH * v, y = top + plotH - h;
      s += "<rect x=\"" + fmt("%.1f", x) + "\" y=\"" + fmt("%.1f", y) + "\" width=\"" + fmt("%.1f", barW - 3) +
           "\" height=\"" + fmt("%.1f", h) + "\" fill=\"" + kPalette[m % 8] + "\"><title>" + htmlEscape(models[m]) +
           " on " + htmlEscape(tasks[t]) + ": " + number(it->second, 4) + "</title></rect>";
      s += "<text x=\"" + fmt("%.1f", x + (barW - 3) / 2) + "\" y=\"" + fmt("%.1f", y - 3) +
           "\" text-anchor=\"middle\" font-size=\"9\">" + number(it->second, 2) + "</text>\n";
    }
    s += "<text x=\"" + fmt("%.1f", gx + (groupW - gap) / 2) + "\" y=\"" + fmt("%.1f", top + plotH + 16) +
         "\" text-anchor=\"middle\">" + htmlEscape(shorten(tasks[t], 28)) + "</text>\n";
  }
  s += "<text x=\"12\" y=\"" + fmt("%.1f", top + plotH / 2) + "\" transform=\"rotate(-90 12 " +
       fmt("%.1f", top + plotH / 2) + ")\" text-anchor=\"middle\">" + (macroF1 ? "macro-F1" : "accuracy") +
       "</text>\n</svg>\n";
  return s;
}

// Confusion matrix: rows = true class, columns = predicted; colour = the row's share.
std::string confusionHeatmap(const ReportClassificationRow& row) {
  const auto& cm = row.metrics.confusion;
  const size_t n = cm.size();
  if (n == 0) return {};
  const double cell = std::clamp(480.0 / static_cast<double>(n), 14.0, 40.0);
  const double labelW = 130, top = 130;
  const double width = labelW + cell * static_cast<double>(n) + 10, height = top + cell * static_cast<double>(n) + 10;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + fmt("%.0f", width) + "\" height=\"" +
                  fmt("%.0f", height) + "\" role=\"img\" aria-label=\"confusion matrix\" font-family=\"sans-serif\" "
                  "font-size=\"10\">\n";
  auto label = [&](size_t i) { return i < row.labels.size() ? row.labels[i] : std::to_string(i); };
  for (size_t j = 0; j < n; ++j) {
    const double x = labelW + cell * (static_cast<double>(j) + 0.5);
    s += "<text transform=\"translate(" + fmt("%.1f", x + 3) + " " + fmt("%.1f", top - 4) +
         ") rotate(-60)\">" + htmlEscape(shorten(label(j), 20)) + "</text>\n";
  }
  for (size_t i = 0; i < n; ++i) {
    int64_t rowSum = 0;
    for (int64_t c : cm[i]) rowSum += c;
    const double y = top + cell * static_cast<double>(i);
    s += "<text x=\"" + fmt("%.1f", labelW - 4) + "\" y=\"" + fmt("%.1f", y + cell / 2 + 3) +
         "\" text-anchor=\"end\">" + htmlEscape(shorten(label(i), 20)) + "</text>\n";
    for (size_t j = 0; j < n && j < cm[i].size(); ++j) {
      const double share = rowSum > 0 ? static_cast<double>(cm[i][j]) / static_cast<double>(rowSum) : 0.0;
      // White -> deep blue.
      const int r = static_cast<int>(std::lround(255 - share * (255 - 8)));
      const int g = static_cast<int>(std::lround(255 - share * (255 - 69)));
      const int b = static_cast<int>(std::lround(255 - share * (255 - 148)));
      char colour[8];
      std::snprintf(colour, sizeof colour, "#%02x%02x%02x", r, g, b);
      const double x = labelW + cell * static_cast<double>(j);
      s += "<rect x=\"" + fmt("%.1f", x) + "\" y=\"" + fmt("%.1f", y) + "\" width=\"" + fmt("%.1f", cell) +
           "\" height=\"" + fmt("%.1f", cell) + "\" fill=\"" + colour + "\" stroke=\"#fff\"><title>true " +
           htmlEscape(label(i)) + ", predicted " + htmlEscape(label(j)) + ": " + std::to_string(cm[i][j]) +
           "</title></rect>";
      if (cell >= 18 && cm[i][j] > 0)
        s += "<text x=\"" + fmt("%.1f", x + cell / 2) + "\" y=\"" + fmt("%.1f", y + cell / 2 + 3) +
             "\" text-anchor=\"middle\" fill=\"" + (share > 0.5 ? "#fff" : "#000") + "\">" +
             std::to_string(cm[i][j]) + "</text>";
    }
    s += "\n";
  }
  s += "</svg>\n";
  return s;
}

const char* const kStyle = R"(<style>
body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } .sub { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 3px 8px; } th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } td.best { font-weight: bold; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
details { margin: 0.4em 0; } summary { cursor: pointer; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5em; }
</style>
)";

}  // namespace

std::string htmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string renderHtmlReport(const ReportData& data) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                  htmlEscape(data.title) + "</title>\n" + kStyle + "</head>\n<body>\n<h1>" + htmlEscape(data.title) +
                  "</h1>\n";
  if (!data.subtitle.empty()) s += "<p class=\"sub\">" + htmlEscape(data.subtitle) + "</p>\n";

  if (!data.classification.empty()) {
    const auto& rows = data.classification;
    // The best accuracy and macro-F1 per task are shown in bold.
    std::map<std::string, double> bestAcc, bestF1;
    for (const auto& r : rows) {
      bestAcc[r.task] = std::max(bestAcc.count(r.task) ? bestAcc[r.task] : -1.0, r.metrics.accuracy);
      bestF1[r.task] = std::max(bestF1.count(r.task) ? bestF1[r.task] : -1.0, r.metrics.macroF1);
    }
    s += "<h2>Text classification</h2>\n<table>\n<tr><th>task</th><th>model</th><th>features</th>"
         "<th>accuracy</th><th>macro-F1</th><th>train s</th><th>inference s</th><th>test texts</th></tr>\n";
    for (const auto& r : rows) {
      int64_t support = 0;
      for (const auto& c : r.metrics.perClass) support += c.support;
      s += "<tr><td>" + htmlEscape(r.task) + "</td><td>" + htmlEscape(r.model) + "</td><td>" + htmlEscape(r.features) +
           "</td><td class=\"num" + (r.metrics.accuracy == bestAcc[r.task] ? " best" : std::string()) + "\">" +
           number(r.metrics.accuracy, 4) + "</td><td class=\"num" +
           (r.metrics.macroF1 == bestF1[r.task] ? " best" : std::string()) + "\">" + number(r.metrics.macroF1, 4) +
           "</td><td class=\"num\">" + number(r.trainSeconds, 2) + "</td><td class=\"num\">" +
           number(r.inferenceSeconds, 2) + "</td><td class=\"num\">" + std::to_string(support) + "</td></tr>\n";
    }
    s += "</table>\n<div class=\"charts\">\n<figure>" + groupedBarChart(rows, false) +
         "<figcaption>Accuracy on the test split</figcaption></figure>\n<figure>" + groupedBarChart(rows, true) +
         "<figcaption>Macro-F1 on the test split</figcaption></figure>\n</div>\n";
    s += "<h3>Per class</h3>\n";
    for (const auto& r : rows) {
      s += "<details><summary>" + htmlEscape(r.task) + " &mdash; " + htmlEscape(r.model) + " (accuracy " +
           number(r.metrics.accuracy, 4) + ")</summary>\n<table>\n<tr><th>class</th><th>precision</th><th>recall</th>"
           "<th>F1</th><th>support</th></tr>\n";
      for (size_t c = 0; c < r.metrics.perClass.size(); ++c) {
        const ClassMetrics& m = r.metrics.perClass[c];
        s += "<tr><td>" + htmlEscape(c < r.labels.size() ? r.labels[c] : std::to_string(c)) + "</td><td class=\"num\">" +
             number(m.precision, 4) + "</td><td class=\"num\">" + number(m.recall, 4) + "</td><td class=\"num\">" +
             number(m.f1, 4) + "</td><td class=\"num\">" + std::to_string(m.support) + "</td></tr>\n";
      }
      s += "</table>\n<p>Confusion matrix (rows: true class, columns: predicted; colour: share of the row)</p>\n" +
           confusionHeatmap(r) + "</details>\n";
    }
  }

  if (!data.intrinsic.empty()) {
    s += "<h2>Intrinsic benchmarks</h2>\n<table>\n<tr><th>model</th><th>analogy accuracy</th><th>correct / "
         "answered</th><th>analogy OOV</th><th>Spearman</th><th>Pearson</th><th>pairs</th><th>pairs OOV</th></tr>\n";
    for (const auto& r : data.intrinsic) {
      s += "<tr><td>" + htmlEscape(r.model) + "</td>";
      if (r.hasAnalogy)
        s += "<td class=\"num\">" + number(r.analogyAccuracy, 4) + "</td><td class=\"num\">" +
             std::to_string(r.analogyCorrect) + " / " + std::to_string(r.analogyTotal) + "</td><td class=\"num\">" +
             std::to_string(r.analogyOov) + "</td>";
      else
        s += "<td>&ndash;</td><td>&ndash;</td><td>&ndash;</td>";
      if (r.hasSimilarity)
        s += "<td class=\"num\">" + number(r.spearman, 4) + "</td><td class=\"num\">" + number(r.pearson, 4) +
             "</td><td class=\"num\">" + std::to_string(r.pairs) + "</td><td class=\"num\">" +
             std::to_string(r.pairsOov) + "</td>";
      else
        s += "<td>&ndash;</td><td>&ndash;</td><td>&ndash;</td><td>&ndash;</td>";
      s += "</tr>\n";
    }
    s += "</table>\n";
  }

  for (const std::string& note : data.notes) s += "<p>" + htmlEscape(note) + "</p>\n";
  if (!data.commands.empty()) {
    s += "<h2>How these numbers were produced</h2>\n<pre>";
    for (const std::string& c : data.commands) s += htmlEscape(c) + "\n";
    s += "</pre>\n";
  }
  s += "<p class=\"sub\">Written by EmbedLab.</p>\n</body>\n</html>\n";
  return s;
}

void writeHtmlReport(const std::string& path, const ReportData& data) {
  writeFileAtomically(path, renderHtmlReport(data));
}

}  // namespace embedlab
