#include "accuracy/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "util/json_writer.h"
#include "util/strings.h"

namespace parallax::accuracy {
namespace {

std::string Percent(int part, int whole) {
  if (whole == 0) return "–";
  return fmt::format("{:.1f}%", 100.0 * part / whole);
}

// "516: time of day 372, holiday 122, latent parsing only 22", largest first.
std::string SkippedSummary(const std::map<std::string, int>& skipped) {
  std::vector<std::pair<std::string, int>> reasons(skipped.begin(), skipped.end());
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  int total = 0;
  std::string list;
  for (const auto& [reason, rows] : reasons) {
    total += rows;
    StrAppend(&list, list.empty() ? "" : ", ", reason, " ", rows);
  }
  if (total == 0) return "0";
  return StrCat(total, ": ", list);
}

bool TargetMet(const Tally& total, Group group) {
  return total.scored > 0 && 100.0 * total.correct >= GroupTarget(group) * total.scored;
}

bool ShowsInGroup(const FileResult& file, Group group) {
  const auto it = file.groups.find(group);
  return file.primary_group == group || (it != file.groups.end() && it->second.scored > 0);
}

void AppendFileRow(const FileResult& file, Group group, std::string* out) {
  Tally tally;
  if (auto it = file.groups.find(group); it != file.groups.end()) tally = it->second;
  // Skipped rows have no group: they are listed on the file's primary row.
  const std::string skipped = file.primary_group == group ? SkippedSummary(file.skipped) : "–";
  StrAppend(out, "| ", GroupName(group), " | ", file.name, " | ", tally.scored, " | ",
            tally.correct, " | ", Percent(tally.correct, tally.scored), " | ",
            Percent(tally.span_correct, tally.span_rows), " | ", skipped, " |\n");
}

void AppendTotalsTable(const AccuracyReport& report, std::string* out) {
  StrAppend(out,
            "| group | scored | correct | accuracy | span accuracy | target | |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
  for (Group group : kGroups) {
    const Tally total = report.GroupTotal(group);
    const char* status = total.scored == 0         ? "no rows"
                         : TargetMet(total, group) ? "met"
                                                   : "below target";
    StrAppend(out, "| ", GroupName(group), " | ", total.scored, " | ", total.correct, " | ",
              Percent(total.correct, total.scored), " | ",
              Percent(total.span_correct, total.span_rows), " | ≥ ", GroupTarget(group), "%",
              group == Group::kNegatives ? " (keep)" : "", " | ", status, " |\n");
  }
}

void JsonNumber(std::string* out, double value) { StrAppend(out, fmt::format("{:.4f}", value)); }

// accuracy as a fraction, or null with nothing scored.
void JsonRatio(std::string* out, int part, int whole) {
  if (whole == 0) {
    StrAppend(out, "null");
  } else {
    JsonNumber(out, static_cast<double>(part) / whole);
  }
}

void AppendJsonTally(const Tally& tally, std::string* out) {
  StrAppend(out, "\"scored\": ", tally.scored, ", \"correct\": ", tally.correct,
            ", \"accuracy\": ");
  JsonRatio(out, tally.correct, tally.scored);
  StrAppend(out, ", \"span_rows\": ", tally.span_rows, ", \"span_correct\": ", tally.span_correct,
            ", \"span_accuracy\": ");
  JsonRatio(out, tally.span_correct, tally.span_rows);
}

void AppendJsonField(std::string_view key, std::string_view value, std::string* out) {
  AppendJsonString(out, key);
  StrAppend(out, ": ");
  AppendJsonString(out, value);
}

void AppendJsonFile(const FileResult& file, std::string* out) {
  StrAppend(out, "    {");
  AppendJsonField("file", file.name, out);
  StrAppend(out, ", ");
  AppendJsonField("primary_group", GroupName(file.primary_group), out);
  StrAppend(out, ",\n     \"groups\": [");
  bool first = true;
  for (const auto& [group, tally] : file.groups) {
    StrAppend(out, first ? "" : ", ", "{");
    first = false;
    AppendJsonField("group", GroupName(group), out);
    StrAppend(out, ", ");
    AppendJsonTally(tally, out);
    StrAppend(out, "}");
  }
  StrAppend(out, "],\n     \"skipped\": {");
  first = true;
  for (const auto& [reason, rows] : file.skipped) {
    StrAppend(out, first ? "" : ", ");
    first = false;
    AppendJsonString(out, reason);
    StrAppend(out, ": ", rows);
  }
  StrAppend(out, "}}");
}

}  // namespace

void Tally::Add(const CaseResult& result) {
  ++scored;
  correct += result.correct;
  span_rows += result.span_scored;
  span_correct += result.span_correct;
}

void Tally::Add(const Tally& other) {
  scored += other.scored;
  correct += other.correct;
  span_rows += other.span_rows;
  span_correct += other.span_correct;
}

Tally AccuracyReport::GroupTotal(Group group) const {
  Tally total;
  for (const FileResult& file : files) {
    if (auto it = file.groups.find(group); it != file.groups.end()) total.Add(it->second);
  }
  return total;
}

int AccuracyReport::SkippedRows() const {
  int total = 0;
  for (const FileResult& file : files) {
    for (const auto& [reason, rows] : file.skipped) total += rows;
  }
  return total;
}

std::string RenderMarkdown(const AccuracyReport& report) {
  std::string out = "## Extraction accuracy by file\n\n";
  StrAppend(&out, "Rules: `", report.rules_dir, "` (", report.rules_digest, "); eval sets: `",
            report.eval_dir, "`.\n\n");
  StrAppend(&out,
            "| group | file | scored | correct | accuracy | span accuracy | skipped |\n"
            "| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
  for (Group group : kGroups) {
    for (const FileResult& file : report.files) {
      if (ShowsInGroup(file, group)) AppendFileRow(file, group, &out);
    }
  }
  StrAppend(&out, "\n## Totals\n\n");
  AppendTotalsTable(report, &out);
  int scored = 0;
  for (Group group : kGroups) scored += report.GroupTotal(group).scored;
  StrAppend(&out, "\n", scored, " rows scored, ", report.SkippedRows(), " skipped, ",
            report.problems, " problems; rules loaded in ",
            fmt::format("{:.2f}", report.load_seconds), " s, sets read and scored in ",
            fmt::format("{:.2f}", report.run_seconds), " s.\n");
  return out;
}

std::string RenderJson(const AccuracyReport& report) {
  std::string out = "{\n  \"schema\": \"parallax.accuracy/1\",\n  \"rules\": {";
  AppendJsonField("dir", report.rules_dir, &out);
  StrAppend(&out, ", ");
  AppendJsonField("digest", report.rules_digest, &out);
  StrAppend(&out, "},\n  ");
  AppendJsonField("eval_dir", report.eval_dir, &out);
  StrAppend(&out, ",\n  \"load_seconds\": ");
  JsonNumber(&out, report.load_seconds);
  StrAppend(&out, ",\n  \"run_seconds\": ");
  JsonNumber(&out, report.run_seconds);
  StrAppend(&out, ",\n  \"problems\": ", report.problems, ",\n  \"groups\": [\n");
  for (size_t i = 0; i < std::size(kGroups); ++i) {
    const Group group = kGroups[i];
    const Tally total = report.GroupTotal(group);
    StrAppend(&out, "    {");
    AppendJsonField("group", GroupName(group), &out);
    StrAppend(&out, ", ");
    AppendJsonTally(total, &out);
    StrAppend(&out, ", \"target\": ", fmt::format("{:.2f}", GroupTarget(group) / 100.0),
              ", \"met\": ", TargetMet(total, group) ? "true" : "false", "}",
              i + 1 < std::size(kGroups) ? "," : "", "\n");
  }
  StrAppend(&out, "  ],\n  \"files\": [\n");
  for (size_t i = 0; i < report.files.size(); ++i) {
    AppendJsonFile(report.files[i], &out);
    StrAppend(&out, i + 1 < report.files.size() ? ",\n" : "\n");
  }
  StrAppend(&out, "  ]\n}\n");
  return out;
}

}  // namespace parallax::accuracy
