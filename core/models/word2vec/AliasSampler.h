#pragma once
// Draws word ids from count^power / Z (word2vec's unigram^0.75 noise) in O(1) by Walker's alias
// method, with each bucket's threshold and alias packed into one 8-byte entry: a draw touches
// one cache line instead of two (the noise draws are a measurable part of skip-gram's time,
// since their table does not stay in L1).
#include <cstdint>
#include <vector>

namespace embedlab {

class AliasSampler {
 public:
  AliasSampler() = default;
  AliasSampler(const std::vector<int64_t>& counts, double power);

  // One draw from a 64-bit random value: high 32 bits pick the bucket, low 32 bits the side.
  int64_t sample(uint64_t random64) const {
    const uint64_t bucket = ((random64 >> 32) * n_) >> 32;
    const Entry e = entries_[bucket];
    return static_cast<uint32_t>(random64) < e.threshold ? static_cast<int64_t>(bucket) : e.alias;
  }
  int64_t size() const { return static_cast<int64_t>(n_); }

 private:
  struct Entry {
    uint32_t threshold;  // keep the bucket when the low 32 random bits are below this
    int32_t alias;
  };
  std::vector<Entry> entries_;
  uint64_t n_ = 0;
};

}  // namespace embedlab
