// A one-line progress display on stderr for long runs: articles done of the
// total, and the rate. Silent when stderr is not a terminal, so logs and CI
// output stay clean.
#ifndef PARALLAX_CLI_PROGRESS_H_
#define PARALLAX_CLI_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <mutex>

namespace parallax::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  ~ProgressLine();

  // Safe to call from several threads; redraws at most ten times a second.
  // A total of 0 means not known yet.
  void Update(size_t done, size_t total);
  // Clears the line.
  void Finish();

 private:
  using Clock = std::chrono::steady_clock;
  const bool enabled_;
  const Clock::time_point start_;
  std::mutex mutex_;
  Clock::time_point last_draw_;
  bool drawn_ = false;
};

// True when stderr is a terminal.
bool StderrIsTerminal();

}  // namespace parallax::cli

#endif  // PARALLAX_CLI_PROGRESS_H_
