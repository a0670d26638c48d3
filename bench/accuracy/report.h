// The accuracy figures and their two renderings: the Markdown tables the
// tool prints (and writes as accuracy.md) and accuracy.json.
#ifndef PARALLAX_BENCH_ACCURACY_REPORT_H_
#define PARALLAX_BENCH_ACCURACY_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "accuracy/eval_sets.h"

namespace parallax::accuracy {

struct Tally {
  int scored = 0;
  int correct = 0;
  int span_rows = 0;  // scored rows with a span
  int span_correct = 0;

  void Add(const CaseResult& result);
  void Add(const Tally& other);
};

struct FileResult {
  std::string name;
  Group primary_group = Group::kDates;
  std::map<Group, Tally> groups;
  std::map<std::string, int> skipped;  // reason -> rows
};

struct AccuracyReport {
  std::string rules_dir;
  std::string rules_digest;
  std::string eval_dir;
  double load_seconds = 0;  // loading the rules (examples included)
  double run_seconds = 0;   // reading the sets and extracting
  std::vector<FileResult> files;
  int problems = 0;  // malformed lines and unreadable files

  Tally GroupTotal(Group group) const;
  int SkippedRows() const;
};

std::string RenderMarkdown(const AccuracyReport& report);
std::string RenderJson(const AccuracyReport& report);

}  // namespace parallax::accuracy

#endif  // PARALLAX_BENCH_ACCURACY_REPORT_H_
