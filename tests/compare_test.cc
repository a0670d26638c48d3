// Comparison: the word tools it stands on, the comparison rules on small
// articles, and the whole scan against the demo corpus's answer key and the
// seed articles.
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "compare/comparison.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/tolerance.h"
#include "scan/scan.h"
#include "testing/shipped_rules.h"
#include "testing/test_util.h"
#include "text/words.h"
#include "util/strings.h"

namespace parallax {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// ------------------------------------------------------------------ words

TEST(Words, FoldAwayPunctuationQuoteMarksAndCase) {
  EXPECT_EQ(FoldWords("“Only bring,” he SAID."), "only bring he said");
  EXPECT_EQ(FoldWords("\"only bring\" he said"), "only bring he said");
  EXPECT_EQ(FoldWords("Russia’s and Russia's, ministers'"), "russias and russias ministers");
  EXPECT_EQ(FoldWords("Nagorno-Karabakh ... 6,500"), "nagorno karabakh 6 500");
  EXPECT_EQ(FoldWords(" \n—… "), "");
}

TEST(Words, SpansPointIntoTheText) {
  const std::string text = "“We hope,” Erdoğan said.";
  std::vector<std::string> words;
  for (const Word& w : SplitWords(text)) {
    words.push_back(text.substr(w.span.start, w.span.end - w.span.start));
  }
  EXPECT_THAT(words, ElementsAre("We", "hope", "Erdoğan", "said"));
}

std::vector<std::string> Parts(std::string_view a, std::string_view b) {
  std::vector<std::string> out;
  for (const WordDiffPart& p : DiffWords(a, b)) {
    static constexpr const char* kOps[] = {"=", "+", "-", "~"};
    out.push_back(StrCat(kOps[p.op], p.a, "|", p.b));
  }
  return out;
}

TEST(Words, DiffNamesWhatWasAddedDroppedAndChanged) {
  EXPECT_THAT(
      Parts("Armenia is not involved in military operations,",
            "The Republic of Armenia is not involved in any military operations"),
      ElementsAre("+|The Republic of", "=Armenia is not involved in|Armenia is not involved in",
                  "+|any", "=military operations|military operations"));
  EXPECT_THAT(Parts("We welcome the efforts of our partners", "We welcome efforts by partners"),
              ElementsAre("=We welcome|We welcome", "-the|", "=efforts|efforts", "~of our|by",
                          "=partners|partners"));
  EXPECT_THAT(Parts("“We hope,” he said", "we hope. He said"),
              ElementsAre("=We hope,” he said|we hope. He said"));
  EXPECT_THAT(Parts("", "new words"), ElementsAre("+|new words"));
  EXPECT_THAT(Parts("", ""), IsEmpty());
}

// Whatever the texts, the parts put back together give each side's words.
TEST(Words, DiffRebuildsBothSides) {
  std::mt19937 random(7);
  const std::vector<std::string> vocabulary = {"the", "war",  "ended", "in", "Karabakh",
                                               "we",  "hope", "“",     ",",  "said"};
  for (int round = 0; round < 300; ++round) {
    std::string a, b;
    for (std::string* side : {&a, &b}) {
      const int length = static_cast<int>(random() % 12);
      for (int i = 0; i < length; ++i)
        StrAppend(side, vocabulary[random() % vocabulary.size()], " ");
    }
    std::string rebuilt_a, rebuilt_b;
    for (const WordDiffPart& p : DiffWords(a, b)) {
      StrAppend(&rebuilt_a, p.a, " ");
      StrAppend(&rebuilt_b, p.b, " ");
      if (p.op == WordDiffPart::kSame) {
        EXPECT_EQ(FoldWords(p.a), FoldWords(p.b));
      }
    }
    EXPECT_EQ(FoldWords(rebuilt_a), FoldWords(a)) << a << " / " << b;
    EXPECT_EQ(FoldWords(rebuilt_b), FoldWords(b)) << a << " / " << b;
    const double similarity = WordSimilarity(a, b);
    EXPECT_GE(similarity, 0);
    EXPECT_LE(similarity, 1);
  }
}

// Any bytes, valid UTF-8 or not: no crash, spans inside the text, and a
// diff that still rebuilds both sides.
TEST(Words, AnyBytesAreSafe) {
  std::mt19937 random(11);
  const std::string alphabet =
      std::string("ab ,.'\"\x80\xbf\xc3\xa9\xe2\x80\x99\xf0\x9f", 16) + '\0';
  for (int round = 0; round < 2000; ++round) {
    std::string a, b;
    for (std::string* side : {&a, &b}) {
      const int length = static_cast<int>(random() % 24);
      for (int i = 0; i < length; ++i) side->push_back(alphabet[random() % alphabet.size()]);
    }
    for (const Word& w : SplitWords(a)) {
      ASSERT_LT(w.span.start, w.span.end);
      ASSERT_LE(w.span.end, a.size());
    }
    std::string rebuilt;
    for (const WordDiffPart& p : DiffWords(a, b)) StrAppend(&rebuilt, p.a, " ");
    EXPECT_EQ(FoldWords(rebuilt), FoldWords(a));
    const double similarity = WordSimilarity(a, b);
    EXPECT_TRUE(similarity >= 0 && similarity <= 1) << similarity;
    IsSpellingVariant(a, b);
  }
}

TEST(Words, SimilarityCountsTheLongerWords) {
  EXPECT_DOUBLE_EQ(WordSimilarity("We will fight on.", "“we will fight on,”"), 1);
  EXPECT_DOUBLE_EQ(WordSimilarity("bread and salt", "water or wine"), 0);
  // Sharing "the", "of" and "in" does not make two statements alike.
  EXPECT_LT(WordSimilarity("the price of bread in the capital rose sharply",
                           "the mission of the observers in the border regions ends"),
            0.2);
  EXPECT_GT(WordSimilarity("will only lead to fueling the geopolitical confrontation in the region",
                           "can only bring the geopolitical confrontation to the region"),
            0.5);
}

// -------------------------------------------------------------- tolerance

TEST(Tolerance, WordsAgreeUpToPunctuationAndCase) {
  const Tolerance words = *ParseTolerance("words");
  EXPECT_TRUE(*ValuesAgree(words, "We hope we will get through this disaster together, as quickly",
                           "we hope we will get through this disaster together as quickly."));
  EXPECT_FALSE(
      *ValuesAgree(words, "Armenia is not involved", "The Republic of Armenia is not involved"));
}

TEST(Tolerance, SpellingVariantsAreRespelledWordsOfOneName) {
  EXPECT_TRUE(IsSpellingVariant("Sergey Lavrov", "Sergei Lavrov"));
  EXPECT_TRUE(IsSpellingVariant("Nikol Pashinian", "Pashinyan"));
  EXPECT_TRUE(IsSpellingVariant("Anthony Blinken", "Antony Blinken"));
  EXPECT_FALSE(IsSpellingVariant("Lavrov", "Sergei Lavrov"));  // a short form
  EXPECT_FALSE(IsSpellingVariant("Sergei Lavrov", "sergei lavrov"));
  EXPECT_FALSE(IsSpellingVariant("EU", "European Union"));
  EXPECT_FALSE(IsSpellingVariant("Joe Biden", "Jill Biden"));  // another person
  EXPECT_FALSE(IsSpellingVariant("", "Lavrov"));
  const Tolerance spelling = *ParseTolerance("spelling");
  EXPECT_FALSE(*ValuesAgree(spelling, "Sergey Lavrov", "Sergei Lavrov"));
  EXPECT_TRUE(*ValuesAgree(spelling, "Lavrov", "Sergei Lavrov"));
}

// ------------------------------------------------ comparison on small texts

class SmallCluster {
 public:
  SmallCluster& Add(std::string source, std::string body, std::optional<CivilDate> date) {
    auto article = std::make_unique<ArticleClaims>();
    article->id = StrCat("a", articles_.size() + 1);
    article->source = std::move(source);
    article->date = date;
    bodies_.push_back(std::make_unique<std::string>(std::move(body)));
    article->body = *bodies_.back();
    article->claims = ExtractWithShippedRules(*bodies_.back(), date);
    articles_.push_back(std::move(article));
    return *this;
  }

