#pragma once
// Downsampling for a series that grows while it is drawn (a live loss curve). Same picture as
// Downsampler (min and max of equal-width x buckets, plus the first and the last point), but
// maintained as points arrive: O(1) amortised per point and O(maxPoints) to read, so a run with
// a million points redraws as cheaply as one with a thousand.
//
// The buckets start at the first x with a width chosen when the series first outgrows maxPoints;
// when a point falls beyond the last bucket, neighbouring buckets merge pairwise and the width
// doubles (min of mins, max of maxes: still exact). The data therefore always span between half
// and all of the buckets. Requires non-decreasing x (steps and wall time only grow); a point
// that goes back in x makes monotone() false, and the caller falls back to Downsampler.
#include <cstdint>
#include <vector>

namespace embedlab::ui {

class StreamingDownsampler {
 public:
  struct Sample {
    int64_t index = -1;   // position in the caller's full series
    double x = 0, y = 0;
  };

  explicit StreamingDownsampler(int64_t maxPoints = 2000);

  void clear();
  // Points with a non-finite x or y are never drawn and are ignored here.
  void append(int64_t index, double x, double y);

  bool monotone() const { return monotone_; }
  int64_t maxPoints() const { return maxPoints_; }
  // The points to draw, in index order; at most maxPoints.
  void samples(std::vector<Sample>& out) const;

 private:
  struct Bucket {
    Sample min, max;   // min.index < 0: empty
  };
  void startBuckets();
  void addToBuckets(const Sample& s);
  void mergePairs();

  int64_t maxPoints_;
  int64_t bucketCount_;
  bool monotone_ = true;
  int64_t count_ = 0;             // finite points appended
  Sample first_, last_;
  std::vector<Sample> early_;     // every point while count_ <= maxPoints_
  std::vector<Bucket> buckets_;   // empty until the series outgrows maxPoints_
  double x0_ = 0, width_ = 0;
};

}  // namespace embedlab::ui
