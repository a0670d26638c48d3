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
#include <span>
#include <system_error>
#include <tuple>

#include "absl/container/flat_hash_map.h"
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
#include "scan/peer_messages.h"
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
  RecordLocation location;
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

// Reads a member's body again into a new element of `bodies` and decodes
// its claims; fails when the body is not the one that was extracted.
absl::StatusOr<std::vector<Claim>> ReloadArticle(const CorpusReader& reader,
                                                 const MemberToCompare& member,
                                                 std::vector<std::string>* bodies) {
  Article record;
  record.id = member.id;
  record.path = member.path;
  record.body_line = member.location.body_line;
  record.record_offset = member.location.record_offset;
  record.record_bytes = member.location.record_bytes;
  PARALLAX_ASSIGN_OR_RETURN(std::string body, reader.ReadBodyAgain(record));
  if (BodyHash(body) != member.location.body_hash) {
    return absl::DataLossError("the article changed on disk while the scan ran");
  }
  bodies->push_back(std::move(body));
  return DecodeClaims(member.claims, bodies->back());
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

// Counts the articles whose claims are known, for ScanOptions::progress;
// called from worker threads.
class ArticlesDone {
 public:
  explicit ArticlesDone(const std::function<void(size_t, size_t)>& progress)
      : progress_(progress) {}
  void operator()() {
    const size_t finished = done_.fetch_add(1, std::memory_order_relaxed) + 1;
    if (progress_) progress_(finished, 0);
  }

 private:
  const std::function<void(size_t, size_t)>& progress_;
  std::atomic<size_t> done_{0};
};

// Extracts the claims of `articles` on `jobs` threads.
std::vector<std::vector<Claim>> ExtractBatch(const std::vector<Article>& articles,
                                             const Matcher& matcher, int jobs,
                                             ArticlesDone& article_done) {
  std::vector<std::vector<Claim>> claims(articles.size());
  ParallelFor(articles.size(), jobs, [&](size_t i) {
    claims[i] = ExtractClaims(articles[i], matcher);
    article_done();
  });
  return claims;
}

// The claims of the batch's articles from `shards`, on `jobs` threads. An
// article whose claims do not fit it keeps none and becomes a problem.
std::vector<std::vector<Claim>> LoadBatch(const Corpus& batch, const ClaimShards& shards, int jobs,
                                          ArticlesDone& article_done,
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

// What the scan keeps of `articles` once their claims are known, made on
// `jobs` threads.
std::vector<ArticleRecord> MakeRecords(const std::vector<Article>& articles,
                                       const std::vector<std::vector<Claim>>& claims,
                                       const RuleSet& rules, int jobs) {
  std::vector<ArticleRecord> records(articles.size());
  ParallelFor(articles.size(), jobs, [&](size_t i) {
    const Article& article = articles[i];
    records[i] = {
        DescribeArticle(article, claims[i]),
        GatherEvidence(article, claims[i], rules),
        {article.body_line, article.record_offset, article.record_bytes, BodyHash(article.body)},
        EncodeClaims(claims[i])};
  });
  return records;
}

// Adds a batch's records and problems to what process 0 keeps, in input
// order. With `joiner` (pieces read apart), numbers their lines from their
// file's start and makes a second use of an id a problem, as reading the
// corpus in one pass does.
absl::Status KeepBatch(RecordBatch batch, PieceJoiner* joiner, ClaimSpill* spill, Extracted* out,
                       Report* report) {
  size_t next_problem = 0;
  const auto problems_up_to = [&](size_t position) {
    for (; next_problem < batch.problems.size() && batch.problems[next_problem].first <= position;
         ++next_problem) {
      Problem& problem = batch.problems[next_problem].second;
      if (joiner != nullptr && problem.line) problem.line = joiner->FileLine(*problem.line);
      report->problems.push_back(std::move(problem));
    }
  };
  for (size_t i = 0; i < batch.articles.size(); ++i) {
    problems_up_to(i);
    ArticleRecord& record = batch.articles[i];
    if (joiner != nullptr) {
      record.location.body_line = joiner->FileLine(record.location.body_line);
      if (std::optional<Problem> duplicate =
              joiner->Duplicate(record.entry.id, record.entry.path, record.location.body_line)) {
        report->problems.push_back(std::move(*duplicate));
        continue;
      }
    }
    PARALLAX_ASSIGN_OR_RETURN(const ClaimSpill::Ref claims, spill->Append(record.claims));
    const auto index = static_cast<uint32_t>(out->kept.size());
    report->articles.push_back(std::move(record.entry));
    out->evidence.push_back(std::move(record.evidence));
    out->kept.push_back({record.location, claims});
    out->labels.Take(index, &out->evidence.back(),
                     [&](uint32_t j) -> const ArticleEvidence& { return out->evidence[j]; });
  }
  problems_up_to(batch.articles.size());
  return absl::OkStatus();
}

// Seconds since `start`.
double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Reads the corpus a batch at a time and extracts each batch on
// options.jobs threads (or loads its claims from `shards`): report entries
// go to `report`, evidence and where to find each article again to `out`,
// claims to `spill`; the bodies are let go before the next batch is read.
// Records the "ingest" and "extract" stages.
absl::Status ExtractCorpus(CorpusReader& reader, const Matcher& matcher, const ClaimShards* shards,
                           const ScanOptions& options, ClaimSpill* spill, Extracted* out,
                           Report* report, StageClock* clock) {
  Corpus batch;
  ArticlesDone article_done(options.progress);
  double read_seconds = 0, extract_seconds = 0;
  for (;;) {
    const auto read_start = std::chrono::steady_clock::now();
    if (!reader.Next(std::max<size_t>(options.batch_articles, 1), &batch)) break;
    read_seconds += SecondsSince(read_start);
    const auto extract_start = std::chrono::steady_clock::now();
    const std::vector<std::vector<Claim>> claims =
        shards != nullptr ? LoadBatch(batch, *shards, options.jobs, article_done, &batch.problems)
                          : ExtractBatch(batch.articles, matcher, options.jobs, article_done);
    RecordBatch records{MakeRecords(batch.articles, claims, matcher.rules(), options.jobs), {}, 0};
    for (Problem& problem : batch.problems) records.problems.emplace_back(0, std::move(problem));
    PARALLAX_RETURN_IF_ERROR(KeepBatch(std::move(records), nullptr, spill, out, report));
    extract_seconds += SecondsSince(extract_start);
  }
  clock->Done("ingest", read_seconds);
  clock->Done("extract", extract_seconds);
  return absl::OkStatus();
}

// ExtractCorpus for a scan shared by several processes: the inputs are cut
// into pieces (CorpusPieces) and piece b belongs to process b mod N, which
// alone reads it, extracts it and makes its records; the others send theirs
// to process 0, which keeps them all in piece order, as ExtractCorpus would.
absl::Status ExtractShared(const Matcher& matcher, const IngestOptions& ingest,
                           const ScanOptions& options, ClaimSpill* spill, Extracted* out,
                           Report* report, StageClock* clock) {
  ScanPeers& peers = *options.peers;
  PARALLAX_ASSIGN_OR_RETURN(
      const CorpusPieces pieces,
      CorpusPieces::Plan(options.inputs, ingest, options.batch_articles, options.batch_bytes));
  // Files that grew or shrank since another process listed them would be
  // cut differently.
  PARALLAX_RETURN_IF_ERROR(
      peers.CheckSame("batches (the inputs changed size?)", StrCat(pieces.size())));
  ArticlesDone article_done(options.progress);
  // This process's own pieces, read, extracted and made into records.
  double read_seconds = 0;
  const auto extract_piece = [&](size_t number) {
    const auto read_start = std::chrono::steady_clock::now();
    CorpusPieces::Contents piece = pieces.Read(number);
    read_seconds += SecondsSince(read_start);
    const std::vector<std::vector<Claim>> claims =
        ExtractBatch(piece.articles, matcher, options.jobs, article_done);
    return RecordBatch{MakeRecords(piece.articles, claims, matcher.rules(), options.jobs),
                       std::move(piece.problems), piece.lines};
  };
  const int rank = peers.rank(), ranks = peers.ranks();
  PieceJoiner joiner(pieces);
  const auto start = std::chrono::steady_clock::now();
  for (size_t number = 0; number < pieces.size(); ++number) {
    const int owner = static_cast<int>(number % static_cast<size_t>(ranks));
    if (rank != 0) {
      if (owner == rank) {
        PARALLAX_RETURN_IF_ERROR(peers.Send(0, EncodeRecordBatch(extract_piece(number))));
      }
      continue;
    }
    peers.NowAt(StrCat("batch ", number + 1, " of ", pieces.size(), " (", pieces.Describe(number),
                       ") of process ", owner));
    RecordBatch records;
    if (owner == 0) {
      records = extract_piece(number);
    } else {
      PARALLAX_ASSIGN_OR_RETURN(const std::string bytes, peers.Receive(owner));
      PARALLAX_ASSIGN_OR_RETURN(records, DecodeRecordBatch(bytes));
    }
    joiner.Start(number, records.lines);
    PARALLAX_RETURN_IF_ERROR(KeepBatch(std::move(records), &joiner, spill, out, report));
  }
  if (rank == 0) peers.NowAt("clustering, with every batch's records");
  clock->Done("ingest", read_seconds);
  clock->Done("extract", SecondsSince(start) - read_seconds);
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

// The problem of an article left out of its cluster's comparison.
Problem LeftOut(const std::string& path, const std::string& id, const absl::Status& why) {
  return Problem{
      path, std::nullopt,
      StrCat(why.message(), "; article \"", id, "\" was left out of its cluster's comparison")};
}

// Compares the claims inside one cluster, reading its members' bodies
// again; a member that cannot be read as it was is left out, a problem.
ClusterResult CompareCluster(const ClusterToCompare& cluster, const CorpusReader& reader,
                             const ClusterComparer& comparer) {
  ClusterResult result;
  std::vector<std::string> bodies;
  bodies.reserve(cluster.members.size());  // the claims point into them
  std::vector<ArticleClaims> articles;
  for (const MemberToCompare& member : cluster.members) {
    absl::StatusOr<std::vector<Claim>> claims = ReloadArticle(reader, member, &bodies);
    if (!claims.ok()) {
      result.problems.push_back(LeftOut(member.path, member.id, claims.status()));
      continue;
    }
    articles.push_back({member.id, member.source, member.date, bodies.back(), std::move(*claims)});
  }
  if (articles.size() < 2) return result;
  std::vector<const ArticleClaims*> compared;
  absl::flat_hash_map<std::string_view, const ArticleClaims*> by_id;
  for (const ArticleClaims& article : articles) {
    compared.push_back(&article);
    by_id.emplace(article.id, &article);
  }
  result.findings = comparer.Compare(cluster.id, compared);
  result.passages = FindingPassages(result.findings, by_id);
  return result;
}

// Cluster `c` as any process can compare it, its members' claims read from
// the spill; a member whose claims cannot be read is left out, a problem.
ClusterToCompare ClusterToSend(size_t c, const std::vector<std::vector<size_t>>& members,
                               const std::deque<KeptArticle>& kept, const ClaimSpill& spill,
                               const Report& report, std::vector<Problem>* problems) {
  ClusterToCompare cluster{report.clusters[c].id, {}};
  for (size_t i : members[c]) {
    const ArticleEntry& entry = report.articles[i];
    absl::StatusOr<std::string> claims = spill.Read(kept[i].claims);
    if (!claims.ok()) {
      problems->push_back(LeftOut(entry.path, entry.id, claims.status()));
      continue;
    }
    cluster.members.push_back({entry.id, entry.path, entry.source.value_or(entry.id), entry.date,
                               kept[i].location, std::move(*claims)});
  }
  return cluster;
}

// Compares cluster `c` here: ClusterToSend, then CompareCluster.
ClusterResult CompareHere(size_t c, const std::vector<std::vector<size_t>>& members,
                          const std::deque<KeptArticle>& kept, const CorpusReader& reader,
                          const ClaimSpill& spill, const ClusterComparer& comparer,
                          const Report& report) {
  std::vector<Problem> unread;
  const ClusterToCompare cluster = ClusterToSend(c, members, kept, spill, report, &unread);
  ClusterResult result = CompareCluster(cluster, reader, comparer);
  result.problems.insert(result.problems.begin(), unread.begin(), unread.end());
  return result;
}

// Adds each cluster's findings, passages and problems to `report`, in
// cluster order.
void AddResults(std::vector<ClusterResult> results, Report* report) {
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

// Compares the claims inside each cluster of two articles or more, one
// cluster per thread at a time; findings and their passages go to
// `report`.
void CompareClusters(const std::vector<std::vector<size_t>>& members,
                     const std::deque<KeptArticle>& kept, const CorpusReader& reader,
                     const ClaimSpill& spill, const ClusterComparer& comparer, int jobs,
                     Report* report) {
  std::vector<ClusterResult> results(members.size());
  ParallelFor(members.size(), jobs, [&](size_t c) {
    if (members[c].size() >= 2) {
      results[c] = CompareHere(c, members, kept, reader, spill, comparer, *report);
    }
  });
  AddResults(std::move(results), report);
}

// CompareClusters for a scan shared by several processes: the clusters of
// two articles or more are dealt in batches, batch k to process k mod N,
// which reads its members' bodies and compares them (CompareForProcessZero);
// process 0 sends the others theirs a few batches ahead and takes the
// results in batch order, so the report is the one CompareClusters makes.
absl::Status CompareShared(const std::vector<std::vector<size_t>>& members,
                           const std::deque<KeptArticle>& kept, const CorpusReader& reader,
                           const ClaimSpill& spill, const ClusterComparer& comparer,
                           const ScanOptions& options, Report* report) {
  ScanPeers& peers = *options.peers;
  const size_t ranks = static_cast<size_t>(peers.ranks());
  std::vector<size_t> compared;  // the clusters of two articles or more
  for (size_t c = 0; c < members.size(); ++c) {
    if (members[c].size() >= 2) compared.push_back(c);
  }
  const size_t per_batch = std::max<size_t>(options.batch_clusters, 1);
  const size_t batches = (compared.size() + per_batch - 1) / per_batch;
  const auto clusters_of = [&](size_t batch) {
    const size_t first = batch * per_batch;
    return std::span<const size_t>(compared).subspan(first,
                                                     std::min(per_batch, compared.size() - first));
  };
  std::vector<ClusterResult> results(members.size());
  // Per cluster sent, its members whose claims could not be read back.
  absl::flat_hash_map<size_t, std::vector<Problem>> unread;
  // Each process gets at most two batches ahead of the one process 0
  // waits for, so neither side waits on the other with messages unread.
  size_t next_to_send = 0;
  for (size_t batch = 0; batch < batches; ++batch) {
    for (; next_to_send < batches && next_to_send < batch + 2 * ranks; ++next_to_send) {
      const int owner = static_cast<int>(next_to_send % ranks);
      if (owner == 0) continue;
      std::vector<ClusterToCompare> clusters;
      for (size_t c : clusters_of(next_to_send)) {
        std::vector<Problem> problems;
        clusters.push_back(ClusterToSend(c, members, kept, spill, *report, &problems));
        if (!problems.empty()) unread[c] = std::move(problems);
      }
      PARALLAX_RETURN_IF_ERROR(peers.Send(owner, EncodeClusters(clusters)));
    }
    const std::span<const size_t> clusters = clusters_of(batch);
    const int owner = static_cast<int>(batch % ranks);
    peers.NowAt(StrCat("comparison, clusters ", report->clusters[clusters.front()].id, " to ",
                       report->clusters[clusters.back()].id, " of process ", owner));
    if (owner == 0) {
      ParallelFor(clusters.size(), options.jobs, [&](size_t i) {
        results[clusters[i]] =
            CompareHere(clusters[i], members, kept, reader, spill, comparer, *report);
      });
      continue;
    }
    PARALLAX_ASSIGN_OR_RETURN(const std::string bytes, peers.Receive(owner));
    PARALLAX_ASSIGN_OR_RETURN(std::vector<ClusterResult> received, DecodeClusterResults(bytes));
    if (received.size() != clusters.size()) {
      return absl::DataLossError(StrCat("process ", owner, " compared ", received.size(),
                                        " clusters of a batch of ", clusters.size()));
    }
    for (size_t i = 0; i < clusters.size(); ++i) {
      ClusterResult& result = results[clusters[i]];
      result = std::move(received[i]);
      if (auto it = unread.find(clusters[i]); it != unread.end()) {
        result.problems.insert(result.problems.begin(), it->second.begin(), it->second.end());
        unread.erase(it);
      }
    }
  }
  for (size_t r = 1; r < ranks; ++r) {
    PARALLAX_RETURN_IF_ERROR(peers.Send(static_cast<int>(r), std::string()));
  }
  AddResults(std::move(results), report);
  return absl::OkStatus();
}

// The part of CompareShared a process other than 0 plays: compares the
// batches of clusters process 0 sends until it sends an empty one, and
// sends back what each gave.
absl::Status CompareForProcessZero(const CorpusReader& reader, const ClusterComparer& comparer,
                                   const ScanOptions& options) {
  ScanPeers& peers = *options.peers;
  for (;;) {
    PARALLAX_ASSIGN_OR_RETURN(const std::string bytes, peers.Receive(0));
    if (bytes.empty()) break;
    PARALLAX_ASSIGN_OR_RETURN(const std::vector<ClusterToCompare> clusters, DecodeClusters(bytes));
    std::vector<ClusterResult> results(clusters.size());
    ParallelFor(clusters.size(), options.jobs,
                [&](size_t i) { results[i] = CompareCluster(clusters[i], reader, comparer); });
    PARALLAX_RETURN_IF_ERROR(peers.Send(0, EncodeClusterResults(results)));
  }
  return peers.FinishSending();
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
    PARALLAX_RETURN_IF_ERROR(options.peers->CheckSame(
        "batch sizes", StrCat(options.batch_articles, " files, ", options.batch_bytes, " bytes, ",
                              options.batch_clusters, " clusters")));
  }
  clock.Done("rules");

  PARALLAX_ASSIGN_OR_RETURN(std::unique_ptr<ClaimSpill> spill, ClaimSpill::Create());
  IngestOptions ingest = options.ingest;
  ingest.jobs = options.jobs;
  CorpusReader reader(options.inputs, ingest);
  Extracted extracted;
  if (options.peers != nullptr && shards == nullptr) {
    PARALLAX_RETURN_IF_ERROR(
        ExtractShared(matcher, ingest, options, spill.get(), &extracted, &report, &clock));
  } else {
    PARALLAX_RETURN_IF_ERROR(ExtractCorpus(reader, matcher, shards.get(), options, spill.get(),
                                           &extracted, &report, &clock));
  }
  if (shards != nullptr) {
    std::vector<Problem> unused = shards->Unused();
    std::move(unused.begin(), unused.end(), std::back_inserter(report.problems));
  }
  // The other processes' part ends with the clusters process 0 sends them
  // compared.
  if (options.peers != nullptr && options.peers->rank() != 0) {
    PARALLAX_RETURN_IF_ERROR(CompareForProcessZero(reader, comparer, options));
    return Report();
  }
  const std::vector<std::vector<size_t>> members =
      ClusterArticles(&extracted, cluster_settings, &report);
  clock.Done("cluster");
  if (options.peers != nullptr) {
    PARALLAX_RETURN_IF_ERROR(
        CompareShared(members, extracted.kept, reader, *spill, comparer, options, &report));
  } else {
    CompareClusters(members, extracted.kept, reader, *spill, comparer, options.jobs, &report);
  }
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
