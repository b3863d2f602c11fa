#pragma once
// Complex FFT of many sequences at once, along the slow axis of a (length, batch) row-major
// array stored as split real / imaginary buffers. Each butterfly combines whole rows of `batch`
// contiguous values with one twiddle factor, so the inner loops are long unit-stride loops that
// the compiler vectorises (AVX-512 here). Transforming the columns of a 2-D grid this way, then
// its transpose, gives the 2-D FFT that the t-SNE repulsion needs.
//
// Algorithm: Stockham auto-sort, decimation in frequency, mixed radix 4 / 2 / 3 / 5 (so the
// length must have no other prime factor; see niceSize). No bit reversal: every stage reads one
// buffer and writes the other in natural order.
#include <vector>

namespace embedlab {

class BatchedFft {
 public:
  explicit BatchedFft(int length);  // length >= 1 with prime factors 2, 3, 5 only

  int length() const { return n_; }

  // In place on (re, im): (length, batch). work: two buffers of the same size.
  // forward: X[k] = sum_j x[j] exp(-2 pi i jk / n). inverse: the conjugate sum, not divided by n.
  void forward(double* re, double* im, long batch, double* workRe, double* workIm) const;
  void inverse(double* re, double* im, long batch, double* workRe, double* workIm) const;

  // The smallest integer >= atLeast whose prime factors are 2, 3 and 5.
  static int niceSize(int atLeast);

 private:
  void run(double* re, double* im, long batch, double* workRe, double* workIm, bool inverse) const;
  struct Stage {
    int radix;
    int n;       // sub-sequence length at this stage
    int stride;  // product of the radices before it
    std::vector<double> twRe, twIm;  // (n / radix, radix): exp(-2 pi i p u / n)
  };
  int n_;
  std::vector<Stage> stages_;
};

}  // namespace embedlab
