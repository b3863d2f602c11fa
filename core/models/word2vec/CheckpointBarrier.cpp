#include "core/models/word2vec/CheckpointBarrier.h"

#include <thread>

namespace embedlab::w2v {

void CheckpointBarrier::setUp(int maxThreads, int64_t everyWords, double everySeconds) {
  positions_.assign(static_cast<size_t>(maxThreads), Position{});
  everyWords_ = everyWords;
  everySeconds_ = everySeconds;
}

std::vector<CheckpointBarrier::Position> CheckpointBarrier::positions(int team) const {
  return {positions_.begin(), positions_.begin() + team};
}

void CheckpointBarrier::start(int64_t globalWords, Clock::time_point now) {
  last_ = now;
  if (everyWords_ > 0) nextWords_.store((globalWords / everyWords_ + 1) * everyWords_);
}

void CheckpointBarrier::requestIfDueByWords(int64_t globalWords) {
  if (globalWords >= nextWords_.load(std::memory_order_relaxed)) requested_.store(true, std::memory_order_release);
}

void CheckpointBarrier::requestIfDueByTime() {
  if (everySeconds_ > 0 && std::chrono::duration<double>(Clock::now() - last_).count() >= everySeconds_)
    requested_.store(true, std::memory_order_release);
}

void CheckpointBarrier::park() {
  const uint64_t generation = generation_.load(std::memory_order_acquire);
  parked_.fetch_add(1, std::memory_order_acq_rel);
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != generation; });
}

void CheckpointBarrier::writeWhenStill(int expected, const std::atomic<int>& finished,
                                       const std::atomic<int64_t>& globalWords, const std::function<void()>& write) {
  while (parked_.load(std::memory_order_acquire) + finished.load(std::memory_order_acquire) < expected)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  write();
  if (everyWords_ > 0) nextWords_.store((globalWords.load() / everyWords_ + 1) * everyWords_, std::memory_order_relaxed);
  last_ = Clock::now();
  parked_.store(0, std::memory_order_relaxed);
  requested_.store(false, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  cv_.notify_all();
}

}  // namespace embedlab::w2v
