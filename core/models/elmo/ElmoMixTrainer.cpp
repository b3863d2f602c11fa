#include "core/models/elmo/ElmoMixTrainer.h"

#include <omp.h>

#include <chrono>
#include <cmath>

#include "core/eval/TaskData.h"
#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/train/JobSupport.h"
#include "core/util/Error.h"

namespace embedlab::elmo {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

// Layer k of x (N,K,D) as a dense feature matrix (N,D).
FeatureMatrix ElmoMixTrainer::layerFeatures(const std::vector<float>& x, int64_t N, int K, int D, int k) {
  FeatureMatrix m = FeatureMatrix::makeDense(N, D);
  for (int64_t i = 0; i < N; ++i)
    std::copy_n(x.data() + (i * K + k) * D, D, m.values.data() + i * D);
  return m;
}

// γ Σ_j w_j x_ij for every row: (N,D).
FeatureMatrix ElmoMixTrainer::mixedFeatures(const std::vector<float>& x, int64_t N, int K, int D,
                                             const std::vector<float>& w, float gamma) {
  FeatureMatrix m = FeatureMatrix::makeDense(N, D);
  for (int64_t i = 0; i < N; ++i)
    for (int d = 0; d < D; ++d) {
      float acc = 0;
      for (int j = 0; j < K; ++j) acc += w[j] * x[(i * K + j) * D + d];
      m.values[i * D + d] = gamma * acc;
    }
  return m;
}

ElmoMixTrainer::ElmoMixTrainer(ElmoMixOptions options) : opt_(std::move(options)) {}
ElmoMixTrainer::~ElmoMixTrainer() = default;

void ElmoMixTrainer::standardize(std::vector<float>& train, std::vector<float>& test, int64_t KD) {
  if (KD <= 0 || train.size() % KD != 0 || test.size() % KD != 0)
    throw Error("scalar mix: features do not split into rows of " + std::to_string(KD));
  const int64_t N = static_cast<int64_t>(train.size()) / KD;
  std::vector<double> mean(KD, 0.0), var(KD, 0.0);
  for (int64_t i = 0; i < N; ++i)
    for (int64_t f = 0; f < KD; ++f) mean[f] += train[i * KD + f];
  for (auto& m : mean) m /= std::max<int64_t>(N, 1);
  for (int64_t i = 0; i < N; ++i)
    for (int64_t f = 0; f < KD; ++f) {
      const double d = train[i * KD + f] - mean[f];
      var[f] += d * d;
    }
  std::vector<float> mu(KD), inv(KD);
  for (int64_t f = 0; f < KD; ++f) {
    const double sd = std::sqrt(var[f] / std::max<int64_t>(N, 1));
    mu[f] = static_cast<float>(mean[f]);
    inv[f] = sd > 1e-8 ? static_cast<float>(1.0 / sd) : 0.0f;
  }
  for (std::vector<float>* x : {&train, &test})
    for (size_t i = 0; i < x->size(); ++i) {
      const size_t f = i % KD;
      (*x)[i] = ((*x)[i] - mu[f]) * inv[f];
    }
}

JobResult ElmoMixTrainer::run(const ProgressSink& sink, StopToken& token) {
  return runGuarded([&](JobResult& result) {
    if (opt_.threads > 0) omp_set_num_threads(opt_.threads);
    Progress pr;
    pr.phase = "loading";
    if (sink) sink(pr);
    const ElmoBundle bundle = ElmoCheckpoint::load(opt_.modelDir);
    const TaskData task = TaskData::load(opt_.taskDir);
    if (task.trainClasses < 2)
      throw Error(task.trainPath + ": only one label; classification needs at least two");
    std::vector<std::string> trainTexts, testTexts;
    std::vector<int> trainLabels, testLabels;
    for (const auto& e : task.train) trainTexts.push_back(e.text), trainLabels.push_back(e.label);
    for (const auto& e : task.test) testTexts.push_back(e.text), testLabels.push_back(e.label);

    ElmoEmbedderOptions eo = opt_.embedder;
    if (eo.threads <= 0) eo.threads = opt_.threads;
    const ElmoEmbedder embedder(*bundle.model, eo);
    const auto t0 = Clock::now();
    const int64_t all = static_cast<int64_t>(trainTexts.size() + testTexts.size());
    pr.phase = "embedding";
    pr.total = all;
    auto lastReport = Clock::now();
    int64_t offset = 0;
    auto progress = [&](int64_t done, int64_t) {
      if (!sink || since(lastReport) < 0.05) return;
      lastReport = Clock::now();
      pr.step = offset + done;
      pr.elapsedSeconds = since(t0);
      const Pace pace{static_cast<double>(pr.step), static_cast<double>(pr.step), pr.elapsedSeconds};
      pr.itemsPerSec = pace.itemsPerSec();
      pr.etaSeconds = pace.etaSeconds(static_cast<double>(all - pr.step));
      sink(pr);
    };
    bool stopped = false;
    std::vector<float> train = embedder.embedMeanPooled(
        ElmoEmbedder::tokenize(trainTexts, bundle.tokenizer), progress, &token, &stopped);
    offset = static_cast<int64_t>(trainTexts.size());
    std::vector<float> test;
    if (!stopped)
      test = embedder.embedMeanPooled(ElmoEmbedder::tokenize(testTexts, bundle.tokenizer), progress,
                                      &token, &stopped);
    if (stopped) {
      result = {JobStatus::Stopped, "stopped while embedding the task's texts", {}};
      return;
    }
    result_ = {};
    const double embedSeconds = since(t0);
    if (!evaluatePooled(std::move(train), trainLabels, std::move(test), testLabels,
                        embedder.layers(), embedder.dim(), task.trainClasses,
                        static_cast<int>(task.labels.size()), sink, token)) {
      result = {JobStatus::Stopped, "stopped while training the scalar mix", {}};
      return;
    }
    result_.labels = task.labels;
    result_.embedSeconds = embedSeconds;
  });
}

bool ElmoMixTrainer::evaluatePooled(std::vector<float> train, const std::vector<int>& trainLabels,
                                    std::vector<float> test, const std::vector<int>& testLabels,
                                    int K, int D, int trainClasses, int allClasses,
                                    const ProgressSink& sink, StopToken& token) {
  const int64_t KD = static_cast<int64_t>(K) * D;
  const int64_t Ntr = static_cast<int64_t>(trainLabels.size()),
                Nte = static_cast<int64_t>(testLabels.size());
  if (K < 1 || D < 1 || static_cast<int64_t>(train.size()) != Ntr * KD ||
      static_cast<int64_t>(test.size()) != Nte * KD || Ntr == 0 || Nte == 0)
    throw Error("scalar mix: features and labels do not match (" + std::to_string(Ntr) + " and " +
                std::to_string(Nte) + " examples of " + std::to_string(K) + " x " + std::to_string(D) + ")");
  if (trainClasses < 2 || allClasses < trainClasses)
    throw Error("scalar mix: needs at least two training classes");
  const std::vector<std::string> labels = result_.labels;
  result_ = {};
  result_.labels = labels;
  result_.trainExamples = Ntr;
  result_.testExamples = Nte;
  if (opt_.standardize) standardize(train, test, KD);

  // The learned mix, jointly with its classifier; the weights go out after every epoch.
  auto t = Clock::now();
  ScalarMixClassifier mix(K, D, trainClasses, opt_.mix);
  Progress pr;
  pr.phase = "mix";
  pr.total = opt_.mix.epochs;
  auto onEpoch = [&](const MixEpoch& e) {
    result_.history.push_back(e);
    if (!sink) return;
    pr.step = e.epoch;
    pr.loss = e.loss;
    pr.lr = opt_.mix.lr;
    pr.elapsedSeconds = since(t);
    const Pace pace{static_cast<double>(e.epoch * Ntr), static_cast<double>(e.epoch), pr.elapsedSeconds};
    pr.itemsPerSec = pace.itemsPerSec();
    pr.etaSeconds = pace.etaSeconds(static_cast<double>(e.epochs - e.epoch));
    pr.extras.clear();
    for (int j = 0; j < K; ++j) pr.extras.push_back({"mix_w" + std::to_string(j), e.weights[j]});
    pr.extras.push_back({"mix_gamma", e.gamma});
    pr.extras.push_back({"train_accuracy", e.trainAccuracy});
    sink(pr);
  };
  const bool finished = mix.fit(train.data(), trainLabels, onEpoch, &token);
  result_.weights = mix.weights();
  result_.scalars.assign(mix.scalars(), mix.scalars() + K);
  result_.gamma = mix.gamma();
  if (!finished) return false;
  result_.mix = computeMetrics(testLabels, mix.predict(test.data(), Nte), allClasses);
  result_.mixSeconds = since(t);

  // The same classifier (L-BFGS, C by cross-validation) on each layer and on the learned mix;
  // its cross-validation and fits poll the token too (a stop throws Error, told apart from a
  // failure by asking the token).
  t = Clock::now();
  ClassificationOptions classifier = opt_.classifier;
  classifier.stop = &token;
  auto score = [&](int layer, const FeatureMatrix& xtr, const FeatureMatrix& xte) {
    pr.phase = layer < 0 ? "mix refit" : "layer " + std::to_string(layer);
    pr.extras.clear();
    if (sink) sink(pr);
    const ClassificationResult c =
        trainAndEvaluate(xtr, trainLabels, xte, testLabels, trainClasses, allClasses, classifier);
    return ElmoLayerScore{layer, c.metrics, c.c};
  };
  try {
    if (opt_.singleLayers)
      for (int k = 0; k < K; ++k) {
        if (token.stopRequested()) return false;
        result_.layers.push_back(
            score(k, layerFeatures(train, Ntr, K, D, k), layerFeatures(test, Nte, K, D, k)));
      }
    if (opt_.refitMix) {
      if (token.stopRequested()) return false;
      result_.mixRefit = score(-1, mixedFeatures(train, Ntr, K, D, result_.weights, result_.gamma),
                               mixedFeatures(test, Nte, K, D, result_.weights, result_.gamma));
      result_.haveRefit = true;
    }
  } catch (const Error&) {
    if (token.stopRequested()) return false;
    throw;
  }
  result_.layerSeconds = since(t);
  pr.phase = "finished";
  pr.extras.clear();
  for (int j = 0; j < K; ++j) pr.extras.push_back({"mix_w" + std::to_string(j), result_.weights[j]});
  pr.extras.push_back({"mix_gamma", result_.gamma});
  pr.extras.push_back({"mix_accuracy", result_.mix.accuracy});
  if (sink) sink(pr);
  return true;
}

}  // namespace embedlab::elmo