  std::vector<Finding> Compare(bool reversed = false) const {
    absl::StatusOr<ClusterComparer> comparer = ClusterComparer::Create(ShippedRules());
    EXPECT_TRUE(comparer.ok()) << comparer.status();
    std::vector<const ArticleClaims*> members;
    for (const auto& article : articles_) members.push_back(article.get());
    if (reversed) std::reverse(members.begin(), members.end());
    return comparer->Compare("c1", members);
  }

  // "kind severity: claim text (article) | ..." per finding.
  std::vector<std::string> Describe() const {
    std::vector<std::string> out;
    for (const Finding& f : Compare()) {
      std::string line = StrCat(f.kind, " ", f.severity, ":");
      for (const ClaimRef& c : f.claims) StrAppend(&line, " ", c.text, " (", c.article, ")");
      out.push_back(line);
    }
    return out;
  }

 private:
  std::vector<std::unique_ptr<std::string>> bodies_;
  std::vector<std::unique_ptr<ArticleClaims>> articles_;
};

const CivilDate kWednesday(2023, 9, 20);

TEST(Comparison, CountsThatCannotBothBeRightConflict) {
  SmallCluster cluster;
  cluster.Add("North", "At least 200 people were killed in the offensive.", kWednesday)
      .Add("South", "About 100 people were killed in the offensive.", kWednesday);
  EXPECT_THAT(cluster.Describe(),
              ElementsAre("quantity_conflict high: At least 200 people were killed (a1) About 100 "
                          "people were killed (a2)"));
  const std::vector<Finding> findings = cluster.Compare();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].claims[0].value, "[200,inf)");
  EXPECT_EQ(findings[0].claims[0].start, 0u);
  EXPECT_EQ(findings[0].claims[0].sentence, "At least 200 people were killed in the offensive.");
  EXPECT_EQ(findings[0].rule.substr(0, 20), "rules/compare.rules:");
  EXPECT_EQ(
      findings[0].message,
      "\"At least 200 people were killed\" (North) vs \"About 100 people were killed\" (South)");
}

