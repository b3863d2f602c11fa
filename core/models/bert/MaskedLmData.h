#pragma once
// The examples of BERT pre-training, built once from a corpus and masked afresh for every batch.
//
// Corpus: one sentence per line (WordPiece-tokenized); a blank line ends a document.
// Sequences (built once, deterministically from the seed, stored as spans of one token stream):
//   - without NSP: [CLS] x [SEP], x the next maxLength-2 tokens of the document (packed across
//     sentence boundaries, as RoBERTa's FULL-SENTENCES; a document's tail gives a shorter one);
//   - with NSP:   [CLS] A [SEP] B [SEP], type ids 0 for [CLS] A [SEP] and 1 for B [SEP], as
//     Google's create_pretraining_data.py builds them: sentences are gathered up to a target
//     length (maxLength-3, or with shortSeqProbability a random shorter one), cut at a random
//     sentence boundary into A and the rest; with probability 1/2 B is the rest (IsNext, label 0)
//     and otherwise sentences from a random other place (NotNext, label 1; the unused rest is put
//     back). The longer of A and B is cut until the pair fits.
// Batches: the examples are visited in a fresh seeded permutation each epoch. Batch k takes the
// k-th `batch` examples of that endless stream and masks them (dynamic masking): of the
// non-special tokens, n = min(maxPredictions, max(1, round(maskProbability·count))) positions are
// chosen; each becomes [MASK] (80%), a random non-special token (10%) or stays (10%).
// Every random draw of batch k comes from a generator seeded by (seed, k) alone, so a batch is a
// pure function of (corpus, options, k): resuming at batch k needs no other generator state, and
// the result does not depend on threads.
#include <cstdint>
#include <string>
#include <vector>

#include "core/text/WordPieceTokenizer.h"
#include "core/train/Progress.h"

namespace embedlab {

struct MaskedLmOptions {
  int maxLength = 128;               // positions per sequence, special tokens included
  bool nsp = false;                  // sentence pairs with the next-sentence label
  double shortSeqProbability = 0.1;  // NSP: chance of a shorter target length (as Google's BERT)
  double maskProbability = 0.15;     // share of non-special tokens predicted
  double maskTokenShare = 0.8;       // of those: replaced by [MASK]
  double randomTokenShare = 0.1;     //           replaced by a random token (the rest: kept)
  int maxPredictions = 20;           // cap of predicted positions per sequence
  uint64_t seed = 1;

  // Throws UsageError naming the field.
  void validate() const;
};

// One batch, (B,T) row-major, T = the longest sequence of the batch (shorter ones padded).
struct MaskedLmBatch {
  int B = 0, T = 0;
  std::vector<int32_t> inputIds;       // (B,T) after masking; [PAD] after the end
  std::vector<int32_t> typeIds;        // (B,T) 0 / 1 (0 on padding)
  std::vector<int32_t> attentionMask;  // (B,T) 1 token, 0 padding
  std::vector<int32_t> mlmLabels;      // (B,T) the original id where predicted, -100 elsewhere
  // The predicted positions in Google's fixed-size layout, for heads that gather them:
  std::vector<int32_t> maskedPositions;  // (B,maxPredictions) position in the row; -1: unused
  std::vector<int32_t> maskedIds;        // (B,maxPredictions) original id; -100: unused
  std::vector<int32_t> nspLabels;      // (B) 0: B follows A, 1: B is random; empty without NSP
  int64_t tokens = 0;                  // real (non-padding) positions
  int64_t predictions = 0;             // positions with a label
};

class MaskedLmData {
 public:
  // A sequence as spans of the token stream.
  struct Example {
    int64_t aBegin = 0;
    int32_t aLength = 0;
    int64_t bBegin = 0;
    int32_t bLength = 0;  // 0 without NSP
    int32_t nspLabel = 0; // 0: IsNext, 1: NotNext
  };
  struct Stats {
    int64_t lines = 0;      // corpus lines read
    int64_t documents = 0;  // non-empty documents
    int64_t sentences = 0;  // non-empty lines
    int64_t tokens = 0;     // WordPieces in the stream
  };

  MaskedLmData() = default;
  // From corpus files (plain or .gz); progress: phase "preparing", step/total in bytes.
  // A stop request ends reading early (stopped() tells). Errors name the file.
  static MaskedLmData fromFiles(const std::vector<std::string>& files,
                                const WordPieceTokenizer& tokenizer, const MaskedLmOptions& options,
                                const ProgressSink& progress = {}, const StopToken* stop = nullptr);
  // From lines in memory (blank line = document boundary); `source` names them in messages.
  static MaskedLmData fromLines(const std::vector<std::string>& lines,
                                const WordPieceTokenizer& tokenizer, const MaskedLmOptions& options,
                                const std::string& source = "corpus");

  // Masked batch number `index` (0, 1, 2, ...) of `batch` sequences. Throws Error when there
  // are no examples.
  void makeBatch(int64_t index, int batch, MaskedLmBatch& out) const;
  // The unmasked example as ids/type ids ([CLS] A [SEP] (B [SEP])).
  void exampleIds(const Example& e, std::vector<int32_t>& ids, std::vector<int32_t>& typeIds) const;

  const std::vector<Example>& examples() const { return examples_; }
  const std::vector<int32_t>& stream() const { return stream_; }
  const Stats& stats() const { return stats_; }
  const MaskedLmOptions& options() const { return options_; }
  bool stopped() const { return stopped_; }
  int64_t size() const { return static_cast<int64_t>(examples_.size()); }
  // Which example the row `row` of batch `index` holds (the epoch permutation).
  int64_t exampleIndex(int64_t index, int batch, int row) const;

 private:
  void setVocabulary(const WordPieceVocab& vocab);
  void buildExamples();
  void permutation(int64_t epoch) const;

  MaskedLmOptions options_;
  Stats stats_;
  bool stopped_ = false;
  std::vector<int32_t> stream_;           // every token of the corpus, sentence after sentence
  std::vector<int64_t> sentenceStart_;    // (sentences+1) offsets into stream_
  std::vector<int64_t> documentStart_;    // (documents+1) indices into sentenceStart_
  std::vector<Example> examples_;
  // Ids for masking: [CLS] [SEP] [PAD] [MASK], and the non-special ids random tokens come from.
  int32_t cls_ = -1, sep_ = -1, pad_ = 0, mask_ = -1;
  std::vector<int32_t> randomIds_;
  std::vector<uint8_t> special_;          // (vocab) 1 for tokens never masked
  // The permutation of the last epoch asked for (makeBatch is const; not thread-safe).
  mutable int64_t permEpoch_ = -1;
  mutable std::vector<int64_t> perm_;
};

}  // namespace embedlab
