#include "core/train/JobSupport.h"

#include <algorithm>
#include <exception>

namespace embedlab {

double secondsOf(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

double Pace::etaSeconds(double stepsLeft) const {
  if (!(steps > 0) || !(seconds > 0)) return 0;
  return std::max(stepsLeft, 0.0) * (seconds / steps);
}

JobResult runGuarded(const std::function<void(JobResult& result)>& body) {
  JobResult result;
  try {
    body(result);
  } catch (const std::exception& e) {
    result.status = JobStatus::Failed;
    result.message = e.what();
  }
  return result;
}

}  // namespace embedlab
