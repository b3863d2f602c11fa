#pragma once
// BERT (Devlin et al. 2018) as Hugging Face's BertForPreTraining computes it, forward and backward,
// on the layers of core/nn:
//   e    = LayerNorm(word[ids] + position[t] + token_type[types])      hidden state 0 = Dropout(e)
//   h_l+1 = TransformerLayer_l(h_l, attention mask)                      l = 0..L-1
//   pooled = tanh(h_L[:,0] Wpᵀ + bp)                                     (pooler)
//   mlm   = LayerNorm(GELU(h_L Wtᵀ + bt)) Wdᵀ + bd    Wd tied to word (or untied)   (MLM head)
//   nsp   = pooled Wsᵀ + bs                                              (NSP head, 2 classes)
//
// All parameters live in one nn::ParameterStore under Hugging Face's BertForPreTraining names:
//   bert.embeddings.{word_embeddings,position_embeddings,token_type_embeddings}.weight
//   bert.embeddings.LayerNorm.{weight,bias}
//   bert.encoder.layer.N.attention.self.{query,key,value}.{weight,bias}
//   bert.encoder.layer.N.attention.output.dense.{weight,bias}, ...attention.output.LayerNorm.*
//   bert.encoder.layer.N.intermediate.dense.*, bert.encoder.layer.N.output.dense.*,
//   bert.encoder.layer.N.output.LayerNorm.*
//   bert.pooler.dense.{weight,bias}                                   (parts.pooler)
//   cls.predictions.transform.dense.*, cls.predictions.transform.LayerNorm.*,
//   cls.predictions.bias, [cls.predictions.decoder.weight if untied] (parts.mlmHead)
//   cls.seq_relationship.{weight,bias}                                (parts.nspHead)
//   + any extra tensors (e.g. classifier.weight / classifier.bias for fine-tuning)
// Linear weights are (out_features, in_features), as in PyTorch.
//
// Usage (one model per thread: forward() keeps the activations that backward() and the views read;
// the class is copyable, so a worker thread can take its own copy):
//   BertModel m(config, options);  m.initialize(seed)    or    BertCheckpoint::load(dir).model()
//   BertBatch b{B, T, ids, types, mask};
//   m.forward(b, opts);                 // read m.hiddenState(l), m.attention(l), m.pooled(), ...
//   m.params().zeroGrad();  m.pretrainingLoss(targets) ... or m.backward(grads);
//   nn::AdamW(m.params(), ...).step(lr);
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/models/bert/BertConfig.h"
#include "core/nn/ParameterStore.h"
#include "core/nn/TransformerLayer.h"

