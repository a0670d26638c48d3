// The identity of a rule set: which files it has and a digest of their bytes,
// recorded in every report so a reader knows which rules produced it.
#ifndef PARALLAX_RULES_RULE_SET_DIGEST_H_
#define PARALLAX_RULES_RULE_SET_DIGEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "report/report.h"

namespace parallax {

// Digests every *.rules file under `dir` (recursively): SHA-256 over, for
// each file in byte order of its path relative to `dir`, the relative path,
// a NUL, the decimal size, a NUL and the file's bytes. So renaming, adding or
// editing any rule file changes the digest, and nothing else does.
// Fails with NotFound when `dir` is not a folder.
absl::StatusOr<RulesInfo> DigestRuleSet(const std::string& dir);

}  // namespace parallax

#endif  // PARALLAX_RULES_RULE_SET_DIGEST_H_
