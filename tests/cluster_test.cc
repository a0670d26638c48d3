// Event clustering: the evidence gathered from an article, how pairs score,
// how clusters form (date window, span, undated articles), determinism, the
// settings table, and the demo corpus against its answer key.
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cluster/cluster_report.h"
#include "cluster/clustering.h"
#include "cluster/evidence.h"
#include "extract/claim.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "scan/scan.h"
#include "testing/shipped_rules.h"
#include "testing/test_util.h"
#include "util/strings.h"

namespace parallax {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// ---------------------------------------------------------------- evidence

std::vector<std::string> Labels(const ArticleEvidence& e, Signal signal) {
  std::vector<std::string> out;
  for (const auto& [key, label] : e.labels) {
    if (key.signal == signal) out.push_back(label);
  }
  std::sort(out.begin(), out.end());
  return out;
}

ArticleEvidence EvidenceOf(const std::string& body, const std::string& title = "",
                           const std::string& source = "") {
  Article article;
  article.id = "a";
  article.body = body;
  if (!title.empty()) article.title = title;
  if (!source.empty()) article.source = source;
  article.date = CivilDate(2023, 2, 7);
  const Matcher matcher(ShippedRules());
  return GatherEvidence(article, ExtractClaims(article, matcher), ShippedRules());
}

TEST(Evidence, NamesAreCapitalisedRunsInsideSentences) {
  const ArticleEvidence e = EvidenceOf(
      "GAZIANTEP, Turkey (Caspian Monitor) — Rescuers in Kahramanmaraş searched on Monday. "
      "The Norfolk Southern train left East Palestine's yard. Officials said so.",
      "", "Caspian Monitor");
  // Not the first word of a sentence ("Rescuers", "The", "Officials"), not a
  // listed word ("Monday"), not the source, not what an entity claim covers
  // ("Turkey"); a possessive is dropped.
  EXPECT_THAT(Labels(e, Signal::kName),
              UnorderedElementsAre("kahramanmaraş", "norfolk southern", "east palestine"));
  EXPECT_THAT(Labels(e, Signal::kEntity), Contains("Turkey"));
}

TEST(Evidence, FiguresAreRoundedToTwoSignificantDigits) {
  const ArticleEvidence e = EvidenceOf(
      "About 100,400 people have left, and 5,021 were hurt. Three people were killed and 12 "
      "arrested.");
  // 12 and three are too common to tell events apart.
  EXPECT_THAT(Labels(e, Signal::kNumber), ElementsAre("100000", "5000"));
}

TEST(Evidence, QuotesGiveFiveWordRunsAndTitlesTheirWords) {
  const ArticleEvidence e = EvidenceOf(
      "“We will rebuild every home in this city,” the minister said. “Too short,” he added.",
      "Mayor vows to rebuild");
  const auto quotes = std::count_if(e.keys.begin(), e.keys.end(), [](const EvidenceKey& k) {
    return k.signal == Signal::kQuote;
  });
  EXPECT_EQ(quotes, 4);  // 8 words give 4 runs of five; 2 words give none
  EXPECT_THAT(Labels(e, Signal::kTitle), ElementsAre("mayor", "rebuild", "vows"));
  EXPECT_TRUE(std::is_sorted(e.keys.begin(), e.keys.end()));
}

// -------------------------------------------------------------- clustering

// Evidence built by hand: keys are labels of one signal.
ArticleEvidence Made(std::string id, std::optional<CivilDate> date,
                     const std::vector<std::string>& entities) {
  ArticleEvidence e;
  e.id = std::move(id);
  e.date = date;
  for (const std::string& name : entities) {
    const EvidenceKey key{Signal::kEntity, KeyHash(name)};
    e.keys.push_back(key);
    e.labels.emplace_back(key, name);
  }
  std::sort(e.keys.begin(), e.keys.end());
  std::sort(e.labels.begin(), e.labels.end());
  return e;
}

CivilDate Day(int d) { return CivilDate(2023, 3, 1) + d; }

// Each cluster as its sorted article ids, the clusters sorted.
std::vector<std::vector<std::string>> Groups(const std::vector<ArticleEvidence>& evidence,
                                             const ClusterSettings& settings = {}) {
  const EventClusterer clusterer(evidence, settings);
  std::vector<std::vector<std::string>> groups;
  for (const EventCluster& c : clusterer.Cluster()) {
    std::vector<std::string> ids;
    for (uint32_t m : c.members) ids.push_back(clusterer.evidence()[m].id);
    std::sort(ids.begin(), ids.end());
    groups.push_back(ids);
  }
  std::sort(groups.begin(), groups.end());
  return groups;
}

TEST(EvidenceLabels, PoolingPicksTheLabelTheClustererWould) {
  const EvidenceKey key{Signal::kEntity, KeyHash("sergei lavrov")};
  std::vector<ArticleEvidence> evidence;
  // In input order, the later article comes first.
  for (auto [id, day, label] :
       {std::tuple{"late", 5, "Sergey Lavrov"}, std::tuple{"early", 1, "Sergei Lavrov"},
        std::tuple{"undated", -1, "S. Lavrov"}}) {
    ArticleEvidence e;
    e.id = id;
    if (day >= 0) e.date = Day(day);
    e.keys = {key};
    e.labels = {{key, label}};
    evidence.push_back(e);
  }
  const EventClusterer whole(evidence, ClusterSettings());
  EvidenceLabels pool;
  for (uint32_t i = 0; i < evidence.size(); ++i) {
    pool.Take(i, &evidence[i], [&](uint32_t j) -> const ArticleEvidence& { return evidence[j]; });
  }
  EXPECT_TRUE(evidence[0].labels.empty());
  const EventClusterer pooled(evidence, std::move(pool), ClusterSettings());
  EXPECT_EQ(whole.Label(key), "Sergei Lavrov");
  EXPECT_EQ(pooled.Label(key), "Sergei Lavrov");
}

// A background of unrelated articles, so that rarity means something.
std::vector<ArticleEvidence> Background(int n) {
  std::vector<ArticleEvidence> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(Made(StrCat("bg", i), Day(i % 30), {"United States", StrCat("topic", i)}));
  }
  return out;
}