TEST(Comparison, CountsThatAgreeWithinTheirHedgesAreSilent) {
  SmallCluster cluster;
  cluster.Add("North", "At least 40 people were killed.", kWednesday)
      .Add("South", "Officials said 45 people were killed.", kWednesday)
      .Add("East", "Nearly 50 people were killed.", kWednesday);
  EXPECT_THAT(cluster.Describe(), IsEmpty());
}

TEST(Comparison, OneArticleIsNeverComparedWithItself) {
  SmallCluster cluster;
  cluster.Add("North", "At first 12 people were killed. Later 40 people were killed.", kWednesday)
      .Add("South", "The mayor resigned.", kWednesday);
  EXPECT_THAT(cluster.Describe(), IsEmpty());
}

TEST(Comparison, DifferentSubjectsAreNotCompared) {
  SmallCluster cluster;
  // Killed against injured, and civilians against people.
  cluster.Add("North", "Twelve people were killed and two civilians were injured.", kWednesday)
      .Add("South", "Forty people were injured.", kWednesday);
  EXPECT_THAT(cluster.Describe(), IsEmpty());
}

TEST(Comparison, FiguresFromAnEarlierEventAreHistory) {
  SmallCluster cluster;
  cluster.Add("North", "About 100 people were killed in the fighting.", kWednesday)
      .Add("South",
           "It recalled the 44-day war in 2020, which killed more than 6,500 people, and the "
           "death toll rose to 200 on Tuesday.",
           kWednesday);
  // 6,500 belongs to 2020; 200 (its nearest date is Tuesday) is compared.
  EXPECT_THAT(cluster.Describe(),
              ElementsAre("quantity_conflict high: About 100 people were killed (a1) death toll "
                          "rose to 200 (a2)"));
}

