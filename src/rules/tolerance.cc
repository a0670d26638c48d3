#include "rules/tolerance.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "rules/normalizers.h"
#include "rules/pattern_compiler.h"
#include "text/words.h"
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

// Edit distance between two short words, or `limit + 1` once it is larger.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<size_t> row(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (size_t j = 1; j <= b.size(); ++j) {
    size_t diagonal = row[0];
    row[0] = j;
    size_t best = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      const size_t above = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  return row[a.size()];
}

// Two spellings of one word: same first letter, a few edits apart
// ("Sergey"/"Sergei", "Pashinyan"/"Pashinian", "Anthony"/"Antony").
bool NearSpelling(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty() || a[0] != b[0]) return false;
  const size_t limit = std::min<size_t>(2, std::max<size_t>(1, std::min(a.size(), b.size()) / 4));
  return EditDistance(a, b, limit) <= limit;
}

bool LooksLikeInterval(std::string_view text) {
  return !text.empty() && (text[0] == '[' || text[0] == '(');
}

}  // namespace

absl::StatusOr<std::pair<CivilDate, CivilDate>> ResolvedDateRange(std::string_view text) {
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    auto first = ResolvedDateRange(text.substr(0, slash));
    auto last = ResolvedDateRange(text.substr(slash + 1));
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

bool IsSpellingVariant(std::string_view a, std::string_view b) {
  std::vector<Word> x = SplitWords(a);
  std::vector<Word> y = SplitWords(b);
  if (x.empty() || y.empty()) return false;
  if (x.size() > y.size()) std::swap(x, y);
  bool respelled = false;
  for (const Word& word : x) {
    bool exact = false, near = false;
    for (const Word& other : y) {
      exact = exact || word.folded == other.folded;
      near = near || NearSpelling(word.folded, other.folded);
    }
    if (exact) continue;
    if (!near) return false;  // a different name, or a short form
    respelled = true;
  }
  return respelled;
}

absl::StatusOr<Tolerance> ParseTolerance(std::string_view text) {
  text = StripWhitespace(text);
  Tolerance tolerance;
  if (text == "overlap") return tolerance;
  if (text == "exact") {
    tolerance.type = Tolerance::kExact;
    return tolerance;
  }
  if (text == "words") {
    tolerance.type = Tolerance::kWords;
    return tolerance;
  }
  if (text == "spelling") {
    tolerance.type = Tolerance::kSpelling;
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
             "'; expected overlap, exact, words, spelling, '+-N d' (N up to 100000) or "
             "'N% min M'"));
}

absl::StatusOr<bool> ValuesAgree(const Tolerance& tolerance, std::string_view a,
                                 std::string_view b) {
  switch (tolerance.type) {
    case Tolerance::kExact:
      return FoldKey(a) == FoldKey(b);
    case Tolerance::kWords:
      return FoldWords(a) == FoldWords(b);
    case Tolerance::kSpelling:
      return !IsSpellingVariant(a, b);
    case Tolerance::kOverlap:
      if (LooksLikeInterval(a) || LooksLikeInterval(b)) {
        absl::StatusOr<Interval> x = ParseInterval(a);
        absl::StatusOr<Interval> y = ParseInterval(b);
        if (!x.ok()) return x.status();
        if (!y.ok()) return y.status();
        return Overlaps(*x, *y);
      } else {
        auto x = ResolvedDateRange(a);
        auto y = ResolvedDateRange(b);
        if (!x.ok()) return x.status();
        if (!y.ok()) return y.status();
        return x->first <= y->second && y->first <= x->second;
      }
    case Tolerance::kDays: {
      auto x = ResolvedDateRange(a);
      auto y = ResolvedDateRange(b);
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