std::vector<std::string> GroupOf(const std::vector<std::vector<std::string>>& groups,
                                 const std::string& id) {
  for (const auto& g : groups) {
    if (std::find(g.begin(), g.end(), id) != g.end()) return g;
  }
  return {};
}

TEST(Clustering, RareSharedEntitiesJoinCommonOnesDoNot) {
  std::vector<ArticleEvidence> evidence = Background(40);
  evidence.push_back(Made("a1", Day(3), {"Mirela Kostadin", "Varna", "United States"}));
  evidence.push_back(Made("a2", Day(4), {"Mirela Kostadin", "Varna", "United States"}));
  // Shares only what every article has.
  evidence.push_back(Made("b1", Day(4), {"United States", "topic-b"}));
  const auto groups = Groups(evidence);
  EXPECT_THAT(GroupOf(groups, "a1"), ElementsAre("a1", "a2"));
  EXPECT_THAT(GroupOf(groups, "b1"), ElementsAre("b1"));
}

TEST(Clustering, TheDateWindowSeparatesTheSameStoryWeeksApart) {
  std::vector<ArticleEvidence> evidence = Background(40);
  evidence.push_back(Made("talks1", Day(1), {"Mirela Kostadin", "Varna"}));
  evidence.push_back(Made("talks2", Day(2), {"Mirela Kostadin", "Varna"}));
  evidence.push_back(Made("anniversary", Day(20), {"Mirela Kostadin", "Varna"}));
  const auto groups = Groups(evidence);
  EXPECT_THAT(GroupOf(groups, "talks1"), ElementsAre("talks1", "talks2"));
  EXPECT_THAT(GroupOf(groups, "anniversary"), ElementsAre("anniversary"));
}