TEST(Comparison, ALaterHigherCountWithAWordOfChangeIsAnUpdate) {
  SmallCluster cluster;
  cluster.Add("North", "More than 5,000 people have been killed.", CivilDate(2023, 2, 7))
      .Add("South", "The death toll rose to 11,000 on Wednesday.", CivilDate(2023, 2, 8));
  EXPECT_THAT(cluster.Describe(),
              ElementsAre("quantity_update low: More than 5,000 people have been killed (a1) death "
                          "toll rose to 11,000 (a2)"));
}

TEST(Comparison, AHigherCountWithoutAWordOfChangeIsAConflict) {
  SmallCluster cluster;
  cluster.Add("North", "Exactly 5,000 people were killed.", CivilDate(2023, 2, 7))
      .Add("South", "In all 11,000 people were killed.", CivilDate(2023, 2, 8));
  EXPECT_THAT(cluster.Describe(),
              ElementsAre("quantity_conflict high: 5,000 people were killed (a1) 11,000 people "
                          "were killed (a2)"));
}

TEST(Comparison, CountsJustApartRankLower) {
  SmallCluster cluster;
  cluster.Add("North", "Police said 100 people were arrested.", kWednesday)
      .Add("South", "Police said 104 people were arrested.", kWednesday);
  EXPECT_THAT(cluster.Describe(), ElementsAre(::testing::StartsWith("quantity_conflict medium:")));
}

TEST(Comparison, TheSameEventDatedDifferently) {
  SmallCluster cluster;
  cluster.Add("North", "The offensive began on Tuesday.", kWednesday)
      .Add("South", "The offensive began on Sept. 18.", kWednesday)
      .Add("East", "The offensive began on Sept. 19.", kWednesday)
      .Add("West", "The blockade began on Dec. 12.", kWednesday);
  const std::vector<Finding> findings = cluster.Compare();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "date_conflict");
  EXPECT_EQ(findings[0].subject, "offensive began");
  std::vector<std::string> sides;
  for (const ClaimRef& c : findings[0].claims) sides.push_back(StrCat(c.article, " ", *c.value));
  // Tuesday and Sept. 19 are one side; the blockade is another subject.
  EXPECT_THAT(sides, ElementsAre("a1 2023-09-19", "a3 2023-09-19", "a2 2023-09-18"));
}

TEST(Comparison, OneQuoteInTwoMouths) {
  SmallCluster cluster;
  cluster
      .Add("North",
           "Spokeswoman Maria Zakharova said the mission could “only bring confrontation into the "
           "region”.",
           kWednesday)
      .Add("South",
           "Foreign Minister Sergei Lavrov said the mission could “only bring confrontation into "
           "the region”.",
           kWednesday);
  const std::vector<Finding> findings = cluster.Compare();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "attribution_conflict");
  EXPECT_EQ(findings[0].claims[0].value, "Maria Zakharova");
  EXPECT_EQ(findings[0].claims[1].value, "Sergei Lavrov");
  EXPECT_EQ(findings[0].claims[1].text, "only bring confrontation into the region");
}

TEST(Comparison, ASpeakerDescribedNotNamedIsSetAgainstNoOne) {
  // "a spokesman" may well be Petra Dvorak; "officials" are anyone.
  SmallCluster cluster;
  cluster
      .Add("North", "“No one was hurt and the hall will be rebuilt,” a spokesman said.", kWednesday)
      .Add("South",
           "“No one was hurt and the hall will be rebuilt,” said Petra Dvorak, the city "
           "spokeswoman.",
           kWednesday)
      .Add("East", "“No one was hurt and the hall will be rebuilt,” officials said.", kWednesday);
  EXPECT_THAT(cluster.Describe(), IsEmpty());
  // Two named speakers still disagree.
  cluster.Add("West", "“No one was hurt and the hall will be rebuilt,” said Jan Novak.",
              kWednesday);
  EXPECT_THAT(cluster.Describe(),
              ElementsAre("attribution_conflict high: No one was hurt and the hall will be "
                          "rebuilt, (a2) No one was hurt and the hall will be rebuilt, (a4)"));
}

