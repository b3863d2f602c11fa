#include "ui/charts/StreamingDownsampler.h"

#include <algorithm>
#include <cmath>

#include "ui/charts/Downsampler.h"

namespace embedlab::ui {

StreamingDownsampler::StreamingDownsampler(int64_t maxPoints)
    : maxPoints_(std::max(maxPoints, Downsampler::kMinPoints)), bucketCount_(Downsampler::bucketCount(maxPoints)) {}

void StreamingDownsampler::clear() {
  monotone_ = true;
  count_ = 0;
  first_ = last_ = Sample();
  early_.clear();
  buckets_.clear();
  x0_ = width_ = 0;
}

void StreamingDownsampler::append(int64_t index, double x, double y) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  const Sample s{index, x, y};
  if (count_ > 0 && x < last_.x) monotone_ = false;
  if (!monotone_) return;   // the caller redraws from the full data now
  if (count_ == 0) first_ = s;
  last_ = s;
  ++count_;
  if (buckets_.empty()) {
    early_.push_back(s);
    if (count_ > maxPoints_) startBuckets();
    return;
  }
  addToBuckets(s);
}

void StreamingDownsampler::startBuckets() {
  x0_ = first_.x;
  // Half the buckets cover what is there now, leaving room to grow before the first merge.
  width_ = (last_.x - x0_) / double(std::max<int64_t>(1, bucketCount_ / 2));
  if (!(width_ > 0) || !std::isfinite(width_)) {
    // All x equal so far: no x buckets exist; Downsampler buckets such data by index.
    monotone_ = false;
    return;
  }
  buckets_.assign(size_t(bucketCount_), Bucket());
  for (const Sample& s : early_) addToBuckets(s);
  early_.clear();
  early_.shrink_to_fit();
}

void StreamingDownsampler::addToBuckets(const Sample& s) {
  // Kept in double until it is known to be small: a far jump in x would overflow int64_t.
  double position = (s.x - x0_) / width_;
  if (!std::isfinite(position)) {
    monotone_ = false;
    return;
  }
  while (position >= double(bucketCount_)) {
    mergePairs();
    position = (s.x - x0_) / width_;
  }
  Bucket& k = buckets_[size_t(std::max<int64_t>(int64_t(position), 0))];
  if (k.min.index < 0) {
    k.min = k.max = s;
    return;
  }
  if (s.y < k.min.y) k.min = s;
  if (s.y > k.max.y) k.max = s;
}

void StreamingDownsampler::mergePairs() {
  // Bucket j of the wider grid covers buckets 2j and 2j+1 of the old one.
  const size_t n = buckets_.size();
  for (size_t j = 0; j < n; ++j) {
    Bucket merged;
    for (size_t k = 2 * j; k < std::min(2 * j + 2, n); ++k) {
      const Bucket& b = buckets_[k];
      if (b.min.index < 0) continue;
      if (merged.min.index < 0) {
        merged = b;
        continue;
      }
      if (b.min.y < merged.min.y) merged.min = b.min;   // ties keep the earlier point
      if (b.max.y > merged.max.y) merged.max = b.max;
    }
    buckets_[j] = merged;
  }
  width_ *= 2;
}

void StreamingDownsampler::samples(std::vector<Sample>& out) const {
  out.clear();
  if (count_ == 0) return;
  if (buckets_.empty()) {
    out = early_;
    return;
  }
  out.reserve(size_t(2 * bucketCount_ + 2));
  auto keep = [&out](const Sample& s) {
    if (out.empty() || out.back().index != s.index) out.push_back(s);
  };
  keep(first_);
  for (const Bucket& b : buckets_) {
    if (b.min.index < 0) continue;
    const bool minFirst = b.min.index <= b.max.index;
    keep(minFirst ? b.min : b.max);
    keep(minFirst ? b.max : b.min);
  }
  keep(last_);
}

}  // namespace embedlab::ui
