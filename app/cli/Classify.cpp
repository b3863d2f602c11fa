#include "app/cli/Classify.h"

#include <chrono>
#include <map>
#include <utility>

#include "app/cli/Vectors.h"
#include "core/util/Error.h"

namespace embedlab::cli {

namespace {

struct Provider {
  std::string help;
  FeatureProvider run;
  StaticVectorsProvider staticVectors;
};

std::map<std::string, Provider>& providers() {
  static std::map<std::string, Provider> map;
  return map;
}

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::pair<std::string, std::string> splitSpec(const std::string& spec) {
  const size_t colon = spec.find(':');
  if (colon == std::string::npos) return {spec, ""};
  return {spec.substr(0, colon), spec.substr(colon + 1)};
}

FeatureResult tfidfFeatures(const FeatureRequest& request, const TfIdfVectorizer::Options& options,
                            const std::string& trainPath) {
  FeatureResult out;
  auto t = Clock::now();
  TfIdfVectorizer vectorizer(options);
  out.train = vectorizer.fitTransform(*request.trainTexts);
  out.trainSeconds = since(t);
  t = Clock::now();
  out.test = vectorizer.transform(*request.testTexts);
  out.testSeconds = since(t);
  if (vectorizer.features() == 0) throw Error(trainPath + ": no TF-IDF terms left (lower --min-df)");
  out.description = "TF-IDF, " + std::to_string(vectorizer.features()) + " terms";
  return out;
}

FeatureResult word2vecFeatures(const FeatureRequest& request, bool weighted, CommandContext& ctx) {
  FeatureResult out;
  const EmbeddingSet vectors = loadVectors(request.path, ctx);
  const Tokenizer tokenizer;
  auto t = Clock::now();
  TfIdfVectorizer idf;
  if (weighted) {
    TfIdfVectorizer::Options unigrams;
    unigrams.wordNgrams = 1;
    unigrams.minDf = 1;
    idf = TfIdfVectorizer(unigrams);
    idf.fitTransform(*request.trainTexts);
  }
  int64_t found = 0, total = 0;
  out.train = meanVectorFeatures(*request.trainTexts, vectors, tokenizer, weighted ? &idf : nullptr, &found, &total);
  out.trainSeconds = since(t);
  t = Clock::now();
  out.test = meanVectorFeatures(*request.testTexts, vectors, tokenizer, weighted ? &idf : nullptr);
  out.testSeconds = since(t);
  if (found == 0) throw Error(request.path + ": none of the training texts' tokens has a vector");
  out.description = std::string(weighted ? "idf-weighted mean" : "mean") + " of " + std::to_string(vectors.dim()) +
                    "-d word vectors";
  out.extra["tokens_found"] = total > 0 ? roundForJson(double(found) / double(total)) : 0.0;
  return out;
}

}  // namespace

FeatureProviderRegistration::FeatureProviderRegistration(std::string kind, std::string help, FeatureProvider provider,
                                                         StaticVectorsProvider staticVectors) {
  providers()[std::move(kind)] = Provider{std::move(help), std::move(provider), std::move(staticVectors)};
}

StaticVectorsProvider staticVectorsProvider(const std::string& kind) {
  auto it = providers().find(kind);
  return it == providers().end() ? StaticVectorsProvider{} : it->second.staticVectors;
}

bool hasFeatureKind(const std::string& kind) { return kind == "tfidf" || kind == "word2vec" || providers().count(kind); }

std::string featureKindsHelp() {
  std::string s = "tfidf, word2vec:FILE (mean of the word vectors of a text's tokens)";
  for (const auto& [kind, p] : providers()) s += ", " + kind + ":" + p.help;
  return s;
}

void checkFeatureSpec(const std::string& spec) {
  const auto [kind, path] = splitSpec(spec);
  if (kind == "tfidf" && spec == "tfidf") return;
  if (kind == "word2vec" || providers().count(kind)) {
    if (path.empty()) throw UsageError("--features: " + kind + ": needs a path after the colon");
    return;
  }
  throw UsageError("--features: expected " + featureKindsHelp() + "; got '" + spec + "'");
}

ClassifyOutcome classifyTask(const TaskData& task, const ClassifySettings& settings, CommandContext& ctx) {
  checkFeatureSpec(settings.features);
  for (const std::string& label : task.unseenTestLabels)
    ctx.warn(task.testPath + ": label '" + label + "' does not occur in the training file (always predicted wrong)");
  if (task.trainClasses < 2) throw Error(task.trainPath + ": only one label; classification needs at least two");
  std::vector<std::string> trainTexts, testTexts;
  std::vector<int> trainLabels, testLabels;
  for (const auto& e : task.train) trainTexts.push_back(e.text), trainLabels.push_back(e.label);
  for (const auto& e : task.test) testTexts.push_back(e.text), testLabels.push_back(e.label);

  const auto [kind, path] = splitSpec(settings.features);
  FeatureRequest request;
  request.path = path;
  request.trainTexts = &trainTexts;
  request.testTexts = &testTexts;
  request.trainLabels = &trainLabels;
  request.threads = settings.threads;
  request.option = settings.featureOption;
  request.finetune = settings.finetune;
  request.task = &task;

  ClassifyOutcome out;
  if (kind == "tfidf")
    out.features = tfidfFeatures(request, settings.tfidf, task.trainPath);
  else if (kind == "word2vec")
    out.features = word2vecFeatures(request, settings.tfidfWeighted, ctx);
  else
    out.features = providers().at(kind).run(request, ctx);
  if (out.features.predictsDirectly) {
    if (out.features.testPredictions.size() != testTexts.size())
      throw Error("features '" + settings.features + "': the model predicted " +
                  std::to_string(out.features.testPredictions.size()) + " of " + std::to_string(testTexts.size()) +
                  " test texts");
    out.trainRows = static_cast<int64_t>(trainTexts.size());
    out.testRows = static_cast<int64_t>(testTexts.size());
    out.result.metrics = computeMetrics(testLabels, out.features.testPredictions, static_cast<int>(task.labels.size()));
    out.result.fit.converged = true;
    return out;
  }
  if (out.features.train.rows != static_cast<int64_t>(trainTexts.size()) ||
      out.features.test.rows != static_cast<int64_t>(testTexts.size()))
    throw Error("features '" + settings.features + "': the provider returned " +
                std::to_string(out.features.train.rows) + " / " + std::to_string(out.features.test.rows) +
                " rows for " + std::to_string(trainTexts.size()) + " / " + std::to_string(testTexts.size()) + " texts");

  out.trainRows = out.features.train.rows;
  out.testRows = out.features.test.rows;
  out.featureCount = out.features.train.cols;
  out.result = trainAndEvaluate(out.features.train, trainLabels, out.features.test, testLabels, task.trainClasses,
                                static_cast<int>(task.labels.size()), settings.classification);
  if (!out.result.fit.converged)
    ctx.warn("the final fit stopped after " + std::to_string(out.result.fit.iterations) +
             " iterations before the gradient tolerance (raise --max-iterations)");
  out.features.train = FeatureMatrix{};
  out.features.test = FeatureMatrix{};
  return out;
}

}  // namespace embedlab::cli
