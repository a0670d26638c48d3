#include "scan/scan.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include "extract/claim.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/corpus.h"
#include "report/json_report.h"
#include "scan/peer_messages.h"
#include "testing/shipped_rules.h"
#include "testing/test_util.h"
#include "util/strings.h"
#include "util/text_out.h"

namespace parallax {
namespace {

using ::parallax::testing::ReadFileOrDie;
using ::parallax::testing::TempDir;
using ::testing::HasSubstr;

// The demo corpus's articles, copied into `dir`/demo.
void CopyDemo(const TempDir& dir) {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo")) {
    if (entry.path().extension() != ".txt") continue;
    dir.Write("demo/" + entry.path().filename().string(), ReadFileOrDie(entry.path().string()));
  }
}

ScanOptions DemoScan(const TempDir& dir) {
  ScanOptions options;
  options.inputs = {dir.path() + "/demo"};
  options.rules_dir = std::string(PARALLAX_SOURCE_DIR) + "/rules";
  return options;
}

// Comparison reads bodies again from their files: one that changed after it
// was extracted is left out and said so, rather than compared on claims
// whose offsets no longer fit its text.
TEST(Scan, AnArticleChangedDuringTheScanIsLeftOutOfComparisonAsAProblem) {
  TempDir dir;
  CopyDemo(dir);
  const absl::StatusOr<Report> before = Scan(DemoScan(dir));
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(before->problems.empty());
  // An article whose cluster has findings.
  std::string changed;
  for (const Finding& f : before->findings) {
    if (!f.claims.empty()) changed = f.claims.front().article;
  }
  ASSERT_FALSE(changed.empty());
  const std::string path = dir.path() + "/demo/" + changed + ".txt";

  ScanOptions options = DemoScan(dir);
  const size_t articles = before->articles.size();
  options.progress = [&](size_t done, size_t) {
    if (done == articles) dir.Write("demo/" + changed + ".txt", "Rewritten since.");
  };
  const absl::StatusOr<Report> after = Scan(options);
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_EQ(after->problems.size(), 1u);
  EXPECT_EQ(after->problems[0].path, path);
  EXPECT_THAT(after->problems[0].message, HasSubstr("changed on disk while the scan ran"));
  EXPECT_EQ(after->articles.size(), articles);
  EXPECT_FALSE(after->findings.empty());
  for (const Finding& f : after->findings) {
    for (const ClaimRef& c : f.claims) EXPECT_NE(c.article, changed) << f.id;
  }
}

// Processes of one scan as threads of this one: what process r sends to
// process t waits in queue (r, t) until t takes it.
class ThreadPeers {
 public:
  class Peer : public ScanPeers {
   public:
    Peer(ThreadPeers* all, int rank) : all_(all), rank_(rank) {}
    int rank() const override { return rank_; }
    int ranks() const override { return all_->ranks_; }
    absl::Status Send(int to, std::string bytes) override {
      std::lock_guard<std::mutex> lock(all_->mutex_);
      all_->queues_[{rank_, to}].push_back(std::move(bytes));
      all_->sent_.notify_all();
      return absl::OkStatus();
    }
    absl::StatusOr<std::string> Receive(int from) override {
      std::unique_lock<std::mutex> lock(all_->mutex_);
      std::deque<std::string>& queue = all_->queues_[{from, rank_}];
      all_->sent_.wait(lock, [&] { return !queue.empty(); });
      std::string bytes = std::move(queue.front());
      queue.pop_front();
      return bytes;
    }
    void NowAt(const std::string&) override {}
    absl::Status FinishSending() override { return absl::OkStatus(); }
    // Every process of these tests is given the same options.
    absl::Status CheckSame(std::string_view, const std::string&) override {
      return absl::OkStatus();
    }

   private:
    ThreadPeers* all_;
    int rank_;
  };

  explicit ThreadPeers(int ranks) : ranks_(ranks) {}

