#include "ui/util/ThreadPriority.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace embedlab::ui {

void lowerCurrentThreadPriority(int nice) {
#ifdef __linux__
  // Raising one's own nice value needs no privilege; failure only means normal priority.
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  const int current = getpriority(PRIO_PROCESS, tid);
  if (current < nice) (void)setpriority(PRIO_PROCESS, tid, nice);
#else
  (void)nice;
#endif
}

}  // namespace embedlab::ui
