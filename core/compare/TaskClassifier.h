#pragma once
// One classification experiment of a model on a task: the features of the training and test
// texts from a features spec (FeatureProviders.h), then L2-regularised logistic regression with C
// chosen by cross-validation on the training split (core/eval/Classification.h), or the model's
// own predictions when it was fine-tuned. What `eval classify` prints and what every row of a
// comparison report holds.
#include <cstdint>
#include <string>

#include "core/compare/FeatureProviders.h"
#include "core/eval/Classification.h"
#include "core/eval/TfIdfVectorizer.h"

namespace embedlab {

struct ClassifySettings {
  std::string features;  // the spec
  std::string featureOption;
  TfIdfVectorizer::Options tfidf;
  bool tfidfWeighted = false;  // word2vec: idf-weighted mean
  bool finetune = false;       // providers that can: fine-tune instead of freezing
  ClassificationOptions classification;
  int threads = 0;
};

struct ClassifyOutcome {
  ClassificationResult result;
  FeatureResult features;  // matrices released after the fit (rows/cols kept)
  int64_t trainRows = 0, testRows = 0, featureCount = 0;
};

// `task` is already loaded. Notes (through ctx) test labels unseen in training and a final fit
// that stopped before converging. Throws UsageError for a bad spec, Error for bad input, and
// Error when ctx.stop is requested during the features or the logistic regression (which polls
// settings.classification.stop, or ctx.stop when that is not set, between iterations).
ClassifyOutcome classifyTask(const TaskData& task, const ClassifySettings& settings, const CompareContext& ctx);

}  // namespace embedlab
