#include "rules/normalizers.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::string_view kUnknownDay = "XXXX-XX-XX";

template <typename... Args>
absl::Status Invalid(std::string_view normalizer, const Args&... args) {
  return absl::InvalidArgumentError(StrCat(normalizer, "(): ", args...));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool HasBytes(std::string_view s, size_t i, std::string_view bytes) {
  return s.substr(i, bytes.size()) == bytes;
}

// Byte length of the whitespace character at s[i], 0 when there is none.
// News text carries no-break and thin spaces between words as well as
// ASCII ones.
size_t SpaceLength(std::string_view s, size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (static_cast<unsigned char>(c) < 0x80) return 0;
  if (HasBytes(s, i, "\xC2\xA0")) return 2;  // U+00A0
  const unsigned char third = s.size() - i >= 3 ? static_cast<unsigned char>(s[i + 2]) : 0;
  if (s[i] == '\xE2' && s[i + 1] == '\x80' && ((third >= 0x80 && third <= 0x8A) || third == 0xAF)) {
    return 3;  // U+2000..U+200A, U+202F
  }
  if (HasBytes(s, i, "\xE2\x81\x9F") || HasBytes(s, i, "\xE3\x80\x80")) return 3;
  return 0;
}

// Thousands separators: ',' and the spaces typographers put between digit
// groups (U+00A0, U+2009, U+202F).
size_t GroupSeparatorLength(std::string_view s, size_t i) {
  if (s[i] == ',') return 1;
  if (HasBytes(s, i, "\xC2\xA0")) return 2;
  if (HasBytes(s, i, "\xE2\x80\x89") || HasBytes(s, i, "\xE2\x80\xAF")) return 3;
  return 0;
}

// '-', U+2010 hyphen and U+2011 non-breaking hyphen.
size_t HyphenLength(std::string_view s, size_t i) {
  if (s[i] == '-') return 1;
  if (HasBytes(s, i, "\xE2\x80\x90") || HasBytes(s, i, "\xE2\x80\x91")) return 3;
  return 0;
}

// `text` trimmed, with each whitespace run as one ASCII space; optionally
// ASCII-lowercased. This is the form table keys are looked up in.
std::string Collapse(std::string_view text, bool lowercase) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    if (const size_t n = SpaceLength(text, i); n > 0) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += lowercase ? LowerAscii(text[i]) : text[i];
    ++i;
  }
  return out;
}

// `text` without leading and trailing whitespace (Unicode spaces included).
std::string_view Trim(std::string_view text) {
  while (!text.empty() && SpaceLength(text, 0) > 0) text.remove_prefix(SpaceLength(text, 0));
  while (!text.empty()) {
    // A space character ends in its last byte; try each width.
    size_t n = 0;
    for (size_t width = 1; width <= 3 && width <= text.size(); ++width) {
      if (SpaceLength(text, text.size() - width) == width) n = width;
    }
    if (n == 0) break;
    text.remove_suffix(n);
  }
  return text;
}

const std::string* Lookup(const NormalizerContext& context, std::string_view table,
                          std::string_view key) {
  if (!context.lookup) return nullptr;
  return context.lookup(table, key);
}

