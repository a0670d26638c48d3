// Event clustering at corpus scale: generates synthetic corpora of 10k, 100k
// and 1M articles (bench/synthetic), gathers each article's evidence from its
// text and claims on all cores, clusters, and prints per size the time, the
// articles per second, the peak memory and the B-cubed accuracy against the
// generated events. Each size runs in a child process of its own, so that
// its peak RSS is its own. What it measures: bench/README.md.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "cluster/cluster_report.h"
#include "cluster/clustering.h"
#include "cluster/evidence.h"
#include "rules/rule_set.h"
#include "synthetic/synthetic_corpus.h"
#include "util/parallel.h"
#include "util/resources.h"

namespace parallax {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Row {
  size_t articles = 0, events = 0, clusters = 0;
  double evidence_s = 0, cluster_s = 0, peak_mib = 0;
  BCubedScore score;
};

Row Measure(size_t articles, uint64_t seed, int events_per_day, int jobs, const RuleSet& rules,
            const ClusterSettings& settings) {
  Row row;
  const SyntheticCorpus corpus(
      SyntheticOptions{.seed = seed, .articles = articles, .events_per_day = events_per_day});
  row.articles = corpus.size();
  row.events = corpus.event_count();

  // Text and claims are made, read and dropped one article at a time: only
  // the evidence stays, as in a scan.
  auto start = Clock::now();
  std::vector<ArticleEvidence> evidence(corpus.size());
  ParallelFor(corpus.size(), jobs, [&](size_t i) {
    const SyntheticArticle a = corpus.Make(i);
    evidence[i] = GatherEvidence(a.article, a.claims, rules);
  });
  row.evidence_s = SecondsSince(start);

  start = Clock::now();
  const EventClusterer clusterer(std::move(evidence), settings);
  const std::vector<EventCluster> clusters = clusterer.Cluster();
  const std::vector<Cluster> described = DescribeClusters(clusterer, clusters);
  row.cluster_s = SecondsSince(start);
  row.clusters = described.size();
  row.peak_mib = PeakRssMiB();

  row.score = corpus.Score(clusterer, clusters);
  return row;
}

void PrintRow(const Row& r) {
  std::printf("| %zu | %zu | %zu | %.1f | %.1f | %.0f | %.0f | %.3f | %.3f | %.3f |\n", r.articles,
              r.events, r.clusters, r.evidence_s, r.cluster_s, r.articles / r.cluster_s, r.peak_mib,
              r.score.precision, r.score.recall, r.score.f1());
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  std::vector<size_t> sizes = {10000, 100000, 1000000};
  uint64_t seed = 1;
  int events_per_day = 0;  // the corpus's default: denser as it grows
  int jobs = DefaultJobs();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const std::string value = i + 1 < argc ? argv[i + 1] : "";
    if (arg == "--sizes") {
      sizes.clear();
      for (absl::string_view s : absl::StrSplit(value, ',')) {
        size_t n = 0;
        if (!absl::SimpleAtoi(s, &n) || n == 0) {
          std::fprintf(stderr, "--sizes: expected numbers like 10000,100000\n");
          return 2;
        }
        sizes.push_back(n);
      }
      ++i;
    } else if (arg == "--seed" && absl::SimpleAtoi(value, &seed)) {
      ++i;
    } else if (arg == "--jobs" && absl::SimpleAtoi(value, &jobs) && jobs > 0) {
      ++i;
    } else if (arg == "--events-per-day" && absl::SimpleAtoi(value, &events_per_day)) {
      ++i;
    } else {
      std::fprintf(stderr,
                   "usage: parallax_bench_cluster [--sizes N,N,...] [--seed S] [--jobs J]\n"
                   "                              [--events-per-day N]\n");
      return 2;
    }
  }

  RuleSetOptions options;
  options.check_examples = false;
  const RuleSetLoad load = LoadRuleSet(PARALLAX_SOURCE_DIR "/rules", options);
  if (load.rules == nullptr) {
    std::fprintf(stderr, "the shipped rules do not load; run `parallax rules check`\n");
    return 1;
  }
  const absl::StatusOr<ClusterSettings> settings = ClusterSettingsFromRules(*load.rules);
  if (!settings.ok()) {
    std::fprintf(stderr, "%s\n", std::string(settings.status().message()).c_str());
    return 1;
  }

  std::printf(
      "Clustering synthetic corpora, seed %llu, %s events a day, %d threads for the "
      "evidence.\n\n",
      static_cast<unsigned long long>(seed),
      events_per_day > 0 ? std::to_string(events_per_day).c_str() : "articles/2,000", jobs);
  std::printf(
      "| articles | events | clusters | evidence s | clustering s | articles/s | peak RSS MiB | "
      "B3 precision | B3 recall | B3 F1 |\n");
  std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  std::fflush(stdout);
  for (size_t n : sizes) {
    const pid_t child = fork();
    if (child == 0) {
      PrintRow(Measure(n, seed, events_per_day, jobs, *load.rules, *settings));
      std::_Exit(0);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "the run over %zu articles failed\n", n);
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace parallax

int main(int argc, char** argv) { return parallax::Main(argc, argv); }
