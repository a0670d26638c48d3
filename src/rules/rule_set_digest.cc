#include "rules/rule_set_digest.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include "util/file.h"
#include "util/sha256.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {

absl::StatusOr<RulesInfo> DigestRuleSet(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return absl::NotFoundError(StrCat(dir, ": the rules folder does not exist"));
  }
  std::vector<std::string> relative_paths;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".rules") {
      relative_paths.push_back(fs::relative(it->path(), dir).generic_string());
    }
  }
  if (error) return absl::FailedPreconditionError(StrCat(dir, ": ", error.message()));
  std::sort(relative_paths.begin(), relative_paths.end());

  Sha256 hash;
  for (const std::string& relative : relative_paths) {
    PARALLAX_ASSIGN_OR_RETURN(std::string bytes,
                              ReadFile((fs::path(dir) / relative).string(), size_t{64} << 20));
    hash.Update(relative);
    hash.Update(std::string_view("\0", 1));
    hash.Update(StrCat(bytes.size()));
    hash.Update(std::string_view("\0", 1));
    hash.Update(bytes);
  }
  RulesInfo info;
  info.dir = dir;
  info.digest = StrCat("sha256:", hash.HexDigest());
  info.files = static_cast<int>(relative_paths.size());
  return info;
}

}  // namespace parallax
