// embedlab-cli report: every model (runs, vectors files, BERT and ELMo directories) on every task,
// beside the TF-IDF baseline, with the same split and the same classifier; plus the intrinsic
// benchmarks of the models with static vectors. Writes one self-contained HTML file.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/Classify.h"
#include "app/cli/Command.h"
#include "app/cli/Vectors.h"
#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/HtmlReport.h"
#include "core/eval/SimilarityBenchmark.h"
#include "core/util/Error.h"

namespace embedlab::cli {
namespace {

namespace fs = std::filesystem;

void defineFlags(ArgParser& args) {
  args.repeated("runs", "PATH",
                "a model: a vectors file (.vec/.txt/.bin), a run folder holding one, or a model directory "
                "(Hugging Face BERT, EmbedLab ELMo); give it several times",
                true)
      .repeated("task", "DIR", "task directory with train.tsv / test.tsv ('label<TAB>text'); several allowed", true)
      .required("out", "FILE.html", "the report to write")
      .option("analogies", "FILE", "", "Google-format analogy questions for the intrinsic table")
      .option("similarity", "FILE", "", "word-similarity pairs (WordSim-353, SimLex-999, 'w1 w2 score')")
      .option("context-corpus", "FILE", "", "BERT/ELMo: corpus sample whose contexts give static vectors "
                                            "for the intrinsic table (otherwise they are left out of it)")
      .flag("no-baseline", "leave out the TF-IDF baseline rows")
      .flag("finetune", "BERT models: also a row for the model fine-tuned on each task (3 epochs, lr 3e-5)")
      .option("folds", "K", "5", "cross-validation folds for choosing C")
      .option("seed", "N", "42", "seed of the cross-validation folds")
      .option("threads", "N", "0", "threads (0: all cores)");
}

struct Model {
  std::string name;  // shown in the report
  std::string spec;  // --features spec
  std::string kind;
  std::string path;
  bool finetune = false;
};

bool isVectorsFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".vec" || ext == ".txt" || ext == ".bin" || ext == ".gz";
}

std::string readModelType(const fs::path& config) {
  std::ifstream in(config);
  try {
    const auto json = nlohmann::json::parse(in);
    if (json.is_object() && json.contains("model_type") && json["model_type"].is_string())
      return json["model_type"].get<std::string>();
  } catch (const nlohmann::json::exception&) {
    throw Error(config.string() + ": not valid JSON");
  }
  return {};
}

// What a --runs PATH is. Throws UsageError naming the path when it is none of the known kinds.
Model resolve(const std::string& pathText) {
  const fs::path path(pathText);
  std::error_code ec;
  if (!fs::exists(path, ec)) throw UsageError("--runs " + pathText + ": no such file or directory");
  const std::string base = path.filename().empty() ? path.parent_path().filename().string() : path.filename().string();
  auto make = [&](const std::string& kind, const std::string& target) {
    return Model{base + " (" + kind + ")", kind + ":" + target, kind, target};
  };
  if (fs::is_regular_file(path, ec)) {
    if (!isVectorsFile(path))
      throw UsageError("--runs " + pathText + ": expected a vectors file (.vec, .txt, .bin) or a model directory");
    return make("word2vec", pathText);
  }
  if (fs::exists(path / "config.json", ec)) {
    const std::string type = readModelType(path / "config.json");
    if (type == "bert") {
      if (!hasFeatureKind("bert")) throw UsageError("--runs " + pathText + ": BERT features are not built in");
      return make("bert", pathText);
    }
    if (type == "elmo" && hasFeatureKind("elmo")) return make("elmo", pathText);
    throw UsageError("--runs " + pathText + "/config.json: model_type '" + type + "' is not one EmbedLab compares");
  }
  for (const char* name : {"vectors.vec", "vectors.bin", "vectors.txt"})
    if (fs::exists(path / name, ec)) return make("word2vec", (path / name).string());
  if (hasFeatureKind("elmo") && fs::exists(path / "model.safetensors", ec)) return make("elmo", pathText);
  throw UsageError("--runs " + pathText + ": holds no vectors file (vectors.vec/.bin/.txt) and no model");
}

std::string taskName(const std::string& dir) {
  fs::path p(dir);
  return p.filename().empty() ? p.parent_path().filename().string() : p.filename().string();
}

std::vector<std::string> benchmarkWords(const AnalogyBenchmark* analogies, const SimilarityBenchmark* similarity) {
  std::vector<std::string> words;
  if (analogies)
    for (const auto& q : analogies->questions()) words.insert(words.end(), {q.a, q.b, q.c, q.d});
  if (similarity)
    for (const auto& p : similarity->pairs()) words.insert(words.end(), {p.w1, p.w2});
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::string outPath = args.get("out");
  std::vector<Model> models;
  for (const std::string& r : args.getAll("runs")) models.push_back(resolve(r));
  const std::vector<std::string> tasks = args.getAll("task");
  const std::string analogyPath = args.get("analogies"), similarityPath = args.get("similarity");
  const std::string contextCorpus = args.get("context-corpus");
  ClassifySettings base;
  base.classification.cv.folds = static_cast<int>(args.getInt("folds", 2, 100));
  base.classification.cv.seed = args.getUInt("seed", UINT64_MAX);
  base.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  base.tfidf.minDf = 2;  // the baseline as eval classify runs it by default (word 1-2-grams, min df 2)
  if (base.threads > 0) omp_set_num_threads(base.threads);
  {
    // Fail on an unwritable destination before hours of work, not after.
    const fs::path parent = fs::absolute(fs::path(outPath)).parent_path();
    std::error_code ec;
    if (!fs::is_directory(parent, ec)) throw UsageError("--out " + outPath + ": the folder does not exist");
  }

  ReportData report;
  report.title = "EmbedLab: model comparison";
  {
    const std::time_t now = std::time(nullptr);
    char stamp[64];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    report.subtitle = std::string("Written ") + stamp + "; logistic regression with C chosen by " +
                      std::to_string(base.classification.cv.folds) + "-fold cross-validation on each training split.";
  }
  std::string command = "embedlab-cli report";
  for (const auto& r : args.getAll("runs")) command += " --runs " + r;
  for (const auto& t : tasks) command += " --task " + t;
  if (!analogyPath.empty()) command += " --analogies " + analogyPath;
  if (!similarityPath.empty()) command += " --similarity " + similarityPath;
  command += " --out " + outPath;
  report.commands.push_back(command);

  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const std::string& taskDir : tasks) {
    const TaskData task = TaskData::load(taskDir);
    std::vector<Model> todo;
    if (!args.isSet("no-baseline")) todo.push_back(Model{"TF-IDF baseline", "tfidf", "tfidf", ""});
    for (const Model& m : models) {
      todo.push_back(m);
      if (m.kind == "bert" && args.isSet("finetune")) {
        todo.push_back(m);
        todo.back().name = m.name + " fine-tuned";
        todo.back().finetune = true;
      }
    }
    for (const Model& m : todo) {
      ClassifySettings settings = base;
      settings.features = m.spec;
      settings.finetune = m.finetune;
      ctx.warn("classifying " + taskName(taskDir) + " with " + m.name);
      const ClassifyOutcome o = classifyTask(task, settings, ctx);
      ReportClassificationRow row;
      row.model = m.name;
      row.features = o.features.description.empty() ? m.spec : o.features.description;
      row.task = taskName(taskDir);
      row.labels = task.labels;
      row.metrics = o.result.metrics;
      row.trainSeconds = o.features.trainSeconds + o.result.trainSeconds;
      row.inferenceSeconds = o.features.testSeconds + o.result.inferenceSeconds;
      rows.push_back({{"task", row.task},
                      {"model", row.model},
                      {"features", row.features},
                      {"accuracy", roundForJson(row.metrics.accuracy)},
                      {"macro_f1", roundForJson(row.metrics.macroF1)},
                      {"train_seconds", roundForJson(row.trainSeconds)},
                      {"inference_seconds", roundForJson(row.inferenceSeconds)}});
      report.classification.push_back(std::move(row));
    }
  }

