#include "scan/scan.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <iterator>
#include <memory>
#include <mutex>
#include <system_error>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_join.h"
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
#include "scan/claim_shards.h"
#include "scan/claim_spill.h"
#include "text/quotes.h"
#include "text/sentences.h"
#include "util/file.h"
#include "util/parallel.h"
#include "util/resources.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

// What a scan keeps of an article between extraction and comparison, next
// to its ArticleEntry: where to read its body again and find its claims.
struct KeptArticle {
  uint64_t record_offset = 0;
  uint64_t record_bytes = 0;
  int body_line = 1;
  size_t body_hash = 0;
  ClaimSpill::Ref claims;
};

ArticleEntry DescribeArticle(const Article& article, const std::vector<Claim>& claims) {
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
  for (const Claim& claim : claims) ++entry.claim_counts[int(claim.kind)];
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
  return passages;
}

// Reads an article's body again into a new element of `bodies` and loads
// its claims; fails when the body is not the one that was extracted.
absl::StatusOr<std::vector<Claim>> ReloadArticle(const CorpusReader& reader,
                                                 const ClaimSpill& spill, const ArticleEntry& entry,
                                                 const KeptArticle& kept,
                                                 std::vector<std::string>* bodies) {
  Article record;
  record.id = entry.id;
  record.path = entry.path;
  record.body_line = kept.body_line;
  record.record_offset = kept.record_offset;
  record.record_bytes = kept.record_bytes;
  PARALLAX_ASSIGN_OR_RETURN(std::string body, reader.ReadBodyAgain(record));
  if (absl::HashOf(body) != kept.body_hash) {
    return absl::DataLossError("the article changed on disk while the scan ran");
  }
  bodies->push_back(std::move(body));
  return spill.Load(kept.claims, bodies->back());
}

// Records each stage's wall time and the peak memory when it ended.
class StageClock {
 public:
  explicit StageClock(std::vector<StageCost>* costs) : costs_(costs) {}
  void Done(std::string_view stage) {
    const auto now = std::chrono::steady_clock::now();
    Done(stage, std::chrono::duration<double>(now - start_).count());
  }
  // For stages that run interleaved: their own share of the time since the
  // last stage ended.
  void Done(std::string_view stage, double seconds) {
    start_ = std::chrono::steady_clock::now();
    if (costs_ != nullptr) costs_->push_back({std::string(stage), seconds, PeakRssMiB()});
  }

