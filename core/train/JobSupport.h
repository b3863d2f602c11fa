#pragma once
// What every training job repeats around its own work (DESIGN.md, contract 1): the throughput
// and the time left that its Progress events carry, and the rule that TrainingJob::run() never
// throws. Word2Vec, BERT pre-training and fine-tuning, ELMo and its scalar mix share these.
#include <chrono>
#include <functional>

#include "core/train/Progress.h"
#include "core/train/TrainingJob.h"

namespace embedlab {

// Seconds in a steady-clock duration.
double secondsOf(std::chrono::steady_clock::duration d);

// The pace of a job over a stretch of its work (a reporting window, or the whole run so far):
// `items` in the unit of Progress::itemsPerSec (words, tokens, examples) and `steps` in the unit
// of Progress::step / total, done in `seconds` (the caller leaves pauses out).
struct Pace {
  double items = 0;
  double steps = 0;
  double seconds = 0;

  // Items per second; 0 before any time has passed.
  double itemsPerSec() const { return seconds > 0 ? items / seconds : 0; }
  // Seconds that `stepsLeft` more steps take at this pace; 0 while the pace is unknown (no step
  // or no time yet), so that a view shows no estimate rather than a wrong one.
  double etaSeconds(double stepsLeft) const;
};

// Runs the body of a TrainingJob::run(). An exception it throws becomes JobStatus::Failed with the
// exception's message; what the body had put in `result` before (files it wrote) is kept.
JobResult runGuarded(const std::function<void(JobResult& result)>& body);

}  // namespace embedlab
