#include "core/nn/Activations.h"

#include <algorithm>
#include <cmath>
#include <cstring>

// See EigenMaps.h: a GCC 12 false positive inside Eigen's AVX-512 packet code.
#pragma GCC diagnostic push
#ifndef __clang__  // a GCC warning: clang would report the pragma itself as unknown
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>
#pragma GCC diagnostic pop

// clang cannot vectorise the `omp simd` loops below that call std::tanh / std::sqrt and says so
// (-Wpass-failed); GCC, which builds the release, vectorises them. The loops stay as written.
#ifdef __clang__
#pragma clang diagnostic ignored "-Wpass-failed"
#endif

namespace embedlab::nn {

namespace {
constexpr float kInvSqrt2 = 0.70710678118654752440f;
constexpr float kInvSqrt2Pi = 0.39894228040143267794f;
constexpr float kSqrt2OverPi = 0.79788456080286535588f;
constexpr int64_t kParallelMin = 1 << 16;  // below this, threads cost more than they save
}  // namespace

// The erf GELU runs through Eigen's vectorised erf/exp (max. abs. error of erf ~4e-7, i.e. a few
// float ulps) in chunks: the scalar std::erf costs ~5x more and GELU sits on every FFN element.
// Each chunk is computed in an aligned scratch array and copied out: Eigen does the unaligned
// head of a destination with its scalar erf, which rounds differently, so computing in place
// would make the result depend on where the buffer happens to be allocated.
namespace {
constexpr int64_t kChunk = 4096;
}

void geluForward(float* out, const float* x, int64_t n) {
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel if (n > kParallelMin)
  {
    Eigen::ArrayXf y(kChunk);
#pragma omp for schedule(static)
    for (int64_t ci = 0; ci < chunks; ++ci) {
      const int64_t begin = ci * kChunk, len = std::min(kChunk, n - begin);
      Eigen::Map<const Eigen::ArrayXf> X(x + begin, len);
      y.head(len) = 0.5f * X * (1.0f + (X * kInvSqrt2).erf());
      std::memcpy(out + begin, y.data(), sizeof(float) * len);
    }
  }
}

void geluBackward(float* dx, const float* dout, const float* x, int64_t n) {
  // d/dx [x Φ(x)] = Φ(x) + x φ(x)
  const int64_t chunks = (n + kChunk - 1) / kChunk;
#pragma omp parallel if (n > kParallelMin)
  {
    Eigen::ArrayXf dy(kChunk);
#pragma omp for schedule(static)
    for (int64_t ci = 0; ci < chunks; ++ci) {
      const int64_t begin = ci * kChunk, len = std::min(kChunk, n - begin);
      Eigen::Map<const Eigen::ArrayXf> X(x + begin, len), D(dout + begin, len);
      dy.head(len) = D * (0.5f * (1.0f + (X * kInvSqrt2).erf()) + X * kInvSqrt2Pi * (-0.5f * X * X).exp());
      float* d = dx + begin;
      for (int64_t i = 0; i < len; ++i) d[i] += dy[i];
    }
  }
}

void geluTanhForward(float* out, const float* x, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) {
    const float v = x[i];
    out[i] = 0.5f * v * (1.0f + std::tanh(kSqrt2OverPi * (v + 0.044715f * v * v * v)));
  }
}

void geluTanhBackward(float* dx, const float* dout, const float* x, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) {
    const float v = x[i];
    const float u = kSqrt2OverPi * (v + 0.044715f * v * v * v);
    const float t = std::tanh(u);
    const float du = kSqrt2OverPi * (1.0f + 3.0f * 0.044715f * v * v);
    dx[i] += dout[i] * (0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * du);
  }
}

void tanhForward(float* out, const float* x, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) out[i] = std::tanh(x[i]);
}

void tanhBackward(float* dx, const float* dout, const float* y, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) dx[i] += dout[i] * (1.0f - y[i] * y[i]);
}

void reluForward(float* out, const float* x, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) out[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void reluBackward(float* dx, const float* dout, const float* y, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) dx[i] += y[i] > 0.0f ? dout[i] : 0.0f;
}

void residualForward(float* out, const float* a, const float* b, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

void residualBackward(float* da, float* db, const float* dout, int64_t n) {
#pragma omp parallel for simd schedule(static) if (n > kParallelMin)
  for (int64_t i = 0; i < n; ++i) {
    da[i] += dout[i];
    db[i] += dout[i];
  }
}

}  // namespace embedlab::nn
