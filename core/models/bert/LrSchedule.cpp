#include "core/models/bert/LrSchedule.h"

#include <algorithm>
#include <cmath>

#include "core/util/Error.h"

namespace embedlab {

LrSchedule::LrSchedule(double peak, int64_t warmupSteps, int64_t totalSteps)
    : peak_(peak), warmup_(warmupSteps), total_(totalSteps) {
  if (!std::isfinite(peak) || peak < 0)
    throw UsageError("learning rate must be a finite number >= 0");
  if (warmupSteps < 0 || totalSteps < 0)
    throw UsageError("warm-up and total steps must be >= 0");
}

double LrSchedule::factor(int64_t step) const {
  // Divisions in double, as Python's float(): the rates match transformers' to the last bit
  // before they are multiplied into float32 parameters.
  if (step < warmup_) return static_cast<double>(step) / static_cast<double>(std::max<int64_t>(1, warmup_));
  return std::max(0.0, static_cast<double>(total_ - step) /
                           static_cast<double>(std::max<int64_t>(1, total_ - warmup_)));
}

}  // namespace embedlab
