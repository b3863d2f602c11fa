#pragma once
// The learning rate of BERT pre-training and fine-tuning: linear warm-up from 0 to the peak over
// `warmupSteps`, then linear decay to 0 at `totalSteps`, exactly as Hugging Face's
// get_linear_schedule_with_warmup (a LambdaLR stepped after every optimizer step):
//   factor(s) = s / max(1, warmup)                                  for s < warmup
//             = max(0, (total - s) / max(1, total - warmup))        otherwise
// where s counts the optimizer steps already taken; so with warm-up the first update uses lr 0,
// as in transformers.
#include <cstdint>

namespace embedlab {

class LrSchedule {
 public:
  LrSchedule() = default;
  // Throws UsageError for a negative count or a non-finite / negative peak.
  LrSchedule(double peak, int64_t warmupSteps, int64_t totalSteps);

  // Learning rate for the update after `step` updates (0-based).
  double at(int64_t step) const { return peak_ * factor(step); }
  double factor(int64_t step) const;

  double peak() const { return peak_; }
  int64_t warmupSteps() const { return warmup_; }
  int64_t totalSteps() const { return total_; }

 private:
  double peak_ = 0;
  int64_t warmup_ = 0;
  int64_t total_ = 0;
};

}  // namespace embedlab