 private:
  std::vector<StageCost>* costs_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// What extraction keeps of the corpus for the later stages. Deques:
// growing them to millions of articles copies nothing.
struct Extracted {
  std::deque<ArticleEvidence> evidence;
  EvidenceLabels labels;
  std::deque<KeptArticle> kept;
};

// Extracts the claims of the batch's articles on `jobs` threads.
std::vector<std::vector<Claim>> ExtractBatch(const Corpus& batch, const Matcher& matcher, int jobs,
                                             const std::function<void()>& article_done) {
  std::vector<std::vector<Claim>> claims(batch.articles.size());
  ParallelFor(batch.articles.size(), jobs, [&](size_t i) {
    claims[i] = ExtractClaims(batch.articles[i], matcher);
    article_done();
  });
  return claims;
}

// The claims of the batch's articles from `shards`, on `jobs` threads. An
// article whose claims do not fit it keeps none and becomes a problem.
std::vector<std::vector<Claim>> LoadBatch(const Corpus& batch, const ClaimShards& shards, int jobs,
                                          const std::function<void()>& article_done,
                                          std::vector<Problem>* problems) {
  std::vector<std::vector<Claim>> claims(batch.articles.size());
  std::vector<absl::Status> errors(batch.articles.size());
  ParallelFor(batch.articles.size(), jobs, [&](size_t i) {
    absl::StatusOr<std::vector<Claim>> loaded = shards.Load(batch.articles[i]);
    if (loaded.ok()) {
      claims[i] = std::move(*loaded);
    } else {
      errors[i] = loaded.status();
    }
    article_done();
  });
  for (size_t i = 0; i < errors.size(); ++i) {
    if (errors[i].ok()) continue;
    const Article& article = batch.articles[i];
    problems->push_back(Problem{
        article.path, IsJsonlPath(article.path) ? std::optional(article.body_line) : std::nullopt,
        StrCat(errors[i].message(), " Article \"", article.id, "\" is kept without claims.")});
  }
  return claims;
}

// Where an article is read from: "path" or, in JSON Lines, "path:line".
std::string InputOf(const Article& article) {
  return IsJsonlPath(article.path) ? StrCat(article.path, ":", article.body_line) : article.path;
}

// What batch `number`, of articles `first` on, holds, and whose it is.
std::string DescribeBatch(const Corpus& batch, size_t number, size_t first, int owner) {
  if (batch.articles.empty()) {
    return StrCat("batch ", number + 1, " (no articles) of process ", owner);
  }
  return StrCat("batch ", number + 1, " (articles ", first + 1, " to ",
                first + batch.articles.size(), ", ", InputOf(batch.articles.front()), " to ",
                InputOf(batch.articles.back()), ") of process ", owner);
}

// The claims of a batch that process `from` extracted, decoded against the
// bodies this process read.
absl::StatusOr<std::vector<std::vector<Claim>>> ReceiveBatch(const Corpus& batch, int from,
                                                             int jobs, ScanPeers& peers) {
  PARALLAX_ASSIGN_OR_RETURN(const std::string bytes, peers.ReceiveBatch(from));
  PARALLAX_ASSIGN_OR_RETURN(const std::vector<std::string_view> encoded,
                            SplitClaimBatch(bytes, batch.articles.size()));
  std::vector<std::vector<Claim>> claims(batch.articles.size());
  std::vector<absl::Status> errors(batch.articles.size());
  ParallelFor(batch.articles.size(), jobs, [&](size_t i) {
    absl::StatusOr<std::vector<Claim>> decoded = DecodeClaims(encoded[i], batch.articles[i].body);
    if (decoded.ok()) {
      claims[i] = std::move(*decoded);
    } else {
      errors[i] = decoded.status();
    }
  });
  for (absl::Status& error : errors) PARALLAX_RETURN_IF_ERROR(error);
  return claims;
}

// Reads the corpus a batch at a time and extracts each batch on
// options.jobs threads: report entries go to `report`, evidence and where
// to find each article again to `out`, claims to `spill`; the bodies are
// let go before the next batch is read. Records the "ingest" and "extract"
// stages. With peers, each process extracts its own batches and sends their
// claims to process 0, which receives the others' and keeps all; `spill`,
// `out` and `report` are only used on process 0.
absl::Status ExtractCorpus(CorpusReader& reader, const Matcher& matcher, const ClaimShards* shards,
                           const ScanOptions& options, ClaimSpill* spill, Extracted* out,
                           Report* report, StageClock* clock) {
  const int rank = options.peers != nullptr ? options.peers->rank() : 0;
  const int ranks = options.peers != nullptr ? options.peers->ranks() : 1;
  Corpus batch;
  absl::Status spill_error;
  std::mutex spill_error_mutex;
  std::atomic<size_t> done{0};
  const auto article_done = [&] {
    const size_t finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
    if (options.progress) options.progress(finished, 0);
  };
  double read_seconds = 0, extract_seconds = 0;
  for (size_t number = 0;; ++number) {
    const auto read_start = std::chrono::steady_clock::now();
    if (!reader.Next(std::max<size_t>(options.batch_articles, 1), &batch)) break;
    const auto extract_start = std::chrono::steady_clock::now();
    read_seconds += std::chrono::duration<double>(extract_start - read_start).count();
    const int owner = static_cast<int>(number % ranks);
    if (rank != 0) {
      if (owner == rank) {
        PARALLAX_RETURN_IF_ERROR(options.peers->SendBatch(
            EncodeClaimBatch(ExtractBatch(batch, matcher, options.jobs, article_done))));
      }
      extract_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - extract_start).count();
      continue;
    }
    if (options.peers != nullptr) {
      options.peers->NowAt(DescribeBatch(batch, number, out->kept.size(), owner));
    }
    std::vector<std::vector<Claim>> claims;
    if (shards != nullptr) {
      claims = LoadBatch(batch, *shards, options.jobs, article_done, &batch.problems);
    } else if (owner == 0) {
      claims = ExtractBatch(batch, matcher, options.jobs, article_done);
    } else {
      PARALLAX_ASSIGN_OR_RETURN(claims, ReceiveBatch(batch, owner, options.jobs, *options.peers));
    }
    std::move(batch.problems.begin(), batch.problems.end(), std::back_inserter(report->problems));
    const size_t base = out->kept.size();
    report->articles.resize(base + batch.articles.size());
    out->evidence.resize(base + batch.articles.size());
    out->kept.resize(base + batch.articles.size());
    ParallelFor(batch.articles.size(), options.jobs, [&](size_t i) {
      const Article& article = batch.articles[i];
      report->articles[base + i] = DescribeArticle(article, claims[i]);
      out->evidence[base + i] = GatherEvidence(article, claims[i], matcher.rules());
      absl::StatusOr<ClaimSpill::Ref> ref = spill->Append(claims[i]);
      if (!ref.ok()) {
        std::lock_guard<std::mutex> lock(spill_error_mutex);
        spill_error.Update(ref.status());
        return;
      }
      out->kept[base + i] = {article.record_offset, article.record_bytes, article.body_line,
                             absl::HashOf(article.body), *ref};
    });
    PARALLAX_RETURN_IF_ERROR(spill_error);
    for (size_t i = base; i < out->kept.size(); ++i) {
      out->labels.Take(static_cast<uint32_t>(i), &out->evidence[i],
                       [&](uint32_t j) -> const ArticleEvidence& { return out->evidence[j]; });
    }
    extract_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - extract_start).count();
  }
  if (rank != 0) PARALLAX_RETURN_IF_ERROR(options.peers->FinishSending());
  if (rank == 0 && options.peers != nullptr) {
    options.peers->NowAt("clustering and comparison, with every batch's claims");
  }
  clock->Done("ingest", read_seconds);
  clock->Done("extract", extract_seconds);
  return absl::OkStatus();
}

