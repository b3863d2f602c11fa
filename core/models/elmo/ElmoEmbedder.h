#pragma once
// ELMo's token representations for many sentences: for each token the K = 3 layers ELMo defines,
//   layer 0: the char-CNN token encoding, duplicated into both halves   (D = 2·projection)
//   layer 1, 2: [forward LSTM output | backward LSTM output] of that layer
// Sentences are sorted by length and run in batches (little padding); batches run in parallel,
// one ElmoModel::Workspace per thread, so the frozen model is shared read-only. Each sentence is
// computed on its own row, so the thread count and batch size change results only by float
// rounding in the matrix products.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/models/elmo/ElmoModel.h"
#include "core/text/Tokenizer.h"
#include "core/train/Progress.h"

namespace embedlab::elmo {

struct ElmoEmbedderOptions {
  int batch = 32;             // sentences per batch at most
  int64_t batchTokens = 1024; // ... and about this many padded positions (memory, stop latency)
  int threads = 0;            // 0: OpenMP's default
  int maxTokens = 0;          // > 0: a longer sentence is cut to its first maxTokens tokens
  // embedMeanPooled only: a sentence longer than this (> 0) is run as consecutive pieces of at
  // most chunkTokens tokens (each with its own <s> </s>), and the mean is taken over all its
  // tokens. A long document (an e-mail) then costs bounded memory and keeps every token.
  int chunkTokens = 256;
};

class ElmoEmbedder {
 public:
  // The model must outlive the embedder and stay unchanged while it runs.
  explicit ElmoEmbedder(const ElmoModel& model, ElmoEmbedderOptions options = {});

  int layers() const;  // K = LSTM layers + 1
  int dim() const;     // D = 2·projection

  // Called after each finished batch with (sentences done, all sentences), from one thread at a
  // time; may be empty. A stop request (token) ends the work early: the functions then return
  // what they have, with `stopped` set.
  using ProgressFn = std::function<void(int64_t done, int64_t total)>;

  // sentences[i] (T_i tokens, maxTokens applied) -> out[i]: (K, T_i, D), layer-major.
  std::vector<std::vector<float>> embed(const std::vector<std::vector<std::string>>& sentences,
                                        const ProgressFn& progress = {}, StopToken* token = nullptr,
                                        bool* stopped = nullptr) const;

  // The mean over each sentence's tokens of every layer: (N, K, D). An empty sentence gives
  // zeros. What classification features need, without keeping (K, T, D) per sentence.
  std::vector<float> embedMeanPooled(const std::vector<std::vector<std::string>>& sentences,
                                     const ProgressFn& progress = {}, StopToken* token = nullptr,
                                     bool* stopped = nullptr) const;

  // Raw text -> tokens with the model's tokenizer options.
  static std::vector<std::vector<std::string>> tokenize(const std::vector<std::string>& texts,
                                                        const Tokenizer::Options& options);

 private:
  // Runs every batch; `consume(i, layers)` gets sentence i's (K, T_i, D) from the worker thread
  // that computed it (different i on different threads at the same time).
  bool forEachSentence(const std::vector<std::vector<std::string>>& sentences,
                       const std::function<void(int64_t, std::vector<float>&)>& consume,
                       const ProgressFn& progress, StopToken* token) const;

  const ElmoModel& model_;
  ElmoEmbedderOptions opt_;
};

}  // namespace embedlab::elmo
