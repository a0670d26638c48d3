// Normalizers: the generic functions that turn captured text into claim
// values. Rules name them in their `value:` line, e.g.
//
//   value: value=interval(HEDGE[h], number(n, NUMBER_WORD)) role=ROLE[r]
//
// Everything language-specific (number words, month names, hedge words)
// comes from the rule set's tables through NormalizerContext::lookup; the
// C++ here only knows arithmetic, calendars and interval notation.
//
// Every normalizer takes its arguments as strings and returns a string, or an
// InvalidArgument error saying what it expected. Thread-safe: pure functions.
// An argument whose capture did not take part in the match arrives as "".
//
//   number(TEXT[, WORD_TABLE])  "forty-three" -> "43", "6,500" -> "6500"
//   interval(HEDGE, N[, N2])    hedges: "" or exact, at_least, more_than,
//                               at_most, up_to, less_than, about, nearly,
//                               between -> "[43,43]", "(6500,inf)"...
//                               about N is +-10%, widened to whole numbers
//                               when N is whole: about 150 -> [135,165],
//                               about 5 -> [4,6], about 1.5 -> [1.35,1.65]
//   range(LOW, HIGH)            "[24,99]", "[200,inf)" for HIGH "inf"
//   date(YEAR, MONTH, DAY)      "2023-01-27", "XXXX-01-27", "2023-01", "2023"
//   yearless(MONTH, DAY, LEAN)  year from the ref date; LEAN past, future,
//                               nearest (ties go to past)
//   shift(AMOUNT, UNIT)         ref moved by AMOUNT d, w (-> day), m (-> month)
//                               or y (-> year)
//   weekday(DAY, LEAN[, FROM])  DAY 1 (Monday) .. 7; LEAN past, last (strictly
//                               before ref), future, next (strictly after),
//                               nearest; from the day FROM instead of the ref
//   duration(AMOUNT, UNIT[, AMOUNT, UNIT ...])
//                               UNIT Y, M, W, D, H, MIN, S -> "P44D", "PT30M",
//                               "P2Y3M"; a multiplier before the unit: 10Y
//   add(A, B)                   "1" + "0.5" -> "1.5"
//   div(A, B)                   "100" / "35" -> "2.85714285714286"; B not 0
//   neg(N)                      "2" -> "-2"
//   lower(TEXT)                 ASCII lowercase, whitespace collapsed
//   alias(TEXT, TABLE)          the table's canonical name, else TEXT
//   except(TEXT, TABLE)         TEXT lowercased, or "" when TABLE has it
//   unless(TEXT, TABLE[, V])    TEXT lowercased (or V); declines when TABLE has TEXT
//   ref()                       the ref date
//   lean(TABLE[, DEFAULT])      past or future, from the tense cue nearest the
//                               claim in its sentence, preferring its own
//                               clause (TABLE: words or word endings "*ed" ->
//                               past | future); DEFAULT (past) when none
//   period(START, END)          "2023-09-19/2023-09-20"; START when equal
//   week(OFFSET)                the Monday-Sunday week of the ref date moved by
//                               OFFSET weeks: "2023-01-16/2023-01-22"
// Without a ref date, dates print X for the unknown parts ("XXXX-XX-XX").
#ifndef PARALLAX_RULES_NORMALIZERS_H_
#define PARALLAX_RULES_NORMALIZERS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "util/civil_date.h"