  // Runs the scan on every process at once; returns process 0's report.
  absl::StatusOr<Report> Scan(ScanOptions options) {
    std::vector<Peer> peers;
    for (int r = 0; r < ranks_; ++r) peers.emplace_back(this, r);
    std::vector<absl::StatusOr<Report>> reports(peers.size(), absl::UnknownError("not run"));
    std::vector<std::thread> threads;
    for (size_t r = 0; r < peers.size(); ++r) {
      threads.emplace_back([&, r, options]() mutable {
        options.peers = &peers[r];
        reports[r] = parallax::Scan(options);
      });
    }
    for (std::thread& t : threads) t.join();
    for (size_t r = 1; r < reports.size(); ++r) {
      if (!reports[r].ok()) return reports[r].status();
      if (!reports[r]->articles.empty()) return absl::InternalError("a peer kept articles");
    }
    for (const auto& [route, queue] : queues_) {
      if (!queue.empty()) return absl::InternalError("a message was never received");
    }
    return std::move(reports[0]);
  }

 private:
  const int ranks_;
  std::mutex mutex_;
  std::condition_variable sent_;
  std::map<std::pair<int, int>, std::deque<std::string>> queues_;  // (from, to)
};

std::string JsonOf(const Report& report) {
  StringOut out;
  WriteJsonReport(report, &out);
  return out.buffer();
}

// A scan shared by several processes writes the report one process writes,
// byte for byte, with the inputs cut into many small batches dealt to
// them, some cutting JSON Lines mid-line; bad input, and ids used twice
// within a file and across files, are reported the same way.
TEST(Scan, ProcessesSharingAScanWriteTheReportOfOne) {
  TempDir dir;
  CopyDemo(dir);
  dir.Write("demo/broken.txt", "date 2023-13-45\n\nA body.");
  const std::string record =
      "{\"id\": \"feed-1\", \"date\": \"2023-01-27\", \"text\": \"Officials said 40 "
      "people were killed on Thursday.\"}\n";
  dir.Write("demo/feed.jsonl",
            record + "not json\n\n" + record +
                "{\"id\": \"ep-harbor\", \"text\": \"A second use of a file's id.\"}\n" +
                "{\"id\": \"feed-2\", \"date\": \"2023-01-28\", \"text\": \"Officials "
                "said 41 people were killed on Thursday.\"}");
  ScanOptions options = DemoScan(dir);
  options.jobs = 2;
  const absl::StatusOr<Report> alone = Scan(options);
  ASSERT_TRUE(alone.ok()) << alone.status();
  ASSERT_EQ(alone->problems.size(), 4u);
  EXPECT_EQ(alone->problems[2].line, 4);
  EXPECT_THAT(alone->problems[2].message, HasSubstr("feed.jsonl:1"));
  ASSERT_FALSE(alone->findings.empty());
  // Enough clusters to compare that, dealt one at a time, every process
  // compares some.
  ASSERT_GE(std::count_if(alone->clusters.begin(), alone->clusters.end(),
                          [](const Cluster& c) { return c.articles.size() >= 2; }),
            3);
  const std::string expected = JsonOf(*alone);
  // (tests/mpi_scan_test.sh runs other counts and sizes under mpirun.)
  options.batch_articles = 4;
  options.batch_bytes = 45;
  options.batch_clusters = 1;
  const absl::StatusOr<Report> shared = ThreadPeers(3).Scan(options);
  ASSERT_TRUE(shared.ok()) << shared.status();
  EXPECT_EQ(JsonOf(*shared), expected);
}

// What comparing clusters found comes back from another process as it
// was: the demo's findings (every kind the rules make), their passages and
// problems give the same report.json once decoded, and damaged bytes are an
// error.
TEST(PeerMessages, WhatComparisonFoundComesBackAsItWas) {
  TempDir dir;
  CopyDemo(dir);
  const absl::StatusOr<Report> scanned = Scan(DemoScan(dir));
  ASSERT_TRUE(scanned.ok()) << scanned.status();
  ASSERT_FALSE(scanned->findings.empty());
  std::vector<ClusterResult> results(3);
  for (size_t i = 0; i < scanned->findings.size(); ++i) {
    results[i % 2].findings.push_back(scanned->findings[i]);
  }
  results[0].findings[0].review = Finding::Review{"confirmed", "checked", "ana", "2026-01-02"};
  results[1].passages = scanned->passages;
  results[2].problems = {Problem{"a.txt", std::nullopt, "changed"}, Problem{"b.jsonl", 3, "x"}};
  const std::string bytes = EncodeClusterResults(results);
  const absl::StatusOr<std::vector<ClusterResult>> back = DecodeClusterResults(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), results.size());
  for (size_t r = 0; r < results.size(); ++r) {
    Report a = *scanned, b = *scanned;
    a.findings = results[r].findings;
    b.findings = (*back)[r].findings;
    a.problems = results[r].problems;
    b.problems = (*back)[r].problems;
    EXPECT_EQ(JsonOf(b), JsonOf(a)) << r;
    ASSERT_EQ((*back)[r].passages.size(), results[r].passages.size());
    for (size_t p = 0; p < results[r].passages.size(); ++p) {
      const Passage &x = (*back)[r].passages[p], &y = results[r].passages[p];
      EXPECT_EQ(std::tie(x.article, x.start, x.text), std::tie(y.article, y.start, y.text));
    }
  }
  for (size_t cut = 0; cut < bytes.size(); cut += 13) {
    EXPECT_FALSE(DecodeClusterResults(bytes.substr(0, cut)).ok()) << cut;
  }