TEST(Clustering, AnEventNeverSpansMoreThanItsDays) {
  // One article a day for two weeks, each sharing everything with the next:
  // chaining them all would make a two-week "event".
  std::vector<ArticleEvidence> evidence = Background(40);
  for (int d = 0; d < 14; ++d) {
    evidence.push_back(Made(StrCat("day", d), Day(d), {"Mirela Kostadin", "Varna"}));
  }
  ClusterSettings settings;
  settings.span_days = 5;
  const EventClusterer clusterer(evidence, settings);
  size_t in_clusters = 0;
  for (const EventCluster& c : clusterer.Cluster()) {
    std::vector<CivilDate> dates;
    for (uint32_t m : c.members) dates.push_back(*clusterer.evidence()[m].date);
    const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
    EXPECT_LE(*hi - *lo, 5);
    in_clusters += c.members.size();
  }
  EXPECT_EQ(in_clusters, evidence.size());
}

TEST(Clustering, AnUndatedArticleJoinsTheEventItSharesMostWith) {
  std::vector<ArticleEvidence> evidence = Background(40);
  evidence.push_back(Made("quake1", Day(1), {"Kahramanmaras", "Gaziantep", "AFAD"}));
  evidence.push_back(Made("quake2", Day(2), {"Kahramanmaras", "Gaziantep", "AFAD"}));
  evidence.push_back(Made("flood1", Day(1), {"Gaziantep", "Nizip"}));
  evidence.push_back(Made("undated", std::nullopt, {"Kahramanmaras", "Gaziantep", "AFAD"}));
  evidence.push_back(Made("stray", std::nullopt, {"Plovdiv", "topic-x"}));
  const auto groups = Groups(evidence);
  EXPECT_THAT(GroupOf(groups, "undated"), ElementsAre("quake1", "quake2", "undated"));
  EXPECT_THAT(GroupOf(groups, "flood1"), ElementsAre("flood1"));
  EXPECT_THAT(GroupOf(groups, "stray"), ElementsAre("stray"));
}

TEST(Clustering, UndatedArticlesWithNoEventGroupTogether) {
  std::vector<ArticleEvidence> evidence = Background(40);
  evidence.push_back(Made("u1", std::nullopt, {"Mirela Kostadin", "Varna"}));
  evidence.push_back(Made("u2", std::nullopt, {"Mirela Kostadin", "Varna"}));
  EXPECT_THAT(GroupOf(Groups(evidence), "u1"), ElementsAre("u1", "u2"));
}

TEST(Clustering, AKeyManyHoldPairsEachArticleWithItsNeighboursOnly) {
  // One event of twelve reports on one day: through either key, each report
  // pairs with the next two only, and the chain still makes one event.
  std::vector<ArticleEvidence> evidence = Background(40);
  for (int i = 0; i < 12; ++i) {
    evidence.push_back(
        Made(StrCat("r", i < 10 ? "0" : "", i), Day(3), {"Mirela Kostadin", "Varna"}));
  }
  ClusterSettings settings;
  settings.smoothing = 0;  // twelve holders of 52 make keys too common to score otherwise
  settings.neighbours = 2;
  const EventClusterer clusterer(evidence, settings);
  const std::vector<EventCluster> clusters = clusterer.Cluster();
  const auto event = std::find_if(clusters.begin(), clusters.end(), [&](const EventCluster& c) {
    return clusterer.evidence()[c.members.front()].id == "r00";
  });
  ASSERT_NE(event, clusters.end());
  EXPECT_EQ(event->members.size(), 12u);
  for (const Link& link : event->links) EXPECT_LE(link.b - link.a, 2u);
  // Without the bound, the strongest links (all equal, first pairs first)
  // join the first report with every other.
  settings.neighbours = 50;
  const EventClusterer unbounded(evidence, settings);
  size_t longest = 0;
  for (const EventCluster& c : unbounded.Cluster()) {
    for (const Link& link : c.links) longest = std::max<size_t>(longest, link.b - link.a);
  }
  EXPECT_EQ(longest, 11u);
}