// Clusters the articles by event into report->clusters and returns each
// cluster's articles as indices into report->articles. Uses up the
// evidence and labels of `extracted`, let go with the clusterer before
// comparison.
std::vector<std::vector<size_t>> ClusterArticles(Extracted* extracted,
                                                 const ClusterSettings& settings, Report* report) {
  const EventClusterer clusterer(
      std::vector<ArticleEvidence>(std::make_move_iterator(extracted->evidence.begin()),
                                   std::make_move_iterator(extracted->evidence.end())),
      std::move(extracted->labels), settings);
  extracted->evidence = {};
  const std::vector<EventCluster> clusters = clusterer.Cluster();
  report->clusters = DescribeClusters(clusterer, clusters);
  absl::flat_hash_map<std::string_view, size_t> index_of;
  for (size_t i = 0; i < report->articles.size(); ++i) index_of.emplace(report->articles[i].id, i);
  std::vector<std::vector<size_t>> members;
  members.reserve(clusters.size());
  for (const EventCluster& cluster : clusters) {
    std::vector<size_t>& articles = members.emplace_back();
    for (uint32_t m : cluster.members) articles.push_back(index_of.at(clusterer.evidence()[m].id));
  }
  return members;
}

// Compares the claims inside each cluster of two articles or more, one
// cluster per thread at a time, reading the members' bodies again and
// loading their claims; findings and their passages go to `report`.
void CompareClusters(const std::vector<std::vector<size_t>>& members,
                     const std::deque<KeptArticle>& kept, const CorpusReader& reader,
                     const ClaimSpill& spill, const ClusterComparer& comparer, int jobs,
                     Report* report) {
  struct ClusterResult {
    std::vector<Finding> findings;
    std::vector<Passage> passages;
    std::vector<Problem> problems;
  };
  std::vector<ClusterResult> results(members.size());
  ParallelFor(members.size(), jobs, [&](size_t c) {
    if (members[c].size() < 2) return;
    ClusterResult& result = results[c];
    std::vector<std::string> bodies;
    bodies.reserve(members[c].size());  // the claims point into them
    std::vector<ArticleClaims> articles;
    for (size_t i : members[c]) {
      const ArticleEntry& entry = report->articles[i];
      absl::StatusOr<std::vector<Claim>> claims =
          ReloadArticle(reader, spill, entry, kept[i], &bodies);
      if (!claims.ok()) {
        result.problems.push_back(
            Problem{entry.path, std::nullopt,
                    StrCat(claims.status().message(), "; article \"", entry.id,
                           "\" was left out of its cluster's comparison")});
        continue;
      }
      articles.push_back({entry.id, entry.source.value_or(entry.id), entry.date, bodies.back(),
                          std::move(*claims)});
    }
    if (articles.size() < 2) return;
    std::vector<const ArticleClaims*> compared;
    absl::flat_hash_map<std::string_view, const ArticleClaims*> by_id;
    for (const ArticleClaims& article : articles) {
      compared.push_back(&article);
      by_id.emplace(article.id, &article);
    }
    result.findings = comparer.Compare(report->clusters[c].id, compared);
    result.passages = FindingPassages(result.findings, by_id);
  });
  for (ClusterResult& result : results) {
    std::move(result.findings.begin(), result.findings.end(), std::back_inserter(report->findings));
    std::move(result.passages.begin(), result.passages.end(), std::back_inserter(report->passages));
    std::move(result.problems.begin(), result.problems.end(), std::back_inserter(report->problems));
  }
  std::sort(report->passages.begin(), report->passages.end(),
            [](const Passage& a, const Passage& b) {
              return std::tie(a.article, a.start) < std::tie(b.article, b.start);
            });
}

}  // namespace

