// The rule set shipped in rules/, loaded once per test binary, and
// extraction with it.
#ifndef PARALLAX_TESTS_TESTING_SHIPPED_RULES_H_
#define PARALLAX_TESTS_TESTING_SHIPPED_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "extract/claim.h"
#include "rules/rule_set.h"
#include "util/civil_date.h"

namespace parallax {

// Reports every load error as a test failure; aborts the binary when the
// rules do not load at all.
const RuleSet& ShippedRules();

// ExtractClaims over an article with this body and publication date.
std::vector<Claim> ExtractWithShippedRules(std::string body,
                                           std::optional<CivilDate> date = std::nullopt);

}  // namespace parallax

#endif  // PARALLAX_TESTS_TESTING_SHIPPED_RULES_H_
