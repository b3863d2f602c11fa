#pragma once
// One post-LayerNorm Transformer encoder layer, as BERT builds it from the core/nn pieces:
//   qkv = x [Wq|Wk|Wv]ᵀ + [bq|bk|bv]          ctx = MultiHeadAttention(qkv, mask)
//   h1  = LayerNorm1(x + Dropout(ctx Woᵀ + bo))
//   f   = GELU(h1 W1ᵀ + b1) W2ᵀ + b2          out = LayerNorm2(h1 + Dropout(f))
// Weights in Hugging Face's layout and names (attention.self.query.weight (C,C), ...,
// intermediate.dense.weight (FF,C), output.dense.weight (C,FF)). Dropout (training only): hidden
// dropout after both projections, and attention-probability dropout.
#include <cstdint>
#include <vector>

namespace embedlab::nn {

struct TransformerLayerShape {
  int B = 0, T = 0;
  int C = 0;         // hidden size
  int NH = 1;        // heads (C % NH == 0)
  int FF = 0;        // intermediate size
  float lnEps = 1e-12f;
  bool geluTanh = false;  // false: exact erf GELU (BERT's "gelu"); true: "gelu_new"
  float dropout = 0.0f;         // hidden dropout probability (used when training)
  float attentionDropout = 0.0f;  // attention-probability dropout (used when training)
};

template <typename P>
struct TransformerLayerParams {
  P wq = nullptr, bq = nullptr, wk = nullptr, bk = nullptr, wv = nullptr, bv = nullptr;  // (C,C) (C)
  P wo = nullptr, bo = nullptr;      // attention.output.dense (C,C) (C)
  P ln1w = nullptr, ln1b = nullptr;  // attention.output.LayerNorm (C)
  P w1 = nullptr, b1 = nullptr;      // intermediate.dense (FF,C) (FF)
  P w2 = nullptr, b2 = nullptr;      // output.dense (C,FF) (C)
  P ln2w = nullptr, ln2b = nullptr;  // output.LayerNorm (C)
};
using TransformerLayerWeights = TransformerLayerParams<const float*>;
using TransformerLayerGrads = TransformerLayerParams<float*>;  // accumulated (+=)

// Activations kept for the backward pass (and for the attention view: att).
struct TransformerLayerActs {
  std::vector<float> qkv;       // (B,T,3C)
  std::vector<float> att;       // (B,NH,T,T) probabilities before dropout
  std::vector<uint8_t> attDrop; // (B,NH,T,T) attention dropout mask (training only)
  uint64_t seed = 0;
  std::vector<float> ctx;       // (B,T,C)
  std::vector<float> attnOut;   // (B,T,C) after dropout
  std::vector<uint8_t> drop1;   // (B,T,C)
  std::vector<float> h1;        // (B,T,C) LayerNorm1 output
  std::vector<float> ln1Mean, ln1Rstd;  // (B*T)
  std::vector<float> ffnPre;    // (B,T,FF) before GELU
  std::vector<float> ffnAct;    // (B,T,FF) after GELU
  std::vector<float> ffnOut;    // (B,T,C) after dropout
  std::vector<uint8_t> drop2;   // (B,T,C)
  std::vector<float> res2;      // (B,T,C) h1 + ffnOut
  std::vector<float> ln2Mean, ln2Rstd;  // (B*T)
  std::vector<float> res1;      // (B,T,C) x + attnOut
};

// x: (B,T,C)  mask: (B,T) 1 = token, 0 = padding (or null)  ->  out: (B,T,C)
// training: apply dropout with masks drawn from seed.
void transformerLayerForward(const TransformerLayerShape& s, const TransformerLayerWeights& w,
                             float* out, TransformerLayerActs& acts, const float* x,
                             const int32_t* mask, bool training = false, uint64_t seed = 0);

// dout: (B,T,C)  ->  dx += (B,T,C), grads +=
void transformerLayerBackward(const TransformerLayerShape& s, const TransformerLayerWeights& w,
                              const TransformerLayerGrads& g, float* dx, const float* dout,
                              const float* x, const TransformerLayerActs& acts, bool training = false);

}  // namespace embedlab::nn
