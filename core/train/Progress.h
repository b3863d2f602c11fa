#pragma once
// Contract 1 of DESIGN.md: what a training job tells the outside world, and how it is told to
// stop or pause. A job never touches the UI; the UI adapts the sink to queued, throttled signals.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace embedlab {

struct Progress {
  int64_t step = 0;          // work done, in the job's unit (words for Word2Vec, steps for BERT)
  int64_t total = 0;         // work planned in the same unit
  double loss = 0;           // mean loss over the reporting window (not a lifetime average)
  double lr = 0;             // learning rate now
  double itemsPerSec = 0;    // throughput over the reporting window
  double etaSeconds = 0;     // estimated time left
  double elapsedSeconds = 0; // wall time since the job started (pauses excluded)
  std::string phase;         // "vocabulary", "training", "saving", ...
  // Model-specific series, e.g. {"mlm_accuracy", 0.41} or {"mix_w0", 0.33}.
  std::vector<std::pair<std::string, double>> extras;
};

using ProgressSink = std::function<void(const Progress&)>;

// Shared between the thread that controls a job and the threads that run it. Jobs poll
// stopRequested() at least every ~50 ms of work and call waitIfPaused() at the same points.
class StopToken {
 public:
  void requestStop() {
    stop_.store(true, std::memory_order_relaxed);
    std::lock_guard<std::mutex> lock(mutex_);
    cv_.notify_all();
  }
  bool stopRequested() const { return stop_.load(std::memory_order_relaxed); }

  void setPaused(bool paused) {
    paused_.store(paused, std::memory_order_relaxed);
    std::lock_guard<std::mutex> lock(mutex_);
    cv_.notify_all();
  }
  bool paused() const { return paused_.load(std::memory_order_relaxed); }

  // Blocks while paused (returns at once when a stop is requested). Returns the time spent
  // waiting, so that throughput and ETA can leave pauses out.
  std::chrono::steady_clock::duration waitIfPaused() {
    if (!paused()) return {};
    auto start = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return !paused() || stopRequested(); });
    return std::chrono::steady_clock::now() - start;
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<bool> paused_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
};

}  // namespace embedlab
