// The review desk: the decision store, and the server as a browser or a
// hostile page would talk to it.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "desk/desk_server.h"
#include "desk/review_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "util/file.h"
#include "util/strings.h"

namespace parallax {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

std::string TestFindingId(int n) { return fmt::format("f-{:012x}", n); }

Decision MakeDecision(std::string finding, std::string status, std::string reviewer,
                      std::string reason = "") {
  Decision d;
  d.finding = std::move(finding);
  d.status = std::move(status);
  d.reviewer = std::move(reviewer);
  d.reason = std::move(reason);
  return d;
}

// A fresh folder under the test's temporary directory.
std::string FreshDeskDir(const std::string& name) {
  const auto dir = std::filesystem::path(::testing::TempDir()) /
                   StrCat("desk_", name, "_", static_cast<long>(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// ----------------------------------------------------------------- store

TEST(ReviewStore, EveryFieldIsChecked) {
  EXPECT_TRUE(ValidateDecision(MakeDecision("f-3a9c1e07b2d4", "confirmed", "ana")).ok());
  EXPECT_TRUE(
      ValidateDecision(MakeDecision("f-3a9c1e07b2d4", "dismissed", "ana", "same figure")).ok());
  for (const Decision& bad :
       {MakeDecision("3a9c1e07b2d4", "confirmed", "ana"),
        MakeDecision("f-3A9C1E07B2D4", "confirmed", "ana"),
        MakeDecision("f-3a9c1e07b2d4'; DROP TABLE", "confirmed", "ana"),
        MakeDecision("f-3a9c1e07b2d4", "approved", "ana"),
        MakeDecision("f-3a9c1e07b2d4", "confirmed", ""),
        MakeDecision("f-3a9c1e07b2d4", "confirmed", "  "),
        MakeDecision("f-3a9c1e07b2d4", "dismissed", "ana"),
        MakeDecision("f-3a9c1e07b2d4", "confirmed", "ana\x01"),
        MakeDecision("f-3a9c1e07b2d4", "confirmed", "an\xff"),
        MakeDecision("f-3a9c1e07b2d4", "confirmed", std::string(101, 'a')),
        MakeDecision("f-3a9c1e07b2d4", "follow_up", "ana", std::string(2001, 'r'))}) {
    EXPECT_FALSE(ValidateDecision(bad).ok()) << bad.finding << " " << bad.reviewer;
  }
}

TEST(ReviewStore, KeepsEveryDecisionAndShowsTheLatest) {
  const std::string db = FreshDeskDir("latest") + "/reviews.db";
  {
    auto store = ReviewStore::Open(db);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Record(MakeDecision(TestFindingId(1), "follow_up", "ana")).ok());
    ASSERT_TRUE((*store)->Record(MakeDecision(TestFindingId(2), "confirmed", "ben")).ok());
    absl::StatusOr<Decision> last =
        (*store)->Record(MakeDecision(TestFindingId(1), "dismissed", "ben", "rounding"));
    ASSERT_TRUE(last.ok()) << last.status();
    EXPECT_EQ(last->sequence, 3);
    EXPECT_THAT(last->at, ::testing::MatchesRegex("20[0-9-]{8}T[0-9:.]{12}Z"));
    EXPECT_FALSE((*store)->Record(MakeDecision("nope", "confirmed", "ana")).ok());
  }
  // Reopened: everything is still there.
  auto store = ReviewStore::Open(db);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<std::vector<Decision>> latest = (*store)->Latest();
  ASSERT_TRUE(latest.ok());
  ASSERT_THAT(*latest, SizeIs(2));
  EXPECT_EQ((*latest)[0].finding, TestFindingId(1));
  EXPECT_EQ((*latest)[0].status, "dismissed");
  EXPECT_EQ((*latest)[0].reason, "rounding");
  EXPECT_EQ((*latest)[1].status, "confirmed");
  absl::StatusOr<std::vector<Decision>> history = (*store)->History(TestFindingId(1));
  ASSERT_TRUE(history.ok());
  ASSERT_THAT(*history, SizeIs(2));
  EXPECT_EQ((*history)[0].reviewer, "ana");
  EXPECT_EQ((*history)[1].reviewer, "ben");
  EXPECT_THAT(*(*store)->All(), SizeIs(3));
}

TEST(ReviewStore, ConcurrentReviewersAreAllKept) {
  const std::string db = FreshDeskDir("concurrent") + "/reviews.db";
  auto store = ReviewStore::Open(db);
  ASSERT_TRUE(store.ok()) << store.status();
  std::vector<std::thread> reviewers;
  for (int r = 0; r < 6; ++r) {
    reviewers.emplace_back([&, r] {
      for (int i = 0; i < 30; ++i) {
        EXPECT_TRUE(
            (*store)->Record(MakeDecision(TestFindingId(i), "confirmed", StrCat("r", r))).ok());
      }
    });
  }
  for (std::thread& t : reviewers) t.join();
  absl::StatusOr<std::vector<Decision>> all = (*store)->All();
  ASSERT_TRUE(all.ok());
  EXPECT_THAT(*all, SizeIs(180));
  std::set<int64_t> sequences;
  for (const Decision& d : *all) sequences.insert(d.sequence);
  EXPECT_THAT(sequences, SizeIs(180));
  EXPECT_THAT(*(*store)->Latest(), SizeIs(30));
}

TEST(ReviewStore, AnUnopenableDatabaseIsAnError) {
  auto store = ReviewStore::Open("/nonexistent/folder/reviews.db");
  EXPECT_FALSE(store.ok());
  EXPECT_THAT(std::string(store.status().message()), HasSubstr("/nonexistent/folder/reviews.db"));
}

TEST(ReviewStore, DecisionsCarryOverToFindingsWithTheSameId) {
  std::vector<Finding> findings(3);
  findings[0].id = TestFindingId(1);
  findings[1].id = TestFindingId(2);
  findings[2].id = TestFindingId(3);
  std::vector<Decision> latest = {MakeDecision(TestFindingId(2), "dismissed", "ana", "same"),
                                  MakeDecision(TestFindingId(9), "confirmed", "ben")};
  latest[0].at = "2026-01-02T03:04:05.000Z";
  EXPECT_EQ(CarryReviews(latest, &findings), 1);
  EXPECT_FALSE(findings[0].review.has_value());
  ASSERT_TRUE(findings[1].review.has_value());
  EXPECT_EQ(findings[1].review->status, "dismissed");
  EXPECT_EQ(findings[1].review->reason, "same");
  EXPECT_EQ(findings[1].review->at, "2026-01-02T03:04:05.000Z");
  EXPECT_FALSE(findings[2].review.has_value());
}

// A decision taken on yesterday's report shows in today's, and exports.
TEST(DeskCli, ScanCarriesReviewsAndExportWritesThem) {
  testing::TempDir dir;
  const std::string demo = std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo";
  testing::CommandResult first = testing::RunParallax(
      StrCat("scan ", testing::ShellQuote(demo), " --out first --quiet"), dir.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string json = testing::ReadFileOrDie(dir.path() + "/first/report.json");
  const size_t at = json.find("\"id\": \"f-");
  ASSERT_NE(at, std::string::npos);
  const std::string id = json.substr(at + 7, 14);
  {
    auto store = ReviewStore::Open(dir.path() + "/reviews.db");
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->Record(MakeDecision(id, "follow_up", "ana")).ok());
    ASSERT_TRUE(
        (*store)->Record(MakeDecision(id, "dismissed", "ben", "agrees, \"per\" the\nnote")).ok());
  }
  testing::CommandResult second = testing::RunParallax(
      StrCat("scan ", testing::ShellQuote(demo), " --out second --reviews reviews.db --quiet"),
      dir.path());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.err, HasSubstr("1 of 13 findings carry a review from reviews.db"));
  const std::string carried = testing::ReadFileOrDie(dir.path() + "/second/report.json");
  const size_t review = carried.find("\"review\": {");
  ASSERT_NE(review, std::string::npos);
  EXPECT_THAT(carried.substr(review, 200), HasSubstr("\"status\": \"dismissed\""));
  EXPECT_EQ(carried.find("\"review\"", review + 1), std::string::npos);  // one finding only
  EXPECT_THAT(testing::ReadFileOrDie(dir.path() + "/second/report.html"),
              HasSubstr(StrCat(R"("review":{"finding":")", id, R"(","status":"dismissed")")));

  testing::CommandResult csv =
      testing::RunParallax("reviews export reviews.db --format csv", dir.path());
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, ::testing::StartsWith("finding,status,reason,reviewer,at,sequence\r\n"));
  EXPECT_THAT(csv.out, HasSubstr(StrCat(id, ",dismissed,\"agrees, \"\"per\"\" the\nnote\",ben,")));
  testing::CommandResult jsonl =
      testing::RunParallax("reviews export reviews.db --latest", dir.path());
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 1);
  EXPECT_THAT(jsonl.out, HasSubstr("\"status\":\"dismissed\""));
  EXPECT_EQ(testing::RunParallax("reviews export missing.db", dir.path()).exit_code, 3);
  EXPECT_EQ(testing::RunParallax("reviews export reviews.db --format xml", dir.path()).exit_code,
            2);
}

