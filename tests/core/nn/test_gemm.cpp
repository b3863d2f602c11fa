// nn::gemm against a double-precision reference on shapes that exercise every edge of the
// blocking (partial register tiles, several k blocks, several column blocks, one short row),
// strided and transposed operands, accumulate / bias / alpha; and the same bits on 1 and 2 threads.
#include <QtTest>

#include <omp.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/nn/Gemm.h"

using namespace embedlab::nn;
using Vec = std::vector<float>;

namespace {

Vec randu(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  Vec v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

struct Case {
  int64_t M, N, K;
  bool transA, transB, accumulate, bias;
  float alpha;
  int64_t pad;  // extra columns in every row of C (a strided output, like one head of q|k|v)
};

// Runs one case on `threads` threads; returns C.
Vec run(const Case& c, const Vec& a, const Vec& b, const Vec& c0, const Vec& bias, int threads) {
  omp_set_num_threads(threads);
  const int64_t ldc = c.N + c.pad;
  Vec out = c0;
  const ConstMatrixRef A = c.transA ? transposed(a.data(), c.M) : rowMajor(a.data(), c.K);
  const ConstMatrixRef B = c.transB ? transposed(b.data(), c.K) : rowMajor(b.data(), c.N);
  gemm(c.M, c.N, c.K, A, B, out.data(), ldc, c.accumulate, c.bias ? bias.data() : nullptr, c.alpha);
  return out;
}

}  // namespace

class TestGemm : public QObject {
  Q_OBJECT

 private slots:
  void matchesReference_data() {
    QTest::addColumn<int>("index");
    const std::vector<Case> cases = cases_();
    for (size_t i = 0; i < cases.size(); ++i) {
      const Case& c = cases[i];
      const std::string name = std::to_string(c.M) + "x" + std::to_string(c.N) + "x" + std::to_string(c.K) +
                               (c.transA ? " At" : "") + (c.transB ? " Bt" : "") + (c.accumulate ? " +=" : "") +
                               (c.bias ? " bias" : "") + (c.pad ? " strided" : "");
      QTest::newRow(name.c_str()) << static_cast<int>(i);
    }
  }

  void matchesReference() {
    QFETCH(int, index);
    const Case c = cases_()[static_cast<size_t>(index)];
    const int64_t ldc = c.N + c.pad;
    // A stored (M,K) or, transposed, (K,M); B stored (K,N) or (N,K).
    const Vec a = randu(static_cast<size_t>(c.M * c.K), 1), b = randu(static_cast<size_t>(c.K * c.N), 2);
    const Vec c0 = randu(static_cast<size_t>(c.M * ldc), 3), bias = randu(static_cast<size_t>(c.N), 4);
    const Vec one = run(c, a, b, c0, bias, 1);
    const Vec two = run(c, a, b, c0, bias, 2);
    for (int64_t i = 0; i < c.M; ++i) {
      for (int64_t j = 0; j < ldc; ++j) {
        const size_t at = static_cast<size_t>(i * ldc + j);
        if (j >= c.N) {  // the padding between rows is never written
          QCOMPARE(one[at], c0[at]);
          continue;
        }
        double ref = 0, mag = 0;
        for (int64_t k = 0; k < c.K; ++k) {
          const double x = c.transA ? a[k * c.M + i] : a[i * c.K + k];
          const double y = c.transB ? b[j * c.K + k] : b[k * c.N + j];
          ref += x * y;
          mag += std::fabs(x * y);
        }
        ref *= c.alpha;
        if (c.accumulate) ref += c0[at];
        if (c.bias) ref += bias[j];
        const double tol = 1e-6 * (mag + 1.0) * std::sqrt(static_cast<double>(c.K) + 1.0);
        if (std::fabs(one[at] - ref) > tol)
          QFAIL(qPrintable(QString("C(%1,%2) = %3, reference %4").arg(i).arg(j).arg(one[at]).arg(ref)));
        // Threads split rows and columns of C, never k: the same bits on any team.
        QCOMPARE(two[at], one[at]);
      }
    }
  }

  void emptyInnerDimension() {
    // K = 0: an empty sum, so C becomes 0 (+ bias), or keeps its value when accumulating.
    Vec out = {5.0f, 6.0f};
    const Vec bias = {1.0f, 2.0f};
    gemm(1, 2, 0, rowMajor(nullptr, 0), rowMajor(nullptr, 2), out.data(), 2, false, bias.data());
    QCOMPARE(out[0], 1.0f);
    QCOMPARE(out[1], 2.0f);
    out = {5.0f, 6.0f};
    gemm(1, 2, 0, rowMajor(nullptr, 0), rowMajor(nullptr, 2), out.data(), 2, true);
    QCOMPARE(out[0], 5.0f);
  }

  void cleanupTestCase() { omp_set_num_threads(1); }

 private:
  static std::vector<Case> cases_() {
    return {
        {1, 1, 1, false, false, false, false, 1.0f, 0},
        {7, 17, 5, false, false, false, false, 1.0f, 0},       // partial tiles everywhere
        {6, 16, 256, false, true, false, true, 1.0f, 0},       // one exact tile, x·Wᵀ + b
        {37, 45, 300, false, true, true, true, 1.0f, 3},       // two k blocks, strided C
        {130, 1100, 70, false, false, false, false, 1.0f, 0},  // two column blocks, two row blocks
        {2, 2000, 600, false, true, false, true, 1.0f, 0},     // one short row block: columns split
        {300, 40, 600, true, false, true, false, 1.0f, 0},     // Aᵀ·B (a weight gradient)
        {64, 64, 33, true, true, false, false, 0.125f, 5},     // Aᵀ·Bᵀ with a scale
        {256, 96, 513, false, false, true, false, 1.0f, 0},    // 3 k blocks, rows on 2 threads
    };
  }
};

QTEST_APPLESS_MAIN(TestGemm)
#include "test_gemm.moc"
