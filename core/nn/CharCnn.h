#pragma once
// ELMo's character convolutions: over each token's character embeddings, 1-D convolutions of
// several widths, each followed by a max over positions, a bias and an activation; the results of
// all widths are concatenated. (The character embedding lookup itself is embeddingForward.)
//
// Weight layout: filter f of width k is one row of k*E numbers, position-major ([pos][channel]),
// so that a window of k characters, which is contiguous in a (L,E) token, is a dot product with
// that row. PyTorch's Conv1d stores (F, E, k): transpose the last two axes when importing one.
#include <cstdint>
#include <vector>

namespace embedlab::nn {

enum class Activation { Relu, Tanh };

struct CharConvFilter {
  int width = 1;  // k characters
  int count = 1;  // F filters
};

struct CharCnnShape {
  int64_t N = 0;  // tokens
  int L = 0;      // characters per token (padded)
  int E = 0;      // character embedding size
  std::vector<CharConvFilter> filters;
  Activation activation = Activation::Relu;

  int outputSize() const;  // ΣF
};

// x: (N,L,E)  w[j]: (F_j, k_j*E)  b[j]: (F_j)
//  ->  out: (N,ΣF) activated; argmax: (N,ΣF) the winning position of each filter (for backward)
void charCnnForward(float* out, int32_t* argmax, const float* x,
                    const std::vector<const float*>& w, const std::vector<const float*>& b,
                    const CharCnnShape& s);

// dout: (N,ΣF)  ->  dx += (N,L,E) [if dx], dw[j] += (F_j, k_j*E), db[j] += (F_j)
void charCnnBackward(float* dx, const std::vector<float*>& dw, const std::vector<float*>& db,
                     const float* dout, const float* out, const int32_t* argmax, const float* x,
                     const std::vector<const float*>& w, const CharCnnShape& s);

}  // namespace embedlab::nn