TEST(Comparison, FindingIdsStayWhenARuleMovesInItsFile) {
  // The same rules with a comment added at the top of compare.rules: every
  // comparison rule is a line further down, and the ids do not move.
  TempDir moved;
  const std::filesystem::path shipped = std::filesystem::path(PARALLAX_SOURCE_DIR) / "rules";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(shipped)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = std::filesystem::relative(entry.path(), shipped).string();
    const std::string text = ReadFileOrDie(entry.path().string());
    moved.Write(StrCat("rules/", name), name == "compare.rules" ? StrCat("# moved\n", text) : text);
  }
  RuleSetOptions options;
  options.check_examples = false;
  const RuleSetLoad load = LoadRuleSet(moved.path() + "/rules", options);
  ASSERT_NE(load.rules, nullptr) << FormatDiagnostic(load.diagnostics.front());
  ArticleClaims north, south;
  north.id = "a1";
  south.id = "a2";
  north.date = south.date = kWednesday;
  const std::string north_body = "Forty-three people were killed, the governor said.";
  const std::string south_body = "Twelve people were killed, the governor said.";
  north.body = north_body;
  south.body = south_body;
  north.claims = ExtractWithShippedRules(north_body, kWednesday);
  south.claims = ExtractWithShippedRules(south_body, kWednesday);
  const auto findings = [&](const RuleSet& rules) {
    absl::StatusOr<ClusterComparer> comparer = ClusterComparer::Create(rules);
    EXPECT_TRUE(comparer.ok()) << comparer.status();
    return comparer->Compare("c1", {&north, &south});
  };
  const std::vector<Finding> before = findings(ShippedRules());
  const std::vector<Finding> after = findings(*load.rules);
  ASSERT_EQ(before.size(), 1u);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(before[0].rule, after[0].rule);
  EXPECT_EQ(before[0].id, after[0].id);
}

TEST(Comparison, OneSpeakerWordedDifferentlyCarriesAWordDiff) {
  SmallCluster cluster;
  cluster
      .Add("North", "“Armenia is not involved in military operations,” Nikol Pashinyan said.",
           kWednesday)
      .Add("South",
           "“The Republic of Armenia is not involved in any military operations,” Nikol Pashinyan "
           "said.",
           kWednesday)
      .Add("East", "“Armenia is not involved in military operations.” Nikol Pashinyan said.",
           kWednesday);
  const std::vector<Finding> findings = cluster.Compare();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "quote_variant");
  // North and East differ only in punctuation: one side.
  ASSERT_EQ(findings[0].claims.size(), 3u);
  EXPECT_EQ(findings[0].claims[2].article, "a2");
  std::vector<std::string> changes;
  for (const Finding::DiffPart& part : findings[0].diff) {
    if (part.op != "same") changes.push_back(StrCat(part.op, " ", part.b));
  }
  EXPECT_THAT(changes, ElementsAre("added The Republic of", "added any"));
  EXPECT_EQ(findings[0].message,
            "South's wording adds \"The Republic of\"; adds \"any\" (against North, East)");
}

TEST(Comparison, DifferentQuotesOfOneSpeakerAreNotVariants) {
  SmallCluster cluster;
  cluster
      .Add("North", "“We will rebuild every house in the valley,” Nikol Pashinyan said.",
           kWednesday)
      .Add("South", "“The talks in Brussels were useful and frank,” Nikol Pashinyan said.",
           kWednesday);
  EXPECT_THAT(cluster.Describe(), IsEmpty());
}

