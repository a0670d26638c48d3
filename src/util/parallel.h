// Running independent per-item work on several threads.
#ifndef PARALLAX_UTIL_PARALLEL_H_
#define PARALLAX_UTIL_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace parallax {

// The machine's hardware threads, at least 1.
int MachineCores();

// The number of cores this process may run on, at least 1: fewer than
// MachineCores() when it is bound to some.
int DefaultJobs();

// Calls fn(i) once for every i in [0, count), on up to `jobs` threads
// (the calling thread is one of them). Items are handed out one at a time, so
// uneven items balance. Returns when every call has returned. `fn` must be
// safe to call concurrently for different i; results go into per-item slots
// so that output never depends on the thread count.
void ParallelFor(size_t count, int jobs, const std::function<void(size_t)>& fn);

}  // namespace parallax

#endif  // PARALLAX_UTIL_PARALLEL_H_
