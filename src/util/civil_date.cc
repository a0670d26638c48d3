#include "util/civil_date.h"

#include <fmt/format.h>

namespace parallax {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!(c >= '0' && c <= '9')) return false;
  }
  return !s.empty();
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Accepts what may follow the date in an ISO 8601 timestamp:
// [T or space]HH:MM[:SS[.fraction]][Z | +HH:MM | -HH:MM | +HHMM].
bool IsTimeSuffix(std::string_view s) {
  if (s.empty()) return true;
  if (s[0] != 'T' && s[0] != 't' && s[0] != ' ') return false;
  s.remove_prefix(1);
  auto take_two_digits = [&s](int max) {
    if (s.size() < 2 || !AllDigits(s.substr(0, 2))) return false;
    int v = ToInt(s.substr(0, 2));
    s.remove_prefix(2);
    return v <= max;
  };
  if (!take_two_digits(23)) return false;
  if (s.empty() || s[0] != ':') return false;
  s.remove_prefix(1);
  if (!take_two_digits(59)) return false;
  if (!s.empty() && s[0] == ':') {
    s.remove_prefix(1);
    if (!take_two_digits(60)) return false;  // 60: leap second
    if (!s.empty() && (s[0] == '.' || s[0] == ',')) {
      s.remove_prefix(1);
      size_t n = 0;
      while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
      if (n == 0) return false;
      s.remove_prefix(n);
    }
  }
  if (s.empty()) return true;
  if (s == "Z" || s == "z") return true;
  if (s[0] != '+' && s[0] != '-') return false;
  s.remove_prefix(1);
  if (!take_two_digits(23)) return false;
  if (!s.empty() && s[0] == ':') s.remove_prefix(1);
  if (!take_two_digits(59)) return false;
  return s.empty();
}

}  // namespace

absl::StatusOr<CivilDate> ParseIsoDate(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        fmt::format("expected a date as YYYY-MM-DD, got \"{}\": {}", text, why));
  };
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return invalid("not in YYYY-MM-DD form");
  }
  if (!IsTimeSuffix(text.substr(10))) {
    return invalid("the text after the date is not an ISO 8601 time");
  }
  const int year = ToInt(text.substr(0, 4));
  const int month = ToInt(text.substr(5, 2));
  const int day = ToInt(text.substr(8, 2));
  if (month < 1 || month > 12) return invalid("there is no such month");
  const CivilDate date(year, month, day);
  // CivilDay normalises out-of-range fields (Feb 30 -> Mar 1); a changed
  // field means the date does not exist.
  if (date.year() != year || date.month() != month || date.day() != day || day < 1) {
    return invalid("there is no such day in that month");
  }
  return date;
}

std::string FormatIsoDate(CivilDate date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
}

}  // namespace parallax
