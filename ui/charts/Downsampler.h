#pragma once
// Chooses which points of a long series to draw: at most maxPoints of them, keeping the shape a
// person sees on screen. The x range is cut into equal-width buckets (about one per pixel column
// of a wide chart); each bucket keeps its lowest and its highest point (in their original order),
// and the first and last points are always kept. Spikes and the envelope of a noisy loss therefore
// survive, which averaging or striding would hide. Points with a non-finite x or y are never drawn.
//
// Cost: two passes over the input, O(n + buckets); no allocation proportional to n except the
// result. The input is read through accessors so that callers need not copy their structs.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace embedlab::ui {

class Downsampler {
 public:
  static constexpr int64_t kMinPoints = 4;   // first, last and one bucket's min and max

  // Number of buckets for a cap: 2 points per bucket plus the first and the last.
  static int64_t bucketCount(int64_t maxPoints) {
    return std::max<int64_t>(1, (std::max(maxPoints, kMinPoints) - 2) / 2);
  }

  // xOf(i), yOf(i) -> double for i in [0, n). Returns increasing indices when x is non-decreasing.
  template <class XOf, class YOf>
  static std::vector<int64_t> select(int64_t n, int64_t maxPoints, XOf xOf, YOf yOf) {
    maxPoints = std::max(maxPoints, kMinPoints);
    std::vector<int64_t> out;
    // Pass 1: drawable points and the x range.
    int64_t finite = 0, first = -1, last = -1;
    double xMin = 0, xMax = 0;
    for (int64_t i = 0; i < n; ++i) {
      const double x = xOf(i), y = yOf(i);
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      if (first < 0) { first = i; xMin = xMax = x; }
      xMin = std::min(xMin, x);
      xMax = std::max(xMax, x);
      last = i;
      ++finite;
    }
    if (finite == 0) return out;
    if (finite <= maxPoints) {
      out.reserve(static_cast<size_t>(finite));
      for (int64_t i = first; i <= last; ++i)
        if (std::isfinite(xOf(i)) && std::isfinite(yOf(i))) out.push_back(i);
      return out;
    }

    // Pass 2: min and max per bucket. A degenerate x range (all x equal) buckets by index.
    const int64_t buckets = bucketCount(maxPoints);
    const double width = xMax - xMin;
    const bool byIndex = !(width > 0) || !std::isfinite(width);
    const double scale = byIndex ? 0.0 : static_cast<double>(buckets) / width;
    struct Bucket {
      int64_t minI = -1, maxI = -1;
      double minY = 0, maxY = 0;
    };
    std::vector<Bucket> bucket(static_cast<size_t>(buckets));
    for (int64_t i = first; i <= last; ++i) {
      const double x = xOf(i), y = yOf(i);
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      int64_t b = byIndex ? (i - first) * buckets / (last - first + 1)
                          : static_cast<int64_t>((x - xMin) * scale);
      b = std::clamp<int64_t>(b, 0, buckets - 1);
      Bucket& k = bucket[static_cast<size_t>(b)];
      if (k.minI < 0) {
        k.minI = k.maxI = i;
        k.minY = k.maxY = y;
        continue;
      }
      if (y < k.minY) { k.minY = y; k.minI = i; }
      if (y > k.maxY) { k.maxY = y; k.maxI = i; }
    }

    out.reserve(static_cast<size_t>(2 * buckets + 2));
    auto keep = [&out](int64_t i) {
      if (out.empty() || out.back() != i) out.push_back(i);
    };
    keep(first);
    for (const Bucket& k : bucket) {
      if (k.minI < 0) continue;
      keep(std::min(k.minI, k.maxI));
      keep(std::max(k.minI, k.maxI));
    }
    keep(last);   // a no-op when the last point is already its bucket's extreme
    return out;
  }
};

}  // namespace embedlab::ui
