#pragma once
// Fine-tunes a pre-trained BERT for sentence classification, as Hugging Face's
// BertForSequenceClassification computes it:
//   logits = Dropout(pooled) Wcᵀ + bc        pooled = tanh([CLS] of the last layer · Wpᵀ + bp)
//   loss   = mean cross-entropy over the batch
// on a task directory of `label<TAB>text` files (TaskData: train.tsv, test.tsv). The encoder,
// the pooler and the classifier are trained together with AdamW (decoupled weight decay, none
// on LayerNorm and biases), linear warm-up then decay to 0, global-norm clipping, for `epochs`
// passes over the training examples in a fresh seeded order each epoch. At the end the test
// split is scored (accuracy, per-class precision/recall/F1, macro-F1) and outDir is written as
// a Hugging Face BertForSequenceClassification directory (classifier.weight (K,C),
// classifier.bias (K), config.json with id2label / label2id).
// A model without a pooler gets a fresh one (as transformers does). Batches are cut into passes
// of a few sequences (see BertPretrainer) so that a stop request is answered within ~50 ms.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/eval/Metrics.h"
#include "core/eval/TaskData.h"
#include "core/models/bert/BertModel.h"
#include "core/nn/AdamW.h"
#include "core/text/WordPieceTokenizer.h"
#include "core/train/TrainingJob.h"

namespace embedlab {

struct BertClassifierOptions {
  std::string modelDir;            // pre-trained Hugging Face BERT directory (required)
  std::string taskDir;             // train.tsv + test.tsv (required by run())
  std::string outDir;              // where the fine-tuned model goes; empty: not saved
  int epochs = 3;
  int batch = 16;
  double lr = 3e-5;
  double warmupRatio = 0.1;        // share of the steps spent warming up
  double weightDecay = 0.01;
  double clipNorm = 1.0;           // <= 0: off
  double dropout = -1;             // before the classifier; < 0: the config's hidden dropout
  int maxLength = 128;             // longer texts are truncated (at most max_position_embeddings)
  int passSequences = 0;           // sequences per forward/backward pass; 0: from the model size
  int threads = 0;                 // 0: OpenMP's default
  uint64_t seed = 1;
  double reportIntervalSeconds = 0.25;

  void validate() const;           // UsageError naming the option
};

struct BertClassifierSummary {
  int64_t steps = 0;
  double seconds = 0;
  double trainSeconds = 0;
  double finalLoss = 0;            // mean over the last reporting window
  double trainAccuracy = 0;        // over the last reporting window (dropout on)
  ClassificationMetrics test;      // on the test split
  std::vector<std::string> labels; // class names in index order (TaskData::labels)
};

class BertClassifier : public TrainingJob {
 public:
  explicit BertClassifier(BertClassifierOptions options);
  ~BertClassifier() override;

  std::string modelType() const override { return "bert"; }
  // Loads the model and the task, trains, scores the test split, saves outDir.
  JobResult run(const ProgressSink& sink, StopToken& token) override;
  std::shared_ptr<const EmbeddingSet> embeddings() const override { return nullptr; }

  // The parts of run(), for callers that hold the data already. loadModel() builds the
  // classifier with one output per label on the pre-trained encoder (Error naming the
  // directory); the labels become config.json's id2label.
  void loadModel(const std::vector<std::string>& labels);
  // Returns Stopped / Failed (non-finite loss, naming the step) or Finished.
  JobResult train(const std::vector<LabelledText>& examples, const ProgressSink& sink, StopToken& token);
  // Class index of each text (dropout off).
  std::vector<int> predict(const std::vector<std::string>& texts);
  // Class probabilities (N,K) of the texts.
  std::vector<float> probabilities(const std::vector<std::string>& texts);
  // Metrics of the examples over `classes` classes (>= the model's; extra ones are never predicted).
  ClassificationMetrics evaluate(const std::vector<LabelledText>& examples, int classes);
  // Writes a BertForSequenceClassification directory (created if needed).
  void save(const std::string& dir) const;

  const BertClassifierOptions& options() const { return opt_; }
  const BertClassifierSummary& summary() const { return summary_; }
  BertModel* model() { return model_.get(); }
  const WordPieceTokenizer& tokenizer() const { return tokenizer_; }
  int classes() const { return classes_; }

 private:
  struct Pass;
  using Encoded = std::vector<std::vector<int32_t>>;  // ids per text, [CLS] .. [SEP]
  Encoded encode(const std::vector<std::string>& texts) const;
  // Forward of texts[rows[0..n)] up to the logits (Bp,K) in `pass`.
  void forwardPass(const Encoded& texts, const int64_t* rows, int n, bool training, uint64_t seed, Pass& pass);
  int passSequences() const;

  BertClassifierOptions opt_;
  BertClassifierSummary summary_;
  std::unique_ptr<BertModel> model_;
  std::unique_ptr<nn::AdamW> adam_;
  WordPieceTokenizer tokenizer_;
  int classes_ = 0;
  float dropout_ = 0;
};

}  // namespace embedlab
