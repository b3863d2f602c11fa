#include "core/models/word2vec/AliasSampler.h"

#include <algorithm>
#include <cmath>

namespace embedlab {

AliasSampler::AliasSampler(const std::vector<int64_t>& counts, double power) {
  n_ = counts.size();
  entries_.assign(n_, Entry{0xffffffffu, 0});
  if (n_ == 0) return;
  // Vose's construction in double: scaled probabilities n * p_i, split into buckets below and
  // above 1; each small bucket is topped up by one large one (its alias).
  std::vector<double> scaled(n_);
  double total = 0;
  for (uint64_t i = 0; i < n_; ++i) total += std::pow(static_cast<double>(std::max<int64_t>(counts[i], 0)), power);
  for (uint64_t i = 0; i < n_; ++i)
    scaled[i] = total > 0 ? std::pow(static_cast<double>(std::max<int64_t>(counts[i], 0)), power) * n_ / total : 1.0;
  std::vector<int32_t> small, large;
  for (uint64_t i = 0; i < n_; ++i) (scaled[i] < 1.0 ? small : large).push_back(static_cast<int32_t>(i));
  auto threshold = [](double p) {
    return static_cast<uint32_t>(std::clamp(p, 0.0, 1.0) * 4294967295.0);
  };
  while (!small.empty() && !large.empty()) {
    const int32_t s = small.back(), l = large.back();
    small.pop_back();
    entries_[s] = Entry{threshold(scaled[s]), l};
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left is 1 up to rounding: always keep its own bucket.
  for (int32_t i : small) entries_[i] = Entry{0xffffffffu, i};
  for (int32_t i : large) entries_[i] = Entry{0xffffffffu, i};
}

}  // namespace embedlab
