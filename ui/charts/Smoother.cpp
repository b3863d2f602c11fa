#include "ui/charts/Smoother.h"

#include <algorithm>
#include <cmath>

namespace embedlab::ui {

double Smoother::clampWeight(double weight) {
  if (!std::isfinite(weight)) return kDefaultWeight;
  return std::clamp(weight, 0.0, kMaxWeight);
}

void Smoother::reset(double weight) {
  weight_ = clampWeight(weight);
  last_ = 0;
  weightPow_ = 1;
  count_ = 0;
}

double Smoother::push(double value) {
  if (!std::isfinite(value)) return value;
  last_ = last_ * weight_ + (1.0 - weight_) * value;
  weightPow_ *= weight_;
  ++count_;
  const double debias = 1.0 - weightPow_;
  // weightPow_ underflows to 0 after enough points, so debias -> 1 and this stays well defined.
  return debias > 0 ? last_ / debias : value;
}

}  // namespace embedlab::ui
