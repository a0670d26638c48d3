// The scan: the whole pipeline from inputs to a Report, as one library call.
//
// Today it reads the corpus, analyses every article's text (paragraphs,
// sentences, quotations) on `jobs` threads and records the rule set; later
// stages (extraction, clustering, comparison) plug in here. The result never
// depends on `jobs`.
#ifndef PARALLAX_SCAN_SCAN_H_
#define PARALLAX_SCAN_SCAN_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/corpus.h"
#include "report/report.h"

namespace parallax {

struct ScanOptions {
  std::vector<std::string> inputs;
  std::string rules_dir = "rules";
  int jobs = 1;
  IngestOptions ingest;
  // Called from worker threads as articles finish: (done, total). Optional.
  std::function<void(size_t, size_t)> progress;
};

// Fails only when the run cannot happen at all (no rules folder); bad input
// becomes Report::problems.
absl::StatusOr<Report> Scan(const ScanOptions& options);

// Writes report.json, report.md and report.html into `out_dir`, creating it
// if needed. Each file is replaced atomically.
absl::Status WriteReportFiles(const Report& report, const std::string& out_dir);

}  // namespace parallax

#endif  // PARALLAX_SCAN_SCAN_H_