  nlohmann::ordered_json intrinsic = nlohmann::ordered_json::array();
  if (!analogyPath.empty() || !similarityPath.empty()) {
    AnalogyBenchmark analogies;
    SimilarityBenchmark similarity;
    if (!analogyPath.empty()) analogies = AnalogyBenchmark::load(analogyPath);
    if (!similarityPath.empty()) similarity = SimilarityBenchmark::load(similarityPath);
    const auto words = benchmarkWords(analogyPath.empty() ? nullptr : &analogies,
                                      similarityPath.empty() ? nullptr : &similarity);
    for (const Model& m : models) {
      EmbeddingSet vectors;
      if (m.kind == "word2vec") {
        vectors = loadVectors(m.path, ctx);
      } else {
        const StaticVectorsProvider provider = staticVectorsProvider(m.kind);
        if (!provider || contextCorpus.empty()) {
          ctx.warn(m.name + ": no static vectors (give --context-corpus for BERT/ELMo); left out of the intrinsic table");
          continue;
        }
        vectors = provider(m.path, contextCorpus, words, ctx);
      }
      ReportIntrinsicRow row;
      row.model = m.name;
      nlohmann::ordered_json j = {{"model", m.name}};
      if (!analogyPath.empty()) {
        const auto a = analogies.evaluate(vectors);
        row.hasAnalogy = true;
        row.analogyAccuracy = a.accuracy;
        row.analogyCorrect = a.correct;
        row.analogyTotal = a.total;
        row.analogyOov = a.oov;
        j["analogy_accuracy"] = roundForJson(a.accuracy);
        j["analogy_total"] = a.total;
      }
      if (!similarityPath.empty()) {
        const auto s = similarity.evaluate(vectors);
        row.hasSimilarity = true;
        row.spearman = s.spearman;
        row.pearson = s.pearson;
        row.pairs = s.pairs;
        row.pairsOov = s.oov;
        j["spearman"] = std::isfinite(s.spearman) ? nlohmann::ordered_json(roundForJson(s.spearman)) : nullptr;
        j["pairs"] = s.pairs;
      }
      report.intrinsic.push_back(row);
      intrinsic.push_back(j);
    }
  }

  writeHtmlReport(outPath, report);
  return {{"rows", rows},
          {"intrinsic", intrinsic},
          {"seconds", roundForJson(std::chrono::duration<double>(Clock::now() - start).count())},
          {"out", outPath}};
}

const CommandRegistration registration{{
    "report",
    "compare models on classification tasks (and intrinsic benchmarks) in one HTML report",
    "Example:\n"
    "  embedlab-cli report --runs sg.vec --runs cbow.vec --runs bert-mini/ --task data/tasks/spam \\\n"
    "      --task data/tasks/wordnet-supersense --analogies questions-words.txt --out report.html\n"
    "Output:\n"
    "  {\"rows\":[{\"task\",\"model\",\"features\",\"accuracy\",\"macro_f1\",\"train_seconds\",\n"
    "  \"inference_seconds\"},...],\"intrinsic\":[{\"model\",\"analogy_accuracy\",\"spearman\",...}],\n"
    "  \"seconds\":..,\"out\":\"report.html\"}\n"
    "  Every model gets the same split, the same classifier and the same cross-validation seed; the\n"
    "  TF-IDF baseline comes first unless --no-baseline.",
    defineFlags, run}};

}  // namespace
}  // namespace embedlab::cli
