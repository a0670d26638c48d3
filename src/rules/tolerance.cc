#include "rules/tolerance.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "rules/normalizers.h"
#include "rules/pattern_compiler.h"
#include "util/civil_date.h"
#include "util/strings.h"

namespace parallax {
namespace {

bool ParseDouble(std::string_view text, double* out) {
  const std::string s(StripWhitespace(text));
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// The days an ISO date, month, year or "A/B" range covers.
absl::StatusOr<std::pair<CivilDate, CivilDate>> DateRange(std::string_view text) {
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    auto first = DateRange(text.substr(0, slash));
    auto last = DateRange(text.substr(slash + 1));
    if (!first.ok()) return first.status();
    if (!last.ok()) return last.status();
    return std::pair(first->first, last->second);
  }
  auto digits = [&](size_t from, size_t n, int* out) {
    if (text.size() < from + n) return false;
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int year = 0, month = 0;
  if (text.size() == 4 && digits(0, 4, &year)) {
    return std::pair(CivilDate(year, 1, 1), CivilDate(year, 12, 31));
  }
  if (text.size() == 7 && digits(0, 4, &year) && text[4] == '-' && digits(5, 2, &month)) {
    const CivilDate first(year, month, 1);
    return std::pair(first, CivilDate(absl::CivilMonth(first) + 1) - 1);
  }
  absl::StatusOr<CivilDate> day = ParseIsoDate(text);
  if (!day.ok()) {
    return absl::InvalidArgumentError(
        StrCat("\"", text, "\" is not a resolved date (YYYY, YYYY-MM, YYYY-MM-DD or A/B)"));
  }
  return std::pair(*day, *day);
}

bool LooksLikeInterval(std::string_view text) {
  return !text.empty() && (text[0] == '[' || text[0] == '(');
}

}  // namespace

absl::StatusOr<Tolerance> ParseTolerance(std::string_view text) {
  text = StripWhitespace(text);
  Tolerance tolerance;
  if (text == "overlap") return tolerance;
  if (text == "exact") {
    tolerance.type = Tolerance::kExact;
    return tolerance;
  }
  std::string_view rest = text;
  if (rest.starts_with("+-") || rest.starts_with("\u00B1")) {
    rest.remove_prefix(2);  // "+-" and "±" are both two bytes
    rest = StripWhitespace(rest);
    const size_t space = rest.find_first_of(" d");
    double days = 0;
    if (space != std::string_view::npos && ParseDouble(rest.substr(0, space), &days) && days >= 0 &&
        days <= 100000 && days == std::floor(days) && StripWhitespace(rest.substr(space)) == "d") {
      tolerance.type = Tolerance::kDays;
      tolerance.days = static_cast<int>(days);
      return tolerance;
    }
  } else if (size_t percent = rest.find('%'); percent != std::string_view::npos) {
    std::string_view after = StripWhitespace(rest.substr(percent + 1));
    double p = 0, minimum = 0;
    if (ParseDouble(rest.substr(0, percent), &p) && p >= 0 &&
        (after.empty() || (after.starts_with("min ") && ParseDouble(after.substr(4), &minimum)))) {
      tolerance.type = Tolerance::kRelative;
      tolerance.percent = p;
      tolerance.minimum = minimum;
      return tolerance;
    }
  }
  return absl::InvalidArgumentError(
      StrCat("bad tolerance '", text,
             "'; expected overlap, exact, '+-N d' (N up to 100000) or 'N% min M'"));
}

absl::StatusOr<bool> ValuesAgree(const Tolerance& tolerance, std::string_view a,
                                 std::string_view b) {
  switch (tolerance.type) {
    case Tolerance::kExact:
      return FoldKey(a) == FoldKey(b);
    case Tolerance::kOverlap:
      if (LooksLikeInterval(a) || LooksLikeInterval(b)) {
        absl::StatusOr<Interval> x = ParseInterval(a);
        absl::StatusOr<Interval> y = ParseInterval(b);
        if (!x.ok()) return x.status();
        if (!y.ok()) return y.status();
        return Overlaps(*x, *y);
      } else {
        auto x = DateRange(a);
        auto y = DateRange(b);
        if (!x.ok()) return x.status();
        if (!y.ok()) return y.status();
        return x->first <= y->second && y->first <= x->second;
      }
    case Tolerance::kDays: {
      auto x = DateRange(a);
      auto y = DateRange(b);
      if (!x.ok()) return x.status();
      if (!y.ok()) return y.status();
      const long gap = std::max(y->first - x->second, x->first - y->second);
      return gap <= tolerance.days;
    }
    case Tolerance::kRelative: {
      double x = 0, y = 0;
      if (!ParseDouble(a, &x) || !ParseDouble(b, &y)) {
        return absl::InvalidArgumentError(StrCat("\"", a, "\" and \"", b, "\" must be numbers"));
      }
      const double allowed =
          std::max(tolerance.percent / 100 * std::max(std::abs(x), std::abs(y)), tolerance.minimum);
      return std::abs(x - y) <= allowed;
    }
  }
  return false;
}

}  // namespace parallax