namespace embedlab {

struct WordPieceEncoding;

// Which parts of BertForPreTraining exist (a BertModel checkpoint has neither head; some have no
// pooler). The NSP head needs the pooler.
struct BertParts {
  bool pooler = true;
  bool mlmHead = true;
  bool nspHead = true;
  bool tiedDecoder = true;  // false: a separate cls.predictions.decoder.weight (V,C)
};

// A tensor declared in the model's store besides BERT's own, e.g. {"classifier.weight", {2, C}}.
// Its gradient is whatever the caller writes into params().grad(name); AdamW steps it with the rest.
struct BertExtraTensor {
  std::string name;
  std::vector<int64_t> shape;
  bool decay = true;
};

// One batch, row-major (B,T), not owned. Position ids are 0..T-1 (T <= max_position_embeddings).
struct BertBatch {
  int B = 0, T = 0;
  const int32_t* inputIds = nullptr;       // (B,T) in [0, vocab_size)
  const int32_t* tokenTypeIds = nullptr;   // (B,T) in [0, type_vocab_size); null = all 0
  const int32_t* attentionMask = nullptr;  // (B,T) 1 = token, 0 = padding; null = all 1
};

struct BertForwardOptions {
  bool training = false;  // dropout (hidden and attention probabilities, config's rates) when true
  uint64_t seed = 0;      // dropout masks are a function of (seed, layer, element) only: give
                          // every step its own seed; backward uses the forward's masks
  bool pooler = true;     // compute pooled() (when the model has a pooler)
  bool mlm = true;        // compute mlmLogits() (when the model has the MLM head)
  bool nsp = true;        // compute nspLogits() (when the model has the NSP head; needs the pooler)
  // Rows of the MLM logits: flat positions b*T+t, in any order (repeats allowed). Empty = every
  // position (B*T rows). Pre-training passes the masked positions only: the (M,V) decoder GEMM
  // is most of the head's cost.
  std::span<const int64_t> mlmPositions;
};

// Gradients of a scalar loss with respect to the forward's outputs; any may be null (no
// contribution). backward() ADDS into params().grad (zero it once per step, or accumulate).
struct BertOutputGrads {
  const float* dMlmLogits = nullptr;  // (M,V), the rows of the last forward's MLM logits
  const float* dNspLogits = nullptr;  // (B,2)
  const float* dPooled = nullptr;     // (B,C)  e.g. from a classifier on the pooled output
  // (layer l in 0..L, dHidden (B,T,C)): gradient with respect to hiddenState(l), e.g. a
  // classifier on [CLS] of the last layer, or on the mean of the last four layers.
  std::vector<std::pair<int, const float*>> dHidden;
};

// Targets of a pre-training step (Hugging Face's BertForPreTraining loss).
struct BertPretrainingTargets {
  // One label per MLM row of the last forward (M = mlmPositions.size(), or B*T without positions):
  // the original token id, or -100 (nn::kIgnoreIndex) to ignore the row.
  std::span<const int32_t> mlmLabels;
  // (B): 0 = the second segment follows the first, 1 = random. Empty = no NSP loss.
  std::span<const int32_t> nspLabels;
};

struct BertPretrainingLoss {
  double loss = 0;      // mlmLoss + nspLoss (what the gradients are of)
  double mlmLoss = 0;   // mean cross-entropy over labelled MLM rows
  double nspLoss = 0;   // mean cross-entropy over the batch (0 without NSP labels)
  int64_t mlmLabelled = 0, mlmCorrect = 0;
  int64_t nspLabelled = 0, nspCorrect = 0;
};

class BertModel {
 public:
  struct Options {
    BertParts parts;
    // AdamW's no-decay group: LayerNorm weights and all biases (BERT's recipe). false = every
    // tensor decays (what torch.optim.AdamW(model.parameters()) does, as the fixture's step).
    bool noDecayForNormsAndBiases = true;
    std::vector<BertExtraTensor> extraTensors;
  };

  // Declares and allocates every parameter, zero-filled (config validated: Error if invalid).
  explicit BertModel(BertConfig config) : BertModel(std::move(config), Options()) {}
  BertModel(BertConfig config, Options options);

  // Hugging Face's _init_weights: weights and embeddings ~ N(0, initializer_range) (the pad
  // row zero), biases 0, LayerNorm weight 1. Deterministic in seed. Extra tensors: weights
  // (rank >= 2) normal, others 0.
  void initialize(uint64_t seed);

  const BertConfig& config() const { return config_; }
  const BertParts& parts() const { return options_.parts; }
  const Options& options() const { return options_; }
  nn::ParameterStore& params() { return params_; }
  const nn::ParameterStore& params() const { return params_; }
  int layers() const { return config_.numHiddenLayers; }
  int hidden() const { return config_.hiddenSize; }
  int heads() const { return config_.numAttentionHeads; }
  int64_t vocabSize() const { return config_.vocabSize; }
  // The (V,C) matrix the MLM decoder multiplies by: the word embeddings when tied.
  const char* decoderWeightName() const;

  // ---- forward ----
  // Runs the encoder and the requested heads; keeps every activation until the next forward.
  // Throws Error for an id / type id out of range or T > max_position_embeddings.
  void forward(const BertBatch& batch, const BertForwardOptions& options = {});
  // One encoded text (B = 1): ids, type ids and attention mask of the encoding.
  void forward(const WordPieceEncoding& encoding, const BertForwardOptions& options = {});

