// Reading and writing whole files, with errors as absl::Status.
#ifndef PARALLAX_UTIL_FILE_H_
#define PARALLAX_UTIL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace parallax {

// Reads the file at `path`. Fails with NotFound, PermissionDenied, or
// FailedPrecondition (a directory, a read error), and with ResourceExhausted
// when the file is larger than `max_bytes`, without reading it. Messages start
// with the path.
absl::StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes);

// Writes `contents` to `path` through a temporary file in the same folder and
// a rename, so a reader never sees half a file.
absl::Status WriteFileAtomically(const std::string& path, std::string_view contents);

// Reads or writes exactly `size` bytes of the open file `fd` at `offset`
// (pread/pwrite, so threads may share `fd`); false on an error or a short
// read, with errno set.
bool ReadAt(int fd, uint64_t offset, char* data, size_t size);
bool WriteAt(int fd, uint64_t offset, const char* data, size_t size);

// "1.5 MiB", "512 bytes".
std::string HumanBytes(size_t bytes);

}  // namespace parallax

#endif  // PARALLAX_UTIL_FILE_H_
