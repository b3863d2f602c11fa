#pragma once
// Contextual vectors from BERT, the point of BERT in this app: the same word gets a different
// vector in every sentence ("bank" by a river, "bank" of money).
//   - encode(): per-WordPiece vectors of one sentence from a chosen hidden state, or the mean of
//     the last four layers (Devlin et al. found the last four layers the best features; the
//     mean keeps the dimension where they concatenated), and per-word vectors
//     assembled from the word's WordPieces by mean pooling (the tokenizer's word ids);
//   - occurrences(): every occurrence of chosen words in corpus lines, one EmbeddingSet row each
//     ("bank#12" = line 12; a second "bank" in that line is "bank#12:2"), metadata = the line,
//     the word's first token position, and the layer;
//   - staticVectors(): one row per word, the mean of its contextual vectors (counts = occurrences).
// A word is matched by its WordPieces, i.e. after the tokenizer's lowercasing and accent
// stripping ("Bank" and "bank" are the same word for an uncased model).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/embeddings/EmbeddingSet.h"
#include "core/models/bert/BertModel.h"
#include "core/text/WordPieceTokenizer.h"

namespace embedlab {

// One sentence, encoded.
struct BertSentenceVectors {
  WordPieceEncoding encoding;        // [CLS] pieces [SEP]
  int dim = 0;
  std::vector<float> tokenVectors;   // (T,C) one per position, specials included
  std::vector<std::string> words;    // each word as written in the text (from the offsets)
  std::vector<int> wordFirst, wordEnd;  // word w = positions [wordFirst[w], wordEnd[w])
  std::vector<float> wordVectors;    // (W,C) mean of the word's piece vectors
};

class BertContext {
 public:
  struct Options {
    // Hidden state 0..L (0 = embedding output, L = last layer), or -1: the mean of the last
    // four layers' outputs (hidden states max(1, L-3)..L).
    int layer = -1;
    int64_t maxLength = 0;  // truncate sentences to this many positions (0: max_position_embeddings)
    int batchSize = 16;     // sentences per forward pass in occurrences()
    int64_t maxPerWord = 0; // occurrences(): keep at most this many rows per word (0: all)
  };

  struct Stats {
    int64_t linesRead = 0;       // lines looked at
    int64_t linesEncoded = 0;    // lines that contained a chosen word and went through BERT
    int64_t occurrences = 0;     // rows produced
    int64_t truncatedAway = 0;   // occurrences lost because their line was longer than maxLength
    std::vector<std::string> notFound;  // chosen words with no occurrence
  };

  // The model and tokenizer must outlive this object; one BertContext per thread (forward
  // passes reuse the model's activation buffers).
  BertContext(BertModel& model, const WordPieceTokenizer& tokenizer) : BertContext(model, tokenizer, Options()) {}
  BertContext(BertModel& model, const WordPieceTokenizer& tokenizer, Options options);

  const Options& options() const { return options_; }
  // The hidden states the chosen layer (or mix) averages: [first, last].
  int firstLayer() const { return first_; }
  int lastLayer() const { return last_; }

  BertSentenceVectors encode(std::string_view sentence);

  // Throws UsageError for an empty word or one that the tokenizer splits into several words.
  EmbeddingSet occurrences(const std::vector<std::string>& lines, const std::vector<std::string>& words,
                           Stats* stats = nullptr);
  EmbeddingSet staticVectors(const std::vector<std::string>& lines, const std::vector<std::string>& words,
                             Stats* stats = nullptr);

 private:
  // Mean of the chosen hidden states of sequence b at position t into out (C).
  void mixed(int b, int t, float* out) const;
  BertModel& model_;
  const WordPieceTokenizer& tokenizer_;
  Options options_;
  int first_ = 0, last_ = 0;
};

}  // namespace embedlab
