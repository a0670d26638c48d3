// parallax scan: read a corpus, write the reports.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cluster/cluster_report.h"
#include "desk/review_store.h"
#include "report/report.h"
#include "scan/mpi_peers.h"
#include "scan/scan.h"
#include "util/parallel.h"
#include "util/resources.h"
#include "util/strings.h"

namespace parallax::cli {
namespace {

constexpr char kScanHelp[] = R"(Usage: parallax scan CORPUS... --out DIR [options]

Reads every article, analyses it, and writes DIR/report.json (the contract
other tools read, schema parallax.report/1), DIR/report.md (a batch report)
and DIR/report.html (a self-contained page for reviewers).

Inputs:
  folder           every *.txt and *.jsonl file below it, in path order;
                   hidden files and folders are skipped
  FILE.txt         a text article; its id is the file name without extension.
                   It may start with header lines 'date YYYY-MM-DD',
                   'source NAME', 'url URL', 'title TEXT' and a blank line,
                   or with ' date YYYY-MM-DD' followed by the body on line 1
  FILE.jsonl       one JSON object per line: "id", "text", and optionally
                   "date", "source", "url", "title"
  -                JSON Lines from standard input

Options:
  --out DIR                  where the reports go (created if needed)
  --rules DIR                the rule set (default: ./rules, else the rules
                             installed with parallax)
  --jobs N                   threads for per-article work (default: all
                             cores); the report is identical for every N
  --max-article-bytes N      a text file or JSONL record larger than this is
                             a problem, not an article (default: 16777216)
  --batch-articles N         articles read and extracted at a time (default:
                             2048), and under MPI the most text files dealt
                             to a process at a time; the report is identical
                             for every N
  --batch-bytes N            under MPI, the most bytes of a JSONL file dealt
                             to a process at a time (default: 8388608); the
                             report is identical for every N
  --batch-clusters N         under MPI, the most clusters dealt to a process
                             at a time for comparison (default: 64); the
                             report is identical for every N
  --claims PATH              take the articles' claims from PATH instead of
                             extracting them: the claims stream 'parallax
                             extract' prints, as a file or a folder of shards
                             (one per partition, as Spark's pipe or Hadoop
                             streaming write them); the corpus is still read
                             for the articles themselves
  --explain-cluster ID       also print how cluster ID (c1, c2, ...) was
                             formed: each link that joined it, its score and
                             what the two articles share
  --reviews FILE             a review database (parallax serve --db): each
                             finding shows its latest decision there, by
                             its stable id; findings whose claims changed
                             have new ids and show as unreviewed
  --quiet                    no progress line
  --timings                  print each stage's wall time, throughput and peak
                             memory
  --help                     this text

Under an MPI launcher ('mpirun -np N parallax scan ...', or Slurm's srun),
the N processes share the scan: the inputs are cut into batches (runs of
files, byte ranges of JSONL files) and each process reads and extracts every
Nth batch alone, then sends process 0 what it keeps of each article (report
entry, clustering evidence, claims; never the text). Process 0 clusters the
articles and deals the clusters out again in batches; each process compares
its own, reading their bodies again, and process 0 writes the reports, the
same bytes one process writes. The inputs must be readable by every process
at the same paths. --jobs is then per process
(default: the cores the launcher bound it to, else this machine's cores
shared among its processes).

Input that cannot be used (unreadable file, invalid UTF-8, empty text,
malformed header, impossible date, bad JSONL line, duplicate id, file over
the size limit) is listed under "problems" in the report with its path,
line and what was expected; everything else is still processed.

Exit status:
  0  report written; every input was read
  1  report written; some inputs were problems (see the report)
  2  usage error: the command line is wrong
  3  failure: no report written (missing rules folder, unwritable output)
)";

// One line per stage: wall time, articles and body megabytes per second,
// and the peak memory so far.
void PrintCosts(const std::vector<StageCost>& costs, const Report& report) {
  double bytes = 0, total = 0;
  for (const ArticleEntry& a : report.articles) bytes += static_cast<double>(a.body_bytes);
  std::fprintf(stderr, "parallax: %-8s %9s %12s %9s %13s\n", "stage", "seconds", "articles/s",
               "MB/s", "peak RSS MiB");
  const auto line = [&](std::string_view stage, double seconds, double rss) {
    const double per = seconds > 0 ? 1 / seconds : 0;
    std::fprintf(stderr, "parallax: %-8.*s %9.2f %12.0f %9.1f %13.0f\n",
                 static_cast<int>(stage.size()), stage.data(), seconds,
                 static_cast<double>(report.articles.size()) * per, bytes / 1e6 * per, rss);
  };
  for (const StageCost& c : costs) {
    line(c.stage, c.seconds, c.peak_rss_mib);
    total += c.seconds;
  }
  line("total", total, costs.empty() ? 0 : costs.back().peak_rss_mib);
}

}  // namespace

int RunScan(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(args, {{"out", true},
                                                       {"rules", true},
                                                       {"jobs", true},
                                                       {"max-article-bytes", true},
                                                       {"batch-articles", true},
                                                       {"batch-bytes", true},
                                                       {"batch-clusters", true},
                                                       {"claims", true},
                                                       {"explain-cluster", true},
                                                       {"reviews", true},
                                                       {"quiet", false},
                                                       {"timings", false},
                                                       {"help", false}});
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()), "scan");
  if (parsed->Has("help")) {
    std::fputs(kScanHelp, stdout);
    return kOk;
  }
  if (parsed->positionals.empty()) return Usage("scan needs at least one CORPUS input", "scan");
  const std::optional<std::string> out = parsed->Value("out");
  if (!out || out->empty()) return Usage("scan needs --out DIR", "scan");

  ScanOptions options;
  options.inputs = parsed->positionals;
  options.rules_dir = parsed->Value("rules").value_or(DefaultRulesDir());
  if (absl::Status read = ReadCorpusOptions(*parsed, &options.jobs, &options.ingest); !read.ok()) {
    return Usage(std::string(read.message()), "scan");
  }
  absl::Status batches = ReadPositive(*parsed, "batch-articles", &options.batch_articles);
  if (batches.ok()) batches = ReadPositive(*parsed, "batch-bytes", &options.batch_bytes);
  if (batches.ok()) batches = ReadPositive(*parsed, "batch-clusters", &options.batch_clusters);
  if (!batches.ok()) return Usage(std::string(batches.message()), "scan");
  if (const std::optional<std::string> claims = parsed->Value("claims")) {
    options.claim_shards = {*claims};
  }
  std::unique_ptr<MpiPeers> peers;
  if (StartedByMpiLauncher()) {
    absl::StatusOr<std::unique_ptr<MpiPeers>> started = MpiPeers::Start();
    if (!started.ok()) {
      std::fprintf(stderr, "parallax: %s\n", std::string(started.status().message()).c_str());
      return kFailure;
    }
    peers = std::move(*started);
    options.peers = peers.get();
    if (!parsed->Has("jobs")) {
      // The cores the launcher bound this process to, if it did; else the
      // machine's shared among its processes.
      const int allowed = DefaultJobs();
      const int machine = MachineCores();
      options.jobs = allowed < machine ? allowed : std::max(1, machine / peers->ranks_here());
    }
  }
  // Process 0 of a shared scan speaks for all and writes the reports.
  const bool lead = peers == nullptr || peers->rank() == 0;
  std::vector<StageCost> costs;
  if (parsed->Has("timings") && lead) options.costs = &costs;
  ProgressLine progress(!parsed->Has("quiet") && lead && StderrIsTerminal());
  options.progress = [&progress](size_t done, size_t total) { progress.Update(done, total); };

  absl::StatusOr<Report> report = Scan(options);
  progress.Finish();
  if (!report.ok()) {
    const std::string who =
        peers != nullptr ? StrCat("process ", peers->rank(), " of ", peers->ranks(), ": ") : "";
    std::fprintf(stderr, "parallax: %s%s\n", who.c_str(),
                 std::string(report.status().message()).c_str());
    if (peers != nullptr) peers->Abort(kFailure);
    return kFailure;
  }
  if (!lead) return kOk;
  if (const std::optional<std::string> reviews = parsed->Value("reviews")) {
    absl::StatusOr<std::unique_ptr<ReviewStore>> store = ReviewStore::Open(*reviews);
    absl::StatusOr<std::vector<Decision>> latest =
        store.ok() ? (*store)->Latest() : absl::StatusOr<std::vector<Decision>>(store.status());
    if (!latest.ok()) {
      std::fprintf(stderr, "parallax: %s\n", std::string(latest.status().message()).c_str());
      return kFailure;
    }
    const int carried = CarryReviews(*latest, &report->findings);
    std::fprintf(stderr, "parallax: %d of %zu findings carry a review from %s\n", carried,
                 report->findings.size(), reviews->c_str());
  }
  const auto writing = std::chrono::steady_clock::now();
  if (absl::Status written = WriteReportFiles(*report, *out); !written.ok()) {
    std::fprintf(stderr, "parallax: %s\n", std::string(written.message()).c_str());
    return kFailure;
  }
  if (options.costs != nullptr) {
    costs.push_back(
        {"write", std::chrono::duration<double>(std::chrono::steady_clock::now() - writing).count(),
         PeakRssMiB()});
    PrintCosts(costs, *report);
    if (peers != nullptr && peers->ranks() > 1 && !report->articles.empty()) {
      const auto per_article = [&](uint64_t bytes) {
        return static_cast<double>(bytes) / static_cast<double>(report->articles.size());
      };
      std::fprintf(
          stderr,
          "parallax: process 0 received %.1f MB (records, then findings), %.0f bytes per "
          "article; sent %.1f MB (clusters to compare), %.0f bytes per article\n",
          static_cast<double>(peers->bytes_received()) / 1e6, per_article(peers->bytes_received()),
          static_cast<double>(peers->bytes_sent()) / 1e6, per_article(peers->bytes_sent()));
    }
  }
  PrintProblems(report->problems);
  if (const std::optional<std::string> id = parsed->Value("explain-cluster")) {
    const auto found = std::find_if(report->clusters.begin(), report->clusters.end(),
                                    [&](const Cluster& c) { return c.id == *id; });
    if (found == report->clusters.end()) {
      std::fprintf(stderr, "parallax: no cluster '%s'; this report has c1 to c%zu\n", id->c_str(),
                   report->clusters.size());
      return kUsage;
    }
    std::fputs(ExplainCluster(*found).c_str(), stdout);
  }
  const std::string shared =
      peers != nullptr && peers->ranks() > 1 ? StrCat(" (", peers->ranks(), " processes)") : "";
  std::fprintf(stderr,
               "parallax: %zu articles, %zu problems, %zu clusters, %zu findings; reports in "
               "%s%s\n",
               report->articles.size(), report->problems.size(), report->clusters.size(),
               report->findings.size(), out->c_str(), shared.c_str());
  return report->problems.empty() ? kOk : kInputProblems;
}

}  // namespace parallax::cli