TEST(Comparison, NamesSpelledTwoWays) {
  SmallCluster cluster;
  cluster.Add("North", "Foreign Minister Sergey Lavrov spoke. Lavrov left.", kWednesday)
      .Add("South", "Foreign Minister Sergei Lavrov spoke.", kWednesday);
  EXPECT_THAT(cluster.Describe(),
              ElementsAre("name_variant low: Sergey Lavrov (a1) Sergei Lavrov (a2)"));
}

TEST(Comparison, LoadedWordsInTheOutletsOwnVoice) {
  SmallCluster cluster;
  cluster.Add("North", "Rioters set fire to the town hall door.", kWednesday)
      .Add("South", "Protesters set fire to the town hall door.", kWednesday);
  EXPECT_THAT(cluster.Describe(), ElementsAre("framing low: Protesters (a2) Rioters (a1)"));
  const std::vector<Finding> findings = cluster.Compare();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].claims[0].value, "protesters");
  EXPECT_EQ(findings[0].claims[1].side, 1);
  EXPECT_EQ(findings[0].subject, "people demonstrating in the street");
}

TEST(Comparison, LoadedWordsInsideQuotationsAreTheSpeakers) {
  SmallCluster cluster;
  cluster.Add("North", "Protesters marched to the square.", kWednesday)
      .Add("South", "Protesters marched, and the mayor said “rioters” had been paid.", kWednesday);
  EXPECT_THAT(cluster.Describe(), IsEmpty());
}

TEST(Comparison, AFigureStatedAsFactAndAttributed) {
  SmallCluster cluster;
  cluster.Add("North", "In Paris 441 police officers were injured.", kWednesday)
      .Add("South", "In Paris 441 officers had been injured, according to the interior minister.",
           kWednesday);
  const std::vector<Finding> findings = cluster.Compare();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "framing");
  EXPECT_EQ(findings[0].aspect, "fact_vs_attributed");
  EXPECT_EQ(findings[0].claims[0].value, "asserted");
  EXPECT_EQ(findings[0].claims[1].value, "attributed: the interior minister");
}

TEST(Comparison, AStrikeThatKilledAndDeathsAccordingToAMilitia) {
  SmallCluster cluster;
  cluster.Add("North", "The strike killed 12 people near the port.", kWednesday)
      .Add("South", "Near the port 12 people were killed, according to the militia.", kWednesday);
  EXPECT_THAT(cluster.Describe(),
              ElementsAre("framing medium: 12 people (a1) 12 people were killed "
                          "(a2)"));
  EXPECT_EQ(cluster.Compare()[0].subject, "12 people killed: stated as fact or attributed");
}

TEST(Comparison, IdsDependOnTheClaimsNotOnTheirOrder) {
  SmallCluster cluster;
  cluster.Add("North", "At least 200 people were killed.", kWednesday)
      .Add("South", "About 100 people were killed.", kWednesday);
  const std::vector<Finding> forward = cluster.Compare();
  const std::vector<Finding> backward = cluster.Compare(/*reversed=*/true);
  ASSERT_EQ(forward.size(), 1u);
  ASSERT_EQ(backward.size(), 1u);
  EXPECT_EQ(forward[0].id, backward[0].id);
  EXPECT_THAT(forward[0].id, ::testing::MatchesRegex("f-[0-9a-f]{12}"));

  SmallCluster other;
  other.Add("North", "At least 200 people were killed.", kWednesday)
      .Add("South", "About 90 people were killed.", kWednesday);
  ASSERT_EQ(other.Compare().size(), 1u);
  EXPECT_NE(other.Compare()[0].id, forward[0].id);
}

// --------------------------------------------------------- the whole scan

struct Side {
  std::string article;
  std::string text;
};

std::vector<Side> SidesOf(simdjson::dom::element entry, const char* field) {
  std::vector<Side> sides;
  for (simdjson::dom::element side : simdjson::dom::array(entry[field])) {
    sides.push_back({std::string(std::string_view(side["article"])),
                     std::string(std::string_view(side["text"]))});
  }
  return sides;
}