// "-12", "4.2", ".5", "0033": what number() prints and tables hold. No
// exponents, separators, "inf" or "nan".
std::optional<double> ParsePlainNumber(std::string_view s) {
  std::string_view body = s;
  if (!body.empty() && body[0] == '-') body.remove_prefix(1);
  if (body.empty()) return std::nullopt;
  bool seen_digit = false, seen_point = false;
  for (char c : body) {
    if (IsDigit(c)) {
      seen_digit = true;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit || body.back() == '.') return std::nullopt;
  double value = 0;
  const auto [end, error] =
      std::from_chars(s.data(), s.data() + s.size(), value, std::chars_format::fixed);
  if (error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

bool IsWhole(double x) { return std::isfinite(x) && std::floor(x) == x; }

// The largest power of ten dividing a positive whole number (20 -> 10,
// 6500 -> 100, 7 -> 1); 0 for fractions, which nothing may follow.
double Place(double x) {
  if (!IsWhole(x) || x <= 0) return 0;
  double place = 1;
  while (place < 1e18 && std::fmod(x, place * 10) == 0) place *= 10;
  return place;
}

// Two numbers side by side ("3 hundred and 2 hundred", "five six") are not
// one: NotFound, which declines the match so the numbers inside it stand.
absl::Status CannotFollow(std::string_view whole, std::string_view text, std::string_view after) {
  return absl::NotFoundError(StrCat("number(): \"", whole, "\": \"", text, "\" cannot follow \"",
                                    after, "\" in a number"));
}

struct NumberToken {
  std::string text;
  bool digits;
  double value;  // set for digits
};

// Scans the digit run at text[i] ("1,234,567.5", ".77") into `token`,
// returning the index after it.
absl::StatusOr<size_t> ScanDigits(std::string_view text, size_t i, std::string_view whole,
                                  NumberToken* token) {
  std::string digits;
  size_t j = i;
  size_t lead = 0;
  while (j < text.size() && IsDigit(text[j])) {
    digits += text[j++];
    ++lead;
  }
  bool grouped = false;
  // Indian grouping: two digits at a time before the last three
  // ("12,34,567", "1,00,000").
  if (lead <= 2 && j < text.size() && text[j] == ',') {
    size_t k = j;
    std::string pairs;
    while (k + 3 < text.size() && text[k] == ',' && IsDigit(text[k + 1]) && IsDigit(text[k + 2]) &&
           text[k + 3] == ',') {
      pairs.append(text.substr(k + 1, 2));
      k += 3;
    }
    if (!pairs.empty() && k + 3 < text.size() && IsDigit(text[k + 1]) && IsDigit(text[k + 2]) &&
        IsDigit(text[k + 3]) && (k + 4 == text.size() || !IsDigit(text[k + 4]))) {
      digits.append(pairs).append(text.substr(k + 1, 3));
      j = k + 4;
      grouped = true;
    }
  }
  while (j < text.size() && lead > 0) {
    // An ASCII space groups digits too ("40 000"), after at most three.
    const size_t sep = text[j] == ' ' && lead <= 3 ? 1 : GroupSeparatorLength(text, j);
    if (sep == 0) break;
    size_t run = 0;
    while (j + sep + run < text.size() && IsDigit(text[j + sep + run])) ++run;
    if (run == 3) {
      digits.append(text.substr(j + sep, 3));
      j += sep + 3;
      grouped = true;
      continue;
    }
    if (text[j] == ',' && run > 0) {
      return Invalid("number", "\"", whole,
                     "\" has a misplaced thousands separator; expected groups of three digits "
                     "such as \"1,234,567\"");
    }
    break;  // a no-break space not between digit groups is whitespace
  }
  if (grouped && lead > 3) {
    return Invalid("number", "\"", whole,
                   "\" has a misplaced thousands separator; expected groups of three digits "
                   "such as \"1,234,567\"");
  }
  if (j + 1 < text.size() && text[j] == '.' && IsDigit(text[j + 1])) {
    digits += text[j++];
    while (j < text.size() && IsDigit(text[j])) digits += text[j++];
  }
  if (j + 1 < text.size() && (text[j] == '.' || text[j] == ',') && IsDigit(text[j + 1])) {
    return Invalid("number", "\"", whole, "\" is not a well-formed number; expected digits like ",
                   "\"6,500\" or \"4.2\"");
  }
  const std::optional<double> value = ParsePlainNumber(digits);
  if (!value) {
    return Invalid("number", "\"", whole, "\" is not a well-formed number");
  }
  token->text = std::string(text.substr(i, j - i));
  token->digits = true;
  token->value = *value;
  return j;
}

// After a digit run worth `base` at text[i]: an exponent "e6", "e-1",
// "E+14", "x10^6", "×10^-4" or a power "^23", "^-1" (repeated signs
// multiply: "^--23" is "^23"). The index after it and the value, or nullopt.
std::optional<std::pair<size_t, double>> ScanPower(std::string_view text, size_t i, double base) {
  bool power = false;  // "^": base to the power; else base times ten to it
  size_t j = i;
  if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
    ++j;
  } else if (j < text.size() && text[j] == '^') {
    power = true;
    ++j;
  } else {
    const size_t times = j < text.size() && text[j] == 'x' ? 1
                         : HasBytes(text, j, "\xC3\x97")   ? 2
                                                           : 0;
    if (times == 0 || !HasBytes(text, j + times, "10^")) return std::nullopt;
    j += times + 3;
  }
  double sign = 1;
  while (j < text.size() && (text[j] == '-' || text[j] == '+')) {
    if (text[j] == '-') sign = -sign;
    ++j;
  }
  size_t k = j;
  while (k < text.size() && IsDigit(text[k])) ++k;
  if (k == j || k - j > 3) return std::nullopt;
  double exponent = 0;
  for (size_t d = j; d < k; ++d) exponent = exponent * 10 + (text[d] - '0');
  exponent *= sign;
  return std::pair<size_t, double>(
      k, power ? std::pow(base, exponent) : base * std::pow(10.0, exponent));
}

// Splits on whitespace and hyphens, and a digit run from letters right after
// it ("6.5k" -> "6.5", "k"). A hyphen must join two tokens.
absl::StatusOr<std::vector<NumberToken>> Tokenize(std::string_view text, std::string_view whole) {
  std::vector<NumberToken> tokens;
  bool after_token = false;  // the previous character ended a token
  bool need_token = false;   // a hyphen waits for the token it joins
  auto stray_hyphen = [&] {
    return Invalid("number", "\"", whole, "\" has a hyphen that does not join two words");
  };
  size_t i = 0;
  while (i < text.size()) {
    if (const size_t n = SpaceLength(text, i); n > 0) {
      i += n;  // "fifty - two": spaces around a hyphen change nothing
      continue;
    }
    if (const size_t n = HyphenLength(text, i); n > 0) {
      if (!after_token) return stray_hyphen();
      after_token = false;
      need_token = true;
      i += n;
      continue;
    }
    NumberToken token;
    if (IsDigit(text[i]) || (text[i] == '.' && i + 1 < text.size() && IsDigit(text[i + 1]))) {
      PARALLAX_ASSIGN_OR_RETURN(i, ScanDigits(text, i, whole, &token));
      // "1.3e6", "1.3x10^6", "1.1^23": a power of ten or a power.
      if (const std::optional<std::pair<size_t, double>> power = ScanPower(text, i, token.value)) {
        token.text =
            std::string(text.substr(i - token.text.size(), power->first - i + token.text.size()));
        token.value = power->second;
        i = power->first;
      }
      // "3/4": a fraction of two whole digit runs.
      if (i + 1 < text.size() && text[i] == '/' && IsDigit(text[i + 1]) && IsWhole(token.value)) {
        NumberToken denominator;
        PARALLAX_ASSIGN_OR_RETURN(const size_t end, ScanDigits(text, i + 1, whole, &denominator));
        if (denominator.value == 0 || !IsWhole(denominator.value)) {
          return Invalid("number", "\"", whole, "\" divides by ", denominator.text);
        }
        token.value /= denominator.value;
        token.text = std::string(text.substr(i - token.text.size(), end - i + token.text.size()));
        i = end;
      }
    } else {
      const size_t start = i;
      while (i < text.size() && SpaceLength(text, i) == 0 && HyphenLength(text, i) == 0) ++i;
      token.text = std::string(text.substr(start, i - start));
      token.digits = false;
      token.value = 0;
    }
    tokens.push_back(std::move(token));
    after_token = true;
    need_token = false;
  }
  if (need_token) return stray_hyphen();
  return tokens;
}

}  // namespace

absl::StatusOr<double> ParseNumberText(std::string_view text, std::string_view word_table,
                                       const NormalizerContext& context) {
  // Not collapsed: a no-break space between digit groups is a separator.
  const std::string_view whole = Trim(text);
  if (whole.empty()) return Invalid("number", "TEXT is empty; expected digits or number words");
  std::string_view rest = whole;
  // A minus sign only counts before digits; "minus five" is the rules' job
  // (they call neg()).
  double sign = 1;
  const size_t minus = rest[0] == '-' ? 1 : HasBytes(rest, 0, "\xE2\x88\x92") ? 3 : 0;
  if (minus > 0) {
    size_t k = minus;
    while (k < rest.size() && SpaceLength(rest, k) > 0) k += SpaceLength(rest, k);
    if (k < rest.size() &&
        (IsDigit(rest[k]) || (rest[k] == '.' && k + 1 < rest.size() && IsDigit(rest[k + 1])))) {
      sign = -1;
      rest.remove_prefix(k);
    }
  }
  PARALLAX_ASSIGN_OR_RETURN(std::vector<NumberToken> tokens, Tokenize(rest, whole));

  const auto in_whole = [&](const NumberToken& token) {
    return token.text == whole ? std::string() : StrCat(" (in \"", whole, "\")");
  };
  // What each token is: a plain number, a multiplier "*N", a denominator
  // "/N" ("thirds" = /3) or the decimal point ".".
  enum class Kind { kPlain, kMultiplier, kDenominator, kPoint };
  std::vector<Kind> kinds(tokens.size(), Kind::kPlain);
  std::vector<double> values(tokens.size(), 0);
  for (size_t t = 0; t < tokens.size(); ++t) {
    const NumberToken& token = tokens[t];
    values[t] = token.value;
    if (token.digits) continue;
    if (word_table.empty()) {
      return Invalid("number", "\"", token.text, "\"", in_whole(token),
                     " is not digits, and no word table was given");
    }
    const std::string key = Collapse(token.text, true);
    const std::string* entry = Lookup(context, word_table, key);
    if (!entry) {
      return Invalid("number", "\"", token.text, "\"", in_whole(token),
                     " is neither digits nor a word in table ", word_table);
    }
    std::string_view number = *entry;
    if (number == ".") {
      kinds[t] = Kind::kPoint;
      continue;
    }
    if (!number.empty() && (number[0] == '*' || number[0] == '/')) {
      kinds[t] = number[0] == '*' ? Kind::kMultiplier : Kind::kDenominator;
      number.remove_prefix(1);
    }
    const std::optional<double> parsed = ParsePlainNumber(number);
    if (!parsed || (kinds[t] != Kind::kPlain && *parsed <= 0)) {
      return Invalid("number", "table ", word_table, " maps \"", key, "\" to \"", *entry,
                     "\", which is neither a number nor a multiplier \"*N\" or denominator \"/N\" "
                     "with N > 0 nor the decimal point \".\"");
    }
    values[t] = *parsed;
  }

  double total = 0, current = 0;
  // Whether `current` holds a count; a multiplier alone counts one ("k",
  // "a dozen" via "a" = 1), but "0k" stays 0.
  bool counted = false;
  // The last plain number since the last multiplier; 0 when none. (Not an
  // optional: GCC 12 at -O2 warns it may be read uninitialized.)
  double last_plain = 0;
  std::string last_plain_text;  // for messages
  double last_big = kInf;       // the last multiplier >= 1000
  std::string last_big_text;
  // A filler ("and") splits a whole part from a fraction: "twenty and three
  // fifths" is 20 + 3/5, "twenty-three fifths" 23/5. `split` is `current`
  // at the last filler; `split_after_big` when that filler came right after
  // a multiplier >= 1000 ("two million and a half").
  bool has_split = false, split_after_big = false;
  // The filler came right after a multiplier below 1000: "one hundred and
  // thirty" may be one number.
  bool split_after_small = false;
  double split = 0;
  bool fraction_of_big = false;  // the number ends "<big> and <fraction>"
  // Since the last multiplier >= 1000: a smaller one was applied, and a
  // plain number came after it.
  bool small_applied = false, plain_after_small = false;
  int big_groups = 0;  // groups closed by a multiplier >= 1000
  // After a decimal point, the digits each word or digit run spells:
  // "point zero three" -> "03", "point seventy-one" -> "71".
  bool in_decimals = false;
  std::string decimals;
  double tens_pending = 0;  // "seventy" waiting for "one"
  const auto close_decimals = [&]() -> absl::Status {
    if (tens_pending != 0) decimals.append(FormatNumber(tens_pending));
    tens_pending = 0;
    in_decimals = false;
    if (decimals.empty()) {
      return Invalid("number", "\"", whole, "\" has no digits after its decimal point");
    }
    current += *ParsePlainNumber(StrCat("0.", decimals));
    counted = true;
    last_plain = 0.5;  // a fraction: no plain number may follow
    last_plain_text = decimals;
    return absl::OkStatus();
  };
  for (size_t t = 0; t < tokens.size(); ++t) {
    const NumberToken& token = tokens[t];
    const Kind kind = kinds[t];
    const double value = values[t];
    fraction_of_big = false;
    if (in_decimals && kind == Kind::kPlain) {
      if (token.digits) {
        if (tens_pending != 0) decimals.append(FormatNumber(tens_pending));
        tens_pending = 0;
        decimals.append(token.text);
      } else if (!IsWhole(value) || value >= 100) {
        return Invalid("number", "\"", whole, "\": \"", token.text,
                       "\" cannot follow a decimal point");
      } else if (tens_pending != 0 && value < 10) {
        decimals.append(FormatNumber(tens_pending + value));
        tens_pending = 0;
      } else {
        if (tens_pending != 0) decimals.append(FormatNumber(tens_pending));
        tens_pending = 0;
        if (value >= 20 && std::fmod(value, 10) == 0) {
          tens_pending = value;
        } else {
          decimals.append(FormatNumber(value));
        }
      }
      continue;
    }
    if (in_decimals) {
      if (kind != Kind::kMultiplier) {
        return Invalid("number", "\"", whole, "\": \"", token.text,
                       "\" cannot follow a decimal point");
      }
      PARALLAX_RETURN_IF_ERROR(close_decimals());
    }
    if (kind == Kind::kPoint) {
      if (last_plain != 0 && !IsWhole(last_plain)) {
        return CannotFollow(whole, token.text, last_plain_text);
      }
      in_decimals = true;
      decimals.clear();
      continue;
    }
    if (kind == Kind::kDenominator) {
      // The numerator is what was counted since the filler, else the whole
      // number so far; none counts one ("half", "a third" via "a" = 1).
      // A fraction after "hundred and" that is one or more is not the part
      // of a mixed number: "one hundred and thirty fifths" is 130/5, while
      // "one hundred and three quarters" is 100.75.
      if (has_split && split_after_small && current - split >= value) has_split = false;
      double numerator = has_split ? current - split : total + current;
      if (numerator == 0 && (has_split || !counted)) numerator = 1;
      if (has_split) {
        current = split + numerator / value;
        fraction_of_big = split_after_big && split == 0;
      } else {
        total = 0;
        current = numerator / value;
        last_big = kInf;
      }
      counted = true;
      has_split = false;
      last_plain = current == 0 ? 0.5 : current;
      last_plain_text = token.text;
      // "half a million": "a" between a fraction and its multiplier.
      if (t + 2 < tokens.size() && kinds[t + 1] == Kind::kPlain && !tokens[t + 1].digits &&
          values[t + 1] == 1 && kinds[t + 2] == Kind::kMultiplier) {
        ++t;
      }
      continue;
    }
    if (kind == Kind::kPlain) {
      if (token.digits) counted = true;
      if (value == 0) {  // "zero", or a filler such as "and"
        if (!token.digits) {
          has_split = true;
          split = current;
          split_after_small = t > 0 && kinds[t - 1] == Kind::kMultiplier && values[t - 1] < 1000;
          split_after_big = !counted && total > 0;
          // Before a fraction, the count starts again: "one and a half".
          for (size_t u = t + 1; u < tokens.size() && kinds[u] != Kind::kMultiplier; ++u) {
            if (kinds[u] == Kind::kDenominator) last_plain = 0;
          }
        }
        continue;
      }
      counted = true;
      if (last_plain != 0 && !(value < Place(last_plain))) {
        return CannotFollow(whole, token.text, last_plain_text);
      }
      current += value;
      last_plain = value;
      last_plain_text = token.text;
      if (small_applied) plain_after_small = true;
      continue;
    }
    // "3 hundred and 2 hundred" is two numbers; "a couple hundred" is one.
    if (value < 1000 && plain_after_small) return CannotFollow(whole, token.text, last_plain_text);
    last_plain = 0;
    has_split = false;
    if (value >= 1000 && t > 0 && kinds[t - 1] == Kind::kMultiplier && values[t - 1] >= 1000 &&
        value > last_big && big_groups == 1) {
      // A larger multiplier right after the only group scales it: "three
      // lakh crore", "a thousand million".
      total *= value;
      last_big = value;
      last_big_text = token.text;
      continue;
    }
    if (value >= 1000) {
      // Groups go from large to small: "two million three thousand".
      if (value >= last_big || (!counted && total > 0)) {
        return CannotFollow(whole, token.text, last_big_text);
      }
      total += (counted ? current : 1) * value;
      ++big_groups;
      current = 0;
      counted = false;
      last_big = value;
      last_big_text = token.text;
      small_applied = plain_after_small = false;
    } else {
      current = (counted ? current : 1) * value;
      counted = true;
      small_applied = true;
    }
  }
  if (in_decimals) PARALLAX_RETURN_IF_ERROR(close_decimals());
  // "two million and a half" is two and a half million.
  if (fraction_of_big) return sign * (total + current * last_big);
  return sign * (total + current);
}

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (std::fabs(value) >= 1e18) return fmt::format("{}", value);
  // Whole numbers, the common case, skip the slow fixed-point formatting.
  if (value == std::floor(value)) return fmt::format("{}", static_cast<long long>(value));
  // Fifteen significant digits hide binary noise (4.2 * 1e9, 0.1 + 0.2).
  const double magnitude = std::fabs(value);
  const int int_digits =
      magnitude < 1 ? 1 : static_cast<int>(std::floor(std::log10(magnitude))) + 1;
  const int decimals = std::max(0, 15 - int_digits);
  std::string out = fmt::format("{:.{}f}", value, decimals);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

std::string FormatInterval(const Interval& interval) {
  const bool low_open = interval.low_open || std::isinf(interval.low);
  const bool high_open = interval.high_open || std::isinf(interval.high);
  return StrCat(low_open ? "(" : "[", FormatNumber(interval.low), ",", FormatNumber(interval.high),
                high_open ? ")" : "]");
}

absl::StatusOr<Interval> ParseInterval(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return absl::InvalidArgumentError(StrCat(
        "expected an interval such as \"[6500,inf)\" or \"(0,5]\", got \"", text, "\": ", why));
  };
  if (text.size() < 5 || (text.front() != '[' && text.front() != '(') ||
      (text.back() != ']' && text.back() != ')')) {
    return invalid("it must start with [ or ( and end with ] or )");
  }
  const std::string_view body = text.substr(1, text.size() - 2);
  const size_t comma = body.find(',');
  if (comma == std::string_view::npos || body.find(',', comma + 1) != std::string_view::npos) {
    return invalid("it needs exactly one comma");
  }
  Interval interval{0, 0, text.front() == '(', text.back() == ')'};
  const std::string_view low = body.substr(0, comma);
  const std::string_view high = body.substr(comma + 1);
  if (low == "-inf") {
    interval.low = -kInf;
  } else if (const std::optional<double> v = ParsePlainNumber(low)) {
    interval.low = *v;
  } else {
    return invalid("the low end is neither a number nor -inf");
  }
  if (high == "inf") {
    interval.high = kInf;
  } else if (const std::optional<double> v = ParsePlainNumber(high)) {
    interval.high = *v;
  } else {
    return invalid("the high end is neither a number nor inf");
  }
  if ((std::isinf(interval.low) && !interval.low_open) ||
      (std::isinf(interval.high) && !interval.high_open)) {
    return invalid("an infinite end must be open");
  }
  if (interval.low > interval.high) return invalid("the low end is above the high end");
  return interval;
}

