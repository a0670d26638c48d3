// Reading and writing whole files, with errors as absl::Status.
#ifndef PARALLAX_UTIL_FILE_H_
#define PARALLAX_UTIL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "util/text_out.h"

namespace parallax {

// Reads the file at `path`. Fails with NotFound, PermissionDenied, or
// FailedPrecondition (a directory, a read error), and with ResourceExhausted
// when the file is larger than `max_bytes`, without reading it. Messages start
// with the path.
absl::StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes);

// Writes to a temporary file beside `path` whenever a checkpoint finds a
// chunk's worth of text, and renames it to `path` on Commit, so a reader
// never sees half a file. Dropped without Commit, it removes the file.
//
//   PARALLAX_ASSIGN_OR_RETURN(std::unique_ptr<FileOut> out, FileOut::Create(path));
//   for (...) { out->buffer() += row; out->Checkpoint(); }
//   return out->Commit();
class FileOut : public TextOut {
 public:
  static absl::StatusOr<std::unique_ptr<FileOut>> Create(const std::string& path);
  ~FileOut() override;

  void Checkpoint() override;
  // Writes what is left and puts the file in place; the first write error,
  // if any, is returned here.
  absl::Status Commit();

 private:
  FileOut(std::string path, std::string temp, std::FILE* file);
  void Drain();

  const std::string path_;
  const std::string temp_;
  std::FILE* file_;
  int error_ = 0;  // errno of the first failed write
};

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
