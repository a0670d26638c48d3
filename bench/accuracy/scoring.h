// Value equivalence for the accuracy tool: when a claim value Parallax
// produced means the same as the value an eval set expects.
//
// Parallax writes dates as ISO 8601 days, months, years and inclusive
// ranges ("2013-02-10/2013-02-16"), durations as ISO 8601 durations and
// quantities as intervals ("[43,43]", "(6500,inf)"). The eval sets each have
// their own conventions (Duckling's end-exclusive intervals and ISO weeks,
// Recognizers-Text's TIMEX with past/future readings, chrono's noon
// timestamps); the *Target builders below turn one expected value into
// everything that counts as a match. Every choice is explained in
// bench/accuracy/README.md.
#ifndef PARALLAX_BENCH_ACCURACY_SCORING_H_
#define PARALLAX_BENCH_ACCURACY_SCORING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/civil_date.h"

namespace parallax::accuracy {

// The days a date value covers, both ends inclusive.
struct DaySpan {
  CivilDate first;
  CivilDate last;
  friend bool operator==(const DaySpan&, const DaySpan&) = default;
};

// One calendar unit: "2013-02-15", "2013-02", "2013", "-0345", "2013-W07"
// (ISO week), "2013-Q1". nullopt for anything else, including time parts and
// X placeholders.
std::optional<DaySpan> ParseIsoUnit(std::string_view text);

// A Parallax date value: a unit, or "A/B" with both ends inclusive.
// nullopt when unresolved ("XXXX-12-12") or malformed.
std::optional<DaySpan> ParseDateValue(std::string_view value);

// Everything that counts as a correct date for one expected value.
struct DateTarget {
  std::vector<DaySpan> spans;      // any reading, compared as days covered
  std::vector<std::string> texts;  // unresolved forms ("XXXX-10-02"), lowercase
  bool empty() const { return spans.empty() && texts.empty(); }
};

bool DateValueMatches(const DateTarget& target, std::string_view value);

// Duckling's time value by its `kind`: instant ("2013-02-15", "2013-W07",
// whose Monday also counts), interval ("2013-07-13/2013-07-16", end
// exclusive), open_after ("2014/") and open_before ("/2014"), which count
// by the date they name. An empty target when the value does not parse.
DateTarget DucklingDateTarget(std::string_view value, std::string_view kind);

// Recognizers-Text: the TIMEX `expected_value` ("2016-11-07", "XXXX-10-02",
// "(2016-11-08,2016-11-11,P3D)", "PRESENT_REF") and the concrete
// `resolved_values`, either "A|B" (model files) or "past=A;future=B" (parser
// files), ranges "start/end" in either order. Range ends count inclusive or
// exclusive, since Recognizers-Text writes stated ends as given and computed
// ones exclusive. Open readings ("2017-01-01/") add nothing, nor does
// 0001-01-01, its reading of an impossible day.
DateTarget RecognizersDateTarget(std::string_view timex, std::string_view resolved,
                                 std::optional<CivilDate> ref);

// chrono: "2012-08-10", "2012-08-10T12:00", "A/B" (inclusive). A time part
// must be chrono's default (12:00, or the reference clock time `ref_clock`,
// "HH:MM", when given); otherwise the value is a time of day and nullopt is
// returned. A first of the month also counts as that month, January 1 as
// that year, because chrono writes "in August" as "2012-08-01T12:00".
std::optional<DateTarget> ChronoDateTarget(std::string_view value, std::string_view ref_clock);

// A duration in years, months and seconds (weeks are 7 days, days 86400 s).
// Fractions allowed: "P1.5Y", "PT0.5H".
struct Duration {
  double years = 0;
  double months = 0;
  double seconds = 0;
};

// "P44D", "P6W", "PT3H", "P1Y2DT3H4S". nullopt when malformed.
std::optional<Duration> ParseIsoDuration(std::string_view text);

// Same duration: equal months (a year is 12) and seconds (P1W = P7D,
// PT90M = PT1H30M, P1Y = P12M), or the same length when a month counts 30 days and a year
// 365, the convention both Duckling (P45D for "a month and a half") and
// Recognizers-Text (2592000 s for "all month") normalise with.
bool SameDuration(const Duration& a, const Duration& b);

struct DurationTarget {
  std::vector<Duration> values;
  std::optional<double> seconds;   // Recognizers-Text's resolution
  std::vector<std::string> texts;  // forms that do not parse ("P3WE"), lowercase
};

bool DurationValueMatches(const DurationTarget& target, std::string_view value);

// Recognizers-Text's duration: TIMEX plus seconds ("10800" or
// "past=10800;future=10800").
DurationTarget RecognizersDurationTarget(std::string_view timex, std::string_view resolved);

// A number as the eval sets write it: "192", "-1.2", "1E-12".
std::optional<double> ParseNumber(std::string_view text);

// Equal up to binary noise (relative 1e-9).
bool SameNumber(double a, double b);

// An interval whose ends may be unbounded (Recognizers-Text "(4565,)",
// "(,100]"; Parallax "[6500,inf)").
struct NumInterval {
  std::optional<double> low;  // nullopt: unbounded
  std::optional<double> high;
  bool low_open = false;
  bool high_open = false;
};

// "[a,b]", "(a,b)", "[a,)", "(,b]", "(-inf,b]", "[a,inf)".
std::optional<NumInterval> ParseNumInterval(std::string_view text);

// A number matches a point interval "[n,n]" or the bare number "n".
bool NumberValueMatches(double expected, std::string_view value);

// A range matches when its bounds are equal and so is the openness of each
// end, except that an unbounded low end also accepts Parallax's "[0,n]" for
// "at most n" (counts are not negative), and Recognizers-Text's default
// half-open "[a,b)" (its reading of "between a and b") also accepts "[a,b]".
bool RangeValueMatches(const NumInterval& expected, std::string_view value);

// A quantity value that is a single number ("[5,5]", "5"); for the number
// range negatives, which only rule out ranges.
bool IsPointValue(std::string_view value);

// ASCII lowercase.
std::string Lower(std::string_view text);

}  // namespace parallax::accuracy

#endif  // PARALLAX_BENCH_ACCURACY_SCORING_H_
