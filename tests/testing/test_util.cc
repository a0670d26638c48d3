#include "testing/test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "util/strings.h"

namespace parallax::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "parallax-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed";
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code error;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, error);
  fs::remove_all(path_, error);
}

std::string TempDir::Write(std::string_view relative, std::string_view contents) const {
  const fs::path path = fs::path(path_) / relative;
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  EXPECT_TRUE(out.good()) << path;
  return path.string();
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string SeedsDir() {
  const std::string dir = std::string(PARALLAX_SHARED_DIR) + "/corpus/seeds";
  return fs::is_directory(dir) ? dir : "";
}

std::string ReadSeed(const std::string& name) {
  const std::string path = std::string(PARALLAX_SHARED_DIR) + "/corpus/seeds/" + name;
  return fs::exists(path) ? ReadFileOrDie(path) : "";
}

ExactBuffer::ExactBuffer(std::string_view s) : data_(new char[s.size() + 1]), size_(s.size()) {
  std::memcpy(data_.get() + 1, s.data(), s.size());
}

std::string ShellQuote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += "'";
  return quoted;
}

CommandResult RunParallax(const std::string& args, const std::string& work_dir,
                          const std::string& stdin_file) {
  TempDir capture;
  const std::string out_path = capture.path() + "/out";
  const std::string err_path = capture.path() + "/err";
  const std::string command =
      StrCat("cd ", ShellQuote(work_dir), " && ", ShellQuote(PARALLAX_BINARY), " ", args, " <",
             stdin_file.empty() ? "/dev/null" : ShellQuote(stdin_file), " >", ShellQuote(out_path),
             " 2>", ShellQuote(err_path));
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFileOrDie(out_path);
  result.err = ReadFileOrDie(err_path);
  return result;
}

}  // namespace parallax::testing
