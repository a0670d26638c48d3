// Comparison: where the articles of one cluster disagree.
//
// Each `compare` rule of the rule set (rules/compare.rules) names a claim
// kind, the fields that must be equal for two claims to be about the same
// thing (`key`, and with `similar` words alike enough), the field compared
// and when two values agree (`tolerance`). Inside a cluster, claims of
// different articles with the same key whose values do not agree become a
// finding of the rule's kind, one per pair of disagreeing values, with every
// article on each side. On top of the rules' keys:
//
//   - claims about history (claim_context.h: background) are left out;
//   - a count that grows across later reports, with a word of change in the
//     later sentence ("rose to"), is an update: one low-severity
//     `quantity_update` with the timeline instead of conflicts;
//   - a conflict between counts only a little apart ranks one level lower.
//
// Framing (framing.h) runs beside the rules. Each finding's id hashes its
// kind, rule and claims (article, value, text), so it stays the same across
// runs while those do. The result depends only on the claims and their
// order in `articles`.
#ifndef PARALLAX_COMPARE_COMPARISON_H_
#define PARALLAX_COMPARE_COMPARISON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "compare/claim_context.h"
#include "report/report.h"
#include "rules/rule_set.h"

namespace parallax {

class ClusterComparer {
 public:
  // Reads the COMPARE table; `rules` must outlive the comparer.
  static absl::StatusOr<ClusterComparer> Create(const RuleSet& rules);

  // Findings in `articles` (one cluster, in its order), each naming
  // `cluster_id`. Thread-safe.
  std::vector<Finding> Compare(std::string_view cluster_id,
                               const std::vector<const ArticleClaims*>& articles) const;

 private:
  ClusterComparer(const RuleSet& rules, CompareSettings settings);

  const RuleSet* rules_;
  CompareSettings settings_;
  // The id of each compare rule and frame by its provenance, which is what
  // a finding names.
  absl::flat_hash_map<std::string, std::string> rule_ids_;
};

// "f-" and 12 hex digits of SHA-256 over the kind, the id of the rule that
// made the finding and each claim's article, value and text (sorted, so
// their order does not matter). The rule's id, not its file and line, so
// that editing a rule file elsewhere leaves the ids, and the reviews kept
// under them, as they were.
std::string FindingId(const Finding& finding, std::string_view rule_id);

}  // namespace parallax

#endif  // PARALLAX_COMPARE_COMPARISON_H_