// ---------------------------------------------------------------- server

constexpr char kPage[] =
    "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Security-Policy\" "
    "content=\"default-src 'none'; script-src 'unsafe-inline'\">\n</head>\n<body>report</body>"
    "</html>\n";

class DeskServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDeskDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(WriteFileAtomically(dir_ + "/report.html", kPage).ok());
    DeskOptions options;
    options.report_dir = dir_;
    options.port = 0;
    options.names = {"desk.newsroom.example"};
    auto desk = DeskServer::Create(options);
    ASSERT_TRUE(desk.ok()) << desk.status();
    desk_ = *std::move(desk);
    absl::StatusOr<int> port = desk_->Bind();
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
    thread_ = std::thread([this] { desk_->Run(); });
  }
  void TearDown() override {
    if (desk_) desk_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result Post(const std::string& body, bool with_token = true,
                       httplib::Headers extra = {}) {
    httplib::Client client("127.0.0.1", port_);
    if (with_token) extra.emplace("X-Parallax-Token", desk_->token());
    return client.Post("/api/decisions", extra, body, "application/json");
  }
  size_t StoredDecisions() { return desk_->store().All()->size(); }

  std::string dir_;
  std::unique_ptr<DeskServer> desk_;
  int port_ = 0;
  std::thread thread_;
};

