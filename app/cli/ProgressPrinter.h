#pragma once
// Progress of a long command on stderr. On a terminal: one line redrawn in place (\r) with a bar,
// percent, throughput, loss, learning rate and ETA, at most ~10 times a second. Otherwise (a
// log file, a pipe, a CI job): a plain line every ~2 s and at each change of phase, so logs stay
// short and readable. Nothing at all for work that ends within the first interval. Silent when quiet.
#include <chrono>
#include <string>

#include "core/train/Progress.h"

namespace embedlab::cli {

class ProgressPrinter {
 public:
  struct Options {
    std::string unit = "words";   // what Progress::itemsPerSec counts
    bool showLoss = true;         // loss and lr while phase == "training"
    bool quiet = false;
    double plainIntervalSeconds = 2.0;
    double liveIntervalSeconds = 0.1;
    double liveDelaySeconds = 0.3;  // nothing is drawn before (plain mode: plainIntervalSeconds)
  };

  explicit ProgressPrinter(Options options);
  ~ProgressPrinter();  // finish()
  ProgressPrinter(const ProgressPrinter&) = delete;
  ProgressPrinter& operator=(const ProgressPrinter&) = delete;

  // Thread-compatible, not thread-safe: jobs call their sink from one thread at a time.
  void report(const Progress& progress);
  // Ends the live line (newline) so that what follows starts on a fresh line.
  void finish();

  // Progress for work measured only as a fraction (e.g. bytes of a corpus read).
  static Progress fraction(const std::string& phase, double done);

 private:
  std::string format(const Progress& p, bool live) const;

  Options options_;
  bool terminal_ = false;
  bool lineOpen_ = false;     // a live line is on screen without its newline
  size_t lastWidth_ = 0;
  std::string lastPhase_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastPrint_{};
  bool printedAny_ = false;
};

}  // namespace embedlab::cli
