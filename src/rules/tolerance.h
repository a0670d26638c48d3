// When two values of a comparison rule agree: the `tolerance:` of a
// `compare` block.
//
//   overlap      intervals (quantities) or date ranges share a point:
//                "[6500,inf)" and "[6700,6700]" agree; "2023-09" and
//                "2023-09-19" agree (a month and a day inside it)
//   exact        equal after case folding
//   +-N d        dates at most N days apart ("±N d" also reads)
//   N% min M     numbers within N percent of the larger, or within M
#ifndef PARALLAX_RULES_TOLERANCE_H_
#define PARALLAX_RULES_TOLERANCE_H_

#include <string_view>

#include "absl/status/statusor.h"

namespace parallax {

struct Tolerance {
  enum Type { kOverlap, kExact, kDays, kRelative };
  Type type = kOverlap;
  int days = 0;
  double percent = 0;
  double minimum = 0;
};

absl::StatusOr<Tolerance> ParseTolerance(std::string_view text);

// Whether values `a` and `b` (as claims carry them: intervals, ISO dates or
// ranges, numbers, text) agree. InvalidArgument when a value does not have
// the shape the tolerance needs.
absl::StatusOr<bool> ValuesAgree(const Tolerance& tolerance, std::string_view a,
                                 std::string_view b);

}  // namespace parallax

#endif  // PARALLAX_RULES_TOLERANCE_H_
