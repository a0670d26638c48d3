#include "util/parallel.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace parallax {

int MachineCores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

int DefaultJobs() {
  // Bound by taskset, a container's cpuset or an MPI launcher.
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) return std::max(1, CPU_COUNT(&allowed));
  return MachineCores();
}

void ParallelFor(size_t count, int jobs, const std::function<void(size_t)>& fn) {
  const size_t threads = std::min<size_t>(std::max(jobs, 1), count);
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next.fetch_add(1, std::memory_order_relaxed); i < count;
         i = next.fetch_add(1, std::memory_order_relaxed)) {
      fn(i);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace parallax
