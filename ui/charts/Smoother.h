#pragma once
// TensorBoard's debiased exponential moving average, one value at a time:
//   last = last * w + (1 - w) * x;   smoothed = last / (1 - w^n)
// where n counts the finite values seen so far. The debias term removes the pull towards the
// initial zero, so the first smoothed value equals the first raw value whatever the weight.
// Non-finite inputs pass through unchanged and do not disturb the average (a NaN loss should be
// visible, not smear NaN over the rest of the curve).
#include <cstdint>

namespace embedlab::ui {

class Smoother {
 public:
  static constexpr double kMaxWeight = 0.999;
  static constexpr double kDefaultWeight = 0.6;

  explicit Smoother(double weight = kDefaultWeight) { reset(weight); }

  // Starts over with a new weight, clamped to [0, kMaxWeight] (1 would never move).
  void reset(double weight);
  void reset() { reset(weight_); }

  // O(1): folds one raw value in and returns the smoothed value at that point.
  double push(double value);

  double weight() const { return weight_; }
  int64_t count() const { return count_; }

  static double clampWeight(double weight);

 private:
  double weight_ = kDefaultWeight;
  double last_ = 0;        // biased EMA (starts at 0)
  double weightPow_ = 1;   // w^count_, kept incrementally instead of calling pow() per point
  int64_t count_ = 0;      // finite values folded in
};

}  // namespace embedlab::ui
