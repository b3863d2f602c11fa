#pragma once
// Worker threads (training, statistics, loading) run at a lower scheduling priority than the GUI
// thread, so that on a busy machine the event loop still gets the CPU within milliseconds when it
// wakes up. On Linux "nice" is per thread and inherited by the threads a thread creates, so the
// OpenMP team a job starts from this thread is lowered as well. A no-op elsewhere.
namespace embedlab::ui {

constexpr int kWorkerNice = 10;  // 0 = normal; at 10 a CPU-bound thread weighs ~1/10 of a normal one

void lowerCurrentThreadPriority(int nice = kWorkerNice);

}  // namespace embedlab::ui
