#include "accuracy/eval_sets.h"

#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "util/file.h"
#include "util/strings.h"

namespace parallax::accuracy {
namespace {

constexpr std::string_view kNone = "NONE";
constexpr size_t kMaxEvalFileBytes = size_t{64} << 20;

// Skip reasons, shared so that totals group them.
constexpr std::string_view kTimeOfDay = "time of day";
constexpr std::string_view kNonDefaultMode = "non-default mode";
constexpr std::string_view kUnparseable = "unparseable expected value";
constexpr std::string_view kMalformed = "malformed line";

// A row is either scored, as `scored`, or skipped for `skip_reason`.
struct Verdict {
  std::optional<EvalCase> scored;
  std::string skip_reason;
};

Verdict Skip(std::string_view reason) { return {std::nullopt, std::string(reason)}; }

using Classifier = std::function<Verdict(const TsvTable&, const TsvRow&)>;

struct SetSpec {
  Group primary = Group::kDates;
  // Non-empty: every row of the file is skipped for this reason.
  std::string whole_file_skip;
  // Columns that rows other than NONE need.
  std::vector<std::string_view> positive_columns;
  Classifier classify;
};

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string_view BaseName(std::string_view name) {
  const size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

std::optional<size_t> ParseOffset(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  return value;
}

// Byte offset of code point `index` in UTF-8 `text`; nullopt past the end.
std::optional<size_t> CharToByte(std::string_view text, size_t index) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars++ == index) return i;
  }
  if (chars == index) return text.size();
  return std::nullopt;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && Lower(a) == Lower(b);
}

// The fields every case has; the caller fills in the expectation.
EvalCase BaseCase(const TsvTable& table, const TsvRow& row, Group group) {
  EvalCase c;
  c.line = row.line;
  c.group = group;
  c.text = std::string(table.Field(row, "text"));
  c.expected = std::string(table.Field(row, "expected_value"));
  return c;
}

// The set's span, if it gives one: "span_text" with its character offset in
// "start" (Recognizers-Text) or "index" (chrono).
void AddSpan(const TsvTable& table, const TsvRow& row, EvalCase* c) {
  c->span_text = std::string(StripWhitespace(table.Field(row, "span_text")));
  if (c->span_text.empty()) return;
  std::optional<size_t> offset = ParseOffset(table.Field(row, "start"));
  if (!offset) offset = ParseOffset(table.Field(row, "index"));
  if (auto range = LocateSpan(c->text, c->span_text, offset)) {
    c->span_start = range->first;
    c->span_end = range->second;
  }
}

Verdict Negative(const TsvTable& table, const TsvRow& row, std::vector<ClaimKind> forbidden,
                 bool only_ranges = false) {
  EvalCase c = BaseCase(table, row, Group::kNegatives);
  c.expectation.type = Expectation::kNothing;
  c.expectation.forbidden = std::move(forbidden);
  c.expectation.only_ranges_forbidden = only_ranges;
  return {std::move(c), ""};
}

Verdict Positive(EvalCase c) { return {std::move(c), ""}; }

// --- Duckling ---------------------------------------------------------------

bool IsNewsGrain(std::string_view grain) {
  return grain == "Day" || grain == "Week" || grain == "Month" || grain == "Quarter" ||
         grain == "Year";
}

Verdict DucklingTime(const TsvTable& table, const TsvRow& row) {
  const std::string_view value = table.Field(row, "expected_value");
  if (value == kNone) return Negative(table, row, {ClaimKind::kDate});
  if (table.Field(row, "section") == "latentCorpus") return Skip("latent parsing only");
  if (!IsNewsGrain(table.Field(row, "grain"))) return Skip(kTimeOfDay);
  if (!table.Field(row, "holiday").empty()) return Skip("holiday");
  EvalCase c = BaseCase(table, row, Group::kDates);
  c.expectation.type = Expectation::kDate;
  c.expectation.date = DucklingDateTarget(value, table.Field(row, "kind"));
  if (c.expectation.date.empty()) return Skip(kUnparseable);
  return Positive(std::move(c));
}

