#include "app/cli/Interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <cassert>
#include <chrono>

namespace embedlab::cli {

namespace {

std::atomic<int> signalsReceived{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler needs a lock-free flag");

struct sigaction previousInt, previousTerm;
std::atomic<bool> guardActive{false};

extern "C" void onInterrupt(int) {
  if (signalsReceived.fetch_add(1) >= 1) {
    static const char message[] = "\nembedlab-cli: interrupted twice, exiting at once\n";
    (void)!write(STDERR_FILENO, message, sizeof message - 1);
    _exit(130);
  }
}

}  // namespace

InterruptGuard::InterruptGuard(StopToken& token) : token_(token) {
  const bool wasActive = guardActive.exchange(true);
  assert(!wasActive && "InterruptGuards must not nest");
  (void)wasActive;
  signalsReceived.store(0);
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previousInt);
  sigaction(SIGTERM, &action, &previousTerm);
  watcher_ = std::thread([this] {
    while (!done_.load()) {
      if (signalsReceived.load() > 0) {
        token_.requestStop();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
}

InterruptGuard::~InterruptGuard() {
  done_.store(true);
  watcher_.join();
  sigaction(SIGINT, &previousInt, nullptr);
  sigaction(SIGTERM, &previousTerm, nullptr);
  guardActive.store(false);
}

bool InterruptGuard::interrupted() const { return signalsReceived.load() > 0; }

}  // namespace embedlab::cli
