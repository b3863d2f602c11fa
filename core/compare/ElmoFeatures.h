#pragma once
// elmo:DIR features: ELMo's learned mix, mean-pooled. Every text's three layers are mean-pooled
// over its tokens and standardised (training statistics), the mix weights softmax(s) and γ are
// learned on the training split only (jointly with a logistic regression, ScalarMixClassifier),
// and γ Σ_j softmax(s)_j h_j is the feature row (D = 2·projection). The test split never
// influences the weights. Also ELMo's static word vectors for the intrinsic benchmarks.
#include <string>
#include <vector>

#include "core/compare/FeatureProviders.h"

namespace embedlab {

struct ElmoClassifyFeatures {
  FeatureMatrix train, test;
  double trainSeconds = 0;  // embedding the training texts + learning the mix
  double testSeconds = 0;   // embedding the test texts
  std::vector<float> weights;
  float gamma = 1;
};

// True for "elmo:..." (the caller then uses elmoClassifyFeatures()).
bool isElmoFeatures(const std::string& spec);

// spec: "elmo:DIR". Throws UsageError for an empty DIR, Error naming the file for a bad model,
// Error "interrupted while ..." when ctx.stop is requested.
ElmoClassifyFeatures elmoClassifyFeatures(const std::string& spec, const std::vector<std::string>& trainTexts,
                                          const std::vector<int>& trainLabels, int trainClasses,
                                          const std::vector<std::string>& testTexts, const CompareContext& ctx);

// The provider: request.option must be empty. extra: {"elmo_weights": [...], "elmo_gamma": γ}.
FeatureResult elmoFeatures(const FeatureRequest& request, const CompareContext& ctx);

// Each word's vector: the mean, over its occurrences in a corpus sample (at most 50 per word in
// the first 20000 lines), of the mean of ELMo's three layers at that token (layer 0 alone would
// be context-free).
EmbeddingSet elmoStaticVectors(const std::string& modelPath, const std::string& corpusFile,
                               const std::vector<std::string>& words, const CompareContext& ctx);

}  // namespace embedlab
