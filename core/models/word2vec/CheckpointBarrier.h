#pragma once
// The run-time side of Word2Vec checkpoints (Word2VecCheckpoint.h is the file): where each thread
// of the team stands, when the next checkpoint is due, and the barrier at which the team stands
// still while thread 0 writes one.
//
// Every thread records its position at each of its sync points (its own slot only). To write a
// checkpoint the request is raised; each other thread parks at its next sync point (or has
// finished its part), thread 0 writes the file while the model is still, then releases the
// others by bumping the generation they wait on.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "core/models/word2vec/Word2VecCheckpoint.h"

namespace embedlab::w2v {

class CheckpointBarrier {
 public:
  using Position = Word2VecCheckpoint::ThreadPosition;
  using Clock = std::chrono::steady_clock;

  // Slots for up to `maxThreads` threads; periodic checkpoints every `everyWords` words of all
  // threads and / or every `everySeconds` seconds (0: off). Before the team starts.
  void setUp(int maxThreads, int64_t everyWords, double everySeconds);

  // Thread `tid` stands at `at` (called by that thread only).
  void record(int tid, const Position& at) { positions_[static_cast<size_t>(tid)] = at; }
  // The positions of threads 0 .. team-1: while the team stands still, or after it has ended.
  std::vector<Position> positions(int team) const;

  // The team starts at `now` with `globalWords` done: the next checkpoint by words is due at the
  // next multiple of everyWords, the next by time everySeconds later.
  void start(int64_t globalWords, Clock::time_point now);
  // Raise the request when a checkpoint is due by words (any thread, `globalWords`: all threads'
  // words so far) or by time (thread 0 only: the clock is read once per sync point).
  void requestIfDueByWords(int64_t globalWords);
  void requestIfDueByTime();
  bool requested() const { return requested_.load(std::memory_order_acquire); }

  // A thread other than 0 at a sync point while a checkpoint is requested: waits until thread 0
  // has written it.
  void park();
  // Thread 0 while a checkpoint is requested: waits until `expected` threads are parked here or
  // counted in `finished` (their part done: the team less thread 0 while it trains, the whole
  // team once it only coordinates), calls `write` (which writes the file and handles its
  // failures), schedules the next checkpoint (`globalWords` is read after the write) and releases
  // the parked threads.
  void writeWhenStill(int expected, const std::atomic<int>& finished, const std::atomic<int64_t>& globalWords,
                      const std::function<void()>& write);

 private:
  std::vector<Position> positions_;  // (maxThreads)
  int64_t everyWords_ = 0;
  double everySeconds_ = 0;
  std::atomic<bool> requested_{false};
  std::atomic<int> parked_{0};
  std::atomic<uint64_t> generation_{0};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<int64_t> nextWords_{INT64_MAX};
  Clock::time_point last_;  // of the last checkpoint (or the start); thread 0 only
};

}  // namespace embedlab::w2v
