#include "scan/claim_shards.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <utility>

#include "extract/claim_stream.h"
#include "util/file.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

namespace fs = std::filesystem;

// The shard files named by `paths`: files as given, folders' files in path
// order, leaving out hidden ones and the "_SUCCESS" markers engines write.
absl::StatusOr<std::vector<std::string>> ListShards(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> inside;
    for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
      const std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.' || name[0] == '_') continue;
      if (entry.is_regular_file(error)) inside.push_back(entry.path().string());
    }
    if (error)
      return absl::NotFoundError(
          StrCat(path, ": cannot list the claims folder: ", error.message()));
    if (inside.empty()) {
      return absl::NotFoundError(StrCat(path, ": no claims shards in the folder"));
    }
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

bool IsBlank(std::string_view line) { return StripWhitespace(line).empty(); }

}  // namespace

absl::StatusOr<std::unique_ptr<ClaimShards>> ClaimShards::Open(
    const std::vector<std::string>& paths, std::vector<Problem>* problems) {
  std::unique_ptr<ClaimShards> shards(new ClaimShards());
  PARALLAX_ASSIGN_OR_RETURN(shards->paths_, ListShards(paths));
  ClaimLineParser parser;
  for (uint32_t s = 0; s < shards->paths_.size(); ++s) {
    const std::string& path = shards->paths_[s];
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    std::ifstream in(path, std::ios::binary);
    if (fd < 0 || !in) {
      if (fd >= 0) ::close(fd);
      return absl::NotFoundError(
          StrCat(path, ": cannot read the claims shard: ", std::strerror(errno)));
    }
    shards->fds_.push_back(fd);
    // The run of lines being read: one article's claims.
    std::optional<std::string> id;
    Run run{s, 0, 0, 0};
    const auto close_run = [&] {
      if (!id) return;
      const auto [it, inserted] =
          shards->run_of_.try_emplace(*id, static_cast<uint32_t>(shards->runs_.size()));
      if (inserted) {
        shards->runs_.push_back(run);
        return;
      }
      const Run& first = shards->runs_[it->second];
      problems->push_back(Problem{
          path, run.first_line,
          StrCat("claims of article \"", *id, "\" apart from its first ones (",
                 shards->paths_[first.shard], ":", first.first_line,
                 "); each article's claims must be one run of lines; these were not read")});
    };
    std::string line;
    uint64_t offset = 0;
    for (int number = 1; std::getline(in, line); ++number) {
      const uint64_t line_start = offset;
      offset += line.size() + (in.eof() ? 0 : 1);
      if (IsBlank(line)) continue;
      absl::StatusOr<std::pair<std::string, Claim>> claim = parser.Parse(line);
      if (!claim.ok()) {
        problems->push_back(Problem{path, number, std::string(claim.status().message())});
        continue;
      }
      if (!id || *id != claim->first) {
        close_run();
        id = std::move(claim->first);
        run = Run{s, number, line_start, 0};
      }
      run.bytes = offset - run.offset;
    }
    close_run();
    if (in.bad()) {
      return absl::DataLossError(StrCat(path, ": reading the claims shard failed"));
    }
  }
  shards->used_ = std::make_unique<std::atomic<bool>[]>(shards->runs_.size());
  return shards;
}

ClaimShards::~ClaimShards() {
  for (int fd : fds_) ::close(fd);
}

absl::StatusOr<std::vector<Claim>> ClaimShards::Load(const Article& article) const {
  const auto found = run_of_.find(article.id);
  if (found == run_of_.end()) return std::vector<Claim>();
  used_[found->second].store(true, std::memory_order_relaxed);
  const Run& run = runs_[found->second];
  const std::string& path = paths_[run.shard];
  std::string bytes(run.bytes, '\0');
  if (!ReadAt(fds_[run.shard], run.offset, bytes.data(), bytes.size())) {
    return absl::DataLossError(StrCat(path, ":", run.first_line, ": cannot read the claims again"));
  }
  thread_local ClaimLineParser parser;
  std::vector<Claim> claims;
  const std::string_view body = article.body;
  int number = run.first_line;
  for (std::string_view rest = bytes; !rest.empty(); ++number) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (IsBlank(line)) continue;
    // Lines that are not claims were reported when the shard was opened.
    absl::StatusOr<std::pair<std::string, Claim>> parsed = parser.Parse(line);
    if (!parsed.ok()) continue;
    Claim& claim = parsed->second;
    const bool fits = claim.end <= body.size() &&
                      body.substr(claim.start, claim.end - claim.start) == claim.text &&
                      claim.speaker_end.value_or(0) <= body.size();
    if (!fits) {
      return absl::DataLossError(StrCat(path, ":", number, ": the claim \"", claim.text,
                                        "\" is not at bytes ", claim.start, " to ", claim.end,
                                        " of the article: were its claims made from "
                                        "another version of it?"));
    }
    claims.push_back(std::move(claim));
  }
  return claims;
}

std::vector<Problem> ClaimShards::Unused() const {
  // In the order of the shards' lines, whatever the map's order.
  std::vector<std::pair<uint32_t, std::string_view>> unused;
  for (const auto& [id, r] : run_of_) {
    if (!used_[r].load(std::memory_order_relaxed)) unused.emplace_back(r, id);
  }
  std::sort(unused.begin(), unused.end());
  std::vector<Problem> problems;
  for (const auto& [r, id] : unused) {
    problems.push_back(Problem{paths_[runs_[r].shard], runs_[r].first_line,
                               StrCat("claims of article \"", id,
                                      "\", which the corpus does not have; they were not used")});
  }
  return problems;
}

}  // namespace parallax
