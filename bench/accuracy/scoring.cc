#include "accuracy/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "absl/time/civil_time.h"
#include "util/strings.h"

namespace parallax::accuracy {
namespace {

constexpr double kDaySeconds = 86400;

size_t CountDigits(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  return n;
}

int64_t ToInt(std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Takes exactly `n` digits off the front of `s`.
std::optional<int64_t> TakeDigits(std::string_view* s, size_t n) {
  if (s->size() < n || CountDigits(s->substr(0, n)) != n) return std::nullopt;
  const int64_t value = ToInt(s->substr(0, n));
  s->remove_prefix(n);
  return value;
}

DaySpan YearSpan(int64_t year) { return {CivilDate(year, 1, 1), CivilDate(year, 12, 31)}; }

DaySpan MonthsSpan(int64_t year, int first_month, int months) {
  const absl::CivilMonth start(year, first_month);
  return {CivilDate(start), CivilDate(start + months) - 1};
}

// ISO 8601 week: week 1 holds January 4; weeks start on Monday.
std::optional<DaySpan> IsoWeekSpan(int64_t year, int64_t week) {
  if (week < 1 || week > 53) return std::nullopt;
  const CivilDate jan4(year, 1, 4);
  const int since_monday =
      (static_cast<int>(absl::GetWeekday(jan4)) - static_cast<int>(absl::Weekday::monday) + 7) % 7;
  const CivilDate monday = jan4 - since_monday + 7 * (week - 1);
  // A week belongs to the year of its Thursday: week 53 of a 52-week year
  // does not exist.
  if ((monday + 3).year() != year) return std::nullopt;
  return DaySpan{monday, monday + 6};
}

// What follows "YYYY-": "MM", "MM-DD", "Www" or "Qn".
std::optional<DaySpan> ParseAfterYear(int64_t year, std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s[0] == 'W') {
    s.remove_prefix(1);
    const std::optional<int64_t> week = TakeDigits(&s, 2);
    if (!week || !s.empty()) return std::nullopt;
    return IsoWeekSpan(year, *week);
  }
  if (s[0] == 'Q') {
    s.remove_prefix(1);
    const std::optional<int64_t> quarter = TakeDigits(&s, 1);
    if (!quarter || !s.empty() || *quarter < 1 || *quarter > 4) return std::nullopt;
    return MonthsSpan(year, static_cast<int>(3 * *quarter - 2), 3);
  }
  const std::optional<int64_t> month = TakeDigits(&s, 2);
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  if (s.empty()) return MonthsSpan(year, static_cast<int>(*month), 1);
  if (s[0] != '-') return std::nullopt;
  s.remove_prefix(1);
  const std::optional<int64_t> day = TakeDigits(&s, 2);
  if (!day || !s.empty()) return std::nullopt;
  const CivilDate date(year, static_cast<int>(*month), static_cast<int>(*day));
  if (date.month() != *month || date.day() != *day) return std::nullopt;  // 2014-02-30
  return DaySpan{date, date};
}

bool IsWeekUnit(std::string_view text) { return text.find("-W") != std::string_view::npos; }

// Splits "A/B" at its only slash.
bool SplitRange(std::string_view text, std::string_view* a, std::string_view* b) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos || text.find('/', slash + 1) != std::string_view::npos) {
    return false;
  }
  *a = text.substr(0, slash);
  *b = text.substr(slash + 1);
  return true;
}

void AddSpan(DateTarget* target, DaySpan span) {
  if (span.first > span.last) return;
  if (std::find(target->spans.begin(), target->spans.end(), span) == target->spans.end()) {
    target->spans.push_back(span);
  }
}

// A unit, and for a week also its Monday: a week may be reported by the day
// it starts.
bool AddUnit(DateTarget* target, std::string_view text) {
  const std::optional<DaySpan> unit = ParseIsoUnit(text);
  if (!unit) return false;
  AddSpan(target, *unit);
  if (IsWeekUnit(text)) AddSpan(target, {unit->first, unit->first});
  return true;
}

// A range whose end may be inclusive or exclusive: both readings count.
void AddEitherEndRange(DateTarget* target, const DaySpan& start, const DaySpan& end) {
  AddSpan(target, {start.first, end.last});
  AddSpan(target, {start.first, end.first - 1});
}

std::vector<std::string_view> SplitAny(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> parts;
  size_t begin = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || separators.find(text[i]) != std::string_view::npos) {
      parts.push_back(StripWhitespace(text.substr(begin, i - begin)));
      begin = i + 1;
    }
  }
  return parts;
}

// "past=2016-10-15" -> "2016-10-15".
std::string_view DropReadingName(std::string_view reading) {
  for (std::string_view name : {"past=", "future="}) {
    if (reading.substr(0, name.size()) == name) return reading.substr(name.size());
  }
  return reading;
}

