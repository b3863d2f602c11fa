#pragma once
// The ELMo biLM (Peters et al. 2018), scaled to a desktop:
//   chars (N,L) -> char embedding (N,L,E) -> convolutions of several widths, max over positions,
//   activation (N,F) -> highway layers (N,F) -> linear projection (N,P)            [token encoder]
//   -> LSTMP layer 1 (N,P) -> LSTMP layer 2 (N,P) + layer-1 output (residual)      [per direction]
//   -> softmax over the vocabulary with weights (V,P) shared by both directions.
// The backward LM is the same computation over the time-reversed sequence, with its own LSTMs.
// loss = (NLL_forward + NLL_backward) / 2. All parameters live in one ParameterStore.
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/nn/AdamW.h"
#include "core/nn/CharCnn.h"
#include "core/nn/Lstm.h"
#include "core/nn/ParameterStore.h"

namespace embedlab::elmo {

struct ElmoOptions {
  int charEmbed = 16;        // E
  int maxChars = 50;         // L
  std::vector<nn::CharConvFilter> filters = {{1, 32}, {2, 32}, {3, 64}, {4, 128}, {5, 256}};
  nn::Activation activation = nn::Activation::Relu;
  int highway = 1;
  int projection = 256;      // P: token encoding, LSTM projection, softmax input
  int lstmHidden = 512;      // H: LSTM cell size
  int layers = 2;
  float cellClip = 3.0f;
  float projClip = 3.0f;
  int sampled = 0;           // > 0: sampled softmax with this many candidates while training

  int filterTotal() const;   // F
};

// The recurrent state carried between batches (truncated BPTT): per direction and layer,
// h (B,P) and c (B,H).
struct ElmoState {
  int B = 0;
  std::vector<std::vector<float>> h, c;  // index dir*layers + layer
  void reset(const ElmoOptions& o, int batch);
};

class ElmoModel {
  struct Activations;  // one direction's forward pass, kept for backward

 public:
  enum Direction { Forward = 0, Backward = 1 };

  // One tensor of the model: its name in the ParameterStore and in saved files.
  struct ParameterSpec {
    std::string name;
    std::vector<int64_t> shape;
    bool decay = true;
  };
  // Throws UsageError when the options or the vocabulary size cannot make a model.
  static void validate(const ElmoOptions& options, int vocabSize);
  // Every tensor the model of these options has, in storage order (nothing is allocated, so a
  // loader can check a file's shapes before it commits memory to them).
  static std::vector<ParameterSpec> parameterSpecs(const ElmoOptions& options, int vocabSize);

  // Scratch buffers of one inference thread: representations() is const and thread-safe as long
  // as every thread brings its own workspace.
  class Workspace {
   public:
    Workspace();
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

   private:
    friend class ElmoModel;
    std::unique_ptr<Activations> a_[2];
  };

  ElmoModel(const ElmoOptions& options, int vocabSize, uint64_t seed);
  ~ElmoModel();
  ElmoModel(const ElmoModel&) = delete;
  ElmoModel& operator=(const ElmoModel&) = delete;

  const ElmoOptions& options() const { return opt_; }
  int vocabSize() const { return V_; }
  nn::ParameterStore& params() { return params_; }
  const nn::ParameterStore& params() const { return params_; }

  // One direction of one batch, forward and backward, gradients ADDED into params().grads()
  // scaled by `dloss` (0.5 for the mean of two directions).
  //   chars: (B,T,L) in reading order of that direction; targets: (B,T) the next token in that
  //   order. The state of `dir` in `state` (if not null) is used and replaced by the final one.
  //   rng: draws the sampled softmax's candidates (only when options().sampled > 0 and
  //   fullSoftmax is false). abort: polled between layers; if it returns true, the step ends
  //   early with NaN and the gradients are incomplete.
  // Returns the mean NLL of the targets over the B*T rows.
  double trainDirection(Direction dir, const int32_t* chars, const int32_t* targets, int B, int T,
                        ElmoState* state, float dloss, std::mt19937_64* rng,
                        const std::function<bool()>& abort = {}, bool fullSoftmax = false);

  // Full-softmax NLL without gradients (held-out evaluation), state as above. (B,T) rows.
  double evaluateDirection(Direction dir, const int32_t* chars, const int32_t* targets, int B,
                           int T, ElmoState* state);

  // The representations of one sentence of T tokens (without boundaries; <s> and </s> are added
  // for context and removed): (3, T, 2P) — layer 0 the token encoding duplicated for both
  // directions, layers 1..2 the [forward | backward] LSTM outputs (layer 2 with the residual).
  std::vector<float> representations(const std::vector<std::string>& tokens) const;

  // The same for B sentences at once (padded to the longest; the char-CNN runs once per token
  // for both directions). out[b]: (K, T_b, D) with K = layers + 1, D = 2P; an empty sentence
  // gives an empty buffer.
  void representations(const std::vector<std::vector<std::string>>& sentences, Workspace& ws,
                       std::vector<std::vector<float>>& out) const;

  // γ Σ_j softmax(s)_j h_j over representations (K, T, D): -> (T, D)
  static std::vector<float> mix(const std::vector<float>& layers, int K, const float* s,
                                float gamma);

 private:
  void encodeTokens(Activations& a, const int32_t* chars, int64_t N) const;
  void encodeTokensBackward(Activations& a, const float* dtok, int64_t N);
  void runLstms(Activations& a, Direction dir, int B, int T, ElmoState* state) const;
  static std::string lstmName(Direction dir, int layer, const char* tensor);
  nn::LstmOptions lstmOptions(int layer) const;
  nn::LstmWeights lstmWeights(Direction dir, int layer) const;
  nn::LstmGrads lstmGrads(Direction dir, int layer);

  ElmoOptions opt_;
  int V_ = 0;
  nn::ParameterStore params_;
  std::unique_ptr<Activations> work_[2];  // per direction, reused between batches
};

}  // namespace embedlab::elmo
