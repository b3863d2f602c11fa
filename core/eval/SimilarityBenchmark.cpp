#include "core/eval/SimilarityBenchmark.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/eval/CaseFold.h"
#include "core/eval/Correlation.h"
#include "core/eval/TextLines.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

bool parseNumber(std::string_view s, double& value) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), value);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(value);
}

// Column name without case and blanks: "Word 1" -> "word1", "SimLex999" -> "simlex999".
std::string columnKey(std::string_view name) {
  std::string out;
  for (char ch : name) {
    if (ch == ' ' || ch == '_' || ch == '-') continue;
    out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return out;
}

}  // namespace

SimilarityBenchmark SimilarityBenchmark::load(const std::string& path) { return parse(readEvalFile(path), path); }

SimilarityBenchmark SimilarityBenchmark::parse(const std::string& text, const std::string& name) {
  checkUtf8Text(text, name);
  SimilarityBenchmark bench;
  size_t w1 = 0, w2 = 1, scoreCol = 2;
  bool first = true;
  const auto lines = splitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const int64_t lineNo = static_cast<int64_t>(i) + 1;
    const std::string_view line = lines[i];
    const bool tabs = line.find('\t') != std::string_view::npos;
    const auto fields = splitFields(line, tabs);
    if (fields.empty() || (fields.size() == 1 && fields[0].empty())) continue;
    if (fields[0].starts_with('#')) continue;
    if (first) {
      first = false;
      double value = 0;
      if (fields.size() < 3 || !parseNumber(fields[2], value)) {
        // A header. SimLex-999 names its columns; find the words and the score by name.
        bool named = false;
        for (size_t c = 0; c < fields.size(); ++c) {
          const std::string k = columnKey(fields[c]);
          if (k == "word1" || k == "w1") w1 = c, named = true;
          if (k == "word2" || k == "w2") w2 = c, named = true;
        }
        bool scoreFound = false;
        for (const char* want : {"simlex999", "score", "similarity", "sim", "human(mean)", "mean", "gold"}) {
          for (size_t c = 0; c < fields.size() && !scoreFound; ++c)
            if (columnKey(fields[c]) == want) scoreCol = c, scoreFound = true;
          if (scoreFound) break;
        }
        if (!scoreFound && named && fields.size() < 3)
          throw Error(name + ": line " + std::to_string(lineNo) + ": header names no score column");
        continue;
      }
    }
    const size_t need = std::max({w1, w2, scoreCol}) + 1;
    if (fields.size() < need)
      throw Error(name + ": line " + std::to_string(lineNo) + ": expected at least " + std::to_string(need) +
                  " fields (word1 word2 score), found " + std::to_string(fields.size()));
    if (fields.size() > need && !tabs)
      throw Error(name + ": line " + std::to_string(lineNo) + ": expected \"word1 word2 score\", found " +
                  std::to_string(fields.size()) + " fields");
    WordPair pair;
    pair.w1 = fields[w1];
    pair.w2 = fields[w2];
    if (pair.w1.empty() || pair.w2.empty()) throw Error(name + ": line " + std::to_string(lineNo) + ": empty word");
    if (!parseNumber(fields[scoreCol], pair.score))
      throw Error(name + ": line " + std::to_string(lineNo) + ": score '" + std::string(fields[scoreCol]) +
                  "' is not a number");
    pair.line = lineNo;
    bench.pairs_.push_back(std::move(pair));
  }
  if (bench.pairs_.empty()) throw Error(name + ": no word pairs (expected \"word1 word2 score\" lines)");
  return bench;
}

SimilarityBenchmark::Result SimilarityBenchmark::evaluate(const EmbeddingSet& vectors, const Options& options) const {
  Result result;
  int64_t R = vectors.rows();
  if (options.restrictVocab > 0) R = std::min(R, options.restrictVocab);
  auto key = [&](std::string_view w) { return options.caseInsensitive ? lowercaseUtf8(w) : std::string(w); };
  // Only the pair words are looked up: a map of them is enough (first spelling in the vectors wins).
  std::unordered_map<std::string, int64_t> rowOf;
  for (const WordPair& p : pairs_) {
    rowOf.try_emplace(key(p.w1), -1);
    rowOf.try_emplace(key(p.w2), -1);
  }
  for (int64_t r = 0; r < R; ++r) {
    auto it = rowOf.find(key(vectors.label(r)));
    if (it != rowOf.end() && it->second < 0) it->second = r;
  }
  const int dim = vectors.dim();
  std::vector<double> human, model;
  for (size_t i = 0; i < pairs_.size(); ++i) {
    const WordPair& p = pairs_[i];
    const int64_t a = rowOf[key(p.w1)], b = rowOf[key(p.w2)];
    if (a < 0 || b < 0) {
      ++result.oov;
      continue;
    }
    const float *x = vectors.row(a), *y = vectors.row(b);
    double xy = 0, xx = 0, yy = 0;
    for (int d = 0; d < dim; ++d) {
      xy += double(x[d]) * y[d];
      xx += double(x[d]) * x[d];
      yy += double(y[d]) * y[d];
    }
    double cosine = (xx > 0 && yy > 0) ? xy / std::sqrt(xx * yy) : 0.0;
    if (!std::isfinite(cosine)) cosine = 0.0;  // a NaN/inf vector (diverged training) must not poison the ranks
    human.push_back(p.score);
    model.push_back(cosine);
    result.scored.push_back({static_cast<int64_t>(i), p.score, cosine});
  }
  result.pairs = static_cast<int64_t>(human.size());
  result.spearman = spearman(human, model);
  result.pearson = pearson(human, model);
  return result;
}

}  // namespace embedlab
