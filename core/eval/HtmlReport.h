#pragma once
// The comparison report: one self-contained HTML file (no scripts, no external files, charts as
// inline SVG) with the classification results of every model on every task — a table, grouped
// bar charts of accuracy and macro-F1, per-class scores and a confusion-matrix heat map per row —
// and the intrinsic benchmarks (analogies, word similarity) of the models that have static
// vectors. Written by `embedlab-cli report` and by the window's Evaluate page; it can be mailed
// or opened in any browser.
#include <cstdint>
#include <string>
#include <vector>

#include "core/eval/Metrics.h"

namespace embedlab {

struct ReportClassificationRow {
  std::string model;     // "word2vec sg (run 3)", "TF-IDF", "BERT frozen [CLS]"
  std::string features;  // how the texts became features: "tfidf", "word2vec:vectors.bin", ...
  std::string task;      // task name (its folder's name)
  std::vector<std::string> labels;  // class names, the order of metrics.perClass and the matrix
  ClassificationMetrics metrics;
  double trainSeconds = 0;      // features of the training texts + fitting
  double inferenceSeconds = 0;  // features of the test texts + predicting
};

struct ReportIntrinsicRow {
  std::string model;
  // Analogies: accuracy over the questions answered (NaN when not run), and their counts.
  double analogyAccuracy = 0;
  int64_t analogyCorrect = 0, analogyTotal = 0, analogyOov = 0;
  // Word similarity: Spearman / Pearson (NaN when not run), pairs used and OOV pairs.
  double spearman = 0, pearson = 0;
  int64_t pairs = 0, pairsOov = 0;
  bool hasAnalogy = false, hasSimilarity = false;
};

struct ReportData {
  std::string title = "EmbedLab comparison";
  std::string subtitle;  // e.g. the date and the machine
  std::vector<std::string> commands;  // how the numbers were produced (shown verbatim)
  std::vector<ReportClassificationRow> classification;
  std::vector<ReportIntrinsicRow> intrinsic;
  std::vector<std::string> notes;  // plain sentences shown under the tables
};

// The whole document. Every text from the data is HTML-escaped.
std::string renderHtmlReport(const ReportData& data);

// renderHtmlReport + atomic write; throws Error naming the file when it cannot be written.
void writeHtmlReport(const std::string& path, const ReportData& data);

// Escapes & < > " ' for HTML text and attribute values.
std::string htmlEscape(const std::string& text);

}  // namespace embedlab
