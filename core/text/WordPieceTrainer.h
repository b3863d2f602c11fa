#pragma once
// Trains a WordPiece vocabulary (vocab.txt) for pre-training BERT from scratch.
//
//   1. Words are counted first (BERT's basic tokenization of the corpus, WordPiecePreTokenizer),
//      so that training works on the table of distinct words, not on the running text.
//   2. The vocabulary starts with the special tokens, then every character seen at least
//      minFrequency times: as a word-initial piece "c" if it ever starts a word, and as a
//      continuation "##c" if it ever continues one (punctuation and CJK ideographs, always words
//      of their own, get no "##" twin). If the target size cannot hold them all, the most
//      frequent characters are kept and words with the others are left out of training.
//   3. Adjacent pieces of the words are then merged, one pair at a time, until the vocabulary
//      has the target size (or no pair is seen minFrequency times):
//        Score::Frequency (default): the most frequent pair, as BPE does (Hugging Face's
//          WordPieceTrainer is BPE with "##" continuations, too);
//        Score::Likelihood: the pair with the highest count(ab) / (count(a)·count(b)), WordPiece's
//          gain in corpus likelihood (Schuster & Nakajima; the Hugging Face course's WordPiece).
//          It prefers pairs whose parts rarely occur apart, so it spends the vocabulary on rare
//          words: on WordNet glosses, 8000 tokens, it splits the corpus into 3.5 pieces per word
//          where the frequency score needs 1.2 — hence not the default.
//      Scores are compared exactly (as fractions of integers) and ties go to the pair whose
//      (first, second) pieces sort first, so the result depends only on the corpus and options.
//      A merged piece is the first piece followed by the second without its "##".
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/text/WordPiecePreTokenizer.h"
#include "core/train/Progress.h"

namespace embedlab {

class WordPieceTrainer {
 public:
  enum class Score { Likelihood, Frequency };

  struct Options {
    int64_t vocabSize = 8000;  // tokens in the result, special tokens included
    int64_t minFrequency = 2;  // characters and pairs seen fewer times are not used
    Score score = Score::Frequency;
    std::vector<std::string> specialTokens = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    WordPiecePreTokenizer::Options text;  // must match the tokenizer that will use the vocabulary
    int64_t maxWordChars = 100;            // longer words become [UNK] anyway: not trained on
  };

  using WordCounts = std::vector<std::pair<std::string, int64_t>>;  // sorted by word

  struct Stats {
    int64_t lines = 0;          // corpus lines read (countWords)
    int64_t words = 0;          // running words counted
    int64_t distinctWords = 0;
    int64_t trainingWords = 0;  // distinct words trained on (short enough, alphabet known)
    int64_t alphabet = 0;       // character pieces in the vocabulary ("c" and "##c" forms)
    int64_t merges = 0;         // merges done (a merge may give a piece already present)
  };

  struct Result {
    std::vector<std::string> tokens;  // in id order
    Stats stats;
    bool stopped = false;  // a stop request ended the work early (tokens hold what was done)
  };

  WordPieceTrainer() = default;
  explicit WordPieceTrainer(const Options& options) : options_(options) {}

  // Counts the words of the corpus files (plain or .gz; errors name the file). Progress:
  // phase "counting", step/total in bytes of the files. A stop request returns what was counted
  // (stats->... and `*stopped` tell).
  WordCounts countWords(const std::vector<std::string>& corpusFiles, Stats* stats = nullptr,
                        const ProgressSink& progress = {}, const StopToken* stop = nullptr,
                        bool* stopped = nullptr) const;

  // Trains on a word-count table (any order; counts > 0). Progress: phase "merging", step/total
  // in tokens of the vocabulary. Throws UsageError when vocabSize cannot hold the special tokens.
  Result train(const WordCounts& counts, const ProgressSink& progress = {}, const StopToken* stop = nullptr) const;

  // countWords + train.
  Result trainFiles(const std::vector<std::string>& corpusFiles, const ProgressSink& progress = {},
                    const StopToken* stop = nullptr) const;

  // Writes the tokens as vocab.txt, atomically (checked as a vocabulary first).
  static void save(const Result& result, const std::string& path);

  const Options& options() const { return options_; }

 private:
  Options options_;
};

}  // namespace embedlab
