// The synthetic corpus of the clustering benchmark (bench/synthetic): that
// it is what it claims to be, that clustering finds its events both from
// the claims it states and from the claims the shipped rules extract, and
// that a scan finds the disagreements planted in it and nothing else.
#include "synthetic/synthetic_corpus.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cluster/clustering.h"
#include "cluster/evidence.h"
#include "extract/claim.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/matcher.h"
#include "scan/scan.h"
#include "testing/shipped_rules.h"
#include "testing/test_util.h"

namespace parallax {
namespace {

TEST(SyntheticCorpus, SameSeedSameArticlesOtherSeedOthers) {
  const SyntheticCorpus a(SyntheticOptions{.seed = 7, .articles = 300});
  const SyntheticCorpus b(SyntheticOptions{.seed = 7, .articles = 300});
  const SyntheticCorpus c(SyntheticOptions{.seed = 8, .articles = 300});
  ASSERT_EQ(a.size(), 300u);
  int differ = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(ToJsonl(a.Make(i).article), ToJsonl(b.Make(i).article));
    EXPECT_EQ(a.EventOf(i), b.EventOf(i));
    differ += ToJsonl(a.Make(i).article) != ToJsonl(c.Make(i).article);
  }
  EXPECT_EQ(a.Planted(), b.Planted());
  EXPECT_GT(differ, 0.97);
}

TEST(SyntheticCorpus, EveryArticleHasItsEventAndClaimsAtTheirSpans) {
  const SyntheticCorpus corpus(SyntheticOptions{.seed = 3, .articles = 2000});
  int undated = 0;
  for (size_t i = 0; i < corpus.size(); ++i) {
    const SyntheticArticle a = corpus.Make(i);
    EXPECT_EQ(a.event, corpus.EventOf(i));
    EXPECT_LT(a.event, corpus.event_count());
    undated += !a.article.date.has_value();
    ASSERT_FALSE(a.claims.empty());
    for (const Claim& claim : a.claims) {
      ASSERT_LE(claim.end, a.article.body.size());
      EXPECT_EQ(a.article.body.substr(claim.start, claim.end - claim.start), claim.text);
    }
  }
  // 2 to 8 KB each.
  size_t shortest = SIZE_MAX, longest = 0;
  for (size_t i = 0; i < corpus.size(); i += 10) {
    const size_t bytes = corpus.Make(i).article.body.size();
    shortest = std::min(shortest, bytes);
    longest = std::max(longest, bytes);
  }
  EXPECT_GE(shortest, 2000u);
  EXPECT_LE(longest, 8192u);
  EXPECT_GT(longest, 6000u);
  // 5% undated by default: about 100 of 2,000.
  EXPECT_GT(undated, 50);
  EXPECT_LT(undated, 160);
  // Events of several articles, and single ones.
  EXPECT_LT(corpus.event_count(), corpus.size() / 3);
}

TEST(SyntheticCorpus, PlantsDisagreementsInOneReportOfSomeEvents) {
  const SyntheticCorpus corpus(SyntheticOptions{.seed = 3, .articles = 2000});
  const std::vector<PlantedFinding> planted = corpus.Planted();
  EXPECT_EQ(planted, corpus.Planted());
  std::vector<uint32_t> events;
  std::map<std::string, int> kinds;
  size_t shared_events = 0;  // of two reports or more
  for (uint32_t event = 0, i = 0; event < corpus.event_count(); ++event) {
    const uint32_t first = i;
    while (i < corpus.size() && corpus.EventOf(i) == event) ++i;
    shared_events += i - first >= 2;
  }
  for (const PlantedFinding& p : planted) {
    ++kinds[p.kind];
    // One per event, in a report of that event other than its first.
    EXPECT_TRUE(events.empty() || events.back() < p.event);
    events.push_back(p.event);
    const size_t article = std::stoul(p.article.substr(1));
    EXPECT_EQ(corpus.EventOf(article), p.event);
    EXPECT_EQ(corpus.Make(article).event, p.event);
    EXPECT_EQ(corpus.EventOf(article - 1), p.event) << p.article << " is its event's first";
  }
  // 20% of the events with two reports or more, of five kinds.
  EXPECT_GT(planted.size(), shared_events / 7);
  EXPECT_LT(planted.size(), shared_events / 4);
  EXPECT_THAT(kinds, ::testing::ElementsAre(
                         ::testing::Key("attribution_conflict"), ::testing::Key("date_conflict"),
                         ::testing::Key("name_variant"), ::testing::Key("quantity_conflict"),
                         ::testing::Key("quote_variant")));
  // Nothing planted, nothing to find.
  EXPECT_TRUE(SyntheticCorpus(SyntheticOptions{.seed = 3, .articles = 500, .planted_share = 0})
                  .Planted()
                  .empty());
}

// A scan of a small corpus, planted more densely than by default so that
// every kind is there: the findings are the planted ones, and the clusters
// the events. Measured: all 11 planted found, precision 1.0, B-cubed F1 1.0.
// (Extraction is the slow part: 150 articles keep this fast in a sanitizer
// build; 20,000 are measured with parallax_corpus_gen and `parallax scan`,
// bench/README.md.)
TEST(SyntheticCorpus, ScanFindsThePlantedDisagreementsAndNothingElse) {
  const SyntheticCorpus corpus(SyntheticOptions{.seed = 1, .articles = 150, .planted_share = 0.6});
  testing::TempDir dir;
  std::string jsonl;
  for (size_t i = 0; i < corpus.size(); ++i) jsonl += ToJsonl(corpus.Make(i).article);
  ScanOptions options;
  options.inputs = {dir.Write("corpus.jsonl", jsonl)};
  options.rules_dir = std::string(PARALLAX_SOURCE_DIR) + "/rules";
  options.jobs = 2;
  const absl::StatusOr<Report> report = Scan(options);
  ASSERT_TRUE(report.ok()) << report.status();
  const FindingScore findings = corpus.ScoreFindings(report->findings);
  EXPECT_GE(findings.planted, 10u);
  EXPECT_GE(findings.recall(), 0.9) << findings.planted_found << " of " << findings.planted;
  EXPECT_GE(findings.precision(), 0.9) << findings.found_planted << " of " << findings.found;
  EXPECT_GE(corpus.ScoreClusters(report->clusters).f1(), 0.97);
}

TEST(SyntheticCorpus, BCubedScoresPerfectSplitAndMergedClusterings) {
  const std::vector<uint32_t> truth = {0, 0, 1, 1};
  auto scores = [&](const std::vector<uint32_t>& predicted) {
    const BCubedScore score = BCubed(truth, predicted);
    return std::make_pair(score.precision, score.recall);
  };
  EXPECT_EQ(scores({5, 5, 7, 7}), std::make_pair(1.0, 1.0));
  EXPECT_EQ(scores({0, 1, 2, 3}), std::make_pair(1.0, 0.5));
  EXPECT_EQ(scores({0, 0, 0, 0}), std::make_pair(0.5, 1.0));
}

// Clusters `count` articles, from the generated claims or from the claims
// the shipped rules extract, and returns the B-cubed F1.
double ClusteringF1(size_t count, bool extract) {
  const SyntheticCorpus corpus(SyntheticOptions{.seed = 11, .articles = count});
  const RuleSet& rules = ShippedRules();
  const Matcher matcher(rules);
  std::vector<ArticleEvidence> evidence;
  for (size_t i = 0; i < corpus.size(); ++i) {
    const SyntheticArticle a = corpus.Make(i);
    const std::vector<Claim> claims = extract ? ExtractClaims(a.article, matcher) : a.claims;
    evidence.push_back(GatherEvidence(a.article, claims, rules));
  }
  const absl::StatusOr<ClusterSettings> settings = ClusterSettingsFromRules(rules);
  EXPECT_TRUE(settings.ok());
  const EventClusterer clusterer(std::move(evidence), *settings);
  return corpus.Score(clusterer, clusterer.Cluster()).f1();
}

// Measured: 0.999 at 2,000 articles from the generated claims, 1.0 at 200
// from the extracted ones (extraction of 2-8 KB articles is the slow part in
// a sanitizer build).
TEST(SyntheticCorpus, ClusteringFindsTheEventsFromGeneratedClaims) {
  EXPECT_GE(ClusteringF1(2000, /*extract=*/false), 0.97);
}

TEST(SyntheticCorpus, ClusteringFindsTheEventsFromExtractedClaims) {
  EXPECT_GE(ClusteringF1(200, /*extract=*/true), 0.97);
}

}  // namespace
}  // namespace parallax
