#pragma once
// Hugging Face BERT checkpoints: a directory with config.json, model.safetensors (or a sharded
// model.safetensors.index.json), vocab.txt and, if present, tokenizer_config.json.
//
// Loading accepts what transformers' save_pretrained writes for BertModel, BertForMaskedLM,
// BertForPreTraining and BertForSequenceClassification:
//   - tensors in F32, F16 or BF16 (converted to float32), names with or without the "bert."
//     prefix (BertModel saves without it), legacy LayerNorm.gamma / .beta names;
//   - a tied decoder (cls.predictions.decoder.weight absent, or equal to the word embeddings)
//     or an untied one (different values: the model gets its own decoder matrix);
//   - optional parts missing: pooler, MLM head, NSP head (detected from the file);
//   - tensors that are not BERT's (classifier.weight / classifier.bias, ...) kept as extras.
// Every problem is an Error naming the file: model_type not bert, a tensor whose shape does not
// match config.json, a required tensor missing, a corrupt safetensors file (Safetensors checks
// header length, offsets and dtype/shape against the bytes), a vocabulary larger than vocab_size.
//
// Saving writes the same layout (BertForPreTraining names with the "bert." prefix, the tied
// decoder omitted as transformers omits it, safetensors metadata {"format": "pt"}), config.json,
// vocab.txt and tokenizer_config.json, each file atomically, so that
// transformers' from_pretrained loads what EmbedLab trained.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/io/Safetensors.h"
#include "core/models/bert/BertModel.h"
#include "core/text/WordPieceTokenizer.h"

namespace embedlab {

// A float32 tensor that is not part of BertModel (e.g. a fine-tuned classifier's weights).
struct BertTensor {
  std::vector<int64_t> shape;
  std::vector<float> data;  // row-major, numel values
};

struct BertLoadOptions {
  // Parts the model is built with. Unset: exactly the parts found in the file. Set: parts the
  // file lacks are initialised (BertModel::initialize(initSeed) values), file tensors of parts
  // not asked for go to extras (e.g. start MLM pre-training from a BertModel checkpoint).
  std::optional<BertParts> parts;
  uint64_t initSeed = 1;
  // true: the extra tensors are declared in the model's parameter store (BertExtraTensor) and
  // filled, so that one AdamW steps them with the encoder (fine-tuning a loaded classifier);
  // false: they stay in BertCheckpoint::extras only.
  bool extrasIntoModel = false;
  bool noDecayForNormsAndBiases = true;  // BertModel::Options of the model built
  bool requireVocab = true;  // false: a missing vocab.txt leaves `tokenizer` empty (no Error)
};

struct BertSaveOptions {
  SafeDType dtype = SafeDType::F32;  // F32, F16 or BF16
  // Tensors written besides the model's (e.g. a classifier kept outside the model's store).
  std::map<std::string, BertTensor> extras;
  // "architectures" of config.json; empty = inferred (BertForPreTraining, BertForMaskedLM,
  // BertForSequenceClassification when a classifier.weight is written, or BertModel).
  std::string architecture;
};

class BertCheckpoint {
 public:
  // Reads `dir` (see above). Throws Error naming the offending file.
  static BertCheckpoint load(const std::string& dir, const BertLoadOptions& options = {});

  // Writes `model` (all its parameters, extras of its store included) with `tokenizer`'s
  // vocabulary and options into `dir` (created if needed). Throws Error naming the file.
  static void save(const std::string& dir, const BertModel& model, const WordPieceTokenizer& tokenizer,
                   const BertSaveOptions& options = {});
  // The safetensors part alone (for tests and for checkpoints during training).
  static void saveWeights(const std::string& path, const BertModel& model, const BertSaveOptions& options = {});

  BertModel& model() { return *model_; }
  const BertModel& model() const { return *model_; }
  // Hands the model over (the checkpoint object keeps the rest).
  std::unique_ptr<BertModel> takeModel() { return std::move(model_); }
  const BertConfig& config() const { return config_; }
  const WordPieceTokenizer& tokenizer() const { return tokenizer_; }
  bool hasVocab() const { return tokenizer_.vocab().size() > 0; }
  // Tensors of the file that are not part of the model, under their file names (prefix kept).
  const std::map<std::string, BertTensor>& extras() const { return extras_; }
  // "BertForPreTraining", ...: config.json's first architecture, or inferred from the tensors.
  const std::string& architecture() const { return architecture_; }
  // The dtype most tensors had in the file (F32, F16, BF16).
  SafeDType storedDType() const { return storedDType_; }
  const std::string& directory() const { return dir_; }

 private:
  std::unique_ptr<BertModel> model_;
  BertConfig config_;
  WordPieceTokenizer tokenizer_;
  std::map<std::string, BertTensor> extras_;
  std::string architecture_;
  SafeDType storedDType_ = SafeDType::F32;
  std::string dir_;
};

}  // namespace embedlab
