#pragma once
// ELMo's comparison of single layers and their learned fusion on a text-classification task
// (label<TAB>text, core/eval/TaskData), the biLM frozen:
//   1. every text -> its K = 3 layers mean-pooled over its tokens (ElmoEmbedder)      (N,K,D)
//   2. each layer standardised per dimension with the training split's mean and deviation (so
//      that the mix weighs layers by what they tell, not by their scale; optional)
//   3. the learned mix γ Σ softmax(s)_j h_j and a multinomial logistic regression on it, trained
//      jointly by Adam (ScalarMixClassifier); the weights are reported live, once per epoch
//   4. each layer alone: L2 logistic regression (core/eval, C by cross-validation), and the same
//      classifier refitted on the learned mix's features (fusion vs. single layers with the very
//      same classifier)
// Accuracy and macro-F1 on the test split for each. Runs as a TrainingJob (phases "loading",
// "embedding", "mix", "layer 0".., "mix refit", "finished"); stoppable between batches.
//
// Progress extras during "mix": mix_w0..mix_w{K-1} (softmax(s)), mix_gamma, train_accuracy;
// Progress::step/total count epochs there, sentences during "embedding".
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/eval/Classification.h"
#include "core/eval/Metrics.h"
#include "core/models/elmo/ElmoEmbedder.h"
#include "core/models/elmo/ScalarMixClassifier.h"
#include "core/train/TrainingJob.h"

namespace embedlab::elmo {

struct ElmoMixOptions {
  std::string modelDir;  // an ElmoCheckpoint directory (run() only)
  std::string taskDir;   // train.tsv / test.tsv (run() only)
  ElmoEmbedderOptions embedder;
  ScalarMixClassifierOptions mix;
  bool standardize = true;
  bool singleLayers = true;       // step 4's single-layer classifiers
  bool refitMix = true;           // step 4's refit on the mixed features
  ClassificationOptions classifier;  // for step 4
  int threads = 0;                   // 0: OpenMP's default
};

struct ElmoLayerScore {
  int layer = 0;
  ClassificationMetrics metrics;
  double c = 0;  // the regularisation chosen
};

struct ElmoMixResult {
  std::vector<std::string> labels;      // class names (TaskData::labels)
  int64_t trainExamples = 0, testExamples = 0;
  std::vector<float> weights;           // softmax(s): (K)
  std::vector<float> scalars;           // s: (K)
  float gamma = 1;
  std::vector<MixEpoch> history;        // one entry per epoch
  ClassificationMetrics mix;            // the jointly trained classifier on the learned mix
  bool haveRefit = false;
  ElmoLayerScore mixRefit;              // layer = -1
  std::vector<ElmoLayerScore> layers;   // each layer alone (empty without singleLayers)
  double embedSeconds = 0, mixSeconds = 0, layerSeconds = 0;
};

class ElmoMixTrainer : public TrainingJob {
 public:
  explicit ElmoMixTrainer(ElmoMixOptions options);
  ~ElmoMixTrainer() override;

  std::string modelType() const override { return "elmo-mix"; }
  // Loads modelDir and taskDir, embeds every text, then evaluatePooled().
  JobResult run(const ProgressSink& sink, StopToken& token) override;
  std::shared_ptr<const EmbeddingSet> embeddings() const override { return nullptr; }

  // Steps 2-4 on features at hand: train (Ntr,K,D), test (Nte,K,D); trainLabels in
  // [0, trainClasses), testLabels in [0, allClasses). Throws Error on bad sizes; returns false
  // when stopped (result() then holds what was finished).
  bool evaluatePooled(std::vector<float> train, const std::vector<int>& trainLabels,
                      std::vector<float> test, const std::vector<int>& testLabels, int layers,
                      int dim, int trainClasses, int allClasses, const ProgressSink& sink,
                      StopToken& token);

  const ElmoMixResult& result() const { return result_; }

  // Per layer and dimension: x <- (x - mean) / deviation, statistics from `train` (N,K,D),
  // applied to both; a constant dimension becomes 0.
  static void standardize(std::vector<float>& train, std::vector<float>& test, int64_t layerDim);
  // Layer k of x (N,K,D) as dense features (N,D); the mix γ Σ_j w_j x_ij as dense features (N,D).
  static FeatureMatrix layerFeatures(const std::vector<float>& x, int64_t N, int K, int D, int k);
  static FeatureMatrix mixedFeatures(const std::vector<float>& x, int64_t N, int K, int D,
                                     const std::vector<float>& weights, float gamma);

 private:
  ElmoMixOptions opt_;
  ElmoMixResult result_;
};

}  // namespace embedlab::elmo