TEST(Clustering, APairTooFarApartForOneKeyIsProposedByAnother) {
  // "early" and "z-late" share a rare name and a key that twenty reports of
  // the same day hold between them. The busy key may not pair them; the
  // rare one must, even when the busy key comes first in key order.
  const std::string rare = "Mirela Kostadin";
  const EvidenceKey rare_key{Signal::kEntity, KeyHash(rare)};
  std::string busy;
  for (const char* name : {"Hospital", "Red Cross", "Police", "Fire Service", "Coast Guard"}) {
    if (EvidenceKey{Signal::kEntity, KeyHash(name)} < rare_key) busy = name;
  }
  ASSERT_FALSE(busy.empty());
  std::vector<ArticleEvidence> evidence = Background(40);
  evidence.push_back(Made("early", Day(3), {busy, rare}));
  for (int i = 0; i < 20; ++i) {
    evidence.push_back(Made(StrCat("m", i < 10 ? "0" : "", i), Day(3), {busy, StrCat("other", i)}));
  }
  evidence.push_back(Made("z-late", Day(3), {busy, rare}));
  ClusterSettings settings;
  settings.neighbours = 5;
  EXPECT_THAT(GroupOf(Groups(evidence, settings), "early"), ElementsAre("early", "z-late"));
}

TEST(Clustering, TheResultDoesNotDependOnInputOrder) {
  std::vector<ArticleEvidence> evidence = Background(30);
  for (int e = 0; e < 6; ++e) {
    for (int k = 0; k < 4; ++k) {
      const std::optional<CivilDate> date =
          k == 3 ? std::nullopt : std::optional<CivilDate>(Day(e * 5 + k % 2));
      evidence.push_back(Made(StrCat("e", e, "-", k), date,
                              {StrCat("person", e), StrCat("place", e), "United States"}));
    }
  }
  const auto expected = Groups(evidence);
  std::mt19937 random(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(evidence.begin(), evidence.end(), random);
    const EventClusterer clusterer(evidence, {});
    const std::vector<Cluster> described = DescribeClusters(clusterer, clusterer.Cluster());
    EXPECT_EQ(Groups(evidence), expected);
    // Ids follow the clusters' first dates, so they do not move either.
    ASSERT_FALSE(described.empty());
    EXPECT_EQ(described[0].articles.front(), "bg0");
  }
}

TEST(Clustering, WhyAndExplainNameTheSharedEvidence) {
  std::vector<ArticleEvidence> evidence = Background(40);
  evidence.push_back(Made("a1", Day(3), {"Mirela Kostadin", "Varna"}));
  evidence.push_back(Made("a2", Day(4), {"Mirela Kostadin", "Varna"}));
  evidence.push_back(Made("a3", std::nullopt, {"Mirela Kostadin", "Varna"}));
  const EventClusterer clusterer(evidence, {});
  const std::vector<Cluster> clusters = DescribeClusters(clusterer, clusterer.Cluster());
  const auto found = std::find_if(clusters.begin(), clusters.end(), [](const Cluster& c) {
    return std::find(c.articles.begin(), c.articles.end(), "a1") != c.articles.end();
  });
  ASSERT_NE(found, clusters.end());
  EXPECT_THAT(found->articles, ElementsAre("a1", "a2", "a3"));
  EXPECT_THAT(found->undated, ElementsAre("a3"));
  EXPECT_THAT(found->entities, UnorderedElementsAre("Mirela Kostadin", "Varna"));
  EXPECT_THAT(found->why, HasSubstr("shared entities"));
  EXPECT_THAT(found->why, HasSubstr("Mirela Kostadin"));
  EXPECT_THAT(found->why, HasSubstr("published within 1 day"));
  EXPECT_THAT(found->why, HasSubstr("a3 has no date"));
  ASSERT_EQ(found->links.size(), 2u);
  EXPECT_EQ(found->links[0].days_apart, 1);
  const std::string explained = ExplainCluster(*found);
  EXPECT_THAT(explained, HasSubstr("a1 + a2: score"));
  EXPECT_THAT(explained, HasSubstr("entity"));
  EXPECT_THAT(explained, HasSubstr("no date (placed by content): a3"));
}

// ---------------------------------------------------------------- settings

std::unique_ptr<const RuleSet> RulesWithClusterTable(const std::string& rows) {
  RuleSetLoad load = LoadRuleSetFromTexts(
      {{"rules/cluster.rules", StrCat("version 1\ntable CLUSTER\n", rows)}}, {});
  return std::move(load.rules);
}

