#pragma once
// Sets the OpenMP thread count of the calling thread for the lifetime of the object and restores
// it afterwards. nthreads-var is a per-thread ICV, so this affects neither other jobs running on
// other threads nor Eigen's products started from them (Eigen asks omp_get_max_threads()).
#include <omp.h>

namespace embedlab {

class ThreadScope {
 public:
  explicit ThreadScope(int threads) : saved_(omp_get_max_threads()) {
    if (threads > 0) omp_set_num_threads(threads);
  }
  ~ThreadScope() { omp_set_num_threads(saved_); }
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;
  int threads() const { return omp_get_max_threads(); }

 private:
  int saved_;
};

}  // namespace embedlab
