#pragma once
// Word-similarity evaluation: rank correlation between human scores and cosine similarities.
//
// Files read:
// - WordSim-353 as gensim ships it: tab-separated "w1 w2 score", '#' comment lines, or a header
//   line whose third field is not a number ("Word 1<TAB>Word 2<TAB>Human (mean)").
// - SimLex-999 in its own layout: a header naming the columns "word1 word2 POS SimLex999 ...";
//   the words and the SimLex999 column are used, whatever else the rows hold.
// - Generic "w1 w2 score", tab- or space-separated (with tabs, further columns are ignored, as in
//   WordSim's per-rater files and the Rare Words set).
// A header is recognised only on the first non-comment line. Any other line that is not two words
// and a finite number throws Error naming the file and line.
//
// As gensim's evaluate_word_pairs: words are compared case-insensitively (first spelling in the
// vectors wins), pairs with a word outside the vectors are skipped and counted as OOV, Spearman
// uses average ranks for ties.
#include <cstdint>
#include <string>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"

namespace embedlab {

struct WordPair {
  std::string w1, w2;  // as in the file (lowercased at evaluation when case-insensitive)
  double score = 0;    // human judgement
  int64_t line = 0;    // 1-based line in the file
};

class SimilarityBenchmark {
 public:
  struct Options {
    int64_t restrictVocab = 0;  // > 0: only the first rows count as known words
    bool caseInsensitive = true;
  };

  struct Result {
    double spearman = 0;  // NaN when fewer than 2 pairs were usable
    double pearson = 0;
    int64_t pairs = 0;    // pairs used
    int64_t oov = 0;      // pairs skipped because a word is missing
    // The pairs used, for a human-vs-model scatter: index into pairs(), human score, cosine.
    struct Scored {
      int64_t pair = 0;
      double human = 0;
      double cosine = 0;
    };
    std::vector<Scored> scored;
  };

  SimilarityBenchmark() = default;

  static SimilarityBenchmark load(const std::string& path);
  static SimilarityBenchmark parse(const std::string& text, const std::string& name);

  const std::vector<WordPair>& pairs() const { return pairs_; }

  Result evaluate(const EmbeddingSet& vectors) const { return evaluate(vectors, Options{}); }
  Result evaluate(const EmbeddingSet& vectors, const Options& options) const;

 private:
  std::vector<WordPair> pairs_;
};

}  // namespace embedlab
