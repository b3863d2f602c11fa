#include "core/compare/ElmoFeatures.h"

#include <chrono>

#include "core/models/elmo/ElmoCheckpoint.h"
#include "core/models/elmo/ElmoEmbedder.h"
#include "core/models/elmo/ElmoMixTrainer.h"
#include "core/models/elmo/ScalarMixClassifier.h"
#include "core/util/Error.h"

namespace embedlab {

bool isElmoFeatures(const std::string& spec) { return spec.rfind("elmo:", 0) == 0; }

ElmoClassifyFeatures elmoClassifyFeatures(const std::string& spec, const std::vector<std::string>& trainTexts,
                                          const std::vector<int>& trainLabels, int trainClasses,
                                          const std::vector<std::string>& testTexts, const CompareContext& ctx) {
  using Clock = std::chrono::steady_clock;
  auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  if (!isElmoFeatures(spec)) throw UsageError("--features: expected elmo:DIR, got '" + spec + "'");
  const std::string dir = spec.substr(5);
  if (dir.empty()) throw UsageError("--features: elmo:DIR needs a model directory after the colon");
  const elmo::ElmoBundle bundle = elmo::ElmoCheckpoint::load(dir);
  const elmo::ElmoEmbedder embedder(*bundle.model);
  const int K = embedder.layers(), D = embedder.dim();

  ElmoClassifyFeatures out;
  StopToken ownToken;
  StopToken& token = ctx.stop ? *ctx.stop : ownToken;
  CompareStage stage(ctx, "texts");
  auto report = [&](const std::string& phase, int64_t done, int64_t total) { stage.report(phase, done, total); };
  auto embed = [&](const std::vector<std::string>& texts, const std::string& phase) {
    bool stopped = false;
    std::vector<float> pooled = embedder.embedMeanPooled(
        elmo::ElmoEmbedder::tokenize(texts, bundle.tokenizer),
        [&](int64_t done, int64_t total) { report(phase, done, total); }, &token, &stopped);
    if (stopped) throw Error("interrupted while embedding the " + phase.substr(10) + " texts with " + dir);
    return pooled;
  };
  auto t = Clock::now();
  std::vector<float> train = embed(trainTexts, "embedding train");
  out.trainSeconds = since(t);
  t = Clock::now();
  std::vector<float> test = embed(testTexts, "embedding test");
  out.testSeconds = since(t);

  t = Clock::now();
  elmo::ElmoMixTrainer::standardize(train, test, static_cast<int64_t>(K) * D);
  elmo::ScalarMixClassifier mix(K, D, trainClasses);
  const bool finished = mix.fit(
      train.data(), trainLabels,
      [&](const elmo::MixEpoch& e) {
        Progress p;
        p.phase = "learning the mix";
        p.step = e.epoch;
        p.total = e.epochs;
        stage.report(p);
      },
      &token);
  if (!finished) throw Error("interrupted while learning the ELMo mix");
  out.weights = mix.weights();
  out.gamma = mix.gamma();
  const int64_t Ntr = static_cast<int64_t>(trainLabels.size());
  const int64_t Nte = static_cast<int64_t>(testTexts.size());
  out.train = elmo::ElmoMixTrainer::mixedFeatures(train, Ntr, K, D, out.weights, out.gamma);
  out.trainSeconds += since(t);
  t = Clock::now();
  out.test = elmo::ElmoMixTrainer::mixedFeatures(test, Nte, K, D, out.weights, out.gamma);
  out.testSeconds += since(t);
  return out;
}

}  // namespace embedlab
