#pragma once
// Multi-head scaled dot-product self-attention over a packed q|k|v buffer, as BERT computes it
// (without the surrounding projections, which are linear layers): for each sequence b and head h,
//   P = softmax(Q Kᵀ / √hs + mask)   out = P V
// Keys at padded positions (mask 0) get probability exactly 0, as with Hugging Face's additive
// finfo.min mask. A row with no real key at all (a fully padded sequence) becomes uniform, as
// there. Every (b, h) pair is independent and runs in parallel.
#include <cstdint>

namespace embedlab::nn {

// Dropout on the attention probabilities (BERT's attention_probs_dropout_prob), applied to the
// probabilities that multiply V; `att` keeps the probabilities before dropout (for the attention
// view and the backward pass). The keep mask of pair (b,h) is drawn from (seed, b*NH+h).
struct AttentionDropout {
  float p = 0.0f;
  uint64_t seed = 0;
  bool training = false;
  uint8_t* mask = nullptr;  // (B,NH,T,T), filled by forward, read by backward
  bool active() const { return training && p > 0.0f && mask; }
};

// qkv: (B,T,3C), per position [q(C) | k(C) | v(C)], head h owning columns h*hs..(h+1)*hs-1 of
//      each part (hs = C/NH; the layout of BERT's query/key/value weights stacked as (3C, C))
// mask: (B,T) 1 = real token, 0 = padding; nullptr = no padding
//  ->  out: (B,T,C)   att: (B,NH,T,T) the probabilities (kept for backward and the attention view)
void attentionForward(float* out, float* att, const float* qkv, const int32_t* mask, int B, int T,
                      int C, int NH, const AttentionDropout* dropout = nullptr);

// dout: (B,T,C)  ->  dqkv += (B,T,3C)
void attentionBackward(float* dqkv, const float* dout, const float* qkv, const float* att, int B,
                       int T, int C, int NH, const AttentionDropout* dropout = nullptr);

}  // namespace embedlab::nn
