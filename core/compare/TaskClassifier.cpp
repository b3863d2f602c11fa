#include "core/compare/TaskClassifier.h"

#include <chrono>

#include "core/compare/Word2VecFeatures.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

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

}  // namespace

ClassifyOutcome classifyTask(const TaskData& task, const ClassifySettings& settings, const CompareContext& ctx) {
  checkFeatureSpec(settings.features);
  for (const std::string& label : task.unseenTestLabels)
    ctx.note(task.testPath + ": label '" + label + "' does not occur in the training file (always predicted wrong)");
  if (task.trainClasses < 2) throw Error(task.trainPath + ": only one label; classification needs at least two");
  std::vector<std::string> trainTexts, testTexts;
  std::vector<int> trainLabels, testLabels;
  for (const auto& e : task.train) trainTexts.push_back(e.text), trainLabels.push_back(e.label);
  for (const auto& e : task.test) testTexts.push_back(e.text), testLabels.push_back(e.label);

  const auto [kind, path] = splitFeatureSpec(settings.features);
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
    out.features = findFeatureKind(kind)->provider(request, ctx);
  if (ctx.stopRequested()) throw Error("stopped after the features of " + settings.features);
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
  // The fit stops with the rest of the work: the context's token unless the caller gave its own.
  ClassificationOptions classification = settings.classification;
  if (!classification.stop) classification.stop = ctx.stop;
  out.result = trainAndEvaluate(out.features.train, trainLabels, out.features.test, testLabels, task.trainClasses,
                                static_cast<int>(task.labels.size()), classification);
  if (!out.result.fit.converged)
    ctx.note("the final fit stopped after " + std::to_string(out.result.fit.iterations) +
             " iterations before the gradient tolerance (raise --max-iterations)");
  out.features.train = FeatureMatrix{};
  out.features.test = FeatureMatrix{};
  return out;
}

}  // namespace embedlab
