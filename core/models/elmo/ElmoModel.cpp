#include "core/models/elmo/ElmoModel.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/models/elmo/ElmoCharacters.h"
#include "core/nn/CrossEntropy.h"
#include "core/nn/Embedding.h"
#include "core/nn/Highway.h"
#include "core/nn/Linear.h"
#include "core/nn/SampledSoftmax.h"
#include "core/nn/ScalarMix.h"
#include "core/util/Error.h"

namespace embedlab::elmo {

int ElmoOptions::filterTotal() const {
  int f = 0;
  for (const auto& c : filters) f += c.count;
  return f;
}

void ElmoState::reset(const ElmoOptions& o, int batch) {
  B = batch;
  h.assign(2 * o.layers, std::vector<float>(static_cast<size_t>(batch) * o.projection, 0.0f));
  c.assign(2 * o.layers, std::vector<float>(static_cast<size_t>(batch) * o.lstmHidden, 0.0f));
}

struct ElmoModel::Activations {
  const int32_t* chars = nullptr;           // (N,L) the caller's ids
  std::vector<float> emb;                   // (N,L,E)
  std::vector<float> cnn;                   // (N,F) activated
  std::vector<int32_t> argmax;              // (N,F)
  std::vector<std::vector<float>> hw, hwAct;// per highway layer (N,F), (N,2F)
  std::vector<float> tok;                   // (N,P)
  std::vector<std::vector<float>> raw, out; // per LSTM layer: its own output, with residual (N,P)
  std::vector<nn::LstmCache> caches;
  std::vector<float> logits, probs;         // (N,V) or (N,1+S)
  std::vector<float> dtop, dprev, dtok, dF, dF2, demb;
};

namespace {

void fillUniform(float* p, size_t n, float a, std::mt19937_64& rng) {
  std::uniform_real_distribution<float> u(-a, a);
  for (size_t i = 0; i < n; ++i) p[i] = u(rng);
}

}  // namespace

ElmoModel::~ElmoModel() = default;

ElmoModel::Workspace::Workspace() {
  a_[0] = std::make_unique<Activations>();
  a_[1] = std::make_unique<Activations>();
}
ElmoModel::Workspace::~Workspace() = default;

void ElmoModel::validate(const ElmoOptions& o, int vocabSize) {
  // The upper bounds only keep a corrupt configuration from asking for absurd memory.
  constexpr int kMaxSize = 1 << 16;
  auto within = [](int v, int lo, int hi) { return v >= lo && v <= hi; };
  if (!within(o.charEmbed, 1, kMaxSize) || !within(o.projection, 1, kMaxSize) ||
      !within(o.lstmHidden, 1, kMaxSize) || !within(o.layers, 1, 16) ||
      !within(o.highway, 0, 16) || o.filters.empty() || o.filters.size() > 64 ||
      !within(o.maxChars, 3, 1000) || !within(vocabSize, 2, 1 << 26) || o.sampled < 0)
    throw UsageError("elmo: sizes must be positive (char embedding, projection, hidden, layers, "
                     "filters, vocabulary)");
  for (const auto& f : o.filters)
    if (f.width < 1 || f.count < 1 || f.width > o.maxChars || f.count > kMaxSize)
      throw UsageError("elmo: filter width " + std::to_string(f.width) + " with " +
                       std::to_string(f.count) + " filters is not usable for tokens of " +
                       std::to_string(o.maxChars) + " characters");
  if (!(o.cellClip >= 0) || !(o.projClip >= 0) || !std::isfinite(o.cellClip) ||
      !std::isfinite(o.projClip))
    throw UsageError("elmo: cell and projection clips must be finite and >= 0 (0: off)");
}

std::vector<ElmoModel::ParameterSpec> ElmoModel::parameterSpecs(const ElmoOptions& o,
                                                                int vocabSize) {
  validate(o, vocabSize);
  const int64_t E = o.charEmbed, F = o.filterTotal(), P = o.projection, H = o.lstmHidden;
  std::vector<ParameterSpec> specs;
  specs.push_back({"char_embed", {ElmoCharacters::kVocabSize, E}, false});
  for (size_t j = 0; j < o.filters.size(); ++j) {
    specs.push_back({"cnn." + std::to_string(j) + ".weight", {o.filters[j].count, o.filters[j].width * E}, true});
    specs.push_back({"cnn." + std::to_string(j) + ".bias", {o.filters[j].count}, false});
  }
  for (int i = 0; i < o.highway; ++i) {
    specs.push_back({"highway." + std::to_string(i) + ".weight", {2 * F, F}, true});
    specs.push_back({"highway." + std::to_string(i) + ".bias", {2 * F}, false});
  }
  specs.push_back({"proj.weight", {P, F}, true});
  specs.push_back({"proj.bias", {P}, false});
  for (int d = 0; d < 2; ++d)
    for (int l = 0; l < o.layers; ++l) {
      specs.push_back({lstmName(Direction(d), l, "weight_ih"), {4 * H, P}, true});
      specs.push_back({lstmName(Direction(d), l, "weight_hh"), {4 * H, P}, true});
      specs.push_back({lstmName(Direction(d), l, "bias"), {4 * H}, false});
      specs.push_back({lstmName(Direction(d), l, "weight_hr"), {P, H}, true});
    }
  specs.push_back({"softmax.weight", {vocabSize, P}, true});
  specs.push_back({"softmax.bias", {vocabSize}, false});
  return specs;
}

ElmoModel::ElmoModel(const ElmoOptions& options, int vocabSize, uint64_t seed)
    : opt_(options), V_(vocabSize) {
  const ElmoOptions& o = opt_;
  for (const auto& spec : parameterSpecs(o, vocabSize)) params_.add(spec.name, spec.shape, spec.decay);
  const int E = o.charEmbed, F = o.filterTotal(), H = o.lstmHidden, P = o.projection;
  params_.allocate();

  // Initialisation as bilm-tf's variances (uniform with the same standard deviation).
  std::mt19937_64 rng(seed);
  auto init = [&](const std::string& name, float a) {
    fillUniform(params_.data(name), params_.view(name).size, a, rng);
  };
  init("char_embed", 1.0f);
  for (size_t j = 0; j < o.filters.size(); ++j)
    init("cnn." + std::to_string(j) + ".weight", std::sqrt(3.0f / (o.filters[j].width * E)));
  for (int i = 0; i < o.highway; ++i) {
    init("highway." + std::to_string(i) + ".weight", std::sqrt(3.0f / F));
    // Gate half of the bias at 1: the layer starts close to carrying its input through.
    float* b = params_.data("highway." + std::to_string(i) + ".bias");
    std::fill(b + F, b + 2 * F, 1.0f);
  }
  init("proj.weight", std::sqrt(3.0f / F));
  const float a = 1.0f / std::sqrt(static_cast<float>(H));
  for (int d = 0; d < 2; ++d)
    for (int l = 0; l < o.layers; ++l) {
      init(lstmName(Direction(d), l, "weight_ih"), a);
      init(lstmName(Direction(d), l, "weight_hh"), a);
      init(lstmName(Direction(d), l, "weight_hr"), a);
      // Forget gate bias 1 (gate order i f g o): remember by default early in training.
      float* b = params_.data(lstmName(Direction(d), l, "bias"));
      std::fill(b + H, b + 2 * H, 1.0f);
    }
  init("softmax.weight", std::sqrt(3.0f / P));
  work_[0] = std::make_unique<Activations>();
  work_[1] = std::make_unique<Activations>();
}

std::string ElmoModel::lstmName(Direction dir, int layer, const char* tensor) {
  return std::string(dir == Forward ? "fwd." : "bwd.") + std::to_string(layer) + "." + tensor;
}

nn::LstmOptions ElmoModel::lstmOptions(int) const {
  nn::LstmOptions lo;
  lo.input = opt_.projection;
  lo.hidden = opt_.lstmHidden;
  lo.projection = opt_.projection;
  lo.cellClip = opt_.cellClip;
  lo.projClip = opt_.projClip;
  return lo;
}

nn::LstmWeights ElmoModel::lstmWeights(Direction dir, int layer) const {
  nn::LstmWeights w;
  w.wIh = params_.data(lstmName(dir, layer, "weight_ih"));
  w.wHh = params_.data(lstmName(dir, layer, "weight_hh"));
  w.bIh = params_.data(lstmName(dir, layer, "bias"));
  w.wHr = params_.data(lstmName(dir, layer, "weight_hr"));
  return w;
}

nn::LstmGrads ElmoModel::lstmGrads(Direction dir, int layer) {
  nn::LstmGrads g;
  g.wIh = params_.grad(lstmName(dir, layer, "weight_ih"));
  g.wHh = params_.grad(lstmName(dir, layer, "weight_hh"));
  g.bIh = params_.grad(lstmName(dir, layer, "bias"));
  g.wHr = params_.grad(lstmName(dir, layer, "weight_hr"));
  return g;
}

void ElmoModel::encodeTokens(Activations& a, const int32_t* chars, int64_t N) const {
  const int E = opt_.charEmbed, L = opt_.maxChars, F = opt_.filterTotal(), P = opt_.projection;
  a.chars = chars;
  a.emb.resize(N * L * E);
  nn::embeddingForward(a.emb.data(), chars, params_.data("char_embed"), N * L,
                       ElmoCharacters::kVocabSize, E);
  nn::CharCnnShape s{N, L, E, opt_.filters, opt_.activation};
  std::vector<const float*> w, b;
  for (size_t j = 0; j < opt_.filters.size(); ++j) {
    w.push_back(params_.data("cnn." + std::to_string(j) + ".weight"));
    b.push_back(params_.data("cnn." + std::to_string(j) + ".bias"));
  }
  a.cnn.resize(N * F);
  a.argmax.resize(N * F);
  nn::charCnnForward(a.cnn.data(), a.argmax.data(), a.emb.data(), w, b, s);
  a.hw.resize(opt_.highway);
  a.hwAct.resize(opt_.highway);
  const float* x = a.cnn.data();
  for (int i = 0; i < opt_.highway; ++i) {
    a.hw[i].resize(N * F);
    a.hwAct[i].resize(N * 2 * F);
    const std::string n = "highway." + std::to_string(i);
    nn::highwayForward(a.hw[i].data(), a.hwAct[i].data(), x, params_.data(n + ".weight"),
                       params_.data(n + ".bias"), N, F);
    x = a.hw[i].data();
  }
  a.tok.resize(N * P);
  nn::linearForward(a.tok.data(), x, params_.data("proj.weight"), params_.data("proj.bias"), N, F,
                    P);
}

void ElmoModel::encodeTokensBackward(Activations& a, const float* dtok, int64_t N) {
  const int E = opt_.charEmbed, L = opt_.maxChars, F = opt_.filterTotal(), P = opt_.projection;
  const float* top = opt_.highway > 0 ? a.hw.back().data() : a.cnn.data();
  a.dF.assign(N * F, 0.0f);
  nn::linearBackward(a.dF.data(), params_.grad("proj.weight"), params_.grad("proj.bias"), dtok, top,
                     params_.data("proj.weight"), N, F, P);
  for (int i = opt_.highway - 1; i >= 0; --i) {
    const float* in = i > 0 ? a.hw[i - 1].data() : a.cnn.data();
    const std::string n = "highway." + std::to_string(i);
    a.dF2.assign(N * F, 0.0f);
    nn::highwayBackward(a.dF2.data(), params_.grad(n + ".weight"), params_.grad(n + ".bias"),
                        a.dF.data(), in, a.hwAct[i].data(), params_.data(n + ".weight"), N, F);
    std::swap(a.dF, a.dF2);
  }
  nn::CharCnnShape s{N, L, E, opt_.filters, opt_.activation};
  std::vector<const float*> w;
  std::vector<float*> dw, db;
  for (size_t j = 0; j < opt_.filters.size(); ++j) {
    w.push_back(params_.data("cnn." + std::to_string(j) + ".weight"));
    dw.push_back(params_.grad("cnn." + std::to_string(j) + ".weight"));
    db.push_back(params_.grad("cnn." + std::to_string(j) + ".bias"));
  }
  a.demb.assign(N * L * E, 0.0f);
  nn::charCnnBackward(a.demb.data(), dw, db, a.dF.data(), a.cnn.data(), a.argmax.data(),
                      a.emb.data(), w, s);
  nn::embeddingBackward(params_.grad("char_embed"), a.demb.data(), a.chars, N * L,
                        ElmoCharacters::kVocabSize, E);
}

void ElmoModel::runLstms(Activations& a, Direction dir, int B, int T, ElmoState* state) const {
  const int P = opt_.projection, H = opt_.lstmHidden;
  const int64_t N = static_cast<int64_t>(B) * T;
  if (state && state->B != B) throw Error("elmo: the carried state is for another batch size");
  a.raw.resize(opt_.layers);
  a.out.resize(opt_.layers);
  a.caches.resize(opt_.layers);
  std::vector<float> hN(static_cast<size_t>(B) * P), cN(static_cast<size_t>(B) * H);
  const float* x = a.tok.data();
  for (int l = 0; l < opt_.layers; ++l) {
    const size_t si = static_cast<size_t>(dir) * opt_.layers + l;
    a.raw[l].resize(N * P);
    nn::lstmForward(lstmOptions(l), lstmWeights(dir, l), a.raw[l].data(), a.caches[l], x, B, T,
                    state ? state->h[si].data() : nullptr, state ? state->c[si].data() : nullptr,
                    hN.data(), cN.data());
    if (state) {
      std::copy(hN.begin(), hN.end(), state->h[si].begin());
      std::copy(cN.begin(), cN.end(), state->c[si].begin());
    }
    // Residual connection from layer 1 on: the layer adds to its input.
    a.out[l] = a.raw[l];
    if (l > 0)
      for (int64_t i = 0; i < N * P; ++i) a.out[l][i] += x[i];
    x = a.out[l].data();
  }
}

double ElmoModel::trainDirection(Direction dir, const int32_t* chars, const int32_t* targets,
                                 int B, int T, ElmoState* state, float dloss,
                                 std::mt19937_64* rng, const std::function<bool()>& abort,
                                 bool fullSoftmax) {
  constexpr double kAborted = std::numeric_limits<double>::quiet_NaN();
  Activations& a = *work_[dir];
  const int P = opt_.projection;
  const int64_t N = static_cast<int64_t>(B) * T;
  encodeTokens(a, chars, N);
  if (abort && abort()) return kAborted;
  runLstms(a, dir, B, T, state);
  if (abort && abort()) return kAborted;

  const float* top = a.out.back().data();
  const float* W = params_.data("softmax.weight");
  a.dtop.assign(N * P, 0.0f);
  double loss = 0;
  const bool sampled = opt_.sampled > 0 && opt_.sampled < V_ && !fullSoftmax;
  if (!sampled) {
    a.logits.resize(N * V_);
    a.probs.resize(N * V_);
    nn::linearForward(a.logits.data(), top, W, params_.data("softmax.bias"), N, P, V_);
    auto r = nn::softmaxCrossEntropyForward(a.probs.data(), a.logits.data(), targets, N, V_);
    loss = r.loss;
    std::fill(a.logits.begin(), a.logits.end(), 0.0f);  // now dlogits
    nn::softmaxCrossEntropyBackward(a.logits.data(), a.probs.data(), targets, N, V_, r.labelled,
                                    dloss);
    nn::linearBackward(a.dtop.data(), params_.grad("softmax.weight"),
                       params_.grad("softmax.bias"), a.logits.data(), top, W, N, P, V_);
  } else {
    if (!rng) throw Error("elmo: the sampled softmax needs a random generator");
    const int S = opt_.sampled;
    nn::SampledCandidates cand = nn::logUniformCandidates(S, V_, *rng);
    std::vector<float> logQT(N);
    for (int64_t n = 0; n < N; ++n) {
      if (targets[n] < 0 || targets[n] >= V_)
        throw Error("elmo: target id " + std::to_string(targets[n]) + " outside the vocabulary");
      logQT[n] = nn::logUniformLogQ(targets[n], V_, cand.tries);
    }
    a.probs.resize(N * (1 + S));
    loss = nn::sampledSoftmaxForward(a.probs.data(), top, W, params_.data("softmax.bias"), targets,
                                     logQT.data(), cand.ids.data(), cand.logQ.data(), N, S, P, V_);
    nn::sampledSoftmaxBackward(a.dtop.data(), params_.grad("softmax.weight"),
                               params_.grad("softmax.bias"), a.probs.data(), top, W, targets,
                               cand.ids.data(), N, S, P, dloss);
  }
  if (abort && abort()) return kAborted;

  // Back through the LSTM stack: d out_l flows into layer l's own output and, through the
  // residual, into its input out_{l-1}.
  for (int l = opt_.layers - 1; l >= 0; --l) {
    const float* x = l > 0 ? a.out[l - 1].data() : a.tok.data();
    a.dprev.assign(N * P, 0.0f);
    if (l > 0) a.dprev = a.dtop;  // residual
    nn::lstmBackward(lstmOptions(l), lstmWeights(dir, l), lstmGrads(dir, l), a.dprev.data(),
                     a.dtop.data(), x, a.raw[l].data(), a.caches[l]);
    std::swap(a.dtop, a.dprev);
  }
  if (abort && abort()) return kAborted;
  encodeTokensBackward(a, a.dtop.data(), N);
  return loss;
}

double ElmoModel::evaluateDirection(Direction dir, const int32_t* chars, const int32_t* targets,
                                    int B, int T, ElmoState* state) {
  Activations& a = *work_[dir];
  const int P = opt_.projection;
  const int64_t N = static_cast<int64_t>(B) * T;
  encodeTokens(a, chars, N);
  runLstms(a, dir, B, T, state);
  a.logits.resize(N * V_);
  a.probs.resize(N * V_);
  nn::linearForward(a.logits.data(), a.out.back().data(), params_.data("softmax.weight"),
                    params_.data("softmax.bias"), N, P, V_);
  return nn::softmaxCrossEntropyForward(a.probs.data(), a.logits.data(), targets, N, V_).loss;
}

std::vector<float> ElmoModel::representations(const std::vector<std::string>& tokens) const {
  Workspace ws;
  std::vector<std::vector<float>> out;
  representations({tokens}, ws, out);
  return std::move(out[0]);
}

void ElmoModel::representations(const std::vector<std::vector<std::string>>& sentences,
                                Workspace& ws, std::vector<std::vector<float>>& out) const {
  const int B = static_cast<int>(sentences.size()), P = opt_.projection, L = opt_.maxChars,
            D = 2 * P, K = opt_.layers + 1;
  out.assign(B, {});
  if (B == 0) return;
  // Rows of <s> w1 .. wT </s>, padded at the end: padding after a row's end cannot reach its
  // outputs in either direction, since the backward row is reversed within its own length.
  int T2 = 0;
  for (const auto& s : sentences) T2 = std::max(T2, static_cast<int>(s.size()) + 2);
  std::vector<int32_t> chars(static_cast<size_t>(B) * T2 * L, ElmoCharacters::kPadding);
  for (int b = 0; b < B; ++b) {
    int32_t* row = chars.data() + static_cast<int64_t>(b) * T2 * L;
    const auto& s = sentences[b];
    ElmoCharacters::encode(ElmoCharacters::sentenceStart(), row, L);
    for (size_t t = 0; t < s.size(); ++t) ElmoCharacters::encode(s[t], row + (t + 1) * L, L);
    ElmoCharacters::encode(ElmoCharacters::sentenceEnd(), row + (s.size() + 1) * L, L);
  }
  Activations& fwd = *ws.a_[Forward];
  Activations& bwd = *ws.a_[Backward];
  const int64_t N = static_cast<int64_t>(B) * T2;
  encodeTokens(fwd, chars.data(), N);  // tok: (B,T2,P)
  bwd.tok.assign(fwd.tok.size(), 0.0f);
  for (int b = 0; b < B; ++b) {
    const int len = static_cast<int>(sentences[b].size()) + 2;
    for (int t = 0; t < len; ++t)
      std::copy_n(fwd.tok.data() + (static_cast<int64_t>(b) * T2 + len - 1 - t) * P, P,
                  bwd.tok.data() + (static_cast<int64_t>(b) * T2 + t) * P);
  }
  runLstms(fwd, Forward, B, T2, nullptr);
  runLstms(bwd, Backward, B, T2, nullptr);

  for (int b = 0; b < B; ++b) {
    const int T = static_cast<int>(sentences[b].size());
    std::vector<float>& layers = out[b];
    layers.resize(static_cast<size_t>(K) * T * D);
    for (int t = 0; t < T; ++t) {
      const int64_t f = static_cast<int64_t>(b) * T2 + t + 1;      // token t read forward
      const int64_t r = static_cast<int64_t>(b) * T2 + T - t;      // ... and read backward
      for (int k = 0; k < K; ++k) {
        float* dst = layers.data() + (static_cast<int64_t>(k) * T + t) * D;
        // Layer 0 is the same token encoding in both halves (ELMo duplicates it).
        const float* vf = k == 0 ? fwd.tok.data() : fwd.out[k - 1].data();
        const float* vb = k == 0 ? fwd.tok.data() : bwd.out[k - 1].data();
        std::copy_n(vf + f * P, P, dst);
        std::copy_n(vb + (k == 0 ? f : r) * P, P, dst + P);
      }
    }
  }
}

std::vector<float> ElmoModel::mix(const std::vector<float>& layers, int K, const float* s,
                                  float gamma) {
  if (K <= 0 || layers.size() % K != 0) throw Error("elmo: layers do not split into K parts");
  const int64_t n = static_cast<int64_t>(layers.size() / K);
  std::vector<const float*> ptr;
  for (int k = 0; k < K; ++k) ptr.push_back(layers.data() + k * n);
  std::vector<float> out(n);
  nn::scalarMixForward(out.data(), ptr, s, &gamma, n);
  return out;
}

}  // namespace embedlab::elmo