Verdict DucklingDuration(const TsvTable& table, const TsvRow& row) {
  const std::string_view value = table.Field(row, "expected_value");
  if (value == kNone) return Negative(table, row, {ClaimKind::kDuration});
  const std::optional<Duration> duration = ParseIsoDuration(value);
  if (!duration) return Skip(kUnparseable);
  EvalCase c = BaseCase(table, row, Group::kDurations);
  c.expectation.type = Expectation::kDuration;
  c.expectation.duration.values.push_back(*duration);
  return Positive(std::move(c));
}

// --- numbers (Duckling numerals and Recognizers-Text numbers) -----------------

Verdict Numeral(const TsvTable& table, const TsvRow& row) {
  const std::string_view value = table.Field(row, "expected_value");
  if (value == kNone) return Negative(table, row, {ClaimKind::kQuantity});
  const std::optional<double> number = ParseNumber(value);
  if (!number) return Skip(kUnparseable);
  EvalCase c = BaseCase(table, row, Group::kNumerals);
  c.expectation.type = Expectation::kNumber;
  c.expectation.number = *number;
  AddSpan(table, row, &c);
  return Positive(std::move(c));
}

Verdict NumberRange(const TsvTable& table, const TsvRow& row) {
  // The same cases again under the experimental mode, which reads "between"
  // inclusively; the default mode is the one scored.
  if (Contains(table.Field(row, "source_file"), "ExperimentalMode")) return Skip(kNonDefaultMode);
  if (table.Field(row, "expected_value") == kNone) {
    return Negative(table, row, {ClaimKind::kQuantity}, /*only_ranges=*/true);
  }
  const std::optional<NumInterval> interval = ParseNumInterval(table.Field(row, "interval"));
  if (!interval) return Skip(kUnparseable);
  EvalCase c = BaseCase(table, row, Group::kNumberRanges);
  c.expected = std::string(table.Field(row, "interval"));
  c.expectation.type = Expectation::kRange;
  c.expectation.range = *interval;
  AddSpan(table, row, &c);
  return Positive(std::move(c));
}

// --- Recognizers-Text date and time ------------------------------------------

std::optional<CivilDate> RowRef(const TsvTable& table, const TsvRow& row) {
  absl::StatusOr<CivilDate> ref = ParseIsoDate(table.Field(row, "reference_date"));
  if (!ref.ok()) return std::nullopt;
  return *ref;
}

std::string WithResolved(std::string_view timex, std::string_view resolved) {
  if (resolved.empty() || resolved == timex) return std::string(timex);
  return StrCat(timex, " [", resolved, "]");
}

Verdict RecognizersDate(const TsvTable& table, const TsvRow& row) {
  const std::string_view timex = table.Field(row, "expected_value");
  if (Contains(timex, "T") && timex != "PRESENT_REF") return Skip(kTimeOfDay);
  const std::string_view resolved = table.Field(row, "resolved_values");
  EvalCase c = BaseCase(table, row, Group::kDates);
  c.expected = WithResolved(timex, resolved);
  c.expectation.type = Expectation::kDate;
  c.expectation.date = RecognizersDateTarget(timex, resolved, RowRef(table, row));
  // Seasons, school and fiscal years, impossible days: no days to compare with.
  if (c.expectation.date.spans.empty()) return Skip("no concrete date");
  AddSpan(table, row, &c);
  return Positive(std::move(c));
}

Verdict RecognizersDuration(const TsvTable& table, const TsvRow& row) {
  const std::string_view timex = table.Field(row, "expected_value");
  const std::string_view resolved = table.Field(row, "resolved_values");
  EvalCase c = BaseCase(table, row, Group::kDurations);
  c.expected = WithResolved(timex, resolved);
  c.expectation.type = Expectation::kDuration;
  c.expectation.duration = RecognizersDurationTarget(timex, resolved);
  if (c.expectation.duration.values.empty() && !c.expectation.duration.seconds) {
    return Skip(kUnparseable);
  }
  AddSpan(table, row, &c);
  return Positive(std::move(c));
}