bool Overlaps(const Interval& a, const Interval& b) {
  // The intersection runs from the larger low to the smaller high; at a tie
  // an end is open when either interval's is.
  const double low = std::max(a.low, b.low);
  const bool low_open = (a.low == low && a.low_open) || (b.low == low && b.low_open);
  const double high = std::min(a.high, b.high);
  const bool high_open = (a.high == high && a.high_open) || (b.high == high && b.high_open);
  if (low < high) return true;
  return low == high && !low_open && !high_open;
}

namespace {

// Checks the argument count against the normalizer's table entry.
absl::Status CheckArity(std::string_view name, const std::vector<std::string>& args) {
  const NormalizerInfo* info = FindNormalizer(name);
  const int count = static_cast<int>(args.size());
  if (count >= info->min_args && count <= info->max_args) return absl::OkStatus();
  const std::string expected =
      info->min_args == info->max_args
          ? StrCat(info->min_args, info->min_args == 1 ? " argument" : " arguments")
          : StrCat(info->min_args, " to ", info->max_args, " arguments");
  return Invalid(name, "expected ", expected, " (", info->usage, "), got ", count);
}

// The argument at `index`, or "" past the end (an optional argument left out).
std::string_view Arg(const std::vector<std::string>& args, size_t index) {
  return index < args.size() ? std::string_view(args[index]) : std::string_view();
}

absl::StatusOr<double> NumberArg(std::string_view normalizer, std::string_view label,
                                 std::string_view text) {
  if (const std::optional<double> value = ParsePlainNumber(text)) return *value;
  return Invalid(normalizer, label, " \"", text, "\" is not a number; expected digits such as ",
                 "\"6500\" or \"-2.5\"");
}

// A whole number of 1..max_digits digits, or nullopt.
std::optional<int> SmallInt(std::string_view text, size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

absl::StatusOr<int> MonthArg(std::string_view normalizer, std::string_view text) {
  const std::optional<int> month = SmallInt(text, 2);
  if (!month || *month < 1 || *month > 12) {
    return Invalid(normalizer, "MONTH \"", text, "\" is not a month number; expected 1 to 12");
  }
  return *month;
}

// The date, or nullopt when that day does not exist (CivilDay would roll
// Feb 30 over to March).
std::optional<CivilDate> MakeDay(int64_t year, int month, int day) {
  const CivilDate date(year, month, day);
  if (date.year() != year || date.month() != month || date.day() != day) return std::nullopt;
  return date;
}

// Checks DAY against MONTH in `year`; with no year Feb 29 passes.
absl::StatusOr<int> DayArg(std::string_view normalizer, std::string_view text, int month,
                           std::optional<int64_t> year) {
  const std::optional<int> day = SmallInt(text, 2);
  if (!day || *day < 1 || *day > 31) {
    return Invalid(normalizer, "DAY \"", text, "\" is not a day number; expected 1 to 31");
  }
  if (!MakeDay(year.value_or(2000), month, *day)) {
    return Invalid(normalizer, "DAY \"", text, "\" does not exist in month ", month,
                   year ? StrCat(" of ", *year) : std::string());
  }
  return *day;
}

std::string FormatMonth(absl::CivilMonth month) {
  return fmt::format("{:04}-{:02}", month.year(), month.month());
}

absl::StatusOr<std::string> NumberFn(const std::vector<std::string>& args,
                                     const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("number", args));
  PARALLAX_ASSIGN_OR_RETURN(const double value,
                            ParseNumberText(Arg(args, 0), Arg(args, 1), context));
  return FormatNumber(value);
}

// The hedges interval() knows, for its error message.
constexpr std::string_view kHedges =
    "\"\" or exact, at_least, more_than, at_most, up_to, less_than, about, nearly, between";

absl::StatusOr<std::string> IntervalFn(const std::vector<std::string>& args,
                                       const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("interval", args));
  const std::string_view hedge = Arg(args, 0);
  PARALLAX_ASSIGN_OR_RETURN(const double n, NumberArg("interval", "N", Arg(args, 1)));
  const std::string_view n2_text = Arg(args, 2);
  if (hedge == "between") {
    if (n2_text.empty()) {
      return Invalid("interval", "hedge between needs N2, the upper end");
    }
    PARALLAX_ASSIGN_OR_RETURN(const double n2, NumberArg("interval", "N2", n2_text));
    if (n2 < n) {
      // "The vote was 52 to 48" is a score, two numbers: NotFound declines
      // the match.
      return absl::NotFoundError(StrCat("interval(): between ", FormatNumber(n), " and ",
                                        FormatNumber(n2), ": N2 must not be below N"));
    }
    return FormatInterval({n, n2, false, false});
  }
  if (!n2_text.empty()) {
    return Invalid("interval", "N2 \"", n2_text, "\" only applies to hedge between, not \"", hedge,
                   "\"");
  }
  // Bounds from above start at 0 (quantities count things) unless N itself
  // is negative.
  const double floor_of = n < 0 ? -kInf : 0;
  if (hedge.empty() || hedge == "exact") return FormatInterval({n, n, false, false});
  if (hedge == "at_least") return FormatInterval({n, kInf, false, true});
  if (hedge == "more_than") return FormatInterval({n, kInf, true, true});
  if (hedge == "at_most" || hedge == "up_to") {
    return FormatInterval({floor_of, n, n < 0, false});
  }
  if (hedge == "less_than") return FormatInterval({floor_of, n, n < 0, true});
  if (hedge == "about" || hedge == "nearly") {
    // 10% either way; a whole N counts things, so the ends widen to whole
    // numbers (about 150 -> [135,165], about 5 -> [4,6]).
    double low = IsWhole(n) ? n * 9 / 10 : n * 0.9;
    double high = IsWhole(n) ? n * 11 / 10 : n * 1.1;
    if (low > high) std::swap(low, high);
    if (IsWhole(n)) {
      low = std::floor(low);
      high = std::ceil(high);
    }
    if (hedge == "about") return FormatInterval({low, high, false, false});
    // "nearly N" stops short of N: below it, or above it when N < 0.
    return n < 0 ? FormatInterval({n, high, true, false}) : FormatInterval({low, n, false, true});
  }
  return Invalid("interval", "unknown hedge \"", hedge, "\"; expected one of ", kHedges);
}

