// The eval sets in ../shared/eval: which rows of each file are scored, in
// which group, and what each expects; every other row is counted as skipped
// with its reason. The choices are documented in bench/accuracy/README.md.
#ifndef PARALLAX_BENCH_ACCURACY_EVAL_SETS_H_
#define PARALLAX_BENCH_ACCURACY_EVAL_SETS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "accuracy/scoring.h"
#include "accuracy/tsv.h"
#include "extract/claim.h"
#include "rules/rule_set.h"
#include "util/civil_date.h"

namespace parallax::accuracy {

// The groups accuracy is totalled by, each with a target.
enum class Group { kDates, kDurations, kNumerals, kNumberRanges, kNegatives };
inline constexpr Group kGroups[] = {Group::kDates, Group::kDurations, Group::kNumerals,
                                    Group::kNumberRanges, Group::kNegatives};

std::string_view GroupName(Group group);
// The target accuracy in percent.
int GroupTarget(Group group);

// What a row expects of the claims.
struct Expectation {
  enum Type { kDate, kDuration, kNumber, kRange, kNothing };
  Type type = kNothing;
  DateTarget date;
  DurationTarget duration;
  double number = 0;
  NumInterval range;
  // kNothing: claims of these kinds make the row fail...
  std::vector<ClaimKind> forbidden;
  // ...except, for the number range negatives, single numbers.
  bool only_ranges_forbidden = false;

  // The kind of claim a positive row is scored on.
  ClaimKind kind() const;
};

struct EvalCase {
  int line = 0;
  Group group = Group::kDates;
  std::string text;
  std::optional<CivilDate> ref;
  std::string expected;  // as the set writes it, for failure listings
  Expectation expectation;
  std::string span_text;  // "" when the set gives no span
  // The span's byte offsets in `text`, when it could be found there.
  std::optional<size_t> span_start;
  std::optional<size_t> span_end;
};

struct EvalFile {
  std::string name;     // path below the eval folder: "duckling/time_en.tsv"
  Group primary_group;  // where the file's skipped rows are listed
  std::vector<EvalCase> cases;
  std::map<std::string, int> skipped;  // reason -> rows
  std::vector<std::string> problems;   // "NAME:LINE: message", rows left out
  int skipped_rows() const;
};

// Reads one eval file and sorts its rows. Fails when the file cannot be
// read or lacks a column its set needs.
absl::StatusOr<EvalFile> LoadEvalFile(const std::string& path, const std::string& name);

// Classifies already parsed rows; LoadEvalFile without the file.
absl::StatusOr<EvalFile> ClassifyTable(const TsvTable& table, const std::string& name);

struct CaseResult {
  bool correct = false;
  bool span_scored = false;  // a positive row with a span to check
  bool span_correct = false;
};

// Scores one row on the claims the extractor made in its text. A positive
// row is correct when a claim of its kind has a matching value; its span is
// correct when such a claim (whatever its value) has the span's text,
// ignoring case, or overlaps it. A negative row is correct when no claim of
// a forbidden kind was made.
CaseResult ScoreCase(const EvalCase& c, const std::vector<Claim>& claims);

// The byte range of `span_text` in `text`: at character offset `char_start`
// when the text there matches (ignoring ASCII case), else its first
// occurrence. nullopt when it does not occur.
std::optional<std::pair<size_t, size_t>> LocateSpan(std::string_view text,
                                                    std::string_view span_text,
                                                    std::optional<size_t> char_start);

}  // namespace parallax::accuracy

#endif  // PARALLAX_BENCH_ACCURACY_EVAL_SETS_H_
