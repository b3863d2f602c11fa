#include "core/eval/Metrics.h"

#include "core/util/Error.h"

namespace embedlab {

ClassificationMetrics computeMetrics(const std::vector<int>& truth, const std::vector<int>& predicted, int classes) {
  if (truth.size() != predicted.size()) throw Error("metrics: as many predictions as true labels expected");
  if (truth.empty()) throw Error("metrics: no examples");
  ClassificationMetrics m;
  m.confusion.assign(classes, std::vector<int64_t>(classes, 0));
  int64_t correct = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes)
      throw Error("metrics: class index out of range");
    ++m.confusion[truth[i]][predicted[i]];
    if (truth[i] == predicted[i]) ++correct;
  }
  m.accuracy = static_cast<double>(correct) / static_cast<double>(truth.size());
  m.perClass.resize(classes);
  double f1Sum = 0;
  int present = 0;
  for (int c = 0; c < classes; ++c) {
    ClassMetrics& k = m.perClass[c];
    for (int o = 0; o < classes; ++o) {
      k.support += m.confusion[c][o];
      k.predicted += m.confusion[o][c];
    }
    const double tp = static_cast<double>(m.confusion[c][c]);
    k.precision = k.predicted > 0 ? tp / static_cast<double>(k.predicted) : 0.0;
    k.recall = k.support > 0 ? tp / static_cast<double>(k.support) : 0.0;
    k.f1 = k.precision + k.recall > 0 ? 2.0 * k.precision * k.recall / (k.precision + k.recall) : 0.0;
    if (k.support > 0 || k.predicted > 0) {
      f1Sum += k.f1;
      ++present;
    }
  }
  m.macroF1 = present > 0 ? f1Sum / present : 0.0;
  return m;
}

}  // namespace embedlab