// A claim of the finding is this side of the answer key: same article, and
// one text holds the other (the key quotes whole phrases, claims are spans).
bool Covers(const ClaimRef& c, const Side& side) {
  return c.article == side.article && (side.text.find(c.text) != std::string::npos ||
                                       c.text.find(side.text) != std::string::npos);
}

bool Matches(const Finding& finding, std::string_view kind, const std::vector<Side>& sides) {
  return finding.kind == kind && std::all_of(sides.begin(), sides.end(), [&](const Side& s) {
           return std::any_of(finding.claims.begin(), finding.claims.end(),
                              [&](const ClaimRef& c) { return Covers(c, s); });
         });
}

// The finding sets the trap's two sides against each other: they are on
// different sides of it.
bool Opposes(const Finding& finding, std::string_view kind, const std::vector<Side>& sides) {
  if (finding.kind != kind || sides.size() != 2) return false;
  for (const ClaimRef& x : finding.claims) {
    for (const ClaimRef& y : finding.claims) {
      if (Covers(x, sides[0]) && Covers(y, sides[1]) && x.side != y.side) return true;
    }
  }
  return false;
}

std::string Show(const Finding& f) { return StrCat(f.kind, " ", f.cluster, ": ", f.message); }

class CompareDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string demo = std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo";
    ScanOptions options;
    options.inputs = {demo};
    options.rules_dir = std::string(PARALLAX_SOURCE_DIR) + "/rules";
    options.jobs = 2;
    absl::StatusOr<Report> scanned = Scan(options);
    ASSERT_TRUE(scanned.ok()) << scanned.status();
    report_ = new Report(*std::move(scanned));
    json_ = new simdjson::padded_string(simdjson::padded_string::load(demo + "/expected.json"));
    parser_ = new simdjson::dom::parser;
  }
  static simdjson::dom::element Key() { return parser_->parse(*json_).value(); }

  static Report* report_;
  static simdjson::padded_string* json_;
  static simdjson::dom::parser* parser_;
};
Report* CompareDemo::report_ = nullptr;
simdjson::padded_string* CompareDemo::json_ = nullptr;
simdjson::dom::parser* CompareDemo::parser_ = nullptr;

TEST_F(CompareDemo, EveryPlantedFindingIsFound) {
  int planted = 0;
  for (simdjson::dom::element expected : simdjson::dom::array(Key()["findings"])) {
    ++planted;
    const std::string_view kind = expected["kind"];
    const std::vector<Side> sides = SidesOf(expected, "sides");
    EXPECT_TRUE(std::any_of(report_->findings.begin(), report_->findings.end(),
                            [&](const Finding& f) { return Matches(f, kind, sides); }))
        << kind << ": " << std::string_view(expected["subject"]);
  }
  EXPECT_GE(planted, 12);
}

TEST_F(CompareDemo, NoTrapIsFlagged) {
  for (simdjson::dom::element trap : simdjson::dom::array(Key()["must_not_flag"])) {
    const std::string_view kind = trap["kind"];
    const std::vector<Side> sides = SidesOf(trap, "sides");
    for (const Finding& f : report_->findings) {
      EXPECT_FALSE(Opposes(f, kind, sides))
          << std::string_view(trap["subject"]) << " was flagged: " << Show(f);
    }
  }
}

TEST_F(CompareDemo, RisingCountsAreOneUpdateWithItsTimeline) {
  for (simdjson::dom::element update : simdjson::dom::array(Key()["updates"])) {
    const std::vector<Side> timeline = SidesOf(update, "timeline");
    std::vector<const Finding*> found;
    for (const Finding& f : report_->findings) {
      if (Matches(f, "quantity_update", timeline)) found.push_back(&f);
    }
    ASSERT_EQ(found.size(), 1u) << std::string_view(update["subject"]);
    EXPECT_EQ(found[0]->severity, "low");
    ASSERT_EQ(found[0]->claims.size(), timeline.size());
    for (size_t i = 0; i < timeline.size(); ++i) {
      EXPECT_EQ(found[0]->claims[i].article, timeline[i].article);
    }
  }
}