absl::StatusOr<Report> Scan(const ScanOptions& options) {
  Report report;
  StageClock clock(options.costs);
  std::unique_ptr<ClaimShards> shards;
  if (!options.claim_shards.empty()) {
    if (options.peers != nullptr && options.peers->ranks() > 1) {
      return absl::FailedPreconditionError(
          "claims read from shards are read by one process; run the scan without MPI");
    }
    PARALLAX_ASSIGN_OR_RETURN(shards, ClaimShards::Open(options.claim_shards, &report.problems));
  }
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
  if (options.peers != nullptr) {
    PARALLAX_RETURN_IF_ERROR(options.peers->CheckSame("rules (digests)", report.rules.digest));
    PARALLAX_RETURN_IF_ERROR(
        options.peers->CheckSame("inputs", absl::StrJoin(options.inputs, " ")));
    PARALLAX_RETURN_IF_ERROR(
        options.peers->CheckSame("batch sizes", StrCat(options.batch_articles)));
  }
  clock.Done("rules");

  PARALLAX_ASSIGN_OR_RETURN(std::unique_ptr<ClaimSpill> spill, ClaimSpill::Create());
  IngestOptions ingest = options.ingest;
  ingest.jobs = options.jobs;
  CorpusReader reader(options.inputs, ingest);
  Extracted extracted;
  PARALLAX_RETURN_IF_ERROR(ExtractCorpus(reader, matcher, shards.get(), options, spill.get(),
                                         &extracted, &report, &clock));
  if (shards != nullptr) {
    std::vector<Problem> unused = shards->Unused();
    std::move(unused.begin(), unused.end(), std::back_inserter(report.problems));
  }
  // The other processes' part ends with their claims sent.
  if (options.peers != nullptr && options.peers->rank() != 0) return Report();
  const std::vector<std::vector<size_t>> members =
      ClusterArticles(&extracted, cluster_settings, &report);
  clock.Done("cluster");
  CompareClusters(members, extracted.kept, reader, *spill, comparer, options.jobs, &report);
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
  const std::pair<const char*, void (*)(const Report&, TextOut*)> writers[] = {
      {"report.json", &WriteJsonReport},
      {"report.md", &WriteMarkdownReport},
      {"report.html", &WriteHtmlReport}};
  for (const auto& [name, write] : writers) {
    PARALLAX_ASSIGN_OR_RETURN(std::unique_ptr<FileOut> out, FileOut::Create((dir / name).string()));
    write(report, out.get());
    PARALLAX_RETURN_IF_ERROR(out->Commit());
  }
  return absl::OkStatus();
}

}  // namespace parallax
