#include "core/eval/AnalogyBenchmark.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "core/eval/CaseFold.h"
#include "core/eval/TextLines.h"
#include "core/util/Error.h"

namespace embedlab {

AnalogyBenchmark AnalogyBenchmark::load(const std::string& path) { return parse(readEvalFile(path), path); }

AnalogyBenchmark AnalogyBenchmark::parse(const std::string& text, const std::string& name) {
  checkUtf8Text(text, name);
  AnalogyBenchmark bench;
  const auto lines = splitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const int64_t lineNo = static_cast<int64_t>(i) + 1;
    const std::string_view line = lines[i];
    const auto fields = splitFields(line);
    if (fields.empty()) continue;
    if (line.front() == ':') {
      std::string_view section = line.substr(1);
      while (!section.empty() && (section.front() == ' ' || section.front() == '\t')) section.remove_prefix(1);
      while (!section.empty() && (section.back() == ' ' || section.back() == '\t')) section.remove_suffix(1);
      if (section.empty()) throw Error(name + ": line " + std::to_string(lineNo) + ": section line without a name");
      bench.sections_.emplace_back(section);
      continue;
    }
    if (fields.size() != 4)
      throw Error(name + ": line " + std::to_string(lineNo) + ": expected 4 words (a b c d), found " +
                  std::to_string(fields.size()));
    if (bench.sections_.empty())
      throw Error(name + ": line " + std::to_string(lineNo) + ": question before the first \": section\" line");
    AnalogyQuestion q;
    q.a = fields[0];
    q.b = fields[1];
    q.c = fields[2];
    q.d = fields[3];
    q.section = static_cast<int>(bench.sections_.size()) - 1;
    q.line = lineNo;
    bench.questions_.push_back(std::move(q));
  }
  if (bench.questions_.empty()) throw Error(name + ": no analogy questions (expected \": section\" and \"a b c d\" lines)");
  return bench;
}

AnalogyBenchmark::Result AnalogyBenchmark::evaluate(const EmbeddingSet& vectors, const Options& options,
                                                    const StopToken* stop, const ProgressSink& progress) const {
  NearestNeighbors::Options nnOptions;
  nnOptions.threads = options.threads;
  nnOptions.maxRows = options.restrictVocab;  // rows past the restriction are never candidates
  NearestNeighbors index(vectors, nnOptions);
  return evaluate(vectors, index, options, stop, progress);
}

AnalogyBenchmark::Result AnalogyBenchmark::evaluate(const EmbeddingSet& vectors, const NearestNeighbors& index,
                                                    const Options& options, const StopToken* stop,
                                                    const ProgressSink& progress) const {
  const auto started = std::chrono::steady_clock::now();
  Result result;
  result.questions = static_cast<int64_t>(questions_.size());
  result.sections.resize(sections_.size());
  for (size_t s = 0; s < sections_.size(); ++s) result.sections[s].name = sections_[s];

  int64_t R = std::min(vectors.rows(), index.rows());
  if (options.restrictVocab > 0) R = std::min(R, options.restrictVocab);

  // Word -> first row among the candidates; sameWord maps every candidate row to the first row
  // of its (lowercased) spelling, so "Paris" counts as "paris".
  auto key = [&](std::string_view w) { return options.caseInsensitive ? lowercaseUtf8(w) : std::string(w); };
  std::unordered_map<std::string, int64_t> rowOf;
  rowOf.reserve(static_cast<size_t>(R));
  std::vector<int64_t> sameWord(static_cast<size_t>(R));
  bool spellingsMerged = false;
  for (int64_t r = 0; r < R; ++r) {
    auto [it, inserted] = rowOf.try_emplace(key(vectors.label(r)), r);
    sameWord[r] = it->second;
    spellingsMerged = spellingsMerged || !inserted;
  }
  auto lookup = [&](const std::string& w) {
    auto it = rowOf.find(key(w));
    return it == rowOf.end() ? int64_t(-1) : it->second;
  };

  std::vector<AnalogyQuery> queries;
  std::vector<int64_t> expected;
  std::vector<int> sectionOf;
  std::vector<size_t> questionOf;  // index into questions_ of each evaluated query
  result.answers.assign(questions_.size(), -1);
  for (size_t qi = 0; qi < questions_.size(); ++qi) {
    const AnalogyQuestion& q = questions_[qi];
    const int64_t a = lookup(q.a), b = lookup(q.b), c = lookup(q.c), d = lookup(q.d);
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      ++result.sections[q.section].oov;
      ++result.oov;
      continue;
    }
    queries.push_back({a, b, c});
    expected.push_back(d);
    sectionOf.push_back(q.section);
    questionOf.push_back(qi);
  }

  // The kernel counts blocks of candidate rows; callers think in questions.
  const int64_t n = static_cast<int64_t>(queries.size());
  ProgressSink inQuestions;
  if (progress) {
    inQuestions = [&](const Progress& blocks) {
      Progress p = blocks;
      const double fraction = blocks.total > 0 ? double(blocks.step) / double(blocks.total) : 1.0;
      p.step = static_cast<int64_t>(fraction * double(n) + 0.5);
      p.total = n;
      p.itemsPerSec = p.elapsedSeconds > 0 ? double(p.step) / p.elapsedSeconds : 0;
      p.phase = "analogies";
      progress(p);
    };
  }
  const auto answers = index.analogyBatch(queries, 1, options.method, R, spellingsMerged ? &sameWord : nullptr, stop,
                                          inQuestions);
  if (answers.size() != queries.size()) {
    result.stopped = true;
  } else {
    for (size_t i = 0; i < queries.size(); ++i) {
      SectionResult& section = result.sections[sectionOf[i]];
      ++section.total;
      if (!answers[i].empty()) result.answers[questionOf[i]] = answers[i].front().row;
      const bool correct = !answers[i].empty() && sameWord[answers[i].front().row] == expected[i];
      if (correct) ++section.correct;
    }
  }
  for (SectionResult& s : result.sections) {
    s.accuracy = s.total > 0 ? double(s.correct) / double(s.total) : 0.0;
    result.correct += s.correct;
    result.total += s.total;
  }
  result.accuracy = result.total > 0 ? double(result.correct) / double(result.total) : 0.0;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace embedlab
