// Framing: the word choices sources make for one referent.
//
// Each `frame` of the rule set lists sets of terms for one referent
// ("protesters | demonstrators" against "rioters | mobs"). Inside a cluster,
// a frame makes a finding when two articles use terms of different sets in
// their own voice: terms inside quotation marks are the speaker's words, not
// the outlet's, and are left out. Every (set, article) pair is a side, with
// the article's first such term as its span and the set's name as its value.
#ifndef PARALLAX_COMPARE_FRAMING_H_
#define PARALLAX_COMPARE_FRAMING_H_

#include <string_view>
#include <vector>

#include "compare/claim_context.h"
#include "report/report.h"
#include "rules/rule_set.h"

namespace parallax {

// Framing findings of one cluster, frame by frame in rule order; ids are
// left empty for the caller.
std::vector<Finding> FindFraming(const RuleSet& rules, std::string_view cluster_id,
                                 const std::vector<const ArticleClaims*>& articles);

}  // namespace parallax

#endif  // PARALLAX_COMPARE_FRAMING_H_