absl::StatusOr<std::string> RangeFn(const std::vector<std::string>& args,
                                    const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("range", args));
  PARALLAX_ASSIGN_OR_RETURN(const double low, NumberArg("range", "LOW", Arg(args, 0)));
  double high = kInf;
  if (Arg(args, 1) != "inf") {
    PARALLAX_ASSIGN_OR_RETURN(high, NumberArg("range", "HIGH", Arg(args, 1)));
  }
  if (high < low) {
    return Invalid("range", "HIGH \"", Arg(args, 1), "\" is below LOW \"", Arg(args, 0), "\"");
  }
  return FormatInterval({low, high, false, std::isinf(high)});
}

absl::StatusOr<std::string> DateFn(const std::vector<std::string>& args, const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("date", args));
  const std::string_view year_text = Arg(args, 0), month_text = Arg(args, 1),
                         day_text = Arg(args, 2);
  if (month_text.empty() && !day_text.empty()) {
    return Invalid("date", "DAY \"", day_text, "\" without a MONTH");
  }
  if (year_text.empty() && month_text.empty()) {
    return Invalid("date", "YEAR and MONTH are both empty; expected at least one");
  }
  std::optional<int> year;
  if (!year_text.empty()) {
    year = year_text.size() == 4 ? SmallInt(year_text, 4) : std::nullopt;
    if (!year || *year < 1000 || *year > 2999) {
      return Invalid("date", "YEAR \"", year_text, "\" is not a year; expected 4 digits, ",
                     "1000 to 2999");
    }
  }
  if (month_text.empty()) return fmt::format("{:04}", *year);
  PARALLAX_ASSIGN_OR_RETURN(const int month, MonthArg("date", month_text));
  const std::string prefix =
      year ? fmt::format("{:04}-{:02}", *year, month) : fmt::format("XXXX-{:02}", month);
  if (day_text.empty()) return prefix;
  PARALLAX_ASSIGN_OR_RETURN(const int day, DayArg("date", day_text, month, year));
  return fmt::format("{}-{:02}", prefix, day);
}

enum class Lean { kPast, kLast, kFuture, kNext, kNearest };

absl::StatusOr<Lean> LeanArg(std::string_view normalizer, std::string_view text,
                             bool allow_strict) {
  if (text == "past") return Lean::kPast;
  if (text == "future") return Lean::kFuture;
  if (text == "nearest") return Lean::kNearest;
  if (allow_strict && text == "last") return Lean::kLast;
  if (allow_strict && text == "next") return Lean::kNext;
  return Invalid(normalizer, "LEAN \"", text, "\" is not one of ",
                 allow_strict ? "past, last, future, next, nearest" : "past, future, nearest");
}

// The latest date on or before `ref` (kPast) or the earliest on or after it
// (kFuture) falling on month/day; looks eight years out so Feb 29 resolves.
std::optional<CivilDate> YearlessDay(int month, int day, CivilDate ref, Lean lean) {
  const int step = lean == Lean::kPast ? -1 : 1;
  for (int k = 0; k <= 8; ++k) {
    const std::optional<CivilDate> date = MakeDay(ref.year() + step * k, month, day);
    if (date && (lean == Lean::kPast ? *date <= ref : *date >= ref)) return date;
  }
  return std::nullopt;
}

absl::StatusOr<std::string> YearlessFn(const std::vector<std::string>& args,
                                       const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("yearless", args));
  PARALLAX_ASSIGN_OR_RETURN(const int month, MonthArg("yearless", Arg(args, 0)));
  const std::string_view day_text = Arg(args, 1);
  std::optional<int> day;
  if (!day_text.empty()) {
    PARALLAX_ASSIGN_OR_RETURN(day, DayArg("yearless", day_text, month, std::nullopt));
  }
  PARALLAX_ASSIGN_OR_RETURN(const Lean lean, LeanArg("yearless", Arg(args, 2), false));
  // FROM, the other end of a range ("from Nov. 28 to Jan. 3"), stands in for
  // the ref: a day, or a month (its first day looking ahead, its last back).
  std::optional<CivilDate> from;
  if (args.size() > 3) {
    const std::string_view from_text = Arg(args, 3);
    if (from_text.find('X') == std::string_view::npos) {
      const bool whole_month = from_text.size() == 7;
      absl::StatusOr<CivilDate> parsed =
          ParseIsoDate(whole_month ? StrCat(from_text, "-01") : std::string(from_text));
      if (!parsed.ok() || (!whole_month && from_text.size() != 10)) {
        return Invalid("yearless", "FROM \"", from_text,
                       "\" is not a day or a month; expected e.g. \"2023-01-27\" or \"2023-01\"");
      }
      from = whole_month && lean == Lean::kPast ? CivilDate(absl::CivilMonth(*parsed) + 1) - 1
                                                : *parsed;
    }
  }
  if (!from && !context.ref) {
    return day ? fmt::format("XXXX-{:02}-{:02}", month, *day) : fmt::format("XXXX-{:02}", month);
  }
  const CivilDate ref = from ? *from : *context.ref;
  if (!day) {
    const absl::CivilMonth ref_month(ref);
    const absl::CivilMonth this_year(ref.year(), month);
    const absl::CivilMonth past = this_year <= ref_month ? this_year : this_year - 12;
    const absl::CivilMonth future = this_year >= ref_month ? this_year : this_year + 12;
    if (lean == Lean::kPast) return FormatMonth(past);
    if (lean == Lean::kFuture) return FormatMonth(future);
    return FormatMonth(ref_month - past <= future - ref_month ? past : future);
  }
  const std::optional<CivilDate> past = YearlessDay(month, *day, ref, Lean::kPast);
  const std::optional<CivilDate> future = YearlessDay(month, *day, ref, Lean::kFuture);
  // Both exist: every month-day recurs within eight years.
  if (lean == Lean::kPast) return FormatIsoDate(*past);
  if (lean == Lean::kFuture) return FormatIsoDate(*future);
  return FormatIsoDate(ref - *past <= *future - ref ? *past : *future);
}

// A whole number of calendar steps, "+2" or "-3", at most `cap` either way:
// the cap keeps calendar arithmetic far from overflow.
std::optional<int64_t> WholeSteps(std::string_view text, double cap) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  const std::optional<double> n = ParsePlainNumber(text);
  if (!n || !IsWhole(*n) || std::fabs(*n) > cap) return std::nullopt;
  return static_cast<int64_t>(*n);
}

