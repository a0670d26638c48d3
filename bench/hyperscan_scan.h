// A Hyperscan scan of the extraction patterns: one of the yardsticks of
// parallax_scale_bench. Built only when Debian's libhyperscan-dev is there.
#ifndef PARALLAX_BENCH_HYPERSCAN_SCAN_H_
#define PARALLAX_BENCH_HYPERSCAN_SCAN_H_

#include <string>
#include <string_view>
#include <vector>

namespace parallax {

struct HyperscanFigures {
  double compile_seconds = 0;  // 0 when the database came from the cache
  int patterns = 0;            // given
  int rejected = 0;            // that Hyperscan cannot compile (too large, unsupported)
  double scan_seconds = 0;
  double bytes = 0;
  double matches = 0;
  std::string error;  // set when nothing could be scanned
};

// Compiles `patterns` (RE2 syntax, matched case-insensitively) into one
// block-mode database, cached as `cache_file`, and scans every text of
// `texts` with it on one thread.
HyperscanFigures HyperscanScan(const std::vector<std::string>& patterns,
                               const std::vector<std::string_view>& texts,
                               const std::string& cache_file);

}  // namespace parallax

#endif  // PARALLAX_BENCH_HYPERSCAN_SCAN_H_