// The unit of a TIMEX range's duration: 'Y' for "(2014-01-01,2018-01-01,P4Y)",
// 'M' for months, ' ' for anything else (days, weeks, times, not a range).
char RangeUnit(std::string_view timex) {
  if (timex.size() < 2 || timex.front() != '(' || timex.back() != ')') return ' ';
  const std::vector<std::string_view> parts = SplitAny(timex.substr(1, timex.size() - 2), ",");
  if (parts.size() != 3 || parts[2].empty() || parts[2].find('T') != std::string_view::npos) {
    return ' ';
  }
  const char unit = parts[2].back();
  return unit == 'M' || unit == 'Y' ? unit : ' ';
}

// A stated end month or year is written as its first day: "from March to
// May" is (XXXX-03-01,XXXX-05-01,P2M), "2014 to 2018" (2014-01-01,
// 2018-01-01,P4Y). The duration's unit says so; the whole of that month or
// year then counts as the inclusive end.
void AddWholeEnd(DateTarget* target, const DaySpan& start, const DaySpan& end, char unit) {
  const CivilDate last = end.first;
  if (unit == 'M' && last.day() == 1) {
    AddSpan(target, {start.first, MonthsSpan(last.year(), last.month(), 1).last});
  } else if (unit == 'Y' && last.month() == 1 && last.day() == 1) {
    AddSpan(target, {start.first, YearSpan(last.year()).last});
  }
}

// Recognizers-Text TIMEX range "(2016-11-04,2016-11-22,P18D)".
bool AddTimexRange(DateTarget* target, std::string_view timex) {
  if (timex.size() < 2 || timex.front() != '(' || timex.back() != ')') return false;
  const std::vector<std::string_view> parts = SplitAny(timex.substr(1, timex.size() - 2), ",");
  if (parts.size() != 3) return false;
  const std::optional<DaySpan> start = ParseIsoUnit(parts[0]);
  const std::optional<DaySpan> end = ParseIsoUnit(parts[1]);
  if (!start || !end) return false;
  AddEitherEndRange(target, *start, *end);
  AddWholeEnd(target, *start, *end, RangeUnit(timex));
  return true;
}

// A resolved reading: "2016-10-02" or a closed range "start/end" in either
// order. Open ranges ("2017-01-01/") are skipped: the TIMEX names the date.
void AddResolvedReading(DateTarget* target, std::string_view reading, char unit) {
  std::string_view a, b;
  if (!SplitRange(reading, &a, &b)) {
    AddUnit(target, reading);
    return;
  }
  std::optional<DaySpan> start = ParseIsoUnit(a);
  std::optional<DaySpan> end = ParseIsoUnit(b);
  if (!start || !end) return;
  if (start->first > end->first) std::swap(start, end);  // parser files list end first
  AddEitherEndRange(target, *start, *end);
  AddWholeEnd(target, *start, *end, unit);
}

// "12:00", "12:00:00" -> "12:00"; "" for a time with seconds that are not 0.
std::string_view ClockMinutes(std::string_view time) {
  if (time.size() == 5) return time;
  if (time.size() == 8 && time.substr(5) == ":00") return time.substr(0, 5);
  return {};
}

// One side of a chrono value, without its default time; nullopt for a time
// of day (or a malformed value: the caller cannot tell, and both are left out).
std::optional<std::string_view> ChronoDatePart(std::string_view side, std::string_view ref_clock) {
  const size_t t = side.find('T');
  if (t == std::string_view::npos) return side;
  const std::string_view clock = ClockMinutes(side.substr(t + 1));
  if (clock.empty()) return std::nullopt;
  if (clock != "12:00" && (ref_clock.empty() || clock != ref_clock)) return std::nullopt;
  return side.substr(0, t);
}

double ApproxSeconds(const Duration& d) {
  return d.years * 365 * kDaySeconds + d.months * 30 * kDaySeconds + d.seconds;
}

// A Parallax quantity value: an interval, or a bare number as a point.
std::optional<NumInterval> ParseQuantityValue(std::string_view value) {
  if (std::optional<NumInterval> interval = ParseNumInterval(value)) return interval;
  if (std::optional<double> n = ParseNumber(value)) return NumInterval{*n, *n, false, false};
  return std::nullopt;
}