absl::StatusOr<std::string> ShiftFn(const std::vector<std::string>& args,
                                    const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("shift", args));
  const std::optional<int64_t> amount = WholeSteps(Arg(args, 0), 100000);
  if (!amount) {
    return Invalid("shift", "AMOUNT \"", Arg(args, 0),
                   "\" is not a whole number; expected e.g. \"-3\" or \"2\" (at most 100000)");
  }
  const int64_t n = *amount;
  const std::string_view unit = Arg(args, 1);
  if (unit != "d" && unit != "w" && unit != "m" && unit != "y") {
    return Invalid("shift", "UNIT \"", unit, "\" is not one of d, w, m, y");
  }
  // With FROM, a day is moved and the result is a day: "two months after
  // March 31" is May 31, "a month after January 31" the last of February.
  if (args.size() > 2) {
    std::string_view from = Arg(args, 2);
    // Without a year ("XXXX-03", no publication date) a move by days or
    // weeks that stays inside that year keeps its month and day: "early
    // March" is XXXX-03-01/XXXX-03-10. 2000 stands in, a leap year.
    const bool no_year =
        from.starts_with("XXXX-") && from.substr(5).find('X') == std::string_view::npos;
    if (from.find('X') != std::string_view::npos && !(no_year && (unit == "d" || unit == "w"))) {
      return std::string(kUnknownDay);
    }
    const std::string stand_in = no_year ? StrCat("2000", from.substr(4)) : std::string(from);
    from = stand_in;
    // A month stands for its first day: "the 20th of next month" is 19 days
    // after shift(1, m).
    const bool whole_month = from.size() == 7;
    absl::StatusOr<CivilDate> day =
        ParseIsoDate(whole_month ? StrCat(from, "-01") : std::string(from));
    if (!day.ok() || (!whole_month && from.size() != 10)) {
      return Invalid("shift", "FROM \"", Arg(args, 2),
                     "\" is not a day or a month; expected e.g. \"2023-01-27\" or \"2023-01\"");
    }
    if (no_year) {
      const CivilDate moved = *day + (unit == "w" ? 7 * n : n);
      if (moved.year() != 2000) return std::string(kUnknownDay);
      return fmt::format("XXXX-{:02}-{:02}", moved.month(), moved.day());
    }
    if (unit == "d") return FormatIsoDate(*day + n);
    if (unit == "w") return FormatIsoDate(*day + 7 * n);
    const absl::CivilMonth month = absl::CivilMonth(*day) + (unit == "m" ? n : 12 * n);
    const CivilDate last = CivilDate(month + 1) - 1;
    return FormatIsoDate(std::min(CivilDate(month) + (day->day() - 1), last));
  }
  if (!context.ref) {
    if (unit == "m") return std::string("XXXX-XX");
    if (unit == "y") return std::string("XXXX");
    return std::string(kUnknownDay);
  }
  const CivilDate ref = *context.ref;
  if (unit == "d") return FormatIsoDate(ref + n);
  if (unit == "w") return FormatIsoDate(ref + 7 * n);
  if (unit == "m") return FormatMonth(absl::CivilMonth(ref) + n);
  return fmt::format("{:04}", ref.year() + n);
}

// A year as written: "2010" stays, a two-digit year ("96", "'08") takes the
// nearer century, 1951-2050, as is usual in dates such as "Aug 9, 96".
absl::StatusOr<std::string> YearFn(const std::vector<std::string>& args, const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("year", args));
  std::string_view text = Arg(args, 0);
  if (text.starts_with("'")) {
    text.remove_prefix(1);
  } else if (text.starts_with("\xE2\x80\x99")) {
    text.remove_prefix(3);
  }
  const std::optional<int> year =
      text.size() == 2 || text.size() == 4 ? SmallInt(text, 4) : std::optional<int>();
  if (!year) {
    return Invalid("year", "YEAR \"", Arg(args, 0), "\" is not a year; expected 2 or 4 digits");
  }
  if (text.size() == 4) return fmt::format("{:04}", *year);
  return fmt::format("{:04}", *year > 50 ? 1900 + *year : 2000 + *year);
}

absl::StatusOr<std::string> WeekdayFn(const std::vector<std::string>& args,
                                      const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("weekday", args));
  const std::optional<int> day = SmallInt(Arg(args, 0), 1);
  if (!day || *day < 1 || *day > 7) {
    return Invalid("weekday", "DAY \"", Arg(args, 0),
                   "\" is not an ISO weekday; expected 1 (Monday) to 7 (Sunday)");
  }
  PARALLAX_ASSIGN_OR_RETURN(const Lean lean, LeanArg("weekday", Arg(args, 1), true));
  // With FROM, that day stands for the ref: "Friday to Monday" ends on the
  // first Monday after the Friday.
  std::optional<CivilDate> from = context.ref;
  if (args.size() > 2) {
    const std::string_view from_text = Arg(args, 2);
    if (from_text.find('X') != std::string_view::npos) return std::string(kUnknownDay);
    absl::StatusOr<CivilDate> day = absl::InvalidArgumentError("");
    if (from_text.size() == 10) day = ParseIsoDate(std::string(from_text));
    if (!day.ok()) {
      return Invalid("weekday", "FROM \"", from_text,
                     "\" is not a day; expected e.g. \"2023-01-27\"");
    }
    from = *day;
  }
  if (!from) return std::string(kUnknownDay);
  const CivilDate ref = *from;
  // absl::Weekday counts from Monday = 0.
  const int ref_day = static_cast<int>(absl::GetWeekday(ref)) + 1;
  const int back = (ref_day - *day + 7) % 7;
  const int ahead = (*day - ref_day + 7) % 7;
  switch (lean) {
    case Lean::kPast:
      return FormatIsoDate(ref - back);
    case Lean::kLast:
      return FormatIsoDate(ref - (back == 0 ? 7 : back));
    case Lean::kFuture:
      return FormatIsoDate(ref + ahead);
    case Lean::kNext:
      return FormatIsoDate(ref + (ahead == 0 ? 7 : ahead));
    case Lean::kNearest:
      return FormatIsoDate(back <= ahead ? ref - back : ref + ahead);
  }
  return std::string(kUnknownDay);
}

// One term of a duration: an amount in a unit, both as ISO 8601 spells them.
struct DurationTerm {
  double amount;
  std::string_view unit;  // Y, M, W, D, H, MIN, S
};

absl::StatusOr<DurationTerm> DurationTermArg(std::string_view amount_text, std::string_view unit) {
  PARALLAX_ASSIGN_OR_RETURN(double amount, NumberArg("duration", "AMOUNT", amount_text));
  if (amount < 0) {
    return Invalid("duration", "AMOUNT \"", amount_text, "\" is negative; expected 0 or more");
  }
  // A unit may carry a multiplier: "10Y" for a decade, "2W" for a fortnight.
  if (!unit.empty() && IsDigit(unit[0])) {
    const size_t digits = unit.find_first_not_of("0123456789");
    const std::optional<int> times =
        digits == std::string_view::npos ? std::nullopt : SmallInt(unit.substr(0, digits), 3);
    if (!times || *times == 0) {
      return Invalid("duration", "UNIT \"", unit,
                     "\" is not a unit with an optional multiplier; expected e.g. D, 10Y");
    }
    amount *= *times;
    unit.remove_prefix(digits);
  }
  static constexpr std::string_view kUnits[] = {"Y", "M", "W", "D", "H", "MIN", "S"};
  if (std::find(std::begin(kUnits), std::end(kUnits), unit) == std::end(kUnits)) {
    return Invalid("duration", "UNIT \"", unit, "\" is not one of Y, M, W, D, H, MIN, S");
  }
  return DurationTerm{amount, unit};
}

// duration(AMOUNT, UNIT[, AMOUNT, UNIT ...]): "P44D", "P2Y3M", "PT1H30M".
absl::StatusOr<std::string> DurationFn(const std::vector<std::string>& args,
                                       const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("duration", args));
  if (args.size() % 2 != 0) {
    return Invalid("duration", "expected AMOUNT, UNIT pairs, got ", args.size(), " arguments");
  }
  // ISO 8601 order; a unit given twice adds up ("a year and a year" is odd
  // but not wrong).
  static constexpr std::string_view kOrder[] = {"Y", "M", "W", "D", "H", "MIN", "S"};
  double amounts[std::size(kOrder)] = {};
  bool present[std::size(kOrder)] = {};
  for (size_t i = 0; i < args.size(); i += 2) {
    PARALLAX_ASSIGN_OR_RETURN(const DurationTerm term, DurationTermArg(args[i], args[i + 1]));
    const size_t k = std::find(std::begin(kOrder), std::end(kOrder), term.unit) - kOrder;
    amounts[k] += term.amount;
    present[k] = true;
  }
  std::string out = "P";
  for (size_t k = 0; k < std::size(kOrder); ++k) {
    if (!present[k]) continue;
    if (k >= 4 && out.find('T') == std::string::npos) out += 'T';
    StrAppend(&out, FormatNumber(amounts[k]), kOrder[k] == "MIN" ? "M" : kOrder[k]);
  }
  return out;
}

// add(A, B): "1" + "0.5" -> "1.5", for "an hour and a half".
absl::StatusOr<std::string> AddFn(const std::vector<std::string>& args, const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("add", args));
  PARALLAX_ASSIGN_OR_RETURN(const double a, NumberArg("add", "A", Arg(args, 0)));
  PARALLAX_ASSIGN_OR_RETURN(const double b, NumberArg("add", "B", Arg(args, 1)));
  return FormatNumber(a + b);
}

// A out of B: A/B ("one in five" is 0.2). A share is at most the whole:
// "12 out of 10" is two numbers, so NotFound declines the match.
absl::StatusOr<std::string> RatioFn(const std::vector<std::string>& args,
                                    const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("ratio", args));
  PARALLAX_ASSIGN_OR_RETURN(const double a, NumberArg("ratio", "A", Arg(args, 0)));
  PARALLAX_ASSIGN_OR_RETURN(const double b, NumberArg("ratio", "B", Arg(args, 1)));
  if (b <= 0 || a < 0 || a > b) {
    return absl::NotFoundError(
        StrCat("ratio(): ", Arg(args, 0), " is not a share of ", Arg(args, 1)));
  }
  return FormatNumber(a / b);
}