namespace parallax {

// The tense cues lean() found in one sentence, kept so that the claims of a
// sentence look its words up once.
struct TenseCue {
  size_t start;  // byte span in the sentence
  size_t end;
  std::string lean;  // past | future
};
// A cue table arranged for scanning sentences: single words, endings
// ("*ed"), and phrases by their first word.
struct CueIndex {
  absl::flat_hash_map<std::string, std::string> words;
  absl::flat_hash_map<std::string, std::string> phrases;
  absl::flat_hash_set<std::string> phrase_starts;
  std::vector<std::pair<std::string, std::string>> endings;  // "ed" -> past
  size_t longest_phrase = 1;                                 // in words
};
struct LeanCache {
  std::string table;  // the table `index` was built from
  CueIndex index;
  const char* sentence = nullptr;  // identity of the sentence scanned
  size_t sentence_size = 0;
  std::vector<TenseCue> cues;
};

struct NormalizerContext {
  // The article's publication date, which relative dates resolve against;
  // absent when unknown.
  std::optional<CivilDate> ref;
  // The sentence the claim is in and the claim's byte span inside it, for
  // normalizers that read the context (lean).
  std::string_view sentence;
  size_t claim_start = 0;
  size_t claim_end = 0;
  // Optional; when set, lean() reuses the cues of the same sentence. Not
  // shared between threads.
  LeanCache* lean_cache = nullptr;
  // Looks `key` up in the rule set's table `table` (case-folded, whitespace
  // collapsed). nullptr when the table has no such key. May be empty when a
  // rule set has no tables. The value must outlive the context.
  std::function<const std::string*(std::string_view table, std::string_view key)> lookup;
  // All rows of a table (folded key -> value); nullptr when there is no such
  // table. May be empty; normalizers that scan text for keys need it.
  std::function<const absl::flat_hash_map<std::string, std::string>*(std::string_view table)> table;
};

using NormalizerFn = absl::StatusOr<std::string> (*)(const std::vector<std::string>& args,
                                                     const NormalizerContext& context);

struct NormalizerInfo {
  std::string_view name;
  int min_args;
  int max_args;
  // The names of the arguments that are table names, not values (by
  // position); -1 when none. Lets the rule loader check the table exists.
  int table_arg;
  std::string_view usage;  // e.g. "number(TEXT, WORD_TABLE)"
  NormalizerFn fn;
  // Every argument after `table_arg` names a table too.
  bool more_tables = false;
};

// Whether argument `i` of a call to `info` names a table.
inline bool IsTableArg(const NormalizerInfo& info, size_t i) {
  const int index = static_cast<int>(i);
  return info.table_arg >= 0 &&
         (index == info.table_arg || (info.more_tables && index > info.table_arg));
}

// A normalizer's way of saying "this match is not a claim of this rule"
// (name() on "The Kremlin"): unlike an invalid value, a declined match takes
// no part in settling overlaps, and the rule searches on from the next word.
absl::Status Declined(std::string_view why);
bool IsDeclined(const absl::Status& status);

// All normalizers, by name; nullptr for an unknown name.
const NormalizerInfo* FindNormalizer(std::string_view name);
// Their names, for "did you mean" and documentation.
std::vector<std::string_view> NormalizerNames();

// The value of a number phrase: digits with thousands separators ("6,500",
// also U+00A0/U+2009/U+202F as separators), decimals ("4.2", ".77"), an
// optional leading minus before digits, and words from `word_table`
// ("forty-three", "1.5 million", "6.5k"), digit fractions ("3/4", "2 1/4"),
// powers ("1.3e6", "1.3x10^6", "2.5^-1") and digit groups split by spaces
// ("40 000"). A table value is a plain number ("43"; "0" for fillers like
// "and"), a multiplier "*N" ("hundred" = *100), a denominator "/N"
// ("thirds" = /3: "two thirds", "twenty and three fifths" = 20.6, "half a
// million") or the decimal point "." ("two point zero three" = 2.03).
// Multipliers of 1000 and more close a group ("two hundred thousand"), and a
// larger one right after the first group scales it ("three lakh crore"); word
// sequences that no number is spelled as ("one twenty", "million thousand")
// are NotFound errors (two numbers side by side), other malformed text
// InvalidArgument. Without a table only digits are accepted. The core of
// number(); errors say "number(): ...".
absl::StatusOr<double> ParseNumberText(std::string_view text, std::string_view word_table,
                                       const NormalizerContext& context);

// Canonical decimal text: "43", "4200000000", "1.5", "0.25", "-2"; rounded
// to 15 significant digits so that 4.2 * 1e9 prints "4200000000"; never an
// exponent below 1e18; "inf" / "-inf" for infinities.
std::string FormatNumber(double value);

// A hedged quantity: "[135,165]", "[6500,inf)", "(6500,inf)", "[0,10)".
struct Interval {
  double low;
  double high;
  bool low_open;
  bool high_open;
};

// Infinite ends always print open: "(-inf,0]", "[5,inf)".
std::string FormatInterval(const Interval& interval);
// Parses what FormatInterval prints ("inf" as high, "-inf" as low, which
// must be open); rejects low > high.
absl::StatusOr<Interval> ParseInterval(std::string_view text);
// Whether some value lies in both, respecting open ends ([0,5) and [5,9]
// do not overlap; [0,5] and [5,9] do). Symmetric.
bool Overlaps(const Interval& a, const Interval& b);

}  // namespace parallax

#endif  // PARALLAX_RULES_NORMALIZERS_H_
