#include "util/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

absl::Status ErrnoStatus(const std::string& path, std::string_view what, int error) {
  const std::string message = StrCat(path, ": ", what, ": ", std::strerror(error));
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
      return absl::PermissionDeniedError(message);
    default:
      return absl::FailedPreconditionError(message);
  }
}

// Closes the descriptor on every path out of ReadFile.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() { ::close(fd_); }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

}  // namespace

absl::StatusOr<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, "cannot open", errno);
  FdCloser closer(fd);
  struct stat info;
  if (::fstat(fd, &info) != 0) return ErrnoStatus(path, "cannot stat", errno);
  if (S_ISDIR(info.st_mode)) {
    return absl::FailedPreconditionError(StrCat(path, ": is a directory, not a file"));
  }
  if (S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) > max_bytes) {
    return absl::ResourceExhaustedError(StrCat(path, ": file is ", HumanBytes(info.st_size),
                                               ", over the limit of ", HumanBytes(max_bytes),
                                               " (raise it with --max-article-bytes)"));
  }
  std::string contents;
  if (S_ISREG(info.st_mode)) contents.reserve(info.st_size);
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path, "read error", errno);
    }
    // Pipes and files that grow while read have no size up front.
    if (contents.size() + n > max_bytes) {
      return absl::ResourceExhaustedError(StrCat(path, ": file is over the limit of ",
                                                 HumanBytes(max_bytes),
                                                 " (raise it with --max-article-bytes)"));
    }
    contents.append(buffer, n);
  }
  return contents;
}

// Large enough that writes are few, small next to a report.
constexpr size_t kChunkBytes = size_t{1} << 20;

absl::StatusOr<std::unique_ptr<FileOut>> FileOut::Create(const std::string& path) {
  std::string temp = StrCat(path, ".tmp.", ::getpid());
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (file == nullptr) return ErrnoStatus(temp, "cannot create", errno);
  return std::unique_ptr<FileOut>(new FileOut(path, std::move(temp), file));
}

FileOut::FileOut(std::string path, std::string temp, std::FILE* file)
    : path_(std::move(path)), temp_(std::move(temp)), file_(file) {
  buffer_.reserve(kChunkBytes + kChunkBytes / 4);
}

FileOut::~FileOut() {
  if (file_ == nullptr) return;
  std::fclose(file_);
  std::remove(temp_.c_str());
}

void FileOut::Drain() {
  if (error_ == 0 && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    error_ = errno != 0 ? errno : EIO;
  }
  buffer_.clear();
}

void FileOut::Checkpoint() {
  if (buffer_.size() >= kChunkBytes) Drain();
}

absl::Status FileOut::Commit() {
  Drain();
  const int close_error = std::fclose(file_) != 0 ? errno : 0;
  file_ = nullptr;
  if (error_ != 0 || close_error != 0) {
    std::remove(temp_.c_str());
    return ErrnoStatus(temp_, "cannot write", error_ != 0 ? error_ : close_error);
  }
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    std::remove(temp_.c_str());
    return ErrnoStatus(path_, "cannot replace", error);
  }
  return absl::OkStatus();
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  PARALLAX_ASSIGN_OR_RETURN(std::unique_ptr<FileOut> out, FileOut::Create(path));
  out->buffer().append(contents);
  return out->Commit();
}

bool ReadAt(int fd, uint64_t offset, char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, data + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) errno = EIO;  // the file is shorter than expected
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool WriteAt(int fd, uint64_t offset, const char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::string HumanBytes(size_t bytes) {
  if (bytes < 1024) return StrCat(bytes, " bytes");
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  int unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

}  // namespace parallax