// div(A, B): A/B, a fraction that may exceed one ("one hundred
// thirty-fifths" is 100/35). B must not be 0.
absl::StatusOr<std::string> DivFn(const std::vector<std::string>& args, const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("div", args));
  PARALLAX_ASSIGN_OR_RETURN(const double a, NumberArg("div", "A", Arg(args, 0)));
  PARALLAX_ASSIGN_OR_RETURN(const double b, NumberArg("div", "B", Arg(args, 1)));
  if (b == 0) return Invalid("div", "B \"", Arg(args, 1), "\" is 0; cannot divide by zero");
  return FormatNumber(a / b);
}

// The values in both intervals: "more than 10 and less than 20" is
// (10,inf) and [0,20), so (10,20). When the two say nothing together that
// one does not say alone, they are two claims, not one: disjoint ("more
// than 40 and less than 10") or one inside the other ("more than 20, above
// 170"). Then NotFound, which declines the match instead of letting it hide
// the claims inside it.
absl::StatusOr<std::string> IntersectFn(const std::vector<std::string>& args,
                                        const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("intersect", args));
  PARALLAX_ASSIGN_OR_RETURN(const Interval a, ParseInterval(Arg(args, 0)));
  PARALLAX_ASSIGN_OR_RETURN(const Interval b, ParseInterval(Arg(args, 1)));
  if (!Overlaps(a, b)) {
    return absl::NotFoundError(
        StrCat("intersect(): ", Arg(args, 0), " and ", Arg(args, 1), " have no value in common"));
  }
  Interval out = a;
  if (b.low > a.low || (b.low == a.low && b.low_open)) {
    out.low = b.low;
    out.low_open = b.low_open;
  }
  if (b.high < a.high || (b.high == a.high && b.high_open)) {
    out.high = b.high;
    out.high_open = b.high_open;
  }
  const auto same = [](const Interval& x, const Interval& y) {
    return x.low == y.low && x.high == y.high && x.low_open == y.low_open &&
           x.high_open == y.high_open;
  };
  if (same(out, a) || same(out, b)) {
    return absl::NotFoundError(
        StrCat("intersect(): ", Arg(args, 0), " and ", Arg(args, 1), " add nothing to each other"));
  }
  return FormatInterval(out);
}

absl::StatusOr<std::string> NegFn(const std::vector<std::string>& args, const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("neg", args));
  PARALLAX_ASSIGN_OR_RETURN(const double n, NumberArg("neg", "N", Arg(args, 0)));
  return FormatNumber(-n);
}

absl::StatusOr<std::string> LowerFn(const std::vector<std::string>& args,
                                    const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("lower", args));
  return Collapse(Arg(args, 0), true);
}

// either(TEXT, DEFAULT): TEXT lowercased, or DEFAULT when TEXT is empty:
// "unit=either(u, people)" for a casualty count that names no noun.
absl::StatusOr<std::string> EitherFn(const std::vector<std::string>& args,
                                     const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("either", args));
  const std::string text = Collapse(Arg(args, 0), true);
  return text.empty() ? std::string(Arg(args, 1)) : text;
}

absl::StatusOr<std::string> AliasFn(const std::vector<std::string>& args,
                                    const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("alias", args));
  const std::string text = Collapse(Arg(args, 0), false);
  if (text.empty()) return Invalid("alias", "TEXT is empty; expected a name to look up");
  const std::string_view table = Arg(args, 1);
  if (table.empty()) return Invalid("alias", "TABLE is empty; expected a table name");
  if (const std::string* canonical = Lookup(context, table, Collapse(text, true))) {
    return *canonical;
  }
  return text;
}

// The words of a sentence, lowercased, with their byte spans. Apostrophes
// (' and U+2019) start a new word so that "we'll" gives "we", "'ll".
struct Word {
  std::string text;
  size_t start;
  size_t end;
};

std::vector<Word> SentenceWords(std::string_view s) {
  std::vector<Word> words;
  Word current{"", 0, 0};
  auto flush = [&](size_t end) {
    if (!current.text.empty()) {
      current.end = end;
      words.push_back(std::move(current));
    }
    current = Word{"", 0, 0};
  };
  for (size_t i = 0; i < s.size();) {
    const bool curly = s.compare(i, 3, "\xE2\x80\x99") == 0;
    if (s[i] == '\'' || curly) {
      flush(i);
      current.start = i;
      current.text.push_back('\'');
      i += curly ? 3 : 1;
      continue;
    }
    const char c = s[i];
    const bool word = IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!word) {
      flush(i);
      ++i;
      continue;
    }
    if (current.text.empty()) current.start = i;
    current.text += LowerAscii(c);
    ++i;
  }
  flush(s.size());
  return words;
}

// Whether text has a clause break: a cue across one says less about a date.
bool HasClauseBreak(std::string_view text) {
  return text.find_first_of(",;:()") != std::string_view::npos ||
         text.find("\xE2\x80\x94") != std::string_view::npos;  // em dash
}

absl::StatusOr<CueIndex> BuildCueIndex(const NormalizerContext& context, std::string_view table) {
  const absl::flat_hash_map<std::string, std::string>* rows =
      context.table ? context.table(table) : nullptr;
  if (rows == nullptr) return Invalid("lean", "no table ", table, " of tense cues");
  CueIndex index;
  for (const auto& [key, value] : *rows) {
    PARALLAX_RETURN_IF_ERROR(LeanArg("lean", value, false).status());
    if (key.size() > 1 && key[0] == '*') {
      index.endings.emplace_back(key.substr(1), value);
    } else if (const size_t space = key.find(' '); space != std::string::npos) {
      index.phrases[key] = value;
      index.phrase_starts.insert(key.substr(0, space));
      index.longest_phrase =
          std::max<size_t>(index.longest_phrase, std::count(key.begin(), key.end(), ' ') + 1);
    } else {
      index.words[key] = value;
    }
  }
  // The longest ending first: "*ied" before "*ed".
  std::sort(index.endings.begin(), index.endings.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return index;
}

// Every cue of `index` in `sentence`, in text order.
std::vector<TenseCue> FindTenseCues(const CueIndex& index, std::string_view sentence) {
  std::vector<TenseCue> cues;
  const std::vector<Word> words = SentenceWords(sentence);
  std::string phrase;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i].text;
    if (auto it = index.words.find(word); it != index.words.end()) {
      cues.push_back({words[i].start, words[i].end, it->second});
    } else {
      for (const auto& [ending, lean] : index.endings) {
        if (word.size() > ending.size() && word.ends_with(ending)) {
          cues.push_back({words[i].start, words[i].end, lean});
          break;
        }
      }
    }
    if (!index.phrase_starts.contains(word)) continue;
    phrase = word;
    for (size_t n = 1; n < index.longest_phrase && i + n < words.size(); ++n) {
      const Word& last = words[i + n];
      if (last.text[0] != '\'') phrase += ' ';
      phrase += last.text;
      if (auto it = index.phrases.find(phrase); it != index.phrases.end()) {
        cues.push_back({words[i].start, last.end, it->second});
      }
    }
  }
  return cues;
}

absl::StatusOr<std::string> LeanFn(const std::vector<std::string>& args,
                                   const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("lean", args));
  const std::string_view table = Arg(args, 0);
  if (table.empty()) return Invalid("lean", "TABLE is empty; expected a table of tense cues");
  std::string best = args.size() > 1 && !args[1].empty() ? args[1] : std::string("past");
  PARALLAX_RETURN_IF_ERROR(LeanArg("lean", best, false).status());
  const std::string_view sentence = context.sentence;
  LeanCache local;
  LeanCache* cache = context.lean_cache != nullptr ? context.lean_cache : &local;
  if (cache->table != table) {
    cache->table.clear();  // stays invalid if the table is bad
    cache->sentence = nullptr;
    PARALLAX_ASSIGN_OR_RETURN(cache->index, BuildCueIndex(context, table));
    cache->table = std::string(table);
  }
  if (cache->sentence != sentence.data() || cache->sentence_size != sentence.size()) {
    cache->cues = FindTenseCues(cache->index, sentence);
    cache->sentence = sentence.data();
    cache->sentence_size = sentence.size();
  }
  // The nearest cue in the claim's clause wins, then the nearest beyond a
  // clause break; at equal distance one before the claim beats one after.
  // Cues inside the claim ("next" in "next week") are the rule's business.
  std::tuple<bool, size_t> best_rank(true, std::numeric_limits<size_t>::max());
  // Only cues near the claim count (and a sentence with no end stays
  // linear): the cues starting within kLeanWindow bytes of it.
  constexpr size_t kLeanWindow = 300;
  const size_t from = context.claim_start > kLeanWindow ? context.claim_start - kLeanWindow : 0;
  auto first = std::lower_bound(cache->cues.begin(), cache->cues.end(), from,
                                [](const TenseCue& cue, size_t at) { return cue.start < at; });
  for (auto it = first; it != cache->cues.end() && it->start <= context.claim_end + kLeanWindow;
       ++it) {
    const TenseCue& cue = *it;
    if (cue.end > context.claim_start && cue.start < context.claim_end) continue;
    const bool before = cue.end <= context.claim_start;
    const std::string_view between =
        before ? sentence.substr(cue.end, context.claim_start - cue.end)
               : sentence.substr(context.claim_end, cue.start - context.claim_end);
    const std::tuple<bool, size_t> rank(HasClauseBreak(between),
                                        2 * between.size() + (before ? 0 : 1));
    if (rank < best_rank) {
      best_rank = rank;
      best = cue.lean;
    }
  }
  return best;
}