// A few rows leave `type` empty; their value says what they are.
std::string_view InferRecognizersType(std::string_view timex) {
  if (ParseIsoDuration(timex)) return "duration";
  if (Contains(timex, "T") && timex != "PRESENT_REF") return "datetime";
  return "date";
}

Verdict RecognizersDateTime(const TsvTable& table, const TsvRow& row) {
  const std::string_view timex = table.Field(row, "expected_value");
  if (timex == kNone) return Negative(table, row, {ClaimKind::kDate, ClaimKind::kDuration});
  std::string_view type = table.Field(row, "type");
  if (type.empty()) type = InferRecognizersType(timex);
  if (type == "date" || type == "daterange") return RecognizersDate(table, row);
  if (type == "duration") return RecognizersDuration(table, row);
  if (type == "set") return Skip("set/recurrence");
  if (Contains(type, "time")) return Skip(kTimeOfDay);  // time, datetime, ...range, timezone
  return Skip(StrCat("type ", type));
}

// --- chrono -------------------------------------------------------------------

// "2012-08-10T12:14:00" -> "12:14"; "" without a clock time.
std::string_view ClockOf(std::string_view datetime) {
  const size_t t = datetime.find('T');
  if (t == std::string_view::npos || datetime.size() < t + 6) return {};
  return datetime.substr(t + 1, 5);
}

std::string ChronoKey(const TsvTable& table, const TsvRow& row) {
  const std::string_view ref = table.HasColumn("reference_datetime")
                                   ? table.Field(row, "reference_datetime")
                                   : table.Field(row, "reference_date");
  return StrCat(ref, "\t", table.Field(row, "text"), "\t", table.Field(row, "parser"));
}

// Inputs chrono's tests expect two different values for (the same text and
// reference under different options, such as forwardDate).
std::set<std::string> AmbiguousChronoKeys(const TsvTable& table) {
  std::map<std::string, std::set<std::string>> values;
  for (const TsvRow& row : table.rows()) {
    values[ChronoKey(table, row)].insert(std::string(table.Field(row, "expected_value")));
  }
  std::set<std::string> ambiguous;
  for (const auto& [key, expected] : values) {
    if (expected.size() > 1) ambiguous.insert(key);
  }
  return ambiguous;
}

Classifier ChronoClassifier(const TsvTable& table) {
  return [ambiguous = AmbiguousChronoKeys(table)](const TsvTable& t, const TsvRow& row) {
    const std::string_view parser = t.Field(row, "parser");
    if (parser != "chrono" && parser != "chrono.casual") return Skip(kNonDefaultMode);
    const std::string_view value = t.Field(row, "expected_value");
    if (value == kNone) return Negative(t, row, {ClaimKind::kDate});
    std::optional<DateTarget> target =
        ChronoDateTarget(value, ClockOf(t.Field(row, "reference_datetime")));
    if (!target) return Skip(kTimeOfDay);
    if (ambiguous.count(ChronoKey(t, row))) return Skip("ambiguous");
    if (target->empty()) return Skip(kUnparseable);
    EvalCase c = BaseCase(t, row, Group::kDates);
    c.expectation.type = Expectation::kDate;
    c.expectation.date = std::move(*target);
    AddSpan(t, row, &c);
    return Positive(std::move(c));
  };
}

// --- which file is which --------------------------------------------------------

std::string WholeFileSkipReason(std::string_view base) {
  for (std::string_view mode : {"_calendar_mode", "_complex_calendar", "_experimental_mode",
                                "_extended_types", "_split_date_and_time"}) {
    if (Contains(base, mode)) return std::string(kNonDefaultMode);
  }
  if (Contains(base, "holiday")) return "holiday";
  if (Contains(base, "_set_parser")) return "set/recurrence";
  return "";
}

