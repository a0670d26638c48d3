// Helpers shared by the tests: Status matchers (Debian's Abseil has no
// status_matchers.h), temporary folders, and running the parallax binary.
#ifndef PARALLAX_TESTS_TESTING_TEST_UTIL_H_
#define PARALLAX_TESTS_TESTING_TEST_UTIL_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace parallax::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.ok();
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(status.message()),
                                       result_listener);
}

// A fresh folder under the system temp dir, removed with everything in it
// when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `contents` to path()/relative, creating folders; returns the path.
  std::string Write(std::string_view relative, std::string_view contents) const;

 private:
  std::string path_;
};

// The whole file, or a test failure.
std::string ReadFileOrDie(const std::string& path);

// The seed corpus shipped beside the checkout ("" when it is absent).
std::string SeedsDir();

// The body of one seed article, or "" when the seeds are absent.
std::string ReadSeed(const std::string& name);

// An exact-size heap copy, so that AddressSanitizer catches any read past
// the end (a std::string would hide it behind its terminating NUL).
class ExactBuffer {
 public:
  explicit ExactBuffer(std::string_view s);
  std::string_view view() const { return std::string_view(data_.get() + 1, size_); }

 private:
  // One spare byte in front keeps the pointer valid for empty input; reads
  // past the end still land outside the allocation.
  std::unique_ptr<char[]> data_;
  size_t size_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the parallax binary with `args` (already shell-quoted as needed) in
// `work_dir`, with stdin from /dev/null unless `stdin_file` is given.
CommandResult RunParallax(const std::string& args, const std::string& work_dir,
                          const std::string& stdin_file = "");

// Quotes `text` for /bin/sh.
std::string ShellQuote(std::string_view text);

}  // namespace parallax::testing

#endif  // PARALLAX_TESTS_TESTING_TEST_UTIL_H_