// "START/END": a period between two dates of the same precision. A START
// that is itself a period counts by its first date and an END by its last,
// so "from Q1 2017 to Q3 2018" joins two quarters.
absl::StatusOr<std::string> PeriodFn(const std::vector<std::string>& args,
                                     const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("period", args));
  std::string_view start = Arg(args, 0), end = Arg(args, 1);
  if (const size_t slash = start.find('/'); slash != std::string_view::npos) {
    start = start.substr(0, slash);
  }
  if (const size_t slash = end.find('/'); slash != std::string_view::npos) {
    end = end.substr(slash + 1);
  }
  if (start.empty() || end.empty()) {
    return Invalid("period", "START and END must both be dates, got \"", start, "\" and \"", end,
                   "\"");
  }
  // ISO dates of one length compare as text; unknown parts (X) do not.
  const bool comparable = start.size() == end.size() && start.find('X') == std::string_view::npos &&
                          end.find('X') == std::string_view::npos;
  // Reversed ends are not a period as read ("Sept. 29-3"): declined, so the
  // dates inside the match stand on their own.
  if (comparable && start > end) {
    return Declined(StrCat("period(): START \"", start, "\" is after END \"", end, "\""));
  }
  if (start == end) return std::string(start);
  return StrCat(start, "/", end);
}

// The Monday-to-Sunday week of the ref date, moved by OFFSET weeks; with
// DAY (ISO weekday 1-7), that day of it: week(1, 3) is next week's Wednesday.
absl::StatusOr<std::string> WeekFn(const std::vector<std::string>& args,
                                   const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("week", args));
  const std::optional<int64_t> offset = WholeSteps(Arg(args, 0), 10000);
  if (!offset) {
    return Invalid("week", "OFFSET \"", Arg(args, 0),
                   "\" is not a whole number of weeks; expected e.g. \"-1\" or \"0\"");
  }
  std::optional<int> day;
  if (args.size() > 1) {
    day = SmallInt(Arg(args, 1), 1);
    if (!day || *day < 1 || *day > 7) {
      return Invalid("week", "DAY \"", Arg(args, 1),
                     "\" is not an ISO weekday; expected 1 (Monday) to 7 (Sunday)");
    }
  }
  if (!context.ref) {
    return day ? std::string(kUnknownDay) : StrCat(kUnknownDay, "/", kUnknownDay);
  }
  const CivilDate ref = *context.ref;
  // absl::Weekday counts from Monday = 0.
  const CivilDate monday = ref - static_cast<int>(absl::GetWeekday(ref)) + 7 * *offset;
  if (day) return FormatIsoDate(monday + (*day - 1));
  return StrCat(FormatIsoDate(monday), "/", FormatIsoDate(monday + 6));
}

// The Monday-to-Sunday week that holds DAY: "the week of October 6th".
absl::StatusOr<std::string> WeekOfFn(const std::vector<std::string>& args,
                                     const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("week_of", args));
  const std::string_view day_text = Arg(args, 0);
  if (day_text.size() == 10 && day_text.find('X') != std::string_view::npos) {
    return StrCat(kUnknownDay, "/", kUnknownDay);
  }
  const absl::StatusOr<CivilDate> day =
      day_text.size() == 10 ? ParseIsoDate(std::string(day_text))
                            : absl::StatusOr<CivilDate>(absl::InvalidArgumentError(""));
  if (!day.ok()) {
    return Invalid("week_of", "DAY \"", day_text, "\" is not a day; expected e.g. \"2023-01-27\"");
  }
  // absl::Weekday counts from Monday = 0.
  const CivilDate monday = *day - static_cast<int>(absl::GetWeekday(*day));
  return StrCat(FormatIsoDate(monday), "/", FormatIsoDate(monday + 6));
}

// The Nth Monday-to-Sunday week of PERIOD ("2016", "2016-11"); N -1 is the
// last. As in ISO 8601, a week belongs to the period that holds its
// Thursday: week 1 of 2015 starts on 2014-12-29, week 1 of October 2016 on
// October 3.
absl::StatusOr<std::string> NthWeekFn(const std::vector<std::string>& args,
                                      const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("nth_week", args));
  const std::optional<int64_t> n = WholeSteps(Arg(args, 0), 53);
  if (!n || *n == 0 || *n < -1) {
    return Invalid("nth_week", "N \"", Arg(args, 0), "\" is not 1 to 53 or -1 (the last)");
  }
  const std::string_view period = Arg(args, 1);
  if (period.find('X') != std::string_view::npos) return StrCat(kUnknownDay, "/", kUnknownDay);
  absl::StatusOr<CivilDate> first = absl::InvalidArgumentError("");
  if (period.size() == 4) first = ParseIsoDate(StrCat(period, "-01-01"));
  if (period.size() == 7) first = ParseIsoDate(StrCat(period, "-01"));
  if (!first.ok()) {
    return Invalid("nth_week", "PERIOD \"", period,
                   "\" is not a year or a month; expected e.g. \"2016\" or \"2016-11\"");
  }
  const CivilDate last = period.size() == 4 ? CivilDate(first->year() + 1, 1, 1) - 1
                                            : CivilDate(absl::CivilMonth(*first) + 1) - 1;
  // absl::Weekday counts from Monday = 0; Thursday is 3.
  const auto weekday = [](CivilDate d) { return static_cast<int>(absl::GetWeekday(d)); };
  CivilDate thursday;
  if (*n == -1) {
    thursday = last - (weekday(last) - 3 + 7) % 7;
  } else {
    thursday = *first + (3 - weekday(*first) + 7) % 7 + 7 * (*n - 1);
    if (thursday > last) return Invalid("nth_week", period, " has no week ", *n);
  }
  return StrCat(FormatIsoDate(thursday - 3), "/", FormatIsoDate(thursday + 3));
}

// The calendar quarter of the ref date moved by OFFSET quarters, as its
// first and last month: quarter(1) on 2023-01-27 is 2023-04/2023-06.
absl::StatusOr<std::string> QuarterFn(const std::vector<std::string>& args,
                                      const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("quarter", args));
  const std::optional<int64_t> offset = WholeSteps(Arg(args, 0), 10000);
  if (!offset) {
    return Invalid("quarter", "OFFSET \"", Arg(args, 0),
                   "\" is not a whole number of quarters; expected e.g. \"-1\" or \"0\"");
  }
  if (!context.ref) return std::string("XXXX-XX/XXXX-XX");
  const absl::CivilMonth ref_month(*context.ref);
  const absl::CivilMonth first =
      ref_month - static_cast<int>((ref_month.month() - 1) % 3) + 3 * *offset;
  return StrCat(FormatMonth(first), "/", FormatMonth(first + 2));
}

// The calendar decade of the ref date (2010-2019) moved by OFFSET decades:
// decade(1) on 2023-01-27 is 2030/2039.
absl::StatusOr<std::string> DecadeFn(const std::vector<std::string>& args,
                                     const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("decade", args));
  const std::optional<int64_t> offset = WholeSteps(Arg(args, 0), 100);
  if (!offset) {
    return Invalid("decade", "OFFSET \"", Arg(args, 0),
                   "\" is not a whole number of decades; expected e.g. \"-1\" or \"0\"");
  }
  if (!context.ref) return std::string("XXXX/XXXX");
  const int64_t year = context.ref->year();
  const int64_t first = year - ((year % 10) + 10) % 10 + 10 * *offset;
  return fmt::format("{:04}/{:04}", first, first + 9);
}

// The Nth given weekday (ISO 1-7) of MONTH ("2014-03"); N -1 is the last:
// "the first Monday of March", "the last Sunday of March 2014".
absl::StatusOr<std::string> NthWeekdayFn(const std::vector<std::string>& args,
                                         const NormalizerContext&) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("nth_weekday", args));
  const std::optional<int64_t> n = WholeSteps(Arg(args, 0), 5);
  if (!n || *n == 0 || *n < -1) {
    return Invalid("nth_weekday", "N \"", Arg(args, 0), "\" is not 1 to 5 or -1 (the last)");
  }
  const std::optional<int> day = SmallInt(Arg(args, 1), 1);
  if (!day || *day < 1 || *day > 7) {
    return Invalid("nth_weekday", "DAY \"", Arg(args, 1),
                   "\" is not an ISO weekday; expected 1 (Monday) to 7 (Sunday)");
  }
  const std::string_view month_text = Arg(args, 2);
  if (month_text.find('X') != std::string_view::npos) return std::string(kUnknownDay);
  absl::StatusOr<CivilDate> first = month_text.size() == 7
                                        ? ParseIsoDate(StrCat(month_text, "-01"))
                                        : absl::StatusOr<CivilDate>(absl::InvalidArgumentError(""));
  if (!first.ok()) {
    return Invalid("nth_weekday", "MONTH \"", month_text,
                   "\" is not a month; expected e.g. \"2014-03\"");
  }
  const CivilDate next_month(absl::CivilMonth(*first) + 1);
  // absl::Weekday counts from Monday = 0.
  const auto weekday_of = [](CivilDate d) { return static_cast<int>(absl::GetWeekday(d)) + 1; };
  CivilDate date;
  if (*n == -1) {
    const CivilDate last = next_month - 1;
    date = last - (weekday_of(last) - *day + 7) % 7;
  } else {
    date = *first + (*day - weekday_of(*first) + 7) % 7 + 7 * (*n - 1);
    if (date >= next_month) {
      return Invalid("nth_weekday", month_text, " has no weekday ", *day, " number ", *n);
    }
  }
  return FormatIsoDate(date);
}

