#include "core/compare/ReportRunner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <utility>

#include "core/compare/Word2VecFeatures.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

ReportRunner::ReportRunner(ReportRunnerOptions options) : options_(std::move(options)) {}

std::string ReportRunner::taskName(const std::string& dir) {
  const std::filesystem::path p(dir);
  return p.filename().empty() ? p.parent_path().filename().string() : p.filename().string();
}

std::vector<std::string> ReportRunner::benchmarkWords(const AnalogyBenchmark* analogies,
                                                      const SimilarityBenchmark* similarity) {
  std::vector<std::string> words;
  if (analogies)
    for (const auto& q : analogies->questions()) words.insert(words.end(), {q.a, q.b, q.c, q.d});
  if (similarity)
    for (const auto& p : similarity->pairs()) words.insert(words.end(), {p.w1, p.w2});
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::vector<ReportRunner::Row> ReportRunner::rowsPerTask() const {
  std::vector<Row> rows;
  if (options_.baseline) rows.push_back(Row{"TF-IDF baseline", ModelSource{"TF-IDF baseline", "tfidf", ""}, false});
  for (const ModelSource& m : options_.models) {
    rows.push_back(Row{m.name, m, false});
    if (m.kind == "bert" && options_.finetune) rows.push_back(Row{m.name + " fine-tuned", m, true});
  }
  return rows;
}

int ReportRunner::jobs() const {
  const size_t classification = options_.tasks.size() * rowsPerTask().size();
  return static_cast<int>(classification + (hasIntrinsic() ? options_.models.size() : 0));
}

ReportOutcome ReportRunner::run(const CompareContext& ctx, const ProgressSink& progress, const RowSink& onRow,
                                const IntrinsicSink& onIntrinsic) const {
  const auto start = Clock::now();
  ReportOutcome outcome;

  // The whole run as thousandths of jobs; within a job the stage in progress moves the bar up to
  // 90% of the job (stages restart at 0, so only a larger value moves it).
  const int64_t totalJobs = std::max(1, jobs());
  int64_t job = 0;
  double within = 0;
  std::string jobPhase;
  auto tell = [&](const std::string& detail) {
    if (!progress) return;
    Progress p;
    p.total = totalJobs * 1000;
    p.step = std::min(p.total, job * 1000 + static_cast<int64_t>(within * 1000));
    p.phase = detail.empty() ? jobPhase : jobPhase + " (" + detail + ")";
    p.elapsedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    progress(p);
  };
  auto beginJob = [&](std::string phase) {
    jobPhase = std::move(phase);
    within = 0;
    tell({});
  };
  auto endJob = [&] {
    ++job;
    within = 0;
  };
  CompareContext inner = ctx;
  inner.onProgress = [&](const Progress& p) {
    if (ctx.onProgress) ctx.onProgress(p);
    if (p.total > 0)
      within = std::max(within, 0.9 * std::clamp(static_cast<double>(p.step) / static_cast<double>(p.total), 0.0, 1.0));
    tell(p.phase);
  };
  // A stop shows up as an Error from the stage in progress; it ends the run quietly.
  auto stoppedBy = [&](const Error&) { return ctx.stopRequested(); };
  auto finish = [&] {
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return outcome;
  };

  const std::vector<Row> rows = rowsPerTask();
  for (const std::string& taskDir : options_.tasks) {
    if (ctx.stopRequested()) break;
    const TaskData task = TaskData::load(taskDir);
    const std::string name = taskName(taskDir);
    for (const Row& r : rows) {
      if (ctx.stopRequested()) break;
      ClassifySettings settings = options_.base;
      settings.features = r.model.kind == "tfidf" ? std::string("tfidf") : r.model.spec();
      settings.finetune = r.finetune;
      settings.classification.stop = ctx.stop;  // cross-validation and the final fit stop too
      ctx.note("classifying " + name + " with " + r.name);
      beginJob(name + ": " + r.name);
      ClassifyOutcome o;
      try {
        o = classifyTask(task, settings, inner);
      } catch (const Error& e) {
        if (stoppedBy(e)) break;
        throw;
      }
      ReportClassificationRow row;
      row.model = r.name;
      row.features = o.features.description.empty() ? settings.features : o.features.description;
      row.task = name;
      row.labels = task.labels;
      row.metrics = o.result.metrics;
      row.trainSeconds = o.features.trainSeconds + o.result.trainSeconds;
      row.inferenceSeconds = o.features.testSeconds + o.result.inferenceSeconds;
      if (onRow) onRow(row);
      outcome.report.classification.push_back(std::move(row));
      endJob();
      tell({});
    }
  }
  if (ctx.stopRequested()) {
    outcome.stopped = true;
    return finish();
  }

  if (hasIntrinsic()) {
    const AnalogyBenchmark* analogies = options_.analogies ? &*options_.analogies : nullptr;
    const SimilarityBenchmark* similarity = options_.similarity ? &*options_.similarity : nullptr;
    const auto words = benchmarkWords(analogies, similarity);
    for (const ModelSource& m : options_.models) {
      if (ctx.stopRequested()) break;
      beginJob("intrinsic: " + m.name);
      EmbeddingSet vectors;
      try {
        if (m.kind == "word2vec") {
          vectors = loadVectorsFile(m.path, inner);
        } else {
          const StaticVectorsProvider provider = staticVectorsProvider(m.kind);
          if (!provider || options_.contextCorpus.empty()) {
            ctx.note(m.name +
                     ": no static vectors (give --context-corpus for BERT/ELMo); left out of the intrinsic table");
            endJob();
            continue;
          }
          vectors = provider(m.path, options_.contextCorpus, words, inner);
        }
      } catch (const Error& e) {
        if (stoppedBy(e)) break;
        throw;
      }
      ReportIntrinsicRow row;
      row.model = m.name;
      if (analogies) {
        const auto a = analogies->evaluate(vectors);
        row.hasAnalogy = true;
        row.analogyAccuracy = a.accuracy;
        row.analogyCorrect = a.correct;
        row.analogyTotal = a.total;
        row.analogyOov = a.oov;
      }
      if (similarity) {
        const auto s = similarity->evaluate(vectors);
        row.hasSimilarity = true;
        row.spearman = s.spearman;
        row.pearson = s.pearson;
        row.pairs = s.pairs;
        row.pairsOov = s.oov;
      }
      if (onIntrinsic) onIntrinsic(row);
      outcome.report.intrinsic.push_back(row);
      endJob();
      tell({});
    }
  }
  outcome.stopped = ctx.stopRequested();
  return finish();
}

}  // namespace embedlab
