#include "scan/scan.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "cluster/cluster_report.h"
#include "cluster/clustering.h"
#include "cluster/evidence.h"
#include "compare/comparison.h"
#include "extract/claim.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/markdown_report.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "text/quotes.h"
#include "text/sentences.h"
#include "util/file.h"
#include "util/parallel.h"
#include "util/resources.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

ArticleEntry AnalyseArticle(const Article& article, const Matcher& matcher,
                            ArticleEvidence* evidence, ArticleClaims* compared) {
  ArticleEntry entry;
  entry.id = article.id;
  entry.path = article.path;
  entry.source = article.source;
  entry.date = article.date;
  entry.date_origin = article.date_origin;
  entry.title = article.title;
  entry.url = article.url;
  entry.body_bytes = article.body.size();
  entry.paragraphs = static_cast<int>(SplitParagraphs(article.body).size());
  entry.sentences = static_cast<int>(SplitSentences(article.body).size());
  entry.quotations = static_cast<int>(FindQuotations(article.body).size());
  std::array<int, kClaimKindCount> counts{};
  std::vector<Claim> claims = ExtractClaims(article, matcher);
  for (const Claim& claim : claims) ++counts[int(claim.kind)];
  *evidence = GatherEvidence(article, claims, matcher.rules());
  compared->id = article.id;
  compared->source = article.source.value_or(article.id);
  compared->date = article.date;
  compared->body = article.body;
  compared->claims = std::move(claims);
  for (int k = 0; k < kClaimKindCount; ++k) {
    entry.claim_counts.push_back({std::string(ClaimKindName(ClaimKind(k))), counts[k]});
  }
  return entry;
}

// The paragraphs that hold the findings' claims, each once.
std::vector<Passage> FindingPassages(
    const std::vector<Finding>& findings,
    const absl::flat_hash_map<std::string_view, const ArticleClaims*>& articles) {
  absl::flat_hash_map<std::string_view, std::vector<size_t>> offsets;
  for (const Finding& f : findings) {
    for (const ClaimRef& c : f.claims) offsets[c.article].push_back(c.start);
  }
  std::vector<Passage> passages;
  for (auto& [id, starts] : offsets) {
    auto article = articles.find(id);
    if (article == articles.end()) continue;
    const std::string_view body = article->second->body;
    std::sort(starts.begin(), starts.end());
    const std::vector<TextSpan> paragraphs = SplitParagraphs(body);
    auto paragraph = paragraphs.begin();
    const TextSpan* last = nullptr;
    for (size_t start : starts) {
      while (paragraph != paragraphs.end() && paragraph->end <= start) ++paragraph;
      if (paragraph == paragraphs.end()) break;
      if (paragraph->start > start || &*paragraph == last) continue;
      last = &*paragraph;
      passages.push_back(
          {std::string(id), paragraph->start,
           std::string(body.substr(paragraph->start, paragraph->end - paragraph->start))});
    }
  }
  std::sort(passages.begin(), passages.end(), [](const Passage& a, const Passage& b) {
    return std::tie(a.article, a.start) < std::tie(b.article, b.start);
  });
  return passages;
}

// Records each stage's wall time and the peak memory when it ended.
class StageClock {
 public:
  explicit StageClock(std::vector<StageCost>* costs) : costs_(costs) {}
  void Done(std::string_view stage) {
    if (costs_ == nullptr) return;
    const auto now = std::chrono::steady_clock::now();
    costs_->push_back(
        {std::string(stage), std::chrono::duration<double>(now - start_).count(), PeakRssMiB()});
    start_ = now;
  }

 private:
  std::vector<StageCost>* costs_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

absl::StatusOr<Report> Scan(const ScanOptions& options) {
  Report report;
  StageClock clock(options.costs);
  // The rules' examples are their tests, run by `parallax rules check`; a
  // scan checks everything else (syntax, names, patterns) and starts sooner.
  RuleSetOptions rule_options;
  rule_options.check_examples = false;
  const RuleSetLoad load = LoadRuleSet(options.rules_dir, rule_options);
  if (!load.rules) {
    std::string message =
        StrCat("the rules in ", options.rules_dir, " do not load (run 'parallax rules check'):");
    for (const Diagnostic& d : load.diagnostics) {
      if (d.severity != Diagnostic::kWarning) StrAppend(&message, "\n  ", FormatDiagnostic(d));
    }
    return absl::FailedPreconditionError(message);
  }
  report.rules = {options.rules_dir, load.rules->digest(),
                  static_cast<int>(load.rules->files().size())};
  PARALLAX_ASSIGN_OR_RETURN(const ClusterSettings cluster_settings,
                            ClusterSettingsFromRules(*load.rules));
  PARALLAX_ASSIGN_OR_RETURN(const ClusterComparer comparer, ClusterComparer::Create(*load.rules));
  const Matcher matcher(*load.rules);
  report.inputs = options.inputs;
  clock.Done("rules");

  IngestOptions ingest = options.ingest;
  ingest.jobs = options.jobs;
  Corpus corpus = ReadCorpus(options.inputs, ingest);
  report.problems = std::move(corpus.problems);
  clock.Done("ingest");

  report.articles.resize(corpus.articles.size());
  std::vector<ArticleEvidence> evidence(corpus.articles.size());
  std::vector<ArticleClaims> claims(corpus.articles.size());
  std::atomic<size_t> done{0};
  ParallelFor(corpus.articles.size(), options.jobs, [&](size_t i) {
    report.articles[i] = AnalyseArticle(corpus.articles[i], matcher, &evidence[i], &claims[i]);
    const size_t finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
    if (options.progress) options.progress(finished, corpus.articles.size());
  });
  clock.Done("extract");
  const EventClusterer clusterer(std::move(evidence), cluster_settings);
  const std::vector<EventCluster> clusters = clusterer.Cluster();
  report.clusters = DescribeClusters(clusterer, clusters);
  clock.Done("cluster");

  // The clusterer keeps its evidence in its own order; ids are unique.
  absl::flat_hash_map<std::string_view, const ArticleClaims*> by_id;
  for (const ArticleClaims& article : claims) by_id.emplace(article.id, &article);
  std::vector<std::vector<Finding>> findings(clusters.size());
  ParallelFor(clusters.size(), options.jobs, [&](size_t c) {
    if (clusters[c].members.size() < 2) return;
    std::vector<const ArticleClaims*> members;
    for (uint32_t m : clusters[c].members) {
      members.push_back(by_id.at(clusterer.evidence()[m].id));
    }
    findings[c] = comparer.Compare(report.clusters[c].id, members);
  });
  for (std::vector<Finding>& cluster_findings : findings) {
    report.findings.insert(report.findings.end(), std::make_move_iterator(cluster_findings.begin()),
                           std::make_move_iterator(cluster_findings.end()));
  }
  report.passages = FindingPassages(report.findings, by_id);
  clock.Done("compare");
  return report;
}

absl::Status WriteReportFiles(const Report& report, const std::string& out_dir) {
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    return absl::FailedPreconditionError(
        StrCat(out_dir, ": cannot create the output folder: ", error.message()));
  }
  const std::filesystem::path dir(out_dir);
  PARALLAX_RETURN_IF_ERROR(
      WriteFileAtomically((dir / "report.json").string(), RenderJsonReport(report)));
  PARALLAX_RETURN_IF_ERROR(
      WriteFileAtomically((dir / "report.md").string(), RenderMarkdownReport(report)));
  PARALLAX_RETURN_IF_ERROR(
      WriteFileAtomically((dir / "report.html").string(), RenderHtmlReport(report)));
  return absl::OkStatus();
}

}  // namespace parallax
