// What this process has used: its peak resident memory.
#ifndef PARALLAX_UTIL_RESOURCES_H_
#define PARALLAX_UTIL_RESOURCES_H_

namespace parallax {

// The peak resident set size of this process so far, in MiB (VmHWM of
// /proc/self/status); 0 where that is not available.
double PeakRssMiB();

}  // namespace parallax

#endif  // PARALLAX_UTIL_RESOURCES_H_