// A day of the month without a month ("on the 18th"): the one in the ref's
// month or the month before or after, as LEAN says; months too short for
// the day are skipped. With WEEKDAY (ISO 1-7), only a month where the day
// falls on that weekday counts: "Tuesday the 13th".
absl::StatusOr<std::string> MonthdayFn(const std::vector<std::string>& args,
                                       const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("monthday", args));
  PARALLAX_ASSIGN_OR_RETURN(const int day, DayArg("monthday", Arg(args, 0), 1, std::nullopt));
  PARALLAX_ASSIGN_OR_RETURN(const Lean lean, LeanArg("monthday", Arg(args, 1), false));
  std::optional<int> weekday;
  if (args.size() > 2) {
    weekday = SmallInt(Arg(args, 2), 1);
    if (!weekday || *weekday < 1 || *weekday > 7) {
      return Invalid("monthday", "WEEKDAY \"", Arg(args, 2),
                     "\" is not an ISO weekday; expected 1 (Monday) to 7 (Sunday)");
    }
  }
  if (!context.ref) return fmt::format("XXXX-XX-{:02}", day);
  const CivilDate ref = *context.ref;
  std::optional<CivilDate> past, future;
  // Without a weekday, of two months in a row one has 31 days, so two
  // months either way always hold a past and a future day; with one, a day
  // of the month meets each weekday within a few years.
  const int reach = weekday ? 120 : 2;
  for (int k = 0; k <= reach && (!past || !future); ++k) {
    for (const int step : {-k, k}) {
      const absl::CivilMonth month = absl::CivilMonth(ref) + step;
      const std::optional<CivilDate> date =
          MakeDay(month.year(), static_cast<int>(month.month()), day);
      // absl::Weekday counts from Monday = 0.
      if (!date || (weekday && static_cast<int>(absl::GetWeekday(*date)) + 1 != *weekday)) {
        continue;
      }
      if (*date <= ref && (!past || *date > *past)) past = date;
      if (*date >= ref && (!future || *date < *future)) future = date;
    }
  }
  if (!past || !future) {
    return Invalid("monthday", "no day ", day, " falls on weekday ", *weekday, " near the ref");
  }
  const CivilDate chosen = lean == Lean::kPast            ? *past
                           : lean == Lean::kFuture        ? *future
                           : ref - *past <= *future - ref ? *past
                                                          : *future;
  return FormatIsoDate(chosen);
}

// TEXT (args[0]) lowercased with its spaces folded, and whether TABLE
// (args[1]) lists it: what except() and unless() both start from.
struct TextInTable {
  std::string text;
  bool listed = false;
};
absl::StatusOr<TextInTable> LookUpText(std::string_view fn, const std::vector<std::string>& args,
                                       const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity(fn, args));
  const std::string_view table = Arg(args, 1);
  if (table.empty()) return Invalid(fn, "TABLE is empty; expected a table name");
  TextInTable result{Collapse(Arg(args, 0), true)};
  result.listed = Lookup(context, table, result.text) != nullptr;
  return result;
}

// except(TEXT, TABLE): TEXT lowercased, or "" when the table lists it (so
// the field is left out): "unit=except(u, NOT_A_UNIT)".
absl::StatusOr<std::string> ExceptFn(const std::vector<std::string>& args,
                                     const NormalizerContext& context) {
  PARALLAX_ASSIGN_OR_RETURN(TextInTable found, LookUpText("except", args, context));
  if (found.listed) return std::string();
  return std::move(found.text);
}

// unless(TEXT, TABLE[, VALUE]): TEXT lowercased, or VALUE when given;
// declines the match when the table lists TEXT, so a shorter match without
// that word may stand instead: a count's unit rule declines "2 hundred are"
// and the bare count takes "2 hundred".
absl::StatusOr<std::string> UnlessFn(const std::vector<std::string>& args,
                                     const NormalizerContext& context) {
  PARALLAX_ASSIGN_OR_RETURN(TextInTable found, LookUpText("unless", args, context));
  if (found.listed) return Declined(StrCat("\"", found.text, "\" is listed in ", Arg(args, 1)));
  if (args.size() == 3) return std::string(Arg(args, 2));
  return std::move(found.text);
}

// name(TEXT, TABLE[, TABLE...]): TEXT with its spaces folded, when it can be
// a person's name; declines the match when the whole text, its first word or
// its last word is a key of one of the tables ("The Kremlin", "Foreign
// Ministry", a place the gazetteer knows).
absl::StatusOr<std::string> NameFn(const std::vector<std::string>& args,
                                   const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("name", args));
  const std::string text = Collapse(Arg(args, 0), false);
  if (text.empty()) return text;
  const std::string_view whole = text;
  const std::string_view first = whole.substr(0, whole.find(' '));
  const size_t last_space = whole.rfind(' ');
  const std::string_view last =
      last_space == std::string_view::npos ? whole : whole.substr(last_space + 1);
  for (size_t i = 1; i < args.size(); ++i) {
    for (std::string_view part : {whole, first, last}) {
      if (Lookup(context, args[i], Collapse(part, true)) != nullptr) {
        return Declined(StrCat("\"", part, "\" is listed in ", args[i]));
      }
    }
  }
  return text;
}

absl::StatusOr<std::string> RefFn(const std::vector<std::string>& args,
                                  const NormalizerContext& context) {
  PARALLAX_RETURN_IF_ERROR(CheckArity("ref", args));
  return context.ref ? FormatIsoDate(*context.ref) : std::string(kUnknownDay);
}

constexpr NormalizerInfo kNormalizers[] = {
    {"number", 1, 2, 1, "number(TEXT[, WORD_TABLE])", &NumberFn},
    {"interval", 2, 3, -1, "interval(HEDGE, N[, N2])", &IntervalFn},
    {"range", 2, 2, -1, "range(LOW, HIGH)", &RangeFn},
    {"date", 3, 3, -1, "date(YEAR, MONTH, DAY)", &DateFn},
    {"yearless", 3, 4, -1, "yearless(MONTH, DAY, LEAN[, FROM])", &YearlessFn},
    {"shift", 2, 3, -1, "shift(AMOUNT, UNIT[, FROM])", &ShiftFn},
    {"weekday", 2, 3, -1, "weekday(DAY, LEAN[, FROM])", &WeekdayFn},
    {"duration", 2, 8, -1, "duration(AMOUNT, UNIT[, AMOUNT, UNIT ...])", &DurationFn},
    {"add", 2, 2, -1, "add(A, B)", &AddFn},
    {"ratio", 2, 2, -1, "ratio(A, B)", &RatioFn},
    {"div", 2, 2, -1, "div(A, B)", &DivFn},
    {"intersect", 2, 2, -1, "intersect(INTERVAL, INTERVAL)", &IntersectFn},
    {"neg", 1, 1, -1, "neg(N)", &NegFn},
    {"lower", 1, 1, -1, "lower(TEXT)", &LowerFn},
    {"either", 2, 2, -1, "either(TEXT, DEFAULT)", &EitherFn},
    {"alias", 2, 2, 1, "alias(TEXT, TABLE)", &AliasFn},
    {"except", 2, 2, 1, "except(TEXT, TABLE)", &ExceptFn},
    {"unless", 2, 3, 1, "unless(TEXT, TABLE[, VALUE])", &UnlessFn},
    {"ref", 0, 0, -1, "ref()", &RefFn},
    {"lean", 1, 2, 0, "lean(TABLE[, DEFAULT])", &LeanFn},
    {"period", 2, 2, -1, "period(START, END)", &PeriodFn},
    {"week", 1, 2, -1, "week(OFFSET[, DAY])", &WeekFn},
    {"year", 1, 1, -1, "year(YEAR)", &YearFn},
    {"monthday", 2, 3, -1, "monthday(DAY, LEAN[, WEEKDAY])", &MonthdayFn},
    {"nth_weekday", 3, 3, -1, "nth_weekday(N, DAY, MONTH)", &NthWeekdayFn},
    {"quarter", 1, 1, -1, "quarter(OFFSET)", &QuarterFn},
    {"nth_week", 2, 2, -1, "nth_week(N, PERIOD)", &NthWeekFn},
    {"week_of", 1, 1, -1, "week_of(DAY)", &WeekOfFn},
    {"decade", 1, 1, -1, "decade(OFFSET)", &DecadeFn},
    {"name", 2, 6, 1, "name(TEXT, TABLE[, TABLE...])", &NameFn, /*more_tables=*/true},
};

}  // namespace

absl::Status Declined(std::string_view why) {
  return absl::NotFoundError(absl::string_view(why.data(), why.size()));
}

bool IsDeclined(const absl::Status& status) { return absl::IsNotFound(status); }

const NormalizerInfo* FindNormalizer(std::string_view name) {
  for (const NormalizerInfo& info : kNormalizers) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::vector<std::string_view> NormalizerNames() {
  std::vector<std::string_view> names;
  for (const NormalizerInfo& info : kNormalizers) names.push_back(info.name);
  return names;
}

}  // namespace parallax
