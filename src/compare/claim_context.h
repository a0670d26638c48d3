// What comparison reads around a claim in its article, beyond what the
// extraction rules said: its sentence, whether that sentence is about an
// earlier event, what the claim is about, and whose word it is.
//
//   background  another date in the sentence lies well before the article
//               ("the 44-day war in 2020, which killed more than 6,500"):
//               the figure belongs to history, not to this event
//   subject     the claim's own `subject`, or for a count without a role the
//               verb after it ("38 cars derailed" -> derailed, table
//               COUNT_VERB), and for a date the event and verb before it
//               ("the offensive began on Tuesday" -> offensive start, tables
//               EVENT_NOUN, EVENT_VERB, DATE_PREPOSITION)
//   voice       "attributed" when the sentence credits someone ("according
//               to X", inside "X said ..." or a quotation), else "asserted"
//   update_cue  the sentence reports a change ("rose to", "climbed", table
//               UPDATE_CUE)
//
// The words come from the rule set's tables; without them nothing gets a
// subject or a cue, and comparison only keys on extracted fields.
#ifndef PARALLAX_COMPARE_CLAIM_CONTEXT_H_
#define PARALLAX_COMPARE_CLAIM_CONTEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "extract/claim.h"
#include "rules/rule_set.h"
#include "text/sentences.h"
#include "util/civil_date.h"

namespace parallax {

struct CompareSettings {
  int background_days = 180;  // a date this much before the article is history
  double update_rise = 1.1;   // a later count at least this much larger is an update
  int quote_min_words = 4;    // shorter quotations are labels, not statements
};

// The settings in the rule set's COMPARE table, over the defaults; an error
// names the key and what was expected.
absl::StatusOr<CompareSettings> CompareSettingsFromRules(const RuleSet& rules);

// One article as comparison sees it. The body is the corpus's.
struct ArticleClaims {
  std::string id;
  std::string source;  // the outlet's name, or the id when it has none
  std::optional<CivilDate> date;
  std::string_view body;
  std::vector<Claim> claims;  // in text order, as ExtractClaims gives them
};

struct ClaimContext {
  TextSpan sentence;
  bool background = false;
  bool update_cue = false;
  std::string subject;       // canonical, for keys
  std::string subject_text;  // the words that said it, for reports
  std::string voice;         // "asserted" | "attributed"
  std::string attributed_to;
};

// One context per claim of `article`, in claim order. Dates are weighed
// against `reference` (the article's date, or its cluster's for an undated
// one); with none, nothing is background.
std::vector<ClaimContext> ReadClaimContexts(const ArticleClaims& article, const RuleSet& rules,
                                            const CompareSettings& settings,
                                            std::optional<CivilDate> reference);

}  // namespace parallax

#endif  // PARALLAX_COMPARE_CLAIM_CONTEXT_H_