  std::vector<ClusterToCompare> clusters(2);
  clusters[0] = {"c1",
                 {{"a",
                   "demo/a.txt",
                   "Agency",
                   CivilDate(2023, 1, 27),
                   {3, 0, 120, 0x0123456789abcdefu},
                   "claims"},
                  {"b", "feed.jsonl", "b", std::nullopt, {9, 4096, 300, 7}, ""}}};
  clusters[1] = {"c7", {}};
  const std::string sent = EncodeClusters(clusters);
  const absl::StatusOr<std::vector<ClusterToCompare>> received = DecodeClusters(sent);
  ASSERT_TRUE(received.ok()) << received.status();
  ASSERT_EQ(received->size(), 2u);
  EXPECT_EQ((*received)[1].id, "c7");
  ASSERT_EQ((*received)[0].members.size(), 2u);
  for (size_t m = 0; m < 2; ++m) {
    const MemberToCompare &x = (*received)[0].members[m], &y = clusters[0].members[m];
    EXPECT_EQ(std::tie(x.id, x.path, x.source, x.date, x.location, x.claims),
              std::tie(y.id, y.path, y.source, y.date, y.location, y.claims));
  }
  for (size_t cut = 0; cut < sent.size(); ++cut) {
    EXPECT_FALSE(DecodeClusters(sent.substr(0, cut)).ok()) << cut;
  }
}

// The demo's claims as `parallax extract` prints them, one shard per
// `shards` with the articles dealt among them in turn.
std::vector<std::string> DemoClaimShards(const TempDir& dir, size_t shards) {
  std::vector<std::string> streams(shards);
  const Corpus corpus = ReadCorpus({dir.path() + "/demo"}, {});
  for (size_t a = 0; a < corpus.articles.size(); ++a) {
    const Article& article = corpus.articles[a];
    for (const Claim& claim : ExtractWithShippedRules(article.body, article.date)) {
      StrAppend(&streams[a % shards], ClaimToJson(article.id, claim), "\n");
    }
  }
  return streams;
}

