// Running a compiled rule set over article text.
//
// For each sentence (or paragraph, for rules scoped to paragraphs) the
// RE2::Set prefilters over the rules' guards say which rules can match; only
// those run their full pattern. Matches must start and end on token
// boundaries. The captures of a match are worked out once per thread for
// each distinct match text (and the bytes around it), then remembered.
// Each match's fields are evaluated, vetoes remove what they cover, and
// overlaps between claims of the same kind are settled:
//
//   1. the longer match wins;
//   2. on equal length, the higher priority wins;
//   3. then the rule loaded first (file name order, then line).
//
// Claims of different kinds may overlap (a date inside a quote). A match
// whose value cannot be evaluated makes no claim, but still wins over the
// shorter matches it overlaps.
// Thread-safe: a Matcher only reads its RuleSet; what it remembers is per
// thread.
#ifndef PARALLAX_RULES_MATCHER_H_
#define PARALLAX_RULES_MATCHER_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rules/rule_set.h"
#include "util/civil_date.h"

namespace parallax {

struct CaptureSpan {
  std::string_view name;  // points into the rule set
  size_t start = 0;
  size_t end = 0;
};

// One claim a rule made. Offsets are bytes into the text given to Extract.
struct RuleClaim {
  const CompiledRule* rule = nullptr;
  size_t start = 0;  // the claim's span: the rule's `span:` capture, or the match
  size_t end = 0;
  size_t match_start = 0;
  size_t match_end = 0;
  std::vector<CaptureSpan> captures;                        // those that took part
  std::vector<std::pair<std::string, std::string>> fields;  // evaluated, non-empty
  // Why the fields could not be evaluated ("" when they could). Such a
  // match still takes part in settling overlaps, so "February 29, 2022"
  // does not turn into a claim for "February 29", but makes no claim.
  std::string error;

  // The field's value, or "" when absent.
  std::string_view Field(std::string_view name) const;
  const CaptureSpan* Capture(std::string_view name) const;
};

// A match that did not become a claim, and why; for `rules explain` and
// example checks.
struct Rejection {
  RuleClaim candidate;
  std::string reason;  // "lost to rule X (longer match)", "removed by veto Y", ...
};

struct MatchOptions {
  // What relative dates resolve against.
  std::optional<CivilDate> ref;
  // Off: run every rule's full pattern on every sentence (for benchmarks).
  bool use_prefilter = true;
  // When set, receives every candidate that was dropped.
  std::vector<Rejection>* rejections = nullptr;
};

class Matcher {
 public:
  // `rules` must outlive the matcher.
  explicit Matcher(const RuleSet& rules) : rules_(rules) {}

  // Claims in text order (then kind, then rule order).
  std::vector<RuleClaim> Extract(std::string_view text, const MatchOptions& options) const;

  const RuleSet& rules() const { return rules_; }

 private:
  const RuleSet& rules_;
};

// A framing term found in text: whole words only.
struct FrameTerm {
  const CompiledFrame* frame;
  int set;  // index into frame->sets
  size_t start;
  size_t end;
};

// Every framing term of every frame in `text`, frame by frame, in text order.
std::vector<FrameTerm> FindFrameTerms(const RuleSet& rules, std::string_view text);

}  // namespace parallax

#endif  // PARALLAX_RULES_MATCHER_H_