// The report page shows each claim in its paragraph: every claim of every
// finding lies in exactly one passage, and each paragraph is kept once.
TEST_F(CompareDemo, EveryClaimIsInOneParagraphKeptOnce) {
  ASSERT_FALSE(report_->passages.empty());
  for (size_t i = 1; i < report_->passages.size(); ++i) {
    const Passage& a = report_->passages[i - 1];
    const Passage& b = report_->passages[i];
    EXPECT_TRUE(a.article < b.article ||
                (a.article == b.article && a.start + a.text.size() <= b.start))
        << a.article << " " << a.start << " / " << b.article << " " << b.start;
  }
  for (const Finding& f : report_->findings) {
    for (const ClaimRef& c : f.claims) {
      int holders = 0;
      for (const Passage& p : report_->passages) {
        if (p.article != c.article || c.start < p.start || c.end > p.start + p.text.size())
          continue;
        ++holders;
        EXPECT_EQ(p.text.substr(c.start - p.start, c.end - c.start), c.text);
        EXPECT_NE(p.text.find(c.sentence), std::string::npos) << c.sentence;
      }
      EXPECT_EQ(holders, 1) << f.id << " " << c.article << " " << c.text;
    }
  }
}

// Precision on the answer key: nothing beyond what it plants.
TEST_F(CompareDemo, EveryFindingIsInTheAnswerKey) {
  for (const Finding& f : report_->findings) {
    bool known = false;
    for (const char* list : {"findings", "updates"}) {
      for (simdjson::dom::element expected : simdjson::dom::array(Key()[list])) {
        const std::string_view kind = std::string_view(list) == "updates"
                                          ? "quantity_update"
                                          : std::string_view(expected["kind"]);
        known =
            known ||
            Matches(f, kind,
                    SidesOf(expected, list == std::string_view("updates") ? "timeline" : "sides"));
      }
    }
    EXPECT_TRUE(known) << Show(f);
  }
}

TEST_F(CompareDemo, EveryClaimIsAnExactSpanOfItsArticle) {
  std::map<std::string, std::string> bodies;
  for (const Finding& f : report_->findings) {
    EXPECT_FALSE(f.message.empty());
    EXPECT_FALSE(f.subject.empty());
    EXPECT_TRUE(f.severity == "high" || f.severity == "medium" || f.severity == "low");
    for (const ClaimRef& c : f.claims) {
      EXPECT_EQ(c.text.size(), c.end - c.start) << Show(f);
      EXPECT_NE(c.sentence.find(c.text), std::string::npos) << Show(f);
    }
  }
}

TEST(CompareSeeds, TheTwoReportsOfTheMissionDisagreeWhereTheyShould) {
  if (testing::SeedsDir().empty()) GTEST_SKIP() << "../shared/corpus/seeds is not available";
  ScanOptions options;
  options.inputs = {testing::SeedsDir()};
  options.rules_dir = std::string(PARALLAX_SOURCE_DIR) + "/rules";
  absl::StatusOr<Report> report = Scan(options);
  ASSERT_TRUE(report.ok()) << report.status();
  std::vector<std::string> found;
  for (const Finding& f : report->findings) {
    std::string line = StrCat(f.kind, ":");
    for (const ClaimRef& c : f.claims) {
      StrAppend(&line, " ", c.article.substr(0, 3), "=", c.value.value_or(""));
    }
    found.push_back(line);
  }
  // The Foreign Ministry's statement in two wordings, Vedant Patel's words
  // in two, Blinken's first name spelled two ways, and the territory called
  // disputed in one and occupied and liberated in the other.
  EXPECT_THAT(found, UnorderedElementsAre(
                         "quote_variant: 000=Russian Foreign Ministry 001=Russian Foreign Ministry",
                         "quote_variant: 000=Vedant Patel 001=Vedant Patel",
                         "name_variant: 000=Anthony Blinken 001=Antony Blinken",
                         "framing: 001=occupied 001=liberated 000=neutral"));
}

}  // namespace
}  // namespace parallax
