#include "testing/shipped_rules.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "rules/diagnostics.h"
#include "rules/matcher.h"

namespace parallax {

const RuleSet& ShippedRules() {
  static const RuleSet* const rules = [] {
    // Their examples are checked once, by the rules_shipped tests.
    RuleSetOptions options;
    options.check_examples = false;
    RuleSetLoad load = LoadRuleSet(std::string(PARALLAX_SOURCE_DIR) + "/rules", options);
    for (const Diagnostic& d : load.diagnostics) {
      if (d.severity == Diagnostic::kError) ADD_FAILURE() << FormatDiagnostic(d);
    }
    if (load.rules == nullptr) {
      // Every caller needs the rules; stop with the reason rather than crash.
      std::fprintf(stderr, "the shipped rules in %s/rules do not load\n", PARALLAX_SOURCE_DIR);
      std::abort();
    }
    return load.rules.release();
  }();
  return *rules;
}

std::vector<Claim> ExtractWithShippedRules(std::string body, std::optional<CivilDate> date) {
  Article article;
  article.id = "a";
  article.body = std::move(body);
  article.date = date;
  return ExtractClaims(article, Matcher(ShippedRules()));
}

}  // namespace parallax