// Claims made elsewhere, in shards as an engine writes them (with its
// marker files beside), give the report of a scan that extracts them.
TEST(Scan, ClaimsReadFromShardsGiveTheReportOfExtraction) {
  TempDir dir;
  CopyDemo(dir);
  const absl::StatusOr<Report> extracted = Scan(DemoScan(dir));
  ASSERT_TRUE(extracted.ok()) << extracted.status();
  const std::vector<std::string> streams = DemoClaimShards(dir, 3);
  for (size_t s = 0; s < streams.size(); ++s) {
    dir.Write(StrCat("claims/part-0000", s), streams[s]);
  }
  dir.Write("claims/_SUCCESS", "");
  dir.Write("claims/.part-00000.crc", "not a claim");
  ScanOptions options = DemoScan(dir);
  options.claim_shards = {dir.path() + "/claims"};
  const absl::StatusOr<Report> read = Scan(options);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(JsonOf(*read), JsonOf(*extracted));
}

// Shards that are not there stop the scan before it starts: a report of
// articles without claims would look like a corpus with nothing to compare.
TEST(Scan, MissingShardsAreAFailureNotAReportWithoutClaims) {
  TempDir dir;
  CopyDemo(dir);
  dir.Write("claims/_SUCCESS", "");
  ScanOptions options = DemoScan(dir);
  options.claim_shards = {dir.path() + "/claims"};
  EXPECT_THAT(Scan(options).status().message(), HasSubstr("no claims shards in the folder"));
  options.claim_shards = {dir.path() + "/nowhere.jsonl"};
  EXPECT_THAT(Scan(options).status().message(), HasSubstr("cannot read the claims shard"));
}

// Claims that cannot be used are problems that name the shard and line; the
// rest of the scan goes on.
TEST(Scan, ClaimsThatDoNotFitTheCorpusAreProblems) {
  TempDir dir;
  CopyDemo(dir);
  std::string stream = DemoClaimShards(dir, 1)[0];
  const std::string first_line = stream.substr(0, stream.find('\n') + 1);
  // Line 2 is not a claim; the first article's first claim comes again at
  // the end, apart from its run; an article the corpus does not have.
  stream.insert(first_line.size(), "{\"article\": 7}\n");
  stream += first_line;
  stream += R"({"article": "ghost", "kind": "date", "text": "x", "start": 0, "end": 1, )"
            R"("value": "2023", "rule": "rules/dates.rules:1"})"
            "\n";
  const std::string shard = dir.Write("claims.jsonl", stream);
  // An article changed since its claims were made.
  const Corpus corpus = ReadCorpus({dir.path() + "/demo"}, {});
  const Article& changed = corpus.articles.back();
  dir.Write("demo/" + changed.id + ".txt", "date 2023-09-20\n\nNothing of what it said before.");

  ScanOptions options = DemoScan(dir);
  options.claim_shards = {shard};
  const absl::StatusOr<Report> read = Scan(options);
  ASSERT_TRUE(read.ok()) << read.status();
  std::vector<std::string> problems;
  for (const Problem& p : read->problems) {
    problems.push_back(StrCat(p.path, ":", p.line.value_or(0), ": ", p.message));
  }
  const int lines = static_cast<int>(std::count(stream.begin(), stream.end(), '\n'));
  EXPECT_THAT(problems, ::testing::UnorderedElementsAre(
                            HasSubstr(StrCat(shard, ":2: not a claim: \"article\" must be")),
                            HasSubstr(StrCat(shard, ":", lines - 1, ": claims of article \"",
                                             corpus.articles.front().id,
                                             "\" apart from its first ones (", shard, ":1)")),
                            HasSubstr(StrCat(changed.path, ":0: ", shard)),
                            HasSubstr(StrCat(shard, ":", lines, ": claims of article \"ghost\""))));
  EXPECT_EQ(read->articles.size(), corpus.articles.size());
  EXPECT_FALSE(read->findings.empty());
}

}  // namespace
}  // namespace parallax
