#include "core/nn/GradCheck.h"

#include <algorithm>
#include <cmath>

namespace embedlab::nn {

GradCheckResult checkGradient(float* x, const float* analytic, int64_t n,
                              const std::function<double()>& loss,
                              const GradCheckOptions& options) {
  GradCheckResult r;
  const int64_t stride =
      (options.maxEntries > 0 && n > options.maxEntries) ? (n + options.maxEntries - 1) / options.maxEntries : 1;
  double diff2 = 0, num2 = 0, ana2 = 0;
  for (int64_t i = 0; i < n; i += stride) {
    const float orig = x[i];
    const float up = static_cast<float>(orig + options.step);
    const float down = static_cast<float>(orig - options.step);
    x[i] = up;
    const double lUp = loss();
    x[i] = down;
    const double lDown = loss();
    x[i] = orig;
    const double numeric = (lUp - lDown) / (static_cast<double>(up) - static_cast<double>(down));
    const double d = numeric - analytic[i];
    diff2 += d * d;
    num2 += numeric * numeric;
    ana2 += static_cast<double>(analytic[i]) * analytic[i];
    r.maxAbsDiff = std::max(r.maxAbsDiff, std::fabs(d));
    ++r.checked;
  }
  r.numericNorm = std::sqrt(num2);
  r.relError = std::sqrt(diff2) / std::max({std::sqrt(num2), std::sqrt(ana2), 1e-12});
  return r;
}

}  // namespace embedlab::nn
