#pragma once
// One LSTM layer over whole sequences, PyTorch's torch.nn.LSTM (batch_first) with ELMo's
// additions: an optional projection of the hidden state (LSTMP, proj_size), cell clipping and
// projection clipping. Gate order i, f, g, o in row blocks of hidden size:
//   [i f g o] = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh;   i,f,o = σ(.), g = tanh(.)
//   c' = f c + i g   (clipped to ±cellClip)    m = o tanh(c')
//   h' = m  or, with projection, h' = W_hr m   (clipped to ±projClip)
// The input projection of all time steps is one product before the recurrence; each step then
// does one (B,R)·(R,4H) product for the whole batch.
#include <cstdint>
#include <vector>

namespace embedlab::nn {

struct LstmOptions {
  int input = 0;       // I
  int hidden = 0;      // H (cell size)
  int projection = 0;  // P; 0 = no projection, the output is the hidden state (R = H)
  float cellClip = 0;  // <= 0: off
  float projClip = 0;  // <= 0: off (only with a projection)

  int outputSize() const { return projection > 0 ? projection : hidden; }  // R
};

struct LstmWeights {
  const float* wIh = nullptr;  // (4H, I)
  const float* wHh = nullptr;  // (4H, R)
  const float* bIh = nullptr;  // (4H)   may be null
  const float* bHh = nullptr;  // (4H)   may be null
  const float* wHr = nullptr;  // (P, H) only with a projection
};

struct LstmGrads {  // accumulated (+=); a null pointer skips that gradient
  float* wIh = nullptr;
  float* wHh = nullptr;
  float* bIh = nullptr;
  float* bHh = nullptr;
  float* wHr = nullptr;
};

// What the backward pass needs from the forward pass.
struct LstmCache {
  int B = 0, T = 0;
  std::vector<float> gates;   // (B,T,4H) activated i, f, g, o
  std::vector<float> cells;   // (B,T,H)  c_t after clipping
  std::vector<float> hidden;  // (B,T,H)  m_t = o tanh(c_t) before the projection (projection only)
  std::vector<float> hPrev;   // (B,T,R)  the recurrent input h_{t-1} of every step
  std::vector<float> c0;      // (B,H)    initial cell state
};

// x: (B,T,I)  h0: (B,R) or null (zeros)  c0: (B,H) or null (zeros)
//  ->  out: (B,T,R)   hN: (B,R) and cN: (B,H) if not null (the state after step T-1)
void lstmForward(const LstmOptions& opt, const LstmWeights& w, float* out, LstmCache& cache,
                 const float* x, int B, int T, const float* h0 = nullptr,
                 const float* c0 = nullptr, float* hN = nullptr, float* cN = nullptr);

// dout: (B,T,R)  ->  dx += (B,T,I) [if dx], grads +=, dh0: (B,R) and dc0: (B,H) written if not
// null. Back-propagation through the whole sequence (truncation is the caller's choice of T).
void lstmBackward(const LstmOptions& opt, const LstmWeights& w, const LstmGrads& g,
                  float* dx, const float* dout, const float* x, const float* out,
                  const LstmCache& cache, float* dh0 = nullptr, float* dc0 = nullptr);

}  // namespace embedlab::nn
