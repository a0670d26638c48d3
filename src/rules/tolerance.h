// When two values of a comparison rule agree: the `tolerance:` of a
// `compare` block.
//
//   overlap      intervals (quantities) or date ranges share a point:
//                "[6500,inf)" and "[6700,6700]" agree; "2023-09" and
//                "2023-09-19" agree (a month and a day inside it)
//   exact        equal after case folding
//   words        the same words, whatever the punctuation, quote marks or
//                case ("We hope," and "we hope." agree)
//   spelling     names that are not two spellings of one name: "Lavrov"
//                and "Sergei Lavrov" agree (a short form), "Sergei Lavrov"
//                and "Sergey Lavrov" do not
//   +-N d        dates at most N days apart ("±N d" also reads)
//   N% min M     numbers within N percent of the larger, or within M
#ifndef PARALLAX_RULES_TOLERANCE_H_
#define PARALLAX_RULES_TOLERANCE_H_

#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "util/civil_date.h"

namespace parallax {

struct Tolerance {
  enum Type { kOverlap, kExact, kWords, kSpelling, kDays, kRelative };
  Type type = kOverlap;
  int days = 0;
  double percent = 0;
  double minimum = 0;
};

absl::StatusOr<Tolerance> ParseTolerance(std::string_view text);

// Whether two names differ only in the spelling of some of their words:
// every word of the shorter has an equal or near-spelled word (same first
// letter, one or two edits) in the longer, and at least one is respelled.
bool IsSpellingVariant(std::string_view a, std::string_view b);

// The first and last day of a resolved ISO date, month, year or "A/B"
// range; InvalidArgument for anything else ("XXXX-12-12").
absl::StatusOr<std::pair<CivilDate, CivilDate>> ResolvedDateRange(std::string_view text);

// Whether values `a` and `b` (as claims carry them: intervals, ISO dates or
// ranges, numbers, text) agree. InvalidArgument when a value does not have
// the shape the tolerance needs.
absl::StatusOr<bool> ValuesAgree(const Tolerance& tolerance, std::string_view a,
                                 std::string_view b);

}  // namespace parallax

#endif  // PARALLAX_RULES_TOLERANCE_H_
