#pragma once
// ELMo features for `eval classify --features elmo:DIR` (core/eval cannot depend on the ELMo
// model, so the adapter lives in the CLI). The features are ELMo's learned mix, mean-pooled:
// every text's three layers mean-pooled over its tokens and standardised (training statistics),
// the mix weights softmax(s), γ learned on the training split only (jointly with a logistic
// regression, ScalarMixClassifier), and γ Σ_j softmax(s)_j h_j as the feature row (D = 2·projection).
// The test split never influences the weights.
#include <string>
#include <vector>

#include "app/cli/Command.h"
#include "core/eval/ClassifFeatures.h"

namespace embedlab::cli {

struct ElmoClassifyFeatures {
  FeatureMatrix train, test;
  double trainSeconds = 0;  // embedding the training texts + learning the mix
  double testSeconds = 0;   // embedding the test texts
  std::vector<float> weights;
  float gamma = 1;
};

// True for "elmo:..." (the caller then uses elmoClassifyFeatures()).
bool isElmoFeatures(const std::string& spec);

// spec: "elmo:DIR". Throws UsageError for an empty DIR, Error naming the file for a bad model.
// Progress on stderr unless ctx.quiet; Ctrl-C stops with an Error.
ElmoClassifyFeatures elmoClassifyFeatures(const std::string& spec, const std::vector<std::string>& trainTexts,
                                          const std::vector<int>& trainLabels, int trainClasses,
                                          const std::vector<std::string>& testTexts, CommandContext& ctx);

}  // namespace embedlab::cli
