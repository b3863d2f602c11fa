#pragma once
// Word counts of a corpus, filtered and ordered: by count descending, then by the word's bytes
// ascending (so the order, and every id, is deterministic). Id = rank.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/Tokenizer.h"

namespace embedlab {

class StopToken;

class Vocabulary {
 public:
  struct Options {
    int64_t minCount = 5;
    int64_t maxVocab = 0;      // 0: no limit; otherwise keep the maxVocab most frequent
    int threads = 0;           // build(): counting threads, 0 = the hardware's (at most 8);
                               //   the result does not depend on it (unless pruned, see below)
    int64_t maxCountingWords = 3'000'000;  // build(): distinct words held while counting, all
                               //   threads together (each holds at most its share); past it the
                               //   rarest are pruned (see build()). 0: no limit. ~35-55 bytes
                               //   a word (a 16-byte slot in a table at most 3/4 full, and its
                               //   bytes): the default bounds counting to ~100-150 MB
  };

  struct BuildStats {
    int64_t lines = 0, tokens = 0, bytes = 0, invalidUtf8 = 0, distinctWords = 0;
    // bytes: of text, uncompressed, line ends included; distinctWords: before minCount/maxVocab
    // (when pruned: the distinct words left at the end, fewer than the corpus has)
    int64_t longWords = 0;       // tokens longer than kMaxWordBytes: in `tokens`, never counted
    int64_t prunes = 0;          // how often a counting thread pruned its table (0: counts exact)
    int64_t pruneThreshold = 0;  // the highest threshold a prune used (0: never pruned)
  };

  // A token longer than this is read (and counted in BuildStats::tokens) but never counted as a
  // word: such a "word" is a URL, a base64 blob or a run of text without blanks, not something to
  // learn a vector for, and keeping it would copy up to a whole line piece
  // (CorpusReader::Options::maxLineBytes) into the counting table. Training looks it up like
  // any other word and finds nothing.
  static constexpr size_t kMaxWordBytes = 1000;

  Vocabulary() = default;

  // Counts the tokens of the corpus files (plain or .gz) and keeps those that pass the options.
  // `progress` (optional) gets the fraction of bytes read, at most every ~50 ms; a stop request
  // on `token` (optional) ends counting early with what was read (check token->stopRequested()).
  //
  // Memory is bounded whatever the number of distinct tokens (a web corpus has tens of millions,
  // most of them seen once): each of the T counting threads holds at most
  // maxCountingWords / T words, of 16 bytes each on average at most (longer ones count for
  // more). When a thread's table is full it prunes, as word2vec.c's
  // ReduceVocab does: it drops every word it has counted fewer than `threshold` times, the
  // threshold being the last one used (2 at first), raised until at most half the table is left.
  // The threshold never goes down (BuildStats::pruneThreshold is the highest).
  // What pruning means for the counts:
  // - without a prune (BuildStats::prunes == 0; e.g. every corpus with fewer than
  //   maxCountingWords / T distinct words) the counts are exact and do not depend on T;
  // - a pruned word loses what one thread had counted of it (fewer than that prune's threshold)
  //   and starts again from 0 when seen again: counts are never too high; a word whose count
  //   in a thread is at or above the threshold at every prune (a frequent word, seen early)
  //   keeps its exact count; words with counts near minCount may be undercounted or missing;
  // - the result is deterministic for a given number of threads (each thread prunes its own
  //   part of the corpus), but may differ between thread counts.
  static Vocabulary build(const std::vector<std::string>& corpusFiles, const Tokenizer& tokenizer,
                          const Options& options, BuildStats* stats = nullptr,
                          const std::function<void(double)>& progress = {},
                          const StopToken* token = nullptr);

  // From (word, count) pairs: filtered and ordered as build() does.
  static Vocabulary fromCounts(std::vector<std::pair<std::string, int64_t>> counts, const Options& options);

  // "word count" lines, in id order. save() is atomic; load() throws Error naming the file
  // and line on a malformed line, a negative count or a duplicate word.
  void save(const std::string& path) const;
  static Vocabulary load(const std::string& path);

  int64_t size() const { return static_cast<int64_t>(words_.size()); }
  const std::string& word(int64_t id) const { return words_[id]; }
  int64_t count(int64_t id) const { return counts_[id]; }
  const std::vector<std::string>& words() const { return words_; }
  const std::vector<int64_t>& counts() const { return counts_; }
  int64_t totalCount() const { return total_; }   // sum of counts of the kept words

  // Id of a word, or -1. O(1): open-addressing hash table.
  int64_t id(std::string_view word) const;

  // word2vec.c's subsampling: keep probability of each id for threshold `sample` (0 = keep all):
  //   p = (sqrt(f / (sample·T)) + 1) · (sample·T) / f, clamped to [0,1], f = count, T = total.
  std::vector<float> keepProbabilities(double sample) const;

 private:
  void buildIndex();
  std::vector<std::string> words_;
  std::vector<int64_t> counts_;
  std::vector<int64_t> table_;  // open addressing: slot -> (31-bit hash tag << 32 | id), or -1
  int64_t total_ = 0;
};

// Samples ids from count^power / Z (the unigram^0.75 noise distribution of word2vec) in O(1)
// with Walker's alias method.
class NoiseSampler {
 public:
  NoiseSampler() = default;
  NoiseSampler(const std::vector<int64_t>& counts, double power = 0.75);

  // Uses two uniform draws from a 64-bit random value (fast path for hot loops).
  int64_t sample(uint64_t random64) const {
    const uint64_t n = prob_.size();
    const uint64_t bucket = (static_cast<unsigned __int128>(random64 >> 32) * n) >> 32;
    const float u = static_cast<float>(random64 & 0xffffffffu) * (1.0f / 4294967296.0f);
    return u < prob_[bucket] ? static_cast<int64_t>(bucket) : alias_[bucket];
  }
  double probability(int64_t id) const { return p_[id]; }
  int64_t size() const { return static_cast<int64_t>(prob_.size()); }

 private:
  std::vector<float> prob_;
  std::vector<int64_t> alias_;
  std::vector<double> p_;
};

}  // namespace embedlab