  // Shapes of the last forward.
  int batchSize() const { return B_; }
  int seqLen() const { return T_; }
  // (B,T,C): l = 0 the embedding output (after LayerNorm and dropout), l = 1..L after layer l-1.
  const float* hiddenState(int l) const;
  // (B,NH,T,T): softmax probabilities of layer l in 0..L-1 (before attention dropout); row i is
  // query position i. Rows of padded queries are computed but mean nothing.
  const float* attention(int l) const;
  // (B,C) tanh pooler output; null when not computed.
  const float* pooled() const;
  // (M,V) MLM logits; M = mlmRows(); row m belongs to position mlmPositions[m] (or m); null when
  // not computed.
  const float* mlmLogits() const;
  int64_t mlmRows() const { return M_; }
  // (B,2) NSP logits (index 0 = "is next"); null when not computed.
  const float* nspLogits() const;

  // ---- backward ----
  // Back-propagates the given output gradients through the heads and the encoder into
  // params().grad(...) (adding). Requires the activations of the last forward (same batch).
  void backward(const BertOutputGrads& grads);

  // The pre-training loss of the last forward (MLM mean CE over labelled rows + NSP mean CE),
  // and, when withBackward, its gradient added into params().grad(...) scaled by lossScale (e.g.
  // 1/accumulationSteps). Throws Error for a label outside the vocabulary or a size mismatch.
  BertPretrainingLoss pretrainingLoss(const BertPretrainingTargets& targets, bool withBackward = true,
                                      float lossScale = 1.0f);

 private:
  struct LayerIndex {  // view indices of one encoder layer, in TransformerLayerParams order
    size_t wq, bq, wk, bk, wv, bv, wo, bo, ln1w, ln1b, w1, b1, w2, b2, ln2w, ln2b;
  };
  void declare();
  nn::TransformerLayerWeights layerWeights(int l);
  nn::TransformerLayerGrads layerGrads(int l);
  nn::TransformerLayerShape layerShape() const;
  void embeddingsForward(const BertBatch& batch, bool training, uint64_t seed);
  void headsForward(const BertForwardOptions& options);
  void embeddingsBackward(const float* dh0);

  BertConfig config_;
  Options options_;
  nn::ParameterStore params_;
  // view indices
  size_t word_ = 0, pos_ = 0, type_ = 0, embLnW_ = 0, embLnB_ = 0;
  std::vector<LayerIndex> layerIdx_;
  size_t poolW_ = 0, poolB_ = 0, seqW_ = 0, seqB_ = 0;
  size_t tW_ = 0, tB_ = 0, tLnW_ = 0, tLnB_ = 0, decW_ = 0, decB_ = 0;

  // ---- activations of the last forward (resized, not reallocated, for same-shape batches) ----
  int B_ = 0, T_ = 0;
  int64_t M_ = 0;
  bool training_ = false;
  std::vector<int32_t> ids_, types_, mask_, positions_;  // (B*T) copies
  std::vector<float> embSum_;                     // (B,T,C) before LayerNorm
  std::vector<float> embLn_;                      // (B,T,C) after LayerNorm (before dropout)
  std::vector<float> embMean_, embRstd_;          // (B*T)
  std::vector<uint8_t> embDrop_;                  // (B,T,C)
  std::vector<std::vector<float>> hidden_;        // L+1 of (B,T,C)
  std::vector<nn::TransformerLayerActs> acts_;    // L
  bool havePooled_ = false, haveMlm_ = false, haveNsp_ = false;
  std::vector<float> cls_, pooledPre_, pooled_;   // (B,C)
  std::vector<float> nspLogits_;                  // (B,2)
  std::vector<int64_t> mlmPos_;                   // (M) flat positions (empty = all)
  std::vector<float> mlmIn_;                      // (M,C) gathered top hidden rows
  std::vector<float> tPre_, tAct_, tOut_;         // (M,C) dense, GELU, LayerNorm
  std::vector<float> tMean_, tRstd_;              // (M)
  std::vector<float> mlmLogits_;                  // (M,V)
  // backward scratch
  std::vector<float> dTop_, dPrev_, dT1_, dT2_, dT3_, dTmp_;
  std::vector<float> probs_;                      // (M,V) softmax scratch for the loss
};

}  // namespace embedlab