SetSpec SpecFor(std::string_view name, const TsvTable& table) {
  const std::string_view base = BaseName(name);
  SetSpec spec;
  const bool negative = Contains(base, "_negative");
  if (StartsWith(base, "time_en")) {
    spec = {Group::kDates, "", {"grain", "kind", "section", "holiday"}, DucklingTime};
  } else if (StartsWith(base, "duration_en")) {
    spec = {Group::kDurations, "", {}, DucklingDuration};
  } else if (StartsWith(base, "numeral_en") || base == "numbers.tsv") {
    spec = {Group::kNumerals, "", {}, Numeral};
  } else if (base == "number_ranges.tsv") {
    spec = {Group::kNumberRanges, "", {"interval"}, NumberRange};
  } else if (StartsWith(base, "datetime_model") || StartsWith(base, "parser_")) {
    const Group group = Contains(base, "duration") ? Group::kDurations : Group::kDates;
    spec = {group, "", {"type", "resolved_values"}, RecognizersDateTime};
  } else if (StartsWith(base, "chrono_en")) {
    spec = {Group::kDates, "", {"parser"}, ChronoClassifier(table)};
  } else {
    spec.whole_file_skip = "no scorer for this file";
  }
  if (spec.whole_file_skip.empty()) spec.whole_file_skip = WholeFileSkipReason(base);
  if (negative) spec.primary = Group::kNegatives;
  return spec;
}

absl::Status CheckColumns(const TsvTable& table, const SetSpec& spec) {
  std::vector<std::string_view> needed = {"text", "expected_value"};
  bool has_positives = false;
  for (const TsvRow& row : table.rows())
    has_positives |= table.Field(row, "expected_value") != kNone;
  if (has_positives)
    needed.insert(needed.end(), spec.positive_columns.begin(), spec.positive_columns.end());
  for (std::string_view column : needed) {
    if (!table.HasColumn(column)) {
      return absl::InvalidArgumentError(StrCat("no column \"", column, "\" in the header"));
    }
  }
  return absl::OkStatus();
}

// Adds the reference date; false (and a problem) when it is malformed.
bool SetReferenceDate(const TsvTable& table, const TsvRow& row, const std::string& name,
                      EvalCase* c, EvalFile* file) {
  const std::string_view text = table.Field(row, "reference_date");
  if (text.empty()) return true;
  absl::StatusOr<CivilDate> ref = ParseIsoDate(text);
  if (!ref.ok()) {
    file->problems.push_back(
        StrCat(name, ":", row.line, ": reference_date: ", ref.status().message()));
    return false;
  }
  c->ref = *ref;
  return true;
}

}  // namespace

std::string_view GroupName(Group group) {
  switch (group) {
    case Group::kDates:
      return "dates";
    case Group::kDurations:
      return "durations";
    case Group::kNumerals:
      return "numerals";
    case Group::kNumberRanges:
      return "number ranges";
    case Group::kNegatives:
      return "negatives";
  }
  return "?";
}

int GroupTarget(Group group) {
  switch (group) {
    case Group::kDates:
      return 85;
    case Group::kDurations:
    case Group::kNumerals:
    case Group::kNumberRanges:
      return 90;
    case Group::kNegatives:
      return 95;
  }
  return 100;
}

ClaimKind Expectation::kind() const {
  switch (type) {
    case kDate:
      return ClaimKind::kDate;
    case kDuration:
      return ClaimKind::kDuration;
    case kNumber:
    case kRange:
    case kNothing:
      break;
  }
  return ClaimKind::kQuantity;
}

int EvalFile::skipped_rows() const {
  int total = 0;
  for (const auto& [reason, rows] : skipped) total += rows;
  return total;
}

