#pragma once
// Finite-difference check of a backward pass: central differences of a scalar loss, computed in
// double from the float parameters actually perturbed, compared with the analytic gradient.
#include <cstdint>
#include <functional>

namespace embedlab::nn {

struct GradCheckOptions {
  double step = 1e-2;     // perturbation h (the difference is divided by the exact float gap)
  int64_t maxEntries = 0; // check at most this many entries, spread evenly (0 = all)
};

struct GradCheckResult {
  double relError = 0;    // ‖numeric − analytic‖ / max(‖numeric‖, ‖analytic‖, 1e-12)
  double maxAbsDiff = 0;  // largest |numeric − analytic| of one entry
  double numericNorm = 0;
  int64_t checked = 0;
};

// x: (n) the parameters (perturbed in place and restored); analytic: (n) d loss/d x;
// loss(): recomputes the scalar loss from the current x.
GradCheckResult checkGradient(float* x, const float* analytic, int64_t n,
                              const std::function<double()>& loss,
                              const GradCheckOptions& options = {});

}  // namespace embedlab::nn