TEST(ClusterSettings, ReadFromTheRulesTable) {
  auto rules = RulesWithClusterTable(
      "  window days = 5\n  link = 0.4\n  weight quote = 2\n  smoothing = 0\n");
  ASSERT_NE(rules, nullptr);
  absl::StatusOr<ClusterSettings> settings = ClusterSettingsFromRules(*rules);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->window_days, 5);
  EXPECT_DOUBLE_EQ(settings->link, 0.4);
  EXPECT_DOUBLE_EQ(settings->weight[static_cast<int>(Signal::kQuote)], 2);
  EXPECT_DOUBLE_EQ(settings->smoothing, 0);
  EXPECT_EQ(settings->span_days, ClusterSettings{}.span_days);  // the default
}

TEST(ClusterSettings, BadValuesNameTheKeyAndWhatWasExpected) {
  for (const auto& [row, message] : std::vector<std::pair<std::string, std::string>>{
           {"  window days = 2.5\n", "key 'window days': expected a whole number, got '2.5'"},
           {"  link = high\n", "key 'link': expected a number, got 'high'"},
           {"  weight mood = 1\n",
            "table CLUSTER has no setting 'weight mood'; known: window days"},
           {"  speed = 3\n", "table CLUSTER has no setting 'speed'"}}) {
    auto rules = RulesWithClusterTable(row);
    ASSERT_NE(rules, nullptr) << row;
    absl::StatusOr<ClusterSettings> settings = ClusterSettingsFromRules(*rules);
    EXPECT_FALSE(settings.ok()) << row;
    EXPECT_THAT(std::string(settings.status().message()), HasSubstr(message));
  }
}

// -------------------------------------------------------------- demo corpus

// B-cubed precision and recall of `predicted` (article -> cluster) against
// `truth` (article -> event), over the articles of `truth`.
std::pair<double, double> BCubed(const std::map<std::string, std::string>& truth,
                                 const std::map<std::string, std::string>& predicted) {
  double precision = 0, recall = 0;
  for (const auto& [a, event] : truth) {
    int both = 0, same_cluster = 0, same_event = 0;
    for (const auto& [b, other_event] : truth) {
      const bool together = predicted.at(a) == predicted.at(b);
      same_cluster += together;
      same_event += event == other_event;
      both += together && event == other_event;
    }
    precision += static_cast<double>(both) / same_cluster;
    recall += static_cast<double>(both) / same_event;
  }
  return {precision / truth.size(), recall / truth.size()};
}

// (That the clusters do not depend on --jobs is CliScan.ReportIsByteIdenticalWhateverTheJobs.)
TEST(ClusteringDemo, MatchesTheAnswerKey) {
  const std::string demo = std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo";
  simdjson::dom::parser parser;
  const simdjson::padded_string json = simdjson::padded_string::load(demo + "/expected.json");
  std::map<std::string, std::string> truth;
  for (simdjson::dom::element event : simdjson::dom::array(parser.parse(json)["clusters"])) {
    for (simdjson::dom::element id : simdjson::dom::array(event["articles"])) {
      truth[std::string(std::string_view(id))] = std::string(std::string_view(event["event"]));
    }
  }
  ASSERT_GE(truth.size(), 20u);

  ScanOptions options;
  options.inputs = {demo};
  options.rules_dir = std::string(PARALLAX_SOURCE_DIR) + "/rules";
  options.jobs = 2;
  absl::StatusOr<Report> report = Scan(options);
  ASSERT_TRUE(report.ok()) << report.status();
  std::map<std::string, std::string> predicted;
  for (const Cluster& c : report->clusters) {
    for (const std::string& id : c.articles) predicted[id] = c.id;
    EXPECT_FALSE(c.why.empty()) << c.id;
  }
  ASSERT_EQ(predicted.size(), truth.size());
  const auto [precision, recall] = BCubed(truth, predicted);
  const double f1 = 2 * precision * recall / (precision + recall);
  EXPECT_GE(f1, 0.95) << "precision " << precision << ", recall " << recall;
}

}  // namespace
}  // namespace parallax
