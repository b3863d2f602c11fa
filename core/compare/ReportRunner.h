#pragma once
// The whole comparison: every model on every task beside the TF-IDF baseline, with the same
// split, the same classifier and the same cross-validation seed; plus the intrinsic benchmarks
// (analogies, word similarity) of every model with static vectors (BERT and ELMo need a context
// corpus). The result is the ReportData that core/eval/HtmlReport writes. Used by
// `embedlab-cli report` and by the window's Evaluate page (on a worker thread).
//
// Progress: the sink gets the whole comparison as step / total in thousandths of a job (a job is
// one model on one task, or one model's intrinsic benchmarks), phase "TASK: MODEL" (or
// "intrinsic: MODEL") followed by the stage in progress. A stop (CompareContext::stop) ends the
// run after the batch in progress, or within an L-BFGS iteration of the logistic regression (its
// cross-validation and final fit poll the token too); run() then returns the rows finished so far
// with `stopped` set.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/compare/ModelSource.h"
#include "core/compare/TaskClassifier.h"
#include "core/eval/AnalogyBenchmark.h"
#include "core/eval/HtmlReport.h"
#include "core/eval/SimilarityBenchmark.h"

namespace embedlab {

struct ReportRunnerOptions {
  std::vector<ModelSource> models;
  std::vector<std::string> tasks;  // task directories (train.tsv / test.tsv)
  std::optional<AnalogyBenchmark> analogies;
  std::optional<SimilarityBenchmark> similarity;
  std::string contextCorpus;  // BERT/ELMo static vectors come from its contexts; empty: left out
  bool baseline = true;       // a TF-IDF row first on every task
  bool finetune = false;      // BERT models: also a row for the model fine-tuned on each task
  ClassifySettings base;      // folds, seed, threads, TF-IDF options (features/finetune are set per row)

  ReportRunnerOptions() { base.tfidf.minDf = 2; }  // the baseline as eval classify runs it by default
};

struct ReportOutcome {
  ReportData report;  // classification and intrinsic rows; title, subtitle and commands left to the caller
  bool stopped = false;
  double seconds = 0;
};

class ReportRunner {
 public:
  using RowSink = std::function<void(const ReportClassificationRow&)>;
  using IntrinsicSink = std::function<void(const ReportIntrinsicRow&)>;

  explicit ReportRunner(ReportRunnerOptions options);

  // Jobs planned: classification rows + models with intrinsic benchmarks.
  int jobs() const;
  // Rows are also handed to the sinks as they finish (a window can show them at once).
  // Throws Error / UsageError for bad input (naming the file); a stop is not an error.
  ReportOutcome run(const CompareContext& ctx, const ProgressSink& progress = {}, const RowSink& onRow = {},
                    const IntrinsicSink& onIntrinsic = {}) const;

  // Every word the benchmarks ask about, sorted, without duplicates.
  static std::vector<std::string> benchmarkWords(const AnalogyBenchmark* analogies,
                                                 const SimilarityBenchmark* similarity);
  // A task directory's name (its last path component).
  static std::string taskName(const std::string& dir);

 private:
  struct Row {
    std::string name;
    ModelSource model;  // kind "tfidf" for the baseline
    bool finetune = false;
  };
  std::vector<Row> rowsPerTask() const;
  bool hasIntrinsic() const { return options_.analogies.has_value() || options_.similarity.has_value(); }

  ReportRunnerOptions options_;
};

}  // namespace embedlab
