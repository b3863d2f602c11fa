#pragma once
// Trains the ELMo biLM on a corpus as a TrainingJob: sentences become one stream
// "<s> w1 .. wn </s> <s> ..." split into `batch` contiguous rows; each step takes the next
// seqLen tokens of every row (truncated BPTT: the LSTM states are carried from one step to the
// next within an epoch). The backward LM reads each row reversed, with its own carried state.
// Every heldoutEvery-th line is kept out of training for the held-out perplexity.
// Files in outDir: vocab.txt, checkpoint.safetensors (parameters, Adam moments, carried states,
// step; written atomically every checkpointEvery steps and when stopped), model.safetensors
// (parameters and the configuration, loaded by ElmoCheckpoint::load) when training finishes.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/models/elmo/ElmoModel.h"
#include "core/models/elmo/ElmoVocabulary.h"
#include "core/text/Tokenizer.h"
#include "core/train/TrainingJob.h"

namespace embedlab::elmo {

struct ElmoTrainerOptions {
  std::vector<std::string> corpusFiles;
  std::string outDir;              // required
  ElmoOptions model;
  Tokenizer::Options tokenizer;
  int64_t maxVocab = 20000;        // softmax vocabulary including <s>, </s>, <unk>
  int64_t minCount = 1;
  int seqLen = 20;
  int batch = 32;
  int epochs = 1;
  float lr = 1e-3f;
  float weightDecay = 0.0f;
  double clipNorm = 10.0;          // global gradient norm; <= 0: off
  int heldoutEvery = 20;           // every n-th line is held out; 0: none
  int64_t checkpointEvery = 500;   // steps; 0: only when stopped and at the end
  bool resume = true;              // continue from outDir/checkpoint.safetensors if present
  int threads = 1;                 // 0: OpenMP's default
  uint64_t seed = 1;
};

class ElmoTrainer : public TrainingJob {
 public:
  explicit ElmoTrainer(ElmoTrainerOptions options);
  ~ElmoTrainer() override;

  std::string modelType() const override { return "elmo"; }
  JobResult run(const ProgressSink& sink, StopToken& token) override;
  // ELMo's vectors are contextual (ElmoModel::representations); no static set yet.
  std::shared_ptr<const EmbeddingSet> embeddings() const override { return nullptr; }

  ElmoModel* model() { return model_.get(); }
  const ElmoVocabulary& vocabulary() const { return vocab_; }
  double heldoutPerplexity() const { return heldoutPerplexity_; }  // NaN without held-out text
  double finalLoss() const { return finalLoss_; }
  int64_t steps() const { return step_; }
  double tokensPerSecond() const { return tokensPerSec_; }

 private:
  struct Data;
  JobResult train(const ProgressSink& sink, StopToken& token);
  void saveCheckpoint(const std::string& path, const ElmoState& state);
  double evaluateHeldout();

  ElmoTrainerOptions opt_;
  ElmoVocabulary vocab_;
  std::unique_ptr<ElmoModel> model_;
  std::unique_ptr<nn::AdamW> adam_;
  std::unique_ptr<Data> data_;
  int64_t step_ = 0;
  double heldoutPerplexity_ = 0;
  double finalLoss_ = 0;
  double tokensPerSec_ = 0;
};

}  // namespace embedlab::elmo
