#include "core/embeddings/HalfRows.h"

#if defined(__F16C__) && defined(__FMA__) && defined(__AVX2__)
#define EMBEDLAB_HALF_ROWS 1
#include <immintrin.h>
#endif

namespace embedlab {

bool HalfRows::supported() {
#ifdef EMBEDLAB_HALF_ROWS
  return true;
#else
  return false;
#endif
}

double HalfRows::errorBound() const {
  const double eps = 1.0 / 2048.0;                                   // 2^-11
  return eps + dim_ * (1.0 / 33554432.0) + 2.0 * dim_ * (1.0 / 16777216.0);  // + dim 2^-25 + 2 dim 2^-24
}

#ifdef EMBEDLAB_HALF_ROWS

HalfRows::HalfRows(const float* rows, int64_t n, int dim)
    : rows_(n), dim_(dim), stride_((dim + 7) / 8 * 8) {
  data_.assign(static_cast<size_t>(n) * static_cast<size_t>(stride_), 0);
  float pad[8];
  for (int64_t r = 0; r < n; ++r) {
    const float* src = rows + r * dim;
    uint16_t* dst = data_.data() + r * stride_;
    for (int c = 0; c < stride_; c += 8) {
      const int m = dim - c < 8 ? dim - c : 8;
      for (int i = 0; i < 8; ++i) pad[i] = i < m ? src[c + i] : 0.0f;
      const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(pad), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + c), h);
    }
  }
}

namespace {

inline float horizontalSum(__m256 v) {
  const __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  const __m128 t = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_add_ss(t, _mm_shuffle_ps(t, t, 1)));
}

inline __m256 loadHalf(const uint16_t* p) {
  return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

}  // namespace

void HalfRows::scores(const float* q, int64_t begin, int64_t n, float* out) const {
  // The query, zero padded to the stride, once per call.
  alignas(32) float qp[1024];
  std::vector<float> big;
  float* qs = qp;
  if (stride_ > 1024) {
    big.assign(static_cast<size_t>(stride_), 0.0f);
    qs = big.data();
  }
  for (int c = 0; c < stride_; ++c) qs[c] = c < dim_ ? q[c] : 0.0f;
  const uint16_t* base = data_.data() + begin * stride_;
  int64_t r = 0;
  // Four rows at a time: four independent FMA chains hide the conversion and FMA latencies.
  for (; r + 4 <= n; r += 4) {
    const uint16_t* h0 = base + r * stride_;
    const uint16_t* h1 = h0 + stride_;
    const uint16_t* h2 = h1 + stride_;
    const uint16_t* h3 = h2 + stride_;
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
    for (int c = 0; c < stride_; c += 8) {
      const __m256 qv = _mm256_loadu_ps(qs + c);
      a0 = _mm256_fmadd_ps(loadHalf(h0 + c), qv, a0);
      a1 = _mm256_fmadd_ps(loadHalf(h1 + c), qv, a1);
      a2 = _mm256_fmadd_ps(loadHalf(h2 + c), qv, a2);
      a3 = _mm256_fmadd_ps(loadHalf(h3 + c), qv, a3);
    }
    out[r] = horizontalSum(a0);
    out[r + 1] = horizontalSum(a1);
    out[r + 2] = horizontalSum(a2);
    out[r + 3] = horizontalSum(a3);
  }
  for (; r < n; ++r) {
    const uint16_t* h = base + r * stride_;
    __m256 a = _mm256_setzero_ps();
    for (int c = 0; c < stride_; c += 8) a = _mm256_fmadd_ps(loadHalf(h + c), _mm256_loadu_ps(qs + c), a);
    out[r] = horizontalSum(a);
  }
}

#else

HalfRows::HalfRows(const float*, int64_t, int) {}
void HalfRows::scores(const float*, int64_t, int64_t, float*) const {}

#endif

}  // namespace embedlab
