#include "core/models/bert/BertModel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include "core/nn/Activations.h"
#include "core/nn/CrossEntropy.h"
#include "core/nn/Dropout.h"
#include "core/nn/LayerNorm.h"
#include "core/nn/Linear.h"
#include "core/text/WordPieceTokenizer.h"
#include "core/util/Error.h"

namespace embedlab {

namespace {

uint64_t splitmix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Dropout seed of one use (0 = embeddings, l+1 = encoder layer l) within a forward's seed.
uint64_t useSeed(uint64_t seed, uint64_t use) { return splitmix64(splitmix64(seed) ^ (use * 0x2545f4914f6cdd1dull)); }

bool endsWith(const std::string& s, const char* suffix) {
  const size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

template <typename T>
void resizeTo(std::vector<T>& v, size_t n) {
  if (v.size() != n) v.resize(n);
}

void zeroTo(std::vector<float>& v, size_t n) {
  resizeTo(v, n);
  std::fill(v.begin(), v.end(), 0.0f);
}

}  // namespace

BertModel::BertModel(BertConfig config, Options options) : config_(std::move(config)), options_(std::move(options)) {
  config_.validate();
  if (options_.parts.nspHead && !options_.parts.pooler)
    throw Error("BERT: the next-sentence head needs the pooler");
  declare();
}

void BertModel::declare() {
  const int64_t V = config_.vocabSize, C = config_.hiddenSize, FF = config_.intermediateSize;
  const bool split = options_.noDecayForNormsAndBiases;
  // Weight decay for matrices and embeddings; LayerNorm weights and biases in the no-decay group.
  auto add = [&](const std::string& name, std::vector<int64_t> shape) {
    const bool noDecay = split && (endsWith(name, ".bias") || endsWith(name, "LayerNorm.weight"));
    return params_.add(name, shape, !noDecay);
  };
  word_ = add("bert.embeddings.word_embeddings.weight", {V, C});
  pos_ = add("bert.embeddings.position_embeddings.weight", {config_.maxPositionEmbeddings, C});
  type_ = add("bert.embeddings.token_type_embeddings.weight", {config_.typeVocabSize, C});
  embLnW_ = add("bert.embeddings.LayerNorm.weight", {C});
  embLnB_ = add("bert.embeddings.LayerNorm.bias", {C});
  layerIdx_.resize(static_cast<size_t>(config_.numHiddenLayers));
  for (int l = 0; l < config_.numHiddenLayers; ++l) {
    const std::string p = "bert.encoder.layer." + std::to_string(l) + ".";
    LayerIndex& x = layerIdx_[static_cast<size_t>(l)];
    x.wq = add(p + "attention.self.query.weight", {C, C});
    x.bq = add(p + "attention.self.query.bias", {C});
    x.wk = add(p + "attention.self.key.weight", {C, C});
    x.bk = add(p + "attention.self.key.bias", {C});
    x.wv = add(p + "attention.self.value.weight", {C, C});
    x.bv = add(p + "attention.self.value.bias", {C});
    x.wo = add(p + "attention.output.dense.weight", {C, C});
    x.bo = add(p + "attention.output.dense.bias", {C});
    x.ln1w = add(p + "attention.output.LayerNorm.weight", {C});
    x.ln1b = add(p + "attention.output.LayerNorm.bias", {C});
    x.w1 = add(p + "intermediate.dense.weight", {FF, C});
    x.b1 = add(p + "intermediate.dense.bias", {FF});
    x.w2 = add(p + "output.dense.weight", {C, FF});
    x.b2 = add(p + "output.dense.bias", {C});
    x.ln2w = add(p + "output.LayerNorm.weight", {C});
    x.ln2b = add(p + "output.LayerNorm.bias", {C});
  }
  const BertParts& parts = options_.parts;
  if (parts.pooler) {
    poolW_ = add("bert.pooler.dense.weight", {C, C});
    poolB_ = add("bert.pooler.dense.bias", {C});
  }
  if (parts.mlmHead) {
    tW_ = add("cls.predictions.transform.dense.weight", {C, C});
    tB_ = add("cls.predictions.transform.dense.bias", {C});
    tLnW_ = add("cls.predictions.transform.LayerNorm.weight", {C});
    tLnB_ = add("cls.predictions.transform.LayerNorm.bias", {C});
    decB_ = add("cls.predictions.bias", {V});
    decW_ = parts.tiedDecoder ? word_ : add("cls.predictions.decoder.weight", {V, C});
  }
  if (parts.nspHead) {
    seqW_ = add("cls.seq_relationship.weight", {2, C});
    seqB_ = add("cls.seq_relationship.bias", {2});
  }
  for (const auto& e : options_.extraTensors) params_.add(e.name, e.shape, e.decay);
  params_.allocate();
  hidden_.resize(static_cast<size_t>(config_.numHiddenLayers) + 1);
  acts_.resize(static_cast<size_t>(config_.numHiddenLayers));
}

const char* BertModel::decoderWeightName() const {
  return options_.parts.tiedDecoder ? "bert.embeddings.word_embeddings.weight" : "cls.predictions.decoder.weight";
}

void BertModel::initialize(uint64_t seed) {
  const float stdev = static_cast<float>(config_.initializerRange);
  for (size_t i = 0; i < params_.count(); ++i) {
    const auto& v = params_.view(i);
    float* p = params_.data(i);
    if (endsWith(v.name, "LayerNorm.weight")) {
      std::fill(p, p + v.size, 1.0f);
    } else if (v.shape.size() >= 2) {
      // Box-Muller over a counter-based generator: the same numbers on any platform.
      uint64_t state = splitmix64(seed ^ splitmix64(i + 1));
      for (size_t k = 0; k < v.size; k += 2) {
        state = splitmix64(state);
        const double u1 = (static_cast<double>(state >> 11) + 1.0) * 0x1.0p-53;
        state = splitmix64(state);
        const double u2 = static_cast<double>(state >> 11) * 0x1.0p-53;
        const double r = std::sqrt(-2.0 * std::log(u1));
        p[k] = static_cast<float>(stdev * r * std::cos(2 * std::numbers::pi * u2));
        if (k + 1 < v.size) p[k + 1] = static_cast<float>(stdev * r * std::sin(2 * std::numbers::pi * u2));
      }
    } else {
      std::fill(p, p + v.size, 0.0f);
    }
  }
  if (config_.padTokenId >= 0) {
    const int64_t C = config_.hiddenSize;
    std::fill_n(params_.data(word_) + config_.padTokenId * C, C, 0.0f);
  }
}

nn::TransformerLayerShape BertModel::layerShape() const {
  nn::TransformerLayerShape s;
  s.B = B_;
  s.T = T_;
  s.C = config_.hiddenSize;
  s.NH = config_.numAttentionHeads;
  s.FF = config_.intermediateSize;
  s.lnEps = static_cast<float>(config_.layerNormEps);
  s.geluTanh = config_.geluTanh();
  s.dropout = static_cast<float>(config_.hiddenDropoutProb);
  s.attentionDropout = static_cast<float>(config_.attentionProbsDropoutProb);
  return s;
}

nn::TransformerLayerWeights BertModel::layerWeights(int l) {
  const LayerIndex& x = layerIdx_[static_cast<size_t>(l)];
  auto d = [&](size_t i) -> const float* { return params_.data(i); };
  nn::TransformerLayerWeights w;
  w.wq = d(x.wq), w.bq = d(x.bq), w.wk = d(x.wk), w.bk = d(x.bk), w.wv = d(x.wv), w.bv = d(x.bv);
  w.wo = d(x.wo), w.bo = d(x.bo), w.ln1w = d(x.ln1w), w.ln1b = d(x.ln1b);
  w.w1 = d(x.w1), w.b1 = d(x.b1), w.w2 = d(x.w2), w.b2 = d(x.b2), w.ln2w = d(x.ln2w), w.ln2b = d(x.ln2b);
  return w;
}

nn::TransformerLayerGrads BertModel::layerGrads(int l) {
  const LayerIndex& x = layerIdx_[static_cast<size_t>(l)];
  auto g = [&](size_t i) { return params_.grad(i); };
  nn::TransformerLayerGrads w;
  w.wq = g(x.wq), w.bq = g(x.bq), w.wk = g(x.wk), w.bk = g(x.bk), w.wv = g(x.wv), w.bv = g(x.bv);
  w.wo = g(x.wo), w.bo = g(x.bo), w.ln1w = g(x.ln1w), w.ln1b = g(x.ln1b);
  w.w1 = g(x.w1), w.b1 = g(x.b1), w.w2 = g(x.w2), w.b2 = g(x.b2), w.ln2w = g(x.ln2w), w.ln2b = g(x.ln2b);
  return w;
}

// ---------------------------------------------------------------------------------------------
// forward

void BertModel::embeddingsForward(const BertBatch& batch, bool training, uint64_t seed) {
  const int C = config_.hiddenSize;
  const int64_t N = static_cast<int64_t>(B_) * T_;
  const int64_t V = config_.vocabSize;
  const int TV = config_.typeVocabSize;
  resizeTo(ids_, N);
  resizeTo(types_, N);
  resizeTo(mask_, N);
  resizeTo(positions_, N);
  for (int64_t n = 0; n < N; ++n) {
    const int32_t id = batch.inputIds[n];
    const int32_t type = batch.tokenTypeIds ? batch.tokenTypeIds[n] : 0;
    if (id < 0 || id >= V)
      throw Error("BERT: input id " + std::to_string(id) + " at sequence " + std::to_string(n / T_) + ", position " +
                  std::to_string(n % T_) + " is outside the vocabulary of " + std::to_string(V));
    if (type < 0 || type >= TV)
      throw Error("BERT: token type id " + std::to_string(type) + " at sequence " + std::to_string(n / T_) +
                  ", position " + std::to_string(n % T_) + " is outside type_vocab_size " + std::to_string(TV));
    ids_[n] = id;
    types_[n] = type;
    mask_[n] = batch.attentionMask ? (batch.attentionMask[n] != 0) : 1;
    positions_[n] = static_cast<int32_t>(n % T_);
  }
  // e = word[id] + position[t] + type[type], fused in one pass over the rows.
  resizeTo(embSum_, N * C);
  const float* word = params_.data(word_);
  const float* pos = params_.data(pos_);
  const float* type = params_.data(type_);
#pragma omp parallel for schedule(static) if (N * C > (1 << 16))
  for (int64_t n = 0; n < N; ++n) {
    const float* w = word + static_cast<int64_t>(ids_[n]) * C;
    const float* p = pos + static_cast<int64_t>(positions_[n]) * C;
    const float* t = type + static_cast<int64_t>(types_[n]) * C;
    float* e = embSum_.data() + n * C;
    for (int c = 0; c < C; ++c) e[c] = w[c] + p[c] + t[c];
  }
  resizeTo(embMean_, N);
  resizeTo(embRstd_, N);
  resizeTo(hidden_[0], N * C);
  const float eps = static_cast<float>(config_.layerNormEps);
  const float p = static_cast<float>(config_.hiddenDropoutProb);
  if (training && p > 0.0f) {
    resizeTo(embLn_, N * C);
    resizeTo(embDrop_, N * C);
    nn::layerNormForward(embLn_.data(), embMean_.data(), embRstd_.data(), embSum_.data(), params_.data(embLnW_),
                         params_.data(embLnB_), N, C, eps);
    nn::dropoutForward(hidden_[0].data(), embDrop_.data(), embLn_.data(), N * C, p, useSeed(seed, 0), true);
  } else {
    nn::layerNormForward(hidden_[0].data(), embMean_.data(), embRstd_.data(), embSum_.data(), params_.data(embLnW_),
                         params_.data(embLnB_), N, C, eps);
  }
}

void BertModel::forward(const BertBatch& batch, const BertForwardOptions& options) {
  if (batch.B <= 0 || batch.T <= 0 || !batch.inputIds) throw Error("BERT: empty batch");
  if (batch.T > config_.maxPositionEmbeddings)
    throw Error("BERT: a sequence of " + std::to_string(batch.T) + " tokens is longer than max_position_embeddings " +
                std::to_string(config_.maxPositionEmbeddings));
  B_ = batch.B;
  T_ = batch.T;
  training_ = options.training;
  havePooled_ = haveMlm_ = haveNsp_ = false;
  M_ = 0;
  embeddingsForward(batch, options.training, options.seed);
  const int64_t N = static_cast<int64_t>(B_) * T_;
  const int C = config_.hiddenSize;
  const nn::TransformerLayerShape s = layerShape();
  const int32_t* mask = batch.attentionMask ? mask_.data() : nullptr;
  for (int l = 0; l < config_.numHiddenLayers; ++l) {
    resizeTo(hidden_[l + 1], N * C);
    nn::transformerLayerForward(s, layerWeights(l), hidden_[l + 1].data(), acts_[l], hidden_[l].data(), mask,
                                options.training, useSeed(options.seed, static_cast<uint64_t>(l) + 1));
  }
  headsForward(options);
}

void BertModel::forward(const WordPieceEncoding& encoding, const BertForwardOptions& options) {
  const size_t T = encoding.ids.size();
  if (encoding.typeIds.size() != T || (!encoding.attentionMask.empty() && encoding.attentionMask.size() != T))
    throw Error("BERT: an encoding whose ids, type ids and attention mask differ in length");
  BertBatch b;
  b.B = 1;
  b.T = static_cast<int>(T);
  b.inputIds = encoding.ids.data();
  b.tokenTypeIds = encoding.typeIds.data();
  b.attentionMask = encoding.attentionMask.empty() ? nullptr : encoding.attentionMask.data();
  forward(b, options);
}

void BertModel::headsForward(const BertForwardOptions& options) {
  const BertParts& parts = options_.parts;
  const int C = config_.hiddenSize;
  const int V = static_cast<int>(config_.vocabSize);
  const int64_t N = static_cast<int64_t>(B_) * T_;
  const float eps = static_cast<float>(config_.layerNormEps);
  const float* top = hidden_[static_cast<size_t>(config_.numHiddenLayers)].data();
  const bool wantNsp = parts.nspHead && options.nsp;
  if (parts.pooler && (options.pooler || wantNsp)) {
    // pooled = tanh([CLS] Wpᵀ + bp): [CLS] is position 0 of every sequence.
    resizeTo(cls_, static_cast<size_t>(B_) * C);
    resizeTo(pooledPre_, static_cast<size_t>(B_) * C);
    resizeTo(pooled_, static_cast<size_t>(B_) * C);
    for (int b = 0; b < B_; ++b) std::copy_n(top + static_cast<int64_t>(b) * T_ * C, C, cls_.data() + b * C);
    nn::linearForward(pooledPre_.data(), cls_.data(), params_.data(poolW_), params_.data(poolB_), B_, C, C);
    nn::tanhForward(pooled_.data(), pooledPre_.data(), static_cast<int64_t>(B_) * C);
    havePooled_ = true;
  }
  if (wantNsp) {
    resizeTo(nspLogits_, static_cast<size_t>(B_) * 2);
    nn::linearForward(nspLogits_.data(), pooled_.data(), params_.data(seqW_), params_.data(seqB_), B_, C, 2);
    haveNsp_ = true;
  }
  if (parts.mlmHead && options.mlm) {
    const float* in = top;
    if (options.mlmPositions.empty()) {
      mlmPos_.clear();
      M_ = N;
    } else {
      mlmPos_.assign(options.mlmPositions.begin(), options.mlmPositions.end());
      M_ = static_cast<int64_t>(mlmPos_.size());
      resizeTo(mlmIn_, static_cast<size_t>(M_) * C);
      for (int64_t m = 0; m < M_; ++m) {
        const int64_t p = mlmPos_[m];
        if (p < 0 || p >= N)
          throw Error("BERT: MLM position " + std::to_string(p) + " is outside the batch of " + std::to_string(N) +
                      " positions");
        std::copy_n(top + p * C, C, mlmIn_.data() + m * C);
      }
      in = mlmIn_.data();
    }
    const size_t MC = static_cast<size_t>(M_) * C;
    resizeTo(tPre_, MC);
    resizeTo(tAct_, MC);
    resizeTo(tOut_, MC);
    resizeTo(tMean_, M_);
    resizeTo(tRstd_, M_);
    resizeTo(mlmLogits_, static_cast<size_t>(M_) * V);
    nn::linearForward(tPre_.data(), in, params_.data(tW_), params_.data(tB_), M_, C, C);
    if (config_.geluTanh())
      nn::geluTanhForward(tAct_.data(), tPre_.data(), static_cast<int64_t>(MC));
    else
      nn::geluForward(tAct_.data(), tPre_.data(), static_cast<int64_t>(MC));
    nn::layerNormForward(tOut_.data(), tMean_.data(), tRstd_.data(), tAct_.data(), params_.data(tLnW_),
                         params_.data(tLnB_), M_, C, eps);
    nn::linearForward(mlmLogits_.data(), tOut_.data(), params_.data(decW_), params_.data(decB_), M_, C, V);
    haveMlm_ = true;
  }
}

const float* BertModel::hiddenState(int l) const {
  if (l < 0 || l > config_.numHiddenLayers || B_ == 0)
    throw Error("BERT: no hidden state " + std::to_string(l) + " (layers 0.." + std::to_string(config_.numHiddenLayers) +
                (B_ == 0 ? ", and no forward yet)" : ")"));
  return hidden_[static_cast<size_t>(l)].data();
}

const float* BertModel::attention(int l) const {
  if (l < 0 || l >= config_.numHiddenLayers || B_ == 0)
    throw Error("BERT: no attention map " + std::to_string(l) + " (layers 0.." +
                std::to_string(config_.numHiddenLayers - 1) + (B_ == 0 ? ", and no forward yet)" : ")"));
  return acts_[static_cast<size_t>(l)].att.data();
}

const float* BertModel::pooled() const { return havePooled_ ? pooled_.data() : nullptr; }
const float* BertModel::mlmLogits() const { return haveMlm_ ? mlmLogits_.data() : nullptr; }
const float* BertModel::nspLogits() const { return haveNsp_ ? nspLogits_.data() : nullptr; }

// ---------------------------------------------------------------------------------------------
// backward

void BertModel::backward(const BertOutputGrads& grads) {
  if (B_ == 0) throw Error("BERT: backward without a forward");
  const int L = config_.numHiddenLayers;
  const int C = config_.hiddenSize;
  const int V = static_cast<int>(config_.vocabSize);
  const int64_t N = static_cast<int64_t>(B_) * T_;
  const size_t NC = static_cast<size_t>(N) * C;
  if (grads.dMlmLogits && !haveMlm_) throw Error("BERT: MLM logit gradients, but the forward computed no MLM logits");
  if (grads.dNspLogits && !haveNsp_) throw Error("BERT: NSP logit gradients, but the forward computed no NSP logits");
  if (grads.dPooled && !havePooled_) throw Error("BERT: pooled-output gradients, but the forward pooled nothing");
  // The highest hidden state that receives a gradient: layers above it need no backward.
  int topLayer = -1;
  if (grads.dMlmLogits || grads.dNspLogits || grads.dPooled) topLayer = L;
  for (const auto& [l, d] : grads.dHidden) {
    if (l < 0 || l > L) throw Error("BERT: gradient for hidden state " + std::to_string(l) + " of 0.." + std::to_string(L));
    if (d) topLayer = std::max(topLayer, l);
  }
  if (topLayer < 0) return;

  std::vector<float>& dh = dTop_;  // d loss / d hidden state (current layer), (B,T,C)
  zeroTo(dh, NC);
  if (topLayer == L) {
    if (grads.dMlmLogits) {
      // logits = tOut Wdᵀ + bd  ->  tOut = LN(GELU(in Wtᵀ + bt))  ->  in = top[positions]
      const size_t MC = static_cast<size_t>(M_) * C;
      zeroTo(dT3_, MC);
      zeroTo(dT2_, MC);
      zeroTo(dT1_, MC);
      nn::linearBackward(dT3_.data(), params_.grad(decW_), params_.grad(decB_), grads.dMlmLogits, tOut_.data(),
                         params_.data(decW_), M_, C, V);
      nn::layerNormBackward(dT2_.data(), params_.grad(tLnW_), params_.grad(tLnB_), dT3_.data(), tAct_.data(),
                            params_.data(tLnW_), tMean_.data(), tRstd_.data(), M_, C);
      if (config_.geluTanh())
        nn::geluTanhBackward(dT1_.data(), dT2_.data(), tPre_.data(), static_cast<int64_t>(MC));
      else
        nn::geluBackward(dT1_.data(), dT2_.data(), tPre_.data(), static_cast<int64_t>(MC));
      if (mlmPos_.empty()) {
        nn::linearBackward(dh.data(), params_.grad(tW_), params_.grad(tB_), dT1_.data(),
                           hidden_[static_cast<size_t>(L)].data(), params_.data(tW_), M_, C, C);
      } else {
        zeroTo(dTmp_, MC);
        nn::linearBackward(dTmp_.data(), params_.grad(tW_), params_.grad(tB_), dT1_.data(), mlmIn_.data(),
                           params_.data(tW_), M_, C, C);
        for (int64_t m = 0; m < M_; ++m) {  // scatter-add: a repeated position collects both rows
          float* dst = dh.data() + mlmPos_[m] * C;
          const float* src = dTmp_.data() + m * C;
          for (int c = 0; c < C; ++c) dst[c] += src[c];
        }
      }
    }
    if (grads.dNspLogits || grads.dPooled) {
      // nsp = pooled Wsᵀ + bs;  pooled = tanh(cls Wpᵀ + bp);  cls = top[:,0]
      const size_t BC = static_cast<size_t>(B_) * C;
      std::vector<float>& dPooled = dT1_;
      std::vector<float>& dPre = dT2_;
      std::vector<float>& dCls = dT3_;
      zeroTo(dPooled, BC);
      zeroTo(dPre, BC);
      zeroTo(dCls, BC);
      if (grads.dPooled) std::copy_n(grads.dPooled, BC, dPooled.data());
      if (grads.dNspLogits)
        nn::linearBackward(dPooled.data(), params_.grad(seqW_), params_.grad(seqB_), grads.dNspLogits, pooled_.data(),
                           params_.data(seqW_), B_, C, 2);
      nn::tanhBackward(dPre.data(), dPooled.data(), pooled_.data(), static_cast<int64_t>(BC));
      nn::linearBackward(dCls.data(), params_.grad(poolW_), params_.grad(poolB_), dPre.data(), cls_.data(),
                         params_.data(poolW_), B_, C, C);
      for (int b = 0; b < B_; ++b) {
        float* dst = dh.data() + static_cast<int64_t>(b) * T_ * C;
        for (int c = 0; c < C; ++c) dst[c] += dCls[static_cast<size_t>(b) * C + c];
      }
    }
  }
  auto addHiddenGrads = [&](int l) {
    for (const auto& [hl, d] : grads.dHidden)
      if (hl == l && d)
        for (size_t i = 0; i < NC; ++i) dh[i] += d[i];
  };
  addHiddenGrads(topLayer);
  const nn::TransformerLayerShape s = layerShape();
  for (int l = topLayer - 1; l >= 0; --l) {
    zeroTo(dPrev_, NC);
    nn::transformerLayerBackward(s, layerWeights(l), layerGrads(l), dPrev_.data(), dh.data(),
                                 hidden_[static_cast<size_t>(l)].data(), acts_[static_cast<size_t>(l)], training_);
    dh.swap(dPrev_);
    addHiddenGrads(l);
  }
  embeddingsBackward(dh.data());
}

void BertModel::embeddingsBackward(const float* dh0) {
  const int C = config_.hiddenSize;
  const int64_t N = static_cast<int64_t>(B_) * T_;
  const size_t NC = static_cast<size_t>(N) * C;
  const float p = static_cast<float>(config_.hiddenDropoutProb);
  const bool dropped = training_ && p > 0.0f;
  // hidden 0 = Dropout(LN(e)): the LN output's gradient goes through the dropout mask first.
  const float* dLn = dh0;
  if (dropped) {
    zeroTo(dT1_, NC);
    nn::dropoutBackward(dT1_.data(), dh0, embDrop_.data(), static_cast<int64_t>(NC), p, true);
    dLn = dT1_.data();
  }
  zeroTo(dT2_, NC);
  nn::layerNormBackward(dT2_.data(), params_.grad(embLnW_), params_.grad(embLnB_), dLn, embSum_.data(),
                        params_.data(embLnW_), embMean_.data(), embRstd_.data(), N, C);
  // e = word[id] + position[t] + type[type]: scatter-add into the three tables. The pad token's
  // row gets nothing (nn.Embedding(padding_idx=pad_token_id) in Hugging Face).
  float* dWord = params_.grad(word_);
  float* dPos = params_.grad(pos_);
  float* dType = params_.grad(type_);
  const float* de = dT2_.data();
  const int64_t pad = config_.padTokenId;
  for (int64_t n = 0; n < N; ++n) {
    const float* d = de + n * C;
    if (ids_[n] != pad) {
      float* w = dWord + static_cast<int64_t>(ids_[n]) * C;
      for (int c = 0; c < C; ++c) w[c] += d[c];
    }
    float* q = dPos + static_cast<int64_t>(positions_[n]) * C;
    float* t = dType + static_cast<int64_t>(types_[n]) * C;
    for (int c = 0; c < C; ++c) {
      q[c] += d[c];
      t[c] += d[c];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// pre-training loss

BertPretrainingLoss BertModel::pretrainingLoss(const BertPretrainingTargets& targets, bool withBackward,
                                               float lossScale) {
  BertPretrainingLoss r;
  BertOutputGrads g;
  const int V = static_cast<int>(config_.vocabSize);
  if (!targets.mlmLabels.empty()) {
    if (!haveMlm_) throw Error("BERT: MLM labels, but the forward computed no MLM logits");
    if (static_cast<int64_t>(targets.mlmLabels.size()) != M_)
      throw Error("BERT: " + std::to_string(targets.mlmLabels.size()) + " MLM labels for " + std::to_string(M_) +
                  " MLM rows");
    resizeTo(probs_, static_cast<size_t>(M_) * V);
    const auto ce = nn::softmaxCrossEntropyForward(probs_.data(), mlmLogits_.data(), targets.mlmLabels.data(), M_, V);
    r.mlmLoss = ce.loss;
    r.mlmLabelled = ce.labelled;
    r.mlmCorrect = ce.correct;
    if (withBackward) {
      // probs become d loss / d logits in place: (p - onehot) * scale / labelled, 0 on ignored rows.
      const float k = ce.labelled > 0 ? lossScale / static_cast<float>(ce.labelled) : 0.0f;
#pragma omp parallel for schedule(static) if (M_ * V > (1 << 16))
      for (int64_t m = 0; m < M_; ++m) {
        float* row = probs_.data() + m * V;
        const int32_t y = targets.mlmLabels[static_cast<size_t>(m)];
        if (y == nn::kIgnoreIndex) {
          std::fill_n(row, V, 0.0f);
          continue;
        }
        for (int v = 0; v < V; ++v) row[v] *= k;
        row[y] -= k;
      }
      g.dMlmLogits = probs_.data();
    }
  }
  std::vector<float> nspProbs, dNsp;
  if (!targets.nspLabels.empty()) {
    if (!haveNsp_) throw Error("BERT: NSP labels, but the forward computed no NSP logits");
    if (static_cast<int64_t>(targets.nspLabels.size()) != B_)
      throw Error("BERT: " + std::to_string(targets.nspLabels.size()) + " NSP labels for a batch of " +
                  std::to_string(B_));
    nspProbs.resize(static_cast<size_t>(B_) * 2);
    const auto ce = nn::softmaxCrossEntropyForward(nspProbs.data(), nspLogits_.data(), targets.nspLabels.data(), B_, 2);
    r.nspLoss = ce.loss;
    r.nspLabelled = ce.labelled;
    r.nspCorrect = ce.correct;
    if (withBackward && ce.labelled > 0) {
      dNsp.assign(static_cast<size_t>(B_) * 2, 0.0f);
      nn::softmaxCrossEntropyBackward(dNsp.data(), nspProbs.data(), targets.nspLabels.data(), B_, 2, ce.labelled,
                                      lossScale);
      g.dNspLogits = dNsp.data();
    }
  }
  r.loss = r.mlmLoss + r.nspLoss;
  if (withBackward && (g.dMlmLogits || g.dNspLogits)) backward(g);
  return r;
}

}  // namespace embedlab
