#pragma once
// Ctrl-C (SIGINT) and SIGTERM during a long command: the first one asks the running job to stop
// through its StopToken (the job then returns without writing anything, since every file it
// writes is written atomically); a second one ends the process at once (exit code 130).
// A signal handler may not lock the token's mutex, so the handler only sets a flag and a small
// watcher thread turns the flag into token.requestStop() within ~10 ms.
// One guard at a time (they may follow each other, not nest): the handlers are process-wide.
#include <atomic>
#include <thread>

#include "core/train/Progress.h"

namespace embedlab::cli {

class InterruptGuard {
 public:
  explicit InterruptGuard(StopToken& token);
  ~InterruptGuard();  // restores the previous handlers and joins the watcher
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool interrupted() const;

 private:
  StopToken& token_;
  std::atomic<bool> done_{false};
  std::thread watcher_;
};

}  // namespace embedlab::cli
