#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace parallax::cli {

bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressLine::ProgressLine(bool enabled) : enabled_(enabled), start_(Clock::now()) {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Update(size_t done, size_t total) {
  if (!enabled_) return;
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another thread is drawing
  const Clock::time_point now = Clock::now();
  if (drawn_ && (total == 0 || done < total) && now - last_draw_ < std::chrono::milliseconds(100))
    return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? done / seconds : 0;
  if (total == 0) {
    std::fprintf(stderr, "\r\033[Kparallax: %zu articles (%.0f/s)", done, rate);
  } else {
    std::fprintf(stderr, "\r\033[Kparallax: %zu/%zu articles (%.0f/s)", done, total, rate);
  }
  std::fflush(stderr);
}

void ProgressLine::Finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace parallax::cli
