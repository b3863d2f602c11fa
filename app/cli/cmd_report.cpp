// embedlab-cli report: every model (runs, vectors files, BERT and ELMo directories) on every task,
// beside the TF-IDF baseline, with the same split and the same classifier; plus the intrinsic
// benchmarks of the models with static vectors. Writes one self-contained HTML file.
#include <omp.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/Classify.h"
#include "app/cli/Command.h"
#include "app/cli/Files.h"
#include "core/compare/ModelSource.h"
#include "core/compare/ReportRunner.h"
#include "core/eval/HtmlReport.h"
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

// What a --runs PATH is (core's ModelSource), with the flag in its messages; a vectors file is
// checked as every command checks its input files.
ModelSource resolve(const std::string& pathText) {
  ModelSource m;
  try {
    m = ModelSource::resolve(pathText);
  } catch (const UsageError& e) {
    throw UsageError(std::string("--runs ") + e.what());
  }
  if (m.kind == "word2vec") requireInputFile(m.path);
  return m;
}

nlohmann::ordered_json run(const ArgParser& args, CommandContext& ctx) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::string outPath = args.get("out");
  ReportRunnerOptions options;
  for (const std::string& r : args.getAll("runs")) options.models.push_back(resolve(r));
  options.tasks = args.getAll("task");
  const std::string analogyPath = args.get("analogies"), similarityPath = args.get("similarity");
  options.contextCorpus = args.get("context-corpus");
  options.baseline = !args.isSet("no-baseline");
  options.finetune = args.isSet("finetune");
  ClassifySettings& base = options.base;
  base.classification.cv.folds = static_cast<int>(args.getInt("folds", 2, 100));
  base.classification.cv.seed = args.getUInt("seed", UINT64_MAX);
  base.threads = static_cast<int>(args.getInt("threads", 0, 1024));
  if (base.threads > 0) omp_set_num_threads(base.threads);
  {
    // Fail on an unwritable destination before hours of work, not after.
    const fs::path parent = fs::absolute(fs::path(outPath)).parent_path();
    std::error_code ec;
    if (!fs::is_directory(parent, ec)) throw UsageError("--out " + outPath + ": the folder does not exist");
  }
  if (!analogyPath.empty()) options.analogies = AnalogyBenchmark::load(analogyPath);
  if (!similarityPath.empty()) options.similarity = SimilarityBenchmark::load(similarityPath);

  CliCompareContext cli(ctx);
  const ReportOutcome outcome = ReportRunner(options).run(cli.context());
  if (outcome.stopped) throw Error("interrupted; no report written");
  ReportData report = outcome.report;
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
  for (const auto& t : options.tasks) command += " --task " + t;
  if (!analogyPath.empty()) command += " --analogies " + analogyPath;
  if (!similarityPath.empty()) command += " --similarity " + similarityPath;
  command += " --out " + outPath;
  report.commands.push_back(command);

  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const ReportClassificationRow& row : report.classification)
    rows.push_back({{"task", row.task},
                    {"model", row.model},
                    {"features", row.features},
                    {"accuracy", roundForJson(row.metrics.accuracy)},
                    {"macro_f1", roundForJson(row.metrics.macroF1)},
                    {"train_seconds", roundForJson(row.trainSeconds)},
                    {"inference_seconds", roundForJson(row.inferenceSeconds)}});
  nlohmann::ordered_json intrinsic = nlohmann::ordered_json::array();
  for (const ReportIntrinsicRow& row : report.intrinsic) {
    nlohmann::ordered_json j = {{"model", row.model}};
    if (row.hasAnalogy) {
      j["analogy_accuracy"] = roundForJson(row.analogyAccuracy);
      j["analogy_total"] = row.analogyTotal;
    }
    if (row.hasSimilarity) {
      j["spearman"] = std::isfinite(row.spearman) ? nlohmann::ordered_json(roundForJson(row.spearman)) : nullptr;
      j["pairs"] = row.pairs;
    }
    intrinsic.push_back(j);
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
