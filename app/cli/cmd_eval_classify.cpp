// embedlab-cli eval classify: text classification on a task directory (train.tsv / test.tsv with
// label<TAB>text lines) with TF-IDF or mean word-vector features and L2-regularised multinomial
// logistic regression, C chosen by stratified cross-validation on the training split.
#include <omp.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/Classify.h"
#include "app/cli/Command.h"
#include "core/eval/Classification.h"
#include "core/eval/TaskData.h"
#include "core/eval/TfIdfVectorizer.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

void defineFlags(ArgParser& args) {
  args.required("task", "DIR", "task directory with train.tsv(.gz) and test.tsv(.gz), 'label<TAB>text' lines")
      .required("features", "KIND", featureKindsHelp())
      .option("feature-option", "TEXT", "", "passed to the feature kind (e.g. bert: 'layer=-1,pool=mean')")
      .option("word-ngrams", "N", "2", "tfidf: word n-grams 1..N (0: none)")
      .option("char-ngrams", "RANGE", "0", "tfidf: character n-grams inside words: 0 none, 'A-B', or N for 2..N")
      .option("min-df", "N", "2", "tfidf: keep terms found in at least N training texts")
      .option("max-features", "N", "0", "tfidf: keep the N terms with the highest document frequency (0: all)")
      .flag("tfidf-weighted", "word2vec: weight each token by its idf (from the training texts)")
      .flag("finetune", "bert: fine-tune the whole model on the training split (--feature-option epochs=N,lr=X)")
      .option("folds", "K", "5", "cross-validation folds for choosing C")
      .option("c", "C", "0", "fixed regularisation C (0: choose from 0.01, 0.1, 1, 10, 100 by cross-validation)")
      .option("max-iterations", "N", "1000", "L-BFGS iterations per fit")
      .option("seed", "N", "42", "seed of the cross-validation folds")
      .option("threads", "N", "0", "threads (0: all cores); results do not depend on it");
}

// "0" -> {0,0}; "N" -> {2,N}; "A-B" -> {A,B}.
std::pair<int, int> parseCharRange(const std::string& value) {
  auto bad = [&] {
    return UsageError("--char-ngrams: expected 0, N (for 2..N) or A-B with 1 <= A <= B <= 10, got '" + value + "'");
  };
  auto number = [&](const std::string& s) {
    if (s.empty() || s.size() > 2 || s.find_first_not_of("0123456789") != std::string::npos) throw bad();
    return std::stoi(s);
  };
  const size_t dash = value.find('-');
  int lo, hi;
  if (dash == std::string::npos) {
    hi = number(value);
    if (hi == 0) return {0, 0};
    lo = std::min(2, hi);
  } else {
    lo = number(value.substr(0, dash));
    hi = number(value.substr(dash + 1));
  }
  if (lo < 1 || hi < lo || hi > 10) throw bad();
  return {lo, hi};
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };

  const std::string taskDir = args.getPath("task");
  ClassifySettings settings;
  settings.features = args.get("features");
  checkFeatureSpec(settings.features);
  const bool isTfidf = settings.features == "tfidf";
  const bool isWord2vec = settings.features.rfind("word2vec:", 0) == 0;
  settings.featureOption = args.get("feature-option");
  TfIdfVectorizer::Options& tfidf = settings.tfidf;
  tfidf.wordNgrams = static_cast<int>(args.getInt("word-ngrams", 0, 5));
  std::tie(tfidf.charMin, tfidf.charMax) = parseCharRange(args.get("char-ngrams"));
  tfidf.minDf = static_cast<int>(args.getInt("min-df", 1, 1000000));
  tfidf.maxFeatures = args.getInt("max-features", 0, INT32_MAX);
  if (isTfidf && tfidf.wordNgrams == 0 && tfidf.charMin == 0)
    throw UsageError("--word-ngrams 0 and --char-ngrams 0: TF-IDF needs word or character n-grams");
  settings.tfidfWeighted = args.isSet("tfidf-weighted");
  if (settings.tfidfWeighted && !isWord2vec) throw UsageError("--tfidf-weighted: only with --features word2vec:FILE");
  settings.finetune = args.isSet("finetune");
  if (settings.finetune && settings.features.rfind("bert:", 0) != 0)
    throw UsageError("--finetune: only with --features bert:DIR");
  ClassificationOptions& options = settings.classification;
  options.cv.folds = static_cast<int>(args.getInt("folds", 2, 100));
  options.fixedC = args.getDouble("c", 0, 1e12);
  options.cv.model.maxIterations = static_cast<int>(args.getInt("max-iterations", 1, 1000000));
  options.cv.seed = args.getUInt("seed", UINT64_MAX);
  settings.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  if (settings.threads > 0) omp_set_num_threads(settings.threads);

  const TaskData task = TaskData::load(taskDir);
  const ClassifyOutcome outcome = classifyTask(task, settings, ctx);
  const ClassificationResult& r = outcome.result;

  nlohmann::ordered_json perClass = nlohmann::ordered_json::object();
  for (size_t c = 0; c < task.labels.size(); ++c) {
    const ClassMetrics& m = r.metrics.perClass[c];
    perClass[task.labels[c]] = {{"precision", roundForJson(m.precision)},
                                {"recall", roundForJson(m.recall)},
                                {"f1", roundForJson(m.f1)},
                                {"support", m.support}};
  }
  nlohmann::ordered_json cv = nlohmann::ordered_json::object();
  if (options.fixedC <= 0) {
    std::vector<double> acc;
    for (double a : r.cv.accuracy) acc.push_back(roundForJson(a));
    cv = {{"folds", options.cv.folds}, {"c", options.cv.grid}, {"accuracy", acc}};
  }
  nlohmann::ordered_json out = {
      {"accuracy", roundForJson(r.metrics.accuracy)},
      {"macro_f1", roundForJson(r.metrics.macroF1)},
      {"per_class", perClass},
      {"confusion", r.metrics.confusion},
      {"seconds", roundForJson(since(start))},
      {"train_seconds", roundForJson(outcome.features.trainSeconds + r.trainSeconds)},
      {"inference_seconds", roundForJson(outcome.features.testSeconds + r.inferenceSeconds)},
      {"c", r.c},
      {"labels", task.labels},
      {"train_examples", outcome.trainRows},
      {"test_examples", outcome.testRows},
      {"features", outcome.featureCount},
      {"feature_description", outcome.features.description},
      {"cv", cv},
      {"iterations", r.fit.iterations},
      {"converged", r.fit.converged}};
  for (const auto& [key, value] : outcome.features.extra.items()) out[key] = roundedExtras(value);
  return out;
}

const CommandRegistration registration{{
    "eval classify",
    "text classification with TF-IDF or mean word vectors and logistic regression (C by cross-validation)",
    "Example:\n"
    "  embedlab-cli eval classify --task data/tasks/spam --features tfidf\n"
    "  embedlab-cli eval classify --task data/tasks/spam --features word2vec:vectors.bin --tfidf-weighted\n"
    "Output:\n"
    "  {\"accuracy\":0.98,\"macro_f1\":0.97,\"per_class\":{\"ham\":{\"precision\":..,\"recall\":..,\"f1\":..,\n"
    "  \"support\":847},...},\"confusion\":[[840,7],[12,343]],\"seconds\":..,\"train_seconds\":..,\n"
    "  \"inference_seconds\":..,\"c\":10,\"labels\":[...],...}\n"
    "  Classes are the training labels in sorted order (confusion rows: true, columns: predicted).\n"
    "  train_seconds: features of the training texts + cross-validation + final fit;\n"
    "  inference_seconds: features of the test texts + prediction; seconds: the whole command.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
