#pragma once
// The per-example objectives of Word2Vec on plain buffers, loss and exact gradient, in any
// floating type (tests finite-difference them in double). The training kernels (Kernels.h)
// apply exactly these gradients, fused and in float, as SGD steps: row -= lr * dL/drow.
//
// Both objectives are a sum of binary logistic terms of one input vector v against a few
// output rows u_k with labels y_k in {0,1}:
//   L = -sum_k [ y_k log s(u_k.v) + (1 - y_k) log s(-u_k.v) ],  s = logistic sigmoid
//   dL/d(u_k.v) = s(u_k.v) - y_k
// SGNS: u_0 is the positive target (y=1), u_1..u_n the noise words (y=0).
// HS:   u_j are the inner nodes on the Huffman path of the target, y_j = 1 - code_j
//       (word2vec.c's convention: code bit 0 means "go to the side where s(u.v) -> 1").
#include <cmath>
#include <cstdint>
#include <vector>

namespace embedlab::w2v {

// log s(x), accurate for any x (no overflow, no cancellation).
template <class T>
inline T logSigmoid(T x) {
  return x >= 0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x));
}

template <class T>
inline T sigmoid(T x) {
  return x >= 0 ? T(1) / (T(1) + std::exp(-x)) : std::exp(x) / (T(1) + std::exp(x));
}

// v: (dim)  rows: (k, dim) row-major  labels: (k) in {0,1}
// Returns L; ADDS dL/dv into dv (dim) and dL/drows into drows (k, dim) (either may be null).
template <class T>
inline T logisticLossGrad(const T* v, const T* rows, const T* labels, int k, int dim, T* dv, T* drows) {
  T loss = 0;
  for (int j = 0; j < k; ++j) {
    const T* u = rows + static_cast<int64_t>(j) * dim;
    T x = 0;
    for (int i = 0; i < dim; ++i) x += u[i] * v[i];
    const T y = labels[j];
    loss -= y * logSigmoid(x) + (T(1) - y) * logSigmoid(-x);
    const T dx = sigmoid(x) - y;
    if (dv)
      for (int i = 0; i < dim; ++i) dv[i] += dx * u[i];
    if (drows) {
      T* du = drows + static_cast<int64_t>(j) * dim;
      for (int i = 0; i < dim; ++i) du[i] += dx * v[i];
    }
  }
  return loss;
}

// SGNS for one (input, target) pair.
// v: (dim)  out: (1 + negatives, dim), row 0 the positive target, rows 1.. the noise words.
// L = -log s(u_0.v) - sum_n log s(-u_n.v)
template <class T>
inline T sgnsLossGrad(const T* v, const T* out, int negatives, int dim, T* dv, T* dout) {
  std::vector<T> labels(1 + negatives, T(0));
  labels[0] = T(1);
  return logisticLossGrad(v, out, labels.data(), 1 + negatives, dim, dv, dout);
}

// Hierarchical softmax for one (input, target) pair: the path loss of the target's Huffman code.
// v: (dim)  nodes: (length, dim) the inner-node rows along the path, root first
// codes: (length) the target's code bits, root first.
// L = -sum_j log s((1 - 2 code_j) nodes_j.v)
template <class T>
inline T hsLossGrad(const T* v, const T* nodes, const uint8_t* codes, int length, int dim, T* dv, T* dnodes) {
  std::vector<T> labels(length);
  for (int j = 0; j < length; ++j) labels[j] = T(1) - T(codes[j]);
  return logisticLossGrad(v, nodes, labels.data(), length, dim, dv, dnodes);
}

}  // namespace embedlab::w2v
