#pragma once
// The ELMo page's contexts: every token of a corpus sample run through the biLM, one
// EmbeddingSet per layer, so that a word in a sentence the person types can be compared with
// the words of real sentences layer by layer. Layer 0 (the char-CNN encoding) does not depend on
// the context, so it holds one row per distinct word; layers 1 and 2 hold one row per occurrence,
// labelled with its context ("bank · … sat on the bank of …").
// Built on a worker thread; read-only afterwards (queries may run on any thread).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/text/Tokenizer.h"
#include "core/train/Progress.h"

namespace embedlab {
class EmbeddingSet;
class NearestNeighbors;
namespace elmo {
class ElmoModel;
}
}  // namespace embedlab

namespace embedlab::ui {

struct ElmoNeighbor {
  std::string word;
  std::string context;  // the sentence around it (empty for layer 0)
  float cosine = 0;
};

class ElmoContextIndex {
 public:
  ~ElmoContextIndex();

  // lines: raw text, tokenized with `tokenizer`. Returns null when stopped. progress in [0, 1].
  static std::shared_ptr<ElmoContextIndex> build(const elmo::ElmoModel& model, const Tokenizer::Options& tokenizer,
                                                 const std::vector<std::string>& lines, StopToken& token,
                                                 const std::function<void(double)>& progress = {},
                                                 int threads = 0);

  int layers() const { return static_cast<int>(sets_.size()); }
  int64_t sentences() const { return sentences_; }
  int64_t occurrences() const;  // rows of the contextual layers
  std::shared_ptr<const EmbeddingSet> layerSet(int layer) const { return sets_.at(size_t(layer)); }

  // The k nearest rows of layer `layer` to a vector (D floats), best first.
  std::vector<ElmoNeighbor> nearest(int layer, const float* vector, int k) const;

 private:
  ElmoContextIndex() = default;
  std::vector<std::shared_ptr<EmbeddingSet>> sets_;
  std::vector<std::unique_ptr<NearestNeighbors>> index_;
  std::vector<std::vector<std::string>> words_;  // per layer and row: the bare word
  int64_t sentences_ = 0;
};

// "… sat on the bank of …": up to `radius` tokens either side of tokens[position].
std::string tokenContext(const std::vector<std::string>& tokens, int position, int radius = 4);

}  // namespace embedlab::ui
