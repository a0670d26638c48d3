// Calendar dates without time zones: parsing ISO 8601 and checking validity.
//
// A thin layer over absl::CivilDay, which does the calendar arithmetic
// (weekdays, adding days) that relative dates need.
#ifndef PARALLAX_UTIL_CIVIL_DATE_H_
#define PARALLAX_UTIL_CIVIL_DATE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace parallax {

using CivilDate = absl::CivilDay;

// Parses "YYYY-MM-DD", or a full ISO 8601 timestamp that starts with one
// ("2023-01-27T14:05:00Z", "2023-01-27 14:05:00+02:00"); the time part is
// checked for shape and dropped. Rejects impossible dates such as 2024-02-30
// (absl::CivilDay would silently normalise them to March 1).
// Returns InvalidArgument with a message that says what was expected.
absl::StatusOr<CivilDate> ParseIsoDate(std::string_view text);

// "2023-01-27".
std::string FormatIsoDate(CivilDate date);

}  // namespace parallax

#endif  // PARALLAX_UTIL_CIVIL_DATE_H_
