// The scan: the whole pipeline from inputs to a Report, as one library call.
//
// It reads the corpus a batch at a time and extracts each article's claims
// on `jobs` threads, keeping per article only its report entry, its
// clustering evidence and its claims in a temporary file (in TMPDIR), so
// that memory grows with the number of articles, not with their text. Then
// it clusters the articles by event and compares the claims inside each
// cluster, reading the members' bodies again from their files. The result
// never depends on `jobs`; an article whose file changed during the scan is
// left out of comparison and listed as a problem.
#ifndef PARALLAX_SCAN_SCAN_H_
#define PARALLAX_SCAN_SCAN_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/corpus.h"
#include "report/report.h"
#include "scan/peers.h"

namespace parallax {

// What one stage of a scan cost.
struct StageCost {
  std::string stage;        // "rules", "ingest", "extract", "cluster", "compare" (and "write")
  double seconds = 0;       // wall time
  double peak_rss_mib = 0;  // the process's peak resident memory when the stage ended
};

struct ScanOptions {
  std::vector<std::string> inputs;
  std::string rules_dir = "rules";
  int jobs = 1;
  // Articles read and extracted at a time: enough to keep every thread
  // busy, few enough that their bodies are a small part of memory. The
  // report does not depend on it.
  size_t batch_articles = 2048;
  // With peers, the inputs are dealt to them in batches of at most
  // `batch_articles` text files or `batch_bytes` of a JSON Lines file.
  uint64_t batch_bytes = uint64_t{8} << 20;
  // With peers, the clusters are dealt to them for comparison in batches of
  // this many: enough to keep a process's threads busy, few enough that the
  // shares stay even.
  size_t batch_clusters = 64;
  IngestOptions ingest;
  // Called from worker threads as articles finish: (done, 0), the total
  // being unknown while the corpus streams in. Optional.
  std::function<void(size_t, size_t)> progress;
  // When set, receives the cost of each stage, in order.
  std::vector<StageCost>* costs = nullptr;
  // When set, this process is one of several sharing the scan (peers.h).
  ScanPeers* peers = nullptr;
  // When set, the articles' claims are read from these claims streams
  // (claim_shards.h), made elsewhere by `parallax extract`, instead of
  // extracted; only one process can read them.
  std::vector<std::string> claim_shards;
};

// Fails only when the run cannot happen at all (no rules folder); bad input
// becomes Report::problems. With peers, only process 0 returns the report;
// the others return an empty one once their claims are sent.
absl::StatusOr<Report> Scan(const ScanOptions& options);

// Writes report.json, report.md and report.html into `out_dir`, creating it
// if needed. Each file is replaced atomically.
absl::Status WriteReportFiles(const Report& report, const std::string& out_dir);

}  // namespace parallax

#endif  // PARALLAX_SCAN_SCAN_H_
