#pragma once
// What one Word2Vec thread has done so far, cumulative, published every few thousand words.
// Written by its thread only, read by the reporting thread; a sequence lock makes the three
// numbers one consistent snapshot. One cache line per thread: no false sharing between publishers.
#include <atomic>
#include <cstdint>

namespace embedlab::w2v {

struct alignas(64) Published {
  std::atomic<uint64_t> seq{0};
  std::atomic<int64_t> words{0};
  std::atomic<int64_t> pairs{0};
  std::atomic<double> loss{0};
};

struct Snapshot {
  int64_t words = 0, pairs = 0;
  double loss = 0;
};

inline void publish(Published& p, const Snapshot& s) {
  const uint64_t q = p.seq.load(std::memory_order_relaxed);
  p.seq.store(q + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  p.words.store(s.words, std::memory_order_relaxed);
  p.pairs.store(s.pairs, std::memory_order_relaxed);
  p.loss.store(s.loss, std::memory_order_relaxed);
  p.seq.store(q + 2, std::memory_order_release);
}

inline Snapshot read(const Published& p) {
  for (;;) {
    const uint64_t q1 = p.seq.load(std::memory_order_acquire);
    Snapshot s;
    s.words = p.words.load(std::memory_order_relaxed);
    s.pairs = p.pairs.load(std::memory_order_relaxed);
    s.loss = p.loss.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    const uint64_t q2 = p.seq.load(std::memory_order_relaxed);
    if (q1 == q2 && (q1 & 1) == 0) return s;
  }
}

}  // namespace embedlab::w2v