TEST_F(DeskServerTest, ThePageCarriesTheTokenAndMayCallBack) {
  httplib::Client client("127.0.0.1", port_);
  httplib::Result page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr(StrCat("<meta name=\"parallax-desk-token\" content=\"",
                                           desk_->token(), "\">")));
  EXPECT_THAT(page->body, HasSubstr("default-src 'none'; connect-src 'self';"));
  EXPECT_EQ(desk_->token().size(), 32u);
}

TEST_F(DeskServerTest, ADecisionIsStoredAndListed) {
  httplib::Result posted = Post(
      StrCat(R"({"finding":")", TestFindingId(7), R"(","status":"confirmed","reviewer":"ana"})"));
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 201) << posted->body;
  EXPECT_THAT(posted->body, HasSubstr("\"sequence\":1"));
  httplib::Client client("127.0.0.1", port_);
  httplib::Result listed = client.Get("/api/decisions");
  ASSERT_TRUE(listed);
  EXPECT_THAT(listed->body, HasSubstr(TestFindingId(7)));
  httplib::Result history = client.Get(StrCat("/api/decisions/", TestFindingId(7)).c_str());
  ASSERT_TRUE(history);
  EXPECT_THAT(history->body, HasSubstr("\"reviewer\":\"ana\""));
}