namespace {

bool ValueMatches(const Expectation& e, std::string_view value) {
  switch (e.type) {
    case Expectation::kDate:
      return DateValueMatches(e.date, value);
    case Expectation::kDuration:
      return DurationValueMatches(e.duration, value);
    case Expectation::kNumber:
      return NumberValueMatches(e.number, value);
    case Expectation::kRange:
      return RangeValueMatches(e.range, value);
    case Expectation::kNothing:
      break;
  }
  return false;
}

bool IsForbidden(const Expectation& e, const Claim& claim) {
  if (std::find(e.forbidden.begin(), e.forbidden.end(), claim.kind) == e.forbidden.end()) {
    return false;
  }
  return !(e.only_ranges_forbidden && IsPointValue(claim.value));
}

bool SpanMatches(const EvalCase& c, const Claim& claim) {
  if (EqualsIgnoreCase(StripWhitespace(claim.text), c.span_text)) return true;
  return c.span_start && claim.start < *c.span_end && *c.span_start < claim.end;
}

}  // namespace

CaseResult ScoreCase(const EvalCase& c, const std::vector<Claim>& claims) {
  CaseResult result;
  const Expectation& e = c.expectation;
  if (e.type == Expectation::kNothing) {
    result.correct = std::none_of(claims.begin(), claims.end(),
                                  [&e](const Claim& claim) { return IsForbidden(e, claim); });
    return result;
  }
  result.span_scored = !c.span_text.empty();
  for (const Claim& claim : claims) {
    if (claim.kind != e.kind()) continue;
    result.correct |= ValueMatches(e, claim.value);
    result.span_correct |= result.span_scored && SpanMatches(c, claim);
  }
  return result;
}

std::optional<std::pair<size_t, size_t>> LocateSpan(std::string_view text,
                                                    std::string_view span_text,
                                                    std::optional<size_t> char_start) {
  if (span_text.empty() || span_text.size() > text.size()) return std::nullopt;
  if (char_start) {
    const std::optional<size_t> byte = CharToByte(text, *char_start);
    if (byte && EqualsIgnoreCase(text.substr(*byte, span_text.size()), span_text)) {
      return std::make_pair(*byte, *byte + span_text.size());
    }
  }
  const size_t found = Lower(text).find(Lower(span_text));
  if (found == std::string::npos) return std::nullopt;
  return std::make_pair(found, found + span_text.size());
}

absl::StatusOr<EvalFile> ClassifyTable(const TsvTable& table, const std::string& name) {
  const SetSpec spec = SpecFor(name, table);
  EvalFile file;
  file.name = name;
  file.primary_group = spec.primary;
  for (const TsvProblem& problem : table.problems()) {
    file.problems.push_back(StrCat(name, ":", problem.line, ": ", problem.message));
    ++file.skipped[std::string(kMalformed)];
  }
  if (!spec.whole_file_skip.empty()) {
    if (!table.rows().empty()) file.skipped[spec.whole_file_skip] += table.rows().size();
    return file;
  }
  if (absl::Status columns = CheckColumns(table, spec); !columns.ok()) return columns;
  for (const TsvRow& row : table.rows()) {
    Verdict verdict = spec.classify(table, row);
    if (!verdict.scored) {
      ++file.skipped[verdict.skip_reason];
    } else if (!SetReferenceDate(table, row, name, &*verdict.scored, &file)) {
      ++file.skipped[std::string(kMalformed)];
    } else {
      file.cases.push_back(std::move(*verdict.scored));
    }
  }
  return file;
}

absl::StatusOr<EvalFile> LoadEvalFile(const std::string& path, const std::string& name) {
  absl::StatusOr<std::string> text = ReadFile(path, kMaxEvalFileBytes);
  if (!text.ok()) return text.status();
  absl::StatusOr<TsvTable> table = ParseTsv(*text);
  if (!table.ok()) {
    return absl::InvalidArgumentError(StrCat(name, ": ", table.status().message()));
  }
  absl::StatusOr<EvalFile> file = ClassifyTable(*table, name);
  if (!file.ok()) return absl::InvalidArgumentError(StrCat(name, ": ", file.status().message()));
  return file;
}

}  // namespace parallax::accuracy
