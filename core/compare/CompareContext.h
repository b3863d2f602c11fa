#pragma once
// What the comparison code (feature providers, classifyTask, ReportRunner) tells the outside world
// and how it is told to stop, without knowing whether a terminal (embedlab-cli) or a window
// listens. Work that takes long runs in "stages" (loading a vectors file, embedding the training
// texts, ...): a stage begins with the unit its throughput counts, reports Progress and ends. The
// CLI draws one progress line per stage and holds Ctrl-C for its length; the window maps it to a
// progress bar. Every callback may be empty.
#include <functional>
#include <string>
#include <utility>

#include "core/train/Progress.h"

namespace embedlab {

struct CompareContext {
  std::function<void(const std::string& message)> onNote;  // "classifying spam with ...", warnings
  std::function<void(const std::string& unit)> onStageBegin;
  ProgressSink onProgress;  // phase, step / total of the stage in progress
  std::function<void()> onStageEnd;
  // Polled between batches; a stop ends the work with an Error ("... stopped"), which the caller
  // tells from a failure by asking the token.
  StopToken* stop = nullptr;

  void note(const std::string& message) const {
    if (onNote) onNote(message);
  }
  bool stopRequested() const { return stop && stop->stopRequested(); }
};

// One stage of work, ended when it goes out of scope (also by an exception).
class CompareStage {
 public:
  CompareStage(const CompareContext& ctx, const std::string& unit) : ctx_(ctx) {
    if (ctx_.onStageBegin) ctx_.onStageBegin(unit);
  }
  ~CompareStage() {
    if (ctx_.onStageEnd) ctx_.onStageEnd();
  }
  CompareStage(const CompareStage&) = delete;
  CompareStage& operator=(const CompareStage&) = delete;

  void report(const Progress& p) const {
    if (ctx_.onProgress) ctx_.onProgress(p);
  }
  void report(const std::string& phase, int64_t done, int64_t total) const {
    Progress p;
    p.phase = phase;
    p.step = done;
    p.total = total;
    report(p);
  }

 private:
  const CompareContext& ctx_;
};

}  // namespace embedlab
