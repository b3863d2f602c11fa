#pragma once
// The BERT page's one door into core/models/bert: a loaded Hugging Face checkpoint and the few
// things the page asks of it, returned as plain data (tokens, attention maps, hidden states,
// an EmbeddingSet of contexts). Everything else in the page is widgets.
//
// All calls may run on a worker thread. One session serialises its own calls (the encoder keeps
// scratch buffers), so the page may analyse a sentence while a corpus sample is being collected.
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/train/Progress.h"

namespace embedlab {
class EmbeddingSet;
}

namespace embedlab::ui {

struct BertSentenceAnalysis {
  QStringList tokens;            // WordPiece tokens with [CLS] and [SEP], T of them
  std::vector<int> typeIds;      // (T) 0 for the first sentence, 1 for the pair
  int layers = 0, heads = 0, hidden = 0;
  std::vector<float> attentions;    // (layers, heads, T, T) softmax probabilities, row = query
  std::vector<float> hiddenStates;  // (layers + 1, T, hidden); 0 is the embedding output
};

// Which layer a contextual vector comes from.
struct BertLayerChoice {
  static constexpr int kLastFourMean = -1;  // mean of the last four layers (or of all, if fewer)
  int layer = kLastFourMean;                // 0 = embeddings, 1..L = encoder layers
};

class BertSession {
 public:
  ~BertSession();

  // Whether this build has the BERT engine (core/models/bert) at all.
  static bool available();
  // Reads config.json, model.safetensors, vocab.txt (and tokenizer_config.json) from a Hugging
  // Face directory. Throws embedlab::Error naming the file and the problem.
  static std::shared_ptr<BertSession> open(const QString& directory);

  QString directory() const { return directory_; }
  QString summary() const;  // "2 layers · hidden 64 · 4 heads · 377 WordPieces"
  int layers() const { return layers_; }
  int heads() const { return heads_; }
  int hidden() const { return hidden_; }
  int maxLength() const { return maxLength_; }

  // Tokenizes (with the pair, when not empty), truncates to the model's length and encodes.
  BertSentenceAnalysis analyze(const QString& text, const QString& pair = QString()) const;

  // Every occurrence of `word` (compared after the tokenizer's normalisation, through
  // BertContext) in the sentences, one row per occurrence: its WordPieces' mean vector at the
  // chosen layer, labelled "word#line" ("word#line:2" for a second one in the line) with
  // lineNumbers[i] for sentences[i] (i itself when lineNumbers is shorter), and the sentence,
  // first token position and layer in the metadata. Returns null when stopped; throws
  // UsageError for a word that is [UNK] or several words for the tokenizer.
  std::shared_ptr<EmbeddingSet> occurrences(const QString& word, const std::vector<std::string>& sentences,
                                            const std::vector<int64_t>& lineNumbers, BertLayerChoice layer,
                                            StopToken& token, const std::function<void(double)>& progress) const;

  // Cosine similarity between the tokens' vectors: x (T, C) -> (T, T). Zero vectors give 0.
  static std::vector<float> cosineMatrix(const float* x, int T, int C);
  // The vectors of a layer choice from an analysis: (T, hidden).
  static std::vector<float> layerVectors(const BertSentenceAnalysis& a, BertLayerChoice layer);

 private:
  struct Impl;
  BertSession() = default;
  std::unique_ptr<Impl> impl_;
  mutable std::mutex mutex_;
  QString directory_;
  int layers_ = 0, heads_ = 0, hidden_ = 0, maxLength_ = 0, vocab_ = 0;
};

}  // namespace embedlab::ui