// On a newsroom network reviewers use the desk's name; only the names given
// with --name are accepted.
TEST_F(DeskServerTest, NamedHostIsServed) {
  const std::string named = StrCat("desk.newsroom.example:", port_);
  httplib::Result posted = Post(
      StrCat(R"({"finding":")", TestFindingId(3), R"(","status":"confirmed","reviewer":"ana"})"),
      true, {{"Host", named}, {"Origin", StrCat("http://", named)}});
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 201) << posted->body;
  httplib::Result other = Post(
      StrCat(R"({"finding":")", TestFindingId(4), R"(","status":"confirmed","reviewer":"ana"})"),
      true, {{"Host", StrCat("desk.evil.example:", port_)}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(StoredDecisions(), 1u);
}

TEST_F(DeskServerTest, HostileOrMalformedRequestsGet4xxAndChangeNothing) {
  const std::string good =
      StrCat(R"({"finding":")", TestFindingId(1), R"(","status":"confirmed","reviewer":"ana"})");
  struct Case {
    std::string what;
    httplib::Result result;
    int status;
  };
  std::vector<Case> cases;
  cases.push_back({"no token", Post(good, false), 403});
  cases.push_back({"wrong token", Post(good, false, {{"X-Parallax-Token", "0123"}}), 403});
  cases.push_back({"foreign origin", Post(good, true, {{"Origin", "https://evil.example"}}), 403});
  cases.push_back({"rebound host", Post(good, true, {{"Host", "evil.example"}}), 403});
  cases.push_back({"not JSON", Post("finding=f-1"), 400});
  cases.push_back({"an array", Post("[1,2]"), 400});
  cases.push_back({"unknown field", Post(R"({"finding":"f-000000000001","admin":true})"), 400});
  cases.push_back(
      {"number for text", Post(R"({"finding":"f-000000000001","status":1,"reviewer":"a"})"), 400});
  cases.push_back(
      {"bad id", Post(R"({"finding":"<script>","status":"confirmed","reviewer":"a"})"), 400});
  cases.push_back({"dismissal without reason",
                   Post(R"({"finding":"f-000000000001","status":"dismissed","reviewer":"a"})"),
                   400});
  cases.push_back({"too large", Post(std::string(20000, ' ') + good), 413});
  {
    httplib::Client client("127.0.0.1", port_);
    cases.push_back(
        {"not JSON content",
         client.Post("/api/decisions", {{"X-Parallax-Token", desk_->token()}}, good, "text/plain"),
         415});
  }
  for (const Case& c : cases) {
    ASSERT_TRUE(c.result) << c.what;
    EXPECT_EQ(c.result->status, c.status) << c.what << ": " << c.result->body;
    if (c.result->status != 413) {
      EXPECT_THAT(c.result->body, HasSubstr("\"error\"")) << c.what;
    }
  }
  EXPECT_EQ(StoredDecisions(), 0u);
}

TEST_F(DeskServerTest, ConcurrentReviewersAreAllKept) {
  std::vector<std::thread> reviewers;
  std::atomic<int> acknowledged{0};
  for (int r = 0; r < 4; ++r) {
    reviewers.emplace_back([&, r] {
      for (int i = 0; i < 10; ++i) {
        httplib::Result result = Post(StrCat(R"({"finding":")", TestFindingId(i),
                                             R"(","status":"follow_up","reviewer":"r)", r, "\"}"));
        if (result && result->status == 201) ++acknowledged;
      }
    });
  }
  for (std::thread& t : reviewers) t.join();
  EXPECT_EQ(acknowledged.load(), 40);
  EXPECT_EQ(StoredDecisions(), 40u);
  EXPECT_THAT(*desk_->store().History(TestFindingId(3)), SizeIs(4));
}

// Kill -9 in the middle of a stream of decisions: every decision the server
// acknowledged is in the database afterwards.
TEST(DeskProcess, AcknowledgedDecisionsSurviveAKill) {
  const std::string dir = FreshDeskDir("kill");
  ASSERT_TRUE(WriteFileAtomically(dir + "/report.html", kPage).ok());
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    execl(PARALLAX_BINARY, PARALLAX_BINARY, "serve", dir.c_str(), "--port", "0",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  // "parallax: serving DIR at http://127.0.0.1:PORT/ ..."
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  const size_t colon = line.rfind(':', line.find("/ ("));
  ASSERT_NE(colon, std::string::npos) << line;
  const int port = std::stoi(line.substr(colon + 1));
  httplib::Client client("127.0.0.1", port);
  httplib::Result page = client.Get("/");
  ASSERT_TRUE(page);
  const size_t at = page->body.find("parallax-desk-token\" content=\"");
  ASSERT_NE(at, std::string::npos);
  const std::string token = page->body.substr(at + 30, 32);

  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<size_t> count{0};
  std::thread stream([&] {
    for (int i = 0; !stop && i < 100000; ++i) {
      httplib::Client writer("127.0.0.1", port);
      httplib::Result result = writer.Post(
          "/api/decisions", {{"X-Parallax-Token", token}},
          StrCat(R"({"finding":")", TestFindingId(i), R"(","status":"confirmed","reviewer":"k"})"),
          "application/json");
      if (!result) break;  // the server is gone
      if (result->status == 201) {
        std::lock_guard<std::mutex> lock(mutex);
        acknowledged.push_back(TestFindingId(i));
        ++count;
      }
    }
  });
  while (count < 30) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  stop = true;
  stream.join();

  auto store = ReviewStore::Open(dir + "/reviews.db");
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<std::vector<Decision>> all = (*store)->All();
  ASSERT_TRUE(all.ok()) << all.status();
  std::set<std::string> stored;
  for (const Decision& d : *all) stored.insert(d.finding);
  for (const std::string& id : acknowledged) EXPECT_TRUE(stored.contains(id)) << id;
  EXPECT_GE(stored.size(), acknowledged.size());
}

}  // namespace
}  // namespace parallax