bool SameBound(const std::optional<double>& a, const std::optional<double>& b) {
  return a && b && SameNumber(*a, *b);
}

}  // namespace

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<DaySpan> ParseIsoUnit(std::string_view text) {
  std::string_view s = StripWhitespace(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const size_t digits = CountDigits(s);
  if (digits < 3 || digits > 6) return std::nullopt;
  const int64_t year = (negative ? -1 : 1) * ToInt(s.substr(0, digits));
  s.remove_prefix(digits);
  if (s.empty()) return YearSpan(year);
  if (s[0] != '-') return std::nullopt;
  return ParseAfterYear(year, s.substr(1));
}

std::optional<DaySpan> ParseDateValue(std::string_view value) {
  value = StripWhitespace(value);
  std::string_view a, b;
  if (!SplitRange(value, &a, &b)) return ParseIsoUnit(value);
  const std::optional<DaySpan> start = ParseIsoUnit(a);
  const std::optional<DaySpan> end = ParseIsoUnit(b);
  if (!start || !end || start->first > end->last) return std::nullopt;
  return DaySpan{start->first, end->last};
}

bool DateValueMatches(const DateTarget& target, std::string_view value) {
  const std::string folded = Lower(StripWhitespace(value));
  if (std::find(target.texts.begin(), target.texts.end(), folded) != target.texts.end()) {
    return true;
  }
  const std::optional<DaySpan> span = ParseDateValue(value);
  return span && std::find(target.spans.begin(), target.spans.end(), *span) != target.spans.end();
}

DateTarget DucklingDateTarget(std::string_view value, std::string_view kind) {
  DateTarget target;
  std::string_view a, b;
  if (kind == "instant") {
    AddUnit(&target, value);
  } else if (SplitRange(value, &a, &b)) {
    if (kind == "interval") {
      const std::optional<DaySpan> start = ParseIsoUnit(a);
      const std::optional<DaySpan> end = ParseIsoUnit(b);
      if (start && end) AddSpan(&target, {start->first, end->first - 1});  // end exclusive
    } else if (kind == "open_after" && b.empty()) {
      AddUnit(&target, a);
    } else if (kind == "open_before" && a.empty()) {
      AddUnit(&target, b);
    }
  }
  return target;
}

DateTarget RecognizersDateTarget(std::string_view timex, std::string_view resolved,
                                 std::optional<CivilDate> ref) {
  DateTarget target;
  for (std::string_view alternative : SplitAny(timex, "|")) {
    if (alternative.empty()) continue;
    if (alternative == "PRESENT_REF") {
      if (ref) AddSpan(&target, {*ref, *ref});
    } else if (!AddTimexRange(&target, alternative) && !AddUnit(&target, alternative)) {
      target.texts.push_back(Lower(alternative));
    }
  }
  if (resolved == "not resolved") return target;
  for (std::string_view reading : SplitAny(resolved, "|;")) {
    reading = DropReadingName(reading);
    // 0001-01-01, .NET's smallest date, is how the parser tests resolve an
    // impossible day ("Feb 30").
    if (!reading.empty() && reading != "0001-01-01") {
      AddResolvedReading(&target, reading, RangeUnit(timex));
    }
  }
  return target;
}

std::optional<DateTarget> ChronoDateTarget(std::string_view value, std::string_view ref_clock) {
  DateTarget target;
  std::string_view a, b;
  if (SplitRange(value, &a, &b)) {
    const std::optional<std::string_view> start_text = ChronoDatePart(a, ref_clock);
    const std::optional<std::string_view> end_text = ChronoDatePart(b, ref_clock);
    if (!start_text || !end_text) return std::nullopt;
    const std::optional<DaySpan> start = ParseIsoUnit(*start_text);
    const std::optional<DaySpan> end = ParseIsoUnit(*end_text);
    if (start && end) AddSpan(&target, {start->first, end->last});
    return target;
  }
  const std::optional<std::string_view> day_text = ChronoDatePart(value, ref_clock);
  if (!day_text) return std::nullopt;
  const std::optional<DaySpan> day = ParseIsoUnit(*day_text);
  if (!day) return target;
  AddSpan(&target, *day);
  if (day->first == day->last && day->first.day() == 1) {
    AddSpan(&target, MonthsSpan(day->first.year(), day->first.month(), 1));
    if (day->first.month() == 1) AddSpan(&target, YearSpan(day->first.year()));
  }
  return target;
}

std::optional<Duration> ParseIsoDuration(std::string_view text) {
  std::string_view s = StripWhitespace(text);
  if (s.empty() || s[0] != 'P') return std::nullopt;
  s.remove_prefix(1);
  Duration d;
  bool in_time = false;
  bool any = false;
  while (!s.empty()) {
    if (s[0] == 'T' && !in_time) {
      in_time = true;
      s.remove_prefix(1);
      continue;
    }
    size_t n = 0;
    while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || s[n] == '.')) ++n;
    if (n == 0 || n == s.size()) return std::nullopt;
    const std::optional<double> amount = ParseNumber(s.substr(0, n));
    if (!amount || *amount < 0) return std::nullopt;
    const char unit = s[n];
    s.remove_prefix(n + 1);
    if (!in_time && unit == 'Y') {
      d.years += *amount;
    } else if (!in_time && unit == 'M') {
      d.months += *amount;
    } else if (!in_time && unit == 'W') {
      d.seconds += *amount * 7 * kDaySeconds;
    } else if (!in_time && unit == 'D') {
      d.seconds += *amount * kDaySeconds;
    } else if (in_time && unit == 'H') {
      d.seconds += *amount * 3600;
    } else if (in_time && unit == 'M') {
      d.seconds += *amount * 60;
    } else if (in_time && unit == 'S') {
      d.seconds += *amount;
    } else {
      return std::nullopt;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  return d;
}

bool SameDuration(const Duration& a, const Duration& b) {
  if (SameNumber(12 * a.years + a.months, 12 * b.years + b.months) &&
      SameNumber(a.seconds, b.seconds)) {
    return true;
  }
  return SameNumber(ApproxSeconds(a), ApproxSeconds(b));
}

bool DurationValueMatches(const DurationTarget& target, std::string_view value) {
  const std::string folded = Lower(StripWhitespace(value));
  if (std::find(target.texts.begin(), target.texts.end(), folded) != target.texts.end()) {
    return true;
  }
  const std::optional<Duration> ours = ParseIsoDuration(value);
  if (!ours) return false;
  for (const Duration& expected : target.values) {
    if (SameDuration(*ours, expected)) return true;
  }
  return target.seconds && SameNumber(ApproxSeconds(*ours), *target.seconds);
}

DurationTarget RecognizersDurationTarget(std::string_view timex, std::string_view resolved) {
  DurationTarget target;
  for (std::string_view alternative : SplitAny(timex, "|")) {
    if (alternative.empty()) continue;
    if (std::optional<Duration> d = ParseIsoDuration(alternative)) {
      target.values.push_back(*d);
    } else {
      target.texts.push_back(Lower(alternative));
    }
  }
  for (std::string_view reading : SplitAny(resolved, "|;")) {
    if (std::optional<double> seconds = ParseNumber(DropReadingName(reading))) {
      target.seconds = *seconds;
      break;
    }
  }
  return target;
}

std::optional<double> ParseNumber(std::string_view text) {
  const std::string s(StripWhitespace(text));
  if (s.empty()) return std::nullopt;
  // strtod would also take "inf", "nan" and hex; the sets never mean those.
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
      return std::nullopt;
    }
  }
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool SameNumber(double a, double b) {
  if (a == b) return true;
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

std::optional<NumInterval> ParseNumInterval(std::string_view text) {
  const std::string_view s = StripWhitespace(text);
  if (s.size() < 3) return std::nullopt;
  const char open = s.front();
  const char close = s.back();
  if ((open != '[' && open != '(') || (close != ']' && close != ')')) return std::nullopt;
  const std::vector<std::string_view> ends = SplitAny(s.substr(1, s.size() - 2), ",");
  if (ends.size() != 2) return std::nullopt;
  NumInterval interval;
  interval.low_open = open == '(';
  interval.high_open = close == ')';
  if (!ends[0].empty() && ends[0] != "-inf") {
    interval.low = ParseNumber(ends[0]);
    if (!interval.low) return std::nullopt;
  }
  if (!ends[1].empty() && ends[1] != "inf" && ends[1] != "+inf") {
    interval.high = ParseNumber(ends[1]);
    if (!interval.high) return std::nullopt;
  }
  if (interval.low && interval.high && *interval.low > *interval.high) return std::nullopt;
  return interval;
}

bool NumberValueMatches(double expected, std::string_view value) {
  const std::optional<NumInterval> ours = ParseQuantityValue(value);
  return ours && !ours->low_open && !ours->high_open && SameBound(ours->low, expected) &&
         SameBound(ours->high, expected);
}

bool RangeValueMatches(const NumInterval& expected, std::string_view value) {
  const std::optional<NumInterval> ours = ParseQuantityValue(value);
  if (!ours) return false;
  const bool low_ok =
      expected.low ? SameBound(ours->low, expected.low) && ours->low_open == expected.low_open
                   : !ours->low || (*ours->low == 0 && !ours->low_open);
  const bool half_open_between = expected.low && !expected.low_open && expected.high_open;
  const bool high_ok = expected.high ? SameBound(ours->high, expected.high) &&
                                           (ours->high_open == expected.high_open ||
                                            (half_open_between && !ours->high_open))
                                     : !ours->high;
  return low_ok && high_ok;
}

bool IsPointValue(std::string_view value) {
  const std::optional<NumInterval> ours = ParseQuantityValue(value);
  return ours && ours->low && ours->high && SameNumber(*ours->low, *ours->high);
}

}  // namespace parallax::accuracy
