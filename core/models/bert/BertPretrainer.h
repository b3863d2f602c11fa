#pragma once
// Pre-trains a BERT from scratch on a corpus as a TrainingJob (modelType "bert"):
//   1. vocabulary: outDir/vocab.txt, trained with WordPieceTrainer (deterministic) unless
//      vocabPath names one;
//   2. examples: MaskedLmData (packed sequences or NSP pairs, dynamic masking per batch);
//   3. training: masked-LM (+ NSP) loss, AdamW (decoupled weight decay, none on LayerNorm and
//      biases), linear warm-up then linear decay to 0, global-norm clipping, gradient
//      accumulation over `accumulation` batches per optimizer step;
//   4. outDir as a Hugging Face BertForPreTraining directory (config.json, model.safetensors,
//      vocab.txt, tokenizer_config.json) through BertCheckpoint.
// Checkpoints: outDir/checkpoint.safetensors holds parameters, Adam moments and the step,
// written atomically every checkpointEvery steps and when stopped. Batches are a function of
// (seed, batch index) (see MaskedLmData) and dropout masks of (seed, step, pass), so the step
// number is the whole generator state: a resumed run with one thread and the same options ends
// with the same bits as an uninterrupted one.
// Stop: the job polls the token between forward/backward passes. A pass covers passSequences
// sequences of a batch (gradients add up over the passes of a step), so that a stop request
// is answered within ~50 ms of work even for a model whose whole batch takes seconds.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/models/bert/BertModel.h"
#include "core/models/bert/MaskedLmData.h"
#include "core/nn/AdamW.h"
#include "core/train/TrainingJob.h"

namespace embedlab {

struct BertPretrainerOptions {
  std::vector<std::string> corpusFiles;  // plain or .gz, one sentence per line, blank = new document
  std::string outDir;                    // required
  // Vocabulary: an existing vocab.txt, or (empty) one trained on the corpus.
  std::string vocabPath;
  int64_t vocabSize = 8000;              // target size of a trained vocabulary, specials included
  int64_t vocabMinFrequency = 2;
  bool lowercase = true;                 // uncased BERT
  // Model (Hugging Face config fields).
  int layers = 4;                        // num_hidden_layers
  int hidden = 256;                      // hidden_size
  int heads = 4;                         // num_attention_heads
  int intermediate = 1024;               // intermediate_size
  int maxLength = 128;                   // sequence length and max_position_embeddings
  double dropout = 0.1;                  // hidden and attention-probability dropout
  // Data.
  bool nsp = false;                      // next-sentence prediction on sentence pairs
  double maskProbability = 0.15;
  int maxPredictions = 0;                // per sequence; 0: round(maskProbability * maxLength)
  // Optimisation.
  int batch = 32;                        // sequences per batch
  int accumulation = 1;                  // batches per optimizer step
  int64_t steps = 1000;                  // optimizer steps
  double lr = 1e-4;                      // peak learning rate
  int64_t warmup = -1;                   // warm-up steps; -1: 10% of steps
  double weightDecay = 0.01;
  double adamBeta1 = 0.9, adamBeta2 = 0.999, adamEps = 1e-6;
  double clipNorm = 1.0;                 // global gradient norm; <= 0: off
  int passSequences = 0;                 // sequences per forward/backward pass; 0: from the model size
  // Job.
  int64_t checkpointEvery = 1000;        // steps; 0: only when stopped
  bool resume = true;                    // continue from outDir/checkpoint.safetensors if present
  int threads = 0;                       // OpenMP threads; 0: OpenMP's default
  uint64_t seed = 1;
  double reportIntervalSeconds = 0.25;   // progress events while training (the first and last step always)

  // Throws UsageError naming the option.
  void validate() const;
  int64_t effectiveWarmup() const { return warmup >= 0 ? warmup : steps / 10; }
  int effectiveMaxPredictions() const;
};

// What one run did (for the CLI's JSON and the benchmark).
struct BertPretrainerSummary {
  int64_t steps = 0;             // optimizer steps done in total (a resumed run counts the earlier ones)
  int64_t stepsThisRun = 0;
  double seconds = 0;            // whole job
  double trainSeconds = 0;       // the training steps only (no vocabulary, data or saving)
  double tokensPerSec = 0;       // real tokens of the training steps of this run / trainSeconds
  double finalMlmLoss = 0;       // mean over the last reporting window
  double finalMlmAccuracy = 0;
  double finalNspAccuracy = 0;   // 0 without NSP
  int64_t vocabSize = 0;
  int64_t examples = 0;          // sequences (or pairs) built from the corpus
};

class BertPretrainer : public TrainingJob {
 public:
  explicit BertPretrainer(BertPretrainerOptions options);
  ~BertPretrainer() override;

  std::string modelType() const override { return "bert"; }
  JobResult run(const ProgressSink& sink, StopToken& token) override;
  // The word-piece embeddings of the trained model (rows: non-special vocabulary tokens).
  std::shared_ptr<const EmbeddingSet> embeddings() const override { return embeddings_; }

  const BertPretrainerOptions& options() const { return opt_; }
  const BertPretrainerSummary& summary() const { return summary_; }
  BertModel* model() { return model_.get(); }
  std::string checkpointPath() const { return opt_.outDir + "/checkpoint.safetensors"; }

 private:
  struct Window;
  JobResult train(const ProgressSink& sink, StopToken& token);
  void prepareVocabulary(const ProgressSink& sink, StopToken& token);
  BertConfig modelConfig(int64_t vocabSize) const;
  void saveCheckpoint() const;
  void loadCheckpoint();
  int passSequences() const;

  BertPretrainerOptions opt_;
  BertPretrainerSummary summary_;
  std::unique_ptr<WordPieceTokenizer> tokenizer_;
  std::unique_ptr<MaskedLmData> data_;
  std::unique_ptr<BertModel> model_;
  std::unique_ptr<nn::AdamW> adam_;
  std::shared_ptr<const EmbeddingSet> embeddings_;
  int64_t step_ = 0;
};

}  // namespace embedlab
