// The rule matcher on small rule sets written in the test: spans and byte
// offsets, token boundaries, captures, the overlap policy, vetoes, value
// errors, scopes, relative dates, output order; and, on the demo corpus and
// the seed articles with the shipped rules, that the prefilter and
// concurrency change nothing.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/corpus.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "testing/shipped_rules.h"
#include "testing/test_util.h"
#include "util/civil_date.h"
#include "util/strings.h"

namespace parallax {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

std::string FormatAll(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) StrAppend(&out, FormatDiagnostic(d), "\n");
  return out;
}

// Loads one rule file "rules/t.rules" (or several), failing the test on any
// error.
std::unique_ptr<const RuleSet> Load(const std::vector<std::pair<std::string, std::string>>& files,
                                    bool check_examples = true) {
  RuleSetOptions options;
  options.check_examples = check_examples;
  RuleSetLoad load = LoadRuleSetFromTexts(files, options);
  EXPECT_NE(load.rules, nullptr) << FormatAll(load.diagnostics);
  return std::move(load.rules);
}

std::unique_ptr<const RuleSet> Load(const std::string& text, bool check_examples = true) {
  return Load({{"rules/t.rules", text}}, check_examples);
}

// "rule.id [start,end) \"text\" key=value ...": everything a claim says,
// for exact comparisons.
std::string Describe(std::string_view text, const RuleClaim& claim) {
  std::string out = StrCat(claim.rule->id, " [", claim.start, ",", claim.end, ") \"",
                           text.substr(claim.start, claim.end - claim.start), "\"");
  for (const auto& [key, value] : claim.fields) StrAppend(&out, " ", key, "=", value);
  return out;
}

std::vector<std::string> DescribeAll(std::string_view text, const std::vector<RuleClaim>& claims) {
  std::vector<std::string> out;
  for (const RuleClaim& claim : claims) out.push_back(Describe(text, claim));
  return out;
}

// Like Describe, plus the match span and every capture.
std::string DescribeFully(std::string_view text, const RuleClaim& claim) {
  std::string out =
      StrCat(Describe(text, claim), " match=[", claim.match_start, ",", claim.match_end, ")");
  for (const CaptureSpan& c : claim.captures) {
    StrAppend(&out, " ", c.name, "@[", c.start, ",", c.end, ")");
  }
  return out;
}

std::vector<std::string> Extract(const RuleSet& rules, std::string_view text,
                                 std::optional<CivilDate> ref = std::nullopt,
                                 bool prefilter = true) {
  MatchOptions options;
  options.ref = ref;
  options.use_prefilter = prefilter;
  return DescribeAll(text, Matcher(rules).Extract(text, options));
}

struct WithRejections {
  std::vector<RuleClaim> claims;
  std::vector<Rejection> rejections;
};

WithRejections ExtractWithRejections(const RuleSet& rules, std::string_view text,
                                     std::optional<CivilDate> ref = std::nullopt) {
  WithRejections out;
  MatchOptions options;
  options.ref = ref;
  options.rejections = &out.rejections;
  out.claims = Matcher(rules).Extract(text, options);
  return out;
}

// "rule.id [start,end): reason" for each rejection.
std::vector<std::string> DescribeRejections(std::string_view text,
                                            const std::vector<Rejection>& rejections) {
  std::vector<std::string> out;
  for (const Rejection& r : rejections) {
    out.push_back(StrCat(
        r.candidate.rule->id, " \"",
        text.substr(r.candidate.match_start, r.candidate.match_end - r.candidate.match_start),
        "\": ", r.reason));
  }
  return out;
}

CivilDate Date(std::string_view iso) {
  absl::StatusOr<CivilDate> date = ParseIsoDate(iso);
  EXPECT_TRUE(date.ok()) << iso;
  return date.value_or(CivilDate());
}

// --- Spans, offsets and token boundaries -------------------------------------

constexpr char kCountRules[] = R"(version 1

table NUMBER_WORD
  four = 4
  fourteen = 14

rule quantity.count
  kind:     quantity
  match:    {n:@NUMBER_WORD} {u:(people | cars)}
  value:    value=number(n, NUMBER_WORD) unit=lower(u)
  example:  "four people" -> 4 unit=people
  example:  "fourteen cars" -> 14 unit=cars
)";

TEST(MatcherSpans, ByteOffsetsAreExactAfterMultibyteText) {
  auto rules = Load(kCountRules);
  ASSERT_NE(rules, nullptr);
  // Curly quotes (3 bytes each), an e-acute (2 bytes) and an em dash before
  // the match.
  const std::string text = "\u201CCaf\u00E9,\u201D she said \u2014 Four people came.";
  const size_t at = text.find("Four people");
  ASSERT_EQ(at, 26u);  // 3 + 3 + 2 + 1 + 3 + 10 + 3 + 1
  EXPECT_THAT(Extract(*rules, text), ElementsAre(StrCat("quantity.count [", at, ",", at + 11,
                                                        ") \"Four people\" value=4 unit=people")));
}

TEST(MatcherSpans, MatchStartsAndEndsOnTokenBoundaries) {
  auto rules = Load(kCountRules);
  ASSERT_NE(rules, nullptr);
  // "four" never inside "fourteen"; "people" never the start of "peoples".
  EXPECT_THAT(Extract(*rules, "Fourteen cars left."),
              ElementsAre("quantity.count [0,13) \"Fourteen cars\" value=14 unit=cars"));
  EXPECT_THAT(Extract(*rules, "The fourteen peoples met."), IsEmpty());
  EXPECT_THAT(Extract(*rules, "Xfour people met."), IsEmpty());
  EXPECT_THAT(Extract(*rules, "four peoplehood"), IsEmpty());
  // Letters outside ASCII are word characters too.
  EXPECT_THAT(Extract(*rules, "\u00E9four people"), IsEmpty());
  EXPECT_THAT(Extract(*rules, "four people\u00E9"), IsEmpty());
  // A failed boundary at one place does not hide a good match later on.
  EXPECT_THAT(Extract(*rules, "Fourteen peoples and four people."),
              ElementsAre("quantity.count [21,32) \"four people\" value=4 unit=people"));
}

TEST(MatcherSpans, PunctuationAndCurlyQuotesAreBoundaries) {
  auto rules = Load(kCountRules);
  ASSERT_NE(rules, nullptr);
  const std::string curly = "He wrote \u201Cfour people\u201D twice.";
  const size_t at = curly.find("four");
  EXPECT_THAT(Extract(*rules, curly), ElementsAre(StrCat("quantity.count [", at, ",", at + 11,
                                                         ") \"four people\" value=4 unit=people")));
  EXPECT_THAT(Extract(*rules, "(four people)"),
              ElementsAre("quantity.count [1,12) \"four people\" value=4 unit=people"));
  EXPECT_THAT(Extract(*rules, "-four cars, said X."),
              ElementsAre("quantity.count [1,10) \"four cars\" value=4 unit=cars"));
  const std::string apostrophe = "four people\u2019s votes";
  EXPECT_THAT(Extract(*rules, apostrophe),
              ElementsAre("quantity.count [0,11) \"four people\" value=4 unit=people"));
  // Runs of spaces and tabs join two items.
  EXPECT_THAT(Extract(*rules, "four \t  cars"),
              ElementsAre("quantity.count [0,12) \"four \t  cars\" value=4 unit=cars"));
}

TEST(MatcherSpans, CaseInsensitiveAndCurlyApostropheMatchesStraight) {
  auto rules = Load(R"(version 1
rule entity.kremlin
  kind:     entity
  match:    {name:(kremlin's | "the kremlin")}
  value:    type=organisation
  example:  "the Kremlin's view" -> the Kremlin type=organisation
  example:  "a Kremlin's view" -> Kremlin's type=organisation
)");
  ASSERT_NE(rules, nullptr);
  // The pattern's straight apostrophe matches the text's curly one.
  const std::string text = "KREMLIN\u2019S view and the Kremlin.";
  const size_t the = text.find("the Kremlin");
  EXPECT_THAT(Extract(*rules, text),
              ElementsAre("entity.kremlin [0,11) \"KREMLIN\u2019S\" value=KREMLIN\u2019S "
                          "type=organisation",
                          StrCat("entity.kremlin [", the, ",", the + 11,
                                 ") \"the Kremlin\" value=the Kremlin type=organisation")));
}

TEST(MatcherSpans, EmptyAndBlankTextGiveNoClaims) {
  auto rules = Load(kCountRules);
  ASSERT_NE(rules, nullptr);
  for (std::string_view text : {"", " ", "\n\n\t", "four"}) {
    for (bool prefilter : {true, false}) {
      EXPECT_THAT(Extract(*rules, text, std::nullopt, prefilter), IsEmpty());
    }
  }
}

// --- Captures ----------------------------------------------------------------

constexpr char kWeekdayRules[] = R"(version 1
test-ref 2023-01-27

table WEEKDAY
  monday = 1
  thursday = 4
  friday = 5

rule date.weekday
  kind:     date
  match:    on {w:@WEEKDAY}
  value:    value=weekday(WEEKDAY[w], past)
  span:     w
  example:  "on Thursday" -> 2023-01-26
  counter:  "on Thursdays"
)";

TEST(MatcherCaptures, SpanCaptureBecomesTheClaimSpan) {
  auto rules = Load(kWeekdayRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = "Russia on Thursday accused the EU.";
  MatchOptions options;
  options.ref = Date("2023-01-27");
  const std::vector<RuleClaim> claims = Matcher(*rules).Extract(text, options);
  ASSERT_THAT(claims, SizeIs(1));
  EXPECT_EQ(DescribeFully(text, claims[0]),
            "date.weekday [10,18) \"Thursday\" value=2023-01-26 match=[7,18) w@[10,18)");
  ASSERT_NE(claims[0].Capture("w"), nullptr);
  EXPECT_EQ(claims[0].Capture("w")->name, "w");
  EXPECT_EQ(claims[0].Capture("nope"), nullptr);
  EXPECT_EQ(claims[0].Field("value"), "2023-01-26");
  EXPECT_EQ(claims[0].Field("subject"), "");
  EXPECT_THAT(Extract(*rules, "Markets close on Thursdays.", Date("2023-01-27")), IsEmpty());
}

TEST(MatcherCaptures, CapturesThatDidNotTakePartLeaveFieldsOut) {
  auto rules = Load(R"(version 1

table HEDGE
  about = about
  more than = more_than

rule quantity.people
  kind:     quantity
  match:    {h:@HEDGE}? {n:/\d+/} {u:people}? {r:(killed | injured)}?
  value:    value=interval(HEDGE[h], n) hedge=HEDGE[h] unit=lower(u) role=r
  example:  "more than 5 people killed" -> (5,inf) hedge=more_than unit=people role=killed
)");
  ASSERT_NE(rules, nullptr);
  MatchOptions options;
  const std::string text = "Then 12 came; later about 30 people injured.";
  const std::vector<RuleClaim> claims = Matcher(*rules).Extract(text, options);
  ASSERT_THAT(claims, SizeIs(2));
  EXPECT_EQ(DescribeFully(text, claims[0]),
            "quantity.people [5,7) \"12\" value=[12,12] match=[5,7) n@[5,7)");
  EXPECT_EQ(claims[0].Capture("h"), nullptr);
  EXPECT_EQ(claims[0].Capture("u"), nullptr);
  EXPECT_EQ(claims[0].Field("hedge"), "");
  EXPECT_EQ(claims[0].Field("unit"), "");
  EXPECT_EQ(claims[0].Field("role"), "");
  EXPECT_EQ(DescribeFully(text, claims[1]),
            "quantity.people [20,43) \"about 30 people injured\" value=[27,33] hedge=about "
            "unit=people role=injured match=[20,43) h@[20,25) n@[26,28) u@[29,35) r@[36,43)");
}

TEST(MatcherCaptures, WithoutAValueTheClaimValueIsItsText) {
  auto rules = Load(R"(version 1
rule attribution.according_to
  kind:     attribution
  match:    according to {speaker:/(?-i:\p{Lu}\w+)/}
  value:    speaker=speaker cue=according_to
  example:  "according to AFP" -> speaker=AFP
)");
  ASSERT_NE(rules, nullptr);
  EXPECT_THAT(Extract(*rules, "The toll rose, according to Reuters."),
              ElementsAre("attribution.according_to [15,35) \"according to Reuters\" "
                          "value=according to Reuters speaker=Reuters cue=according_to"));
  // The raw piece keeps its case: "according to officials" is no name.
  EXPECT_THAT(Extract(*rules, "according to officials"), IsEmpty());
}

// The matcher remembers the captures of each match text it has seen; a match
// seen again, elsewhere or in another text, gets captures at its own offsets,
// and the bytes around it still decide what \b and \B see.
TEST(MatcherCaptures, RepeatedMatchesGetTheirOwnCaptures) {
  auto rules = Load(R"(version 1

rule quantity.signed
  kind:     quantity
  match:    ({inner:/\B-/} | {outer:/\b-/}) ~ /\d+/
  value:    value=0 unit=inner subject=outer
  example:  "x -5" -> unit=-
  example:  "x-5" -> subject=-
)");
  ASSERT_NE(rules, nullptr);
  for (int pass = 0; pass < 2; ++pass) {
    EXPECT_THAT(Extract(*rules, "a -5, b-5; c -5 (x-5)"),
                ElementsAre("quantity.signed [2,4) \"-5\" value=0 unit=-",
                            "quantity.signed [7,9) \"-5\" value=0 subject=-",
                            "quantity.signed [13,15) \"-5\" value=0 unit=-",
                            "quantity.signed [18,20) \"-5\" value=0 subject=-"))
        << "pass " << pass;
  }
}

// Two rule sets whose first rules match the same text with different
// captures, one loaded after the other was freed (it may reuse the memory).
TEST(MatcherCaptures, RuleSetsNeverShareRememberedCaptures) {
  constexpr char kNumberFirst[] = R"(version 1
rule quantity.people
  kind:     quantity
  match:    {n:/\d+/} people
  value:    value=number(n)
  example:  "30 people" -> 30
)";
  constexpr char kNumberLast[] = R"(version 1
rule quantity.people
  kind:     quantity
  match:    /\d/ ~ {n:/\d/} people
  value:    value=number(n)
  example:  "30 people" -> 0
)";
  const std::string text = "About 30 people came.";
  for (int round = 0; round < 3; ++round) {
    auto first = Load(kNumberFirst);
    ASSERT_NE(first, nullptr);
    EXPECT_THAT(Extract(*first, text),
                ElementsAre("quantity.people [6,15) \"30 people\" value=30"));
    first.reset();
    auto last = Load(kNumberLast);
    ASSERT_NE(last, nullptr);
    EXPECT_THAT(Extract(*last, text), ElementsAre("quantity.people [6,15) \"30 people\" value=0"));
  }
}

// --- Overlaps ------------------------------------------------------------------

TEST(MatcherOverlaps, LongerMatchWins) {
  auto rules = Load(R"(version 1
rule quantity.long
  kind:     quantity
  match:    {n:/\d+/} people were killed
  value:    value=n role=killed
  example:  "5 people were killed" -> 5 role=killed

rule quantity.short
  kind:     quantity
  match:    {n:/\d+/} people
  value:    value=n unit=people
  priority: 100
  example:  "5 people" -> 5 unit=people
)");
  ASSERT_NE(rules, nullptr);
  const std::string text = "Then 5 people were killed.";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("quantity.long [5,25) \"5 people were killed\" value=5 role=killed"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("quantity.short \"5 people\": lost to rule quantity.long "
                          "(rules/t.rules:2, longer match)"));
}

TEST(MatcherOverlaps, PartialOverlapAlsoCountsAndLosersBlockNothing) {
  auto rules = Load(R"(version 1
rule quantity.a
  kind:     quantity
  match:    alpha beta gamma
  example:  "alpha beta gamma" -> alpha beta gamma

rule quantity.b
  kind:     quantity
  match:    gamma delta
  example:  "gamma delta" -> gamma delta

rule quantity.c
  kind:     quantity
  match:    delta
  example:  "delta" -> delta
)");
  ASSERT_NE(rules, nullptr);
  // a beats b (longer); b is gone, so c, which only b overlaps, stays.
  const std::string text = "alpha beta gamma delta";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("quantity.a [0,16) \"alpha beta gamma\" value=alpha beta gamma",
                          "quantity.c [17,22) \"delta\" value=delta"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("quantity.b \"gamma delta\": lost to rule quantity.a "
                          "(rules/t.rules:2, longer match)"));
}

TEST(MatcherOverlaps, EqualLengthHigherPriorityWins) {
  auto rules = Load(R"(version 1
rule date.first
  kind:     date
  match:    {m:may} {d:/\d+/}
  value:    value=d
  example:  "they may 5" -> 5

rule date.preferred
  kind:     date
  match:    {m:may} {d:/\d+/}
  value:    value=date(2023, 5, d)
  priority: 3
  example:  "May 5" -> 2023-05-05
)",
                    /*check_examples=*/false);  // date.first's example loses, by design
  ASSERT_NE(rules, nullptr);
  const std::string text = "Signed on May 5.";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("date.preferred [10,15) \"May 5\" value=2023-05-05"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("date.first \"May 5\": lost to rule date.preferred "
                          "(rules/t.rules:8, higher priority)"));
}

TEST(MatcherOverlaps, NegativePriorityLosesToTheDefault) {
  auto rules = Load(R"(version 1
rule date.low
  kind:     date
  match:    {d:/\d+/} may
  priority: -1
  example:  "5 May" -> 5 May

rule date.default
  kind:     date
  match:    /\d+/ {m:may}
  example:  "5 May" -> 5 May
)",
                    /*check_examples=*/false);  // date.low's example loses, by design
  ASSERT_NE(rules, nullptr);
  const std::string text = "5 May";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("date.default [0,5) \"5 May\" value=5 May"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("date.low \"5 May\": lost to rule date.default "
                          "(rules/t.rules:8, higher priority)"));
}

TEST(MatcherOverlaps, EqualLengthAndPriorityEarlierFileThenLineWins) {
  const std::string b_rules = R"(version 1
rule entity.b_one
  kind:     entity
  match:    Lachin
  value:    type=from_b
  example:  "Lachin" -> Lachin
)";
  const std::string a_rules = R"(version 1
# a.rules sorts first whatever the order the files are given in.

rule entity.a_second
  kind:     entity
  match:    (Lachin)
  value:    type=a_second
  example:  "x" -> x

rule entity.a_third
  kind:     entity
  match:    lachin
  value:    type=a_third
  example:  "x" -> x
)";
  auto rules = Load({{"rules/b.rules", b_rules}, {"rules/a.rules", a_rules}},
                    /*check_examples=*/false);
  ASSERT_NE(rules, nullptr);
  ASSERT_THAT(rules->rules(), SizeIs(3));
  EXPECT_EQ(rules->rules()[0].provenance, "rules/a.rules:4");
  EXPECT_EQ(rules->rules()[2].provenance, "rules/b.rules:2");
  const std::string text = "The Lachin corridor";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("entity.a_second [4,10) \"Lachin\" value=Lachin type=a_second"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              UnorderedElementsAre("entity.a_third \"Lachin\": lost to rule entity.a_second "
                                   "(rules/a.rules:4, earlier rule)",
                                   "entity.b_one \"Lachin\": lost to rule entity.a_second "
                                   "(rules/a.rules:4, earlier rule)"));
}

TEST(MatcherOverlaps, ClaimsOfDifferentKindsMayOverlap) {
  auto rules = Load(R"(version 1
rule quote.any
  kind:     quote
  match:    "“" {q:/[^“”]+/} "”"
  value:    value=q
  span:     q
  example:  "“Back on Monday,”" -> Back on Monday,

rule date.monday
  kind:     date
  match:    monday
  value:    value=1
  example:  "on Monday" -> 1

rule entity.monday
  kind:     entity
  match:    on monday
  example:  "on Monday" -> on Monday
)");
  ASSERT_NE(rules, nullptr);
  const std::string text = "He said: \u201CBack on Monday,\u201D and left.";
  const size_t q = text.find("Back");
  const size_t on = text.find("on Monday");
  const size_t monday = text.find("Monday");
  WithRejections got = ExtractWithRejections(*rules, text);
  // Text order; at equal starts, kind order (date before quote before entity).
  EXPECT_THAT(
      DescribeAll(text, got.claims),
      ElementsAre(
          StrCat("quote.any [", q, ",", q + 15, ") \"Back on Monday,\" value=Back on Monday,"),
          StrCat("entity.monday [", on, ",", on + 9, ") \"on Monday\" value=on Monday"),
          StrCat("date.monday [", monday, ",", monday + 6, ") \"Monday\" value=1")));
  EXPECT_THAT(got.rejections, IsEmpty());
}

TEST(MatcherOverlaps, OutputIsInTextOrderThenKindThenRuleOrder) {
  auto rules = Load(R"(version 1
rule entity.word
  kind:     entity
  match:    {w:/(?-i:[A-Z]\w+)/}
  value:    value=w type=name
  example:  "Paris" -> Paris

rule quantity.year_people
  kind:     quantity
  match:    {n:/\d+/} people
  value:    value=n
  example:  "5 people" -> 5

rule date.year
  kind:     date
  match:    {y:/\d{4}/}
  value:    value=y
  example:  "2020" -> 2020

rule duration.year_people
  kind:     duration
  match:    {n:/\d+/} people
  value:    value=n
  example:  "5 people" -> 5
)");
  ASSERT_NE(rules, nullptr);
  const std::string text = "Paris 2020 people Rome";
  // At offset 6 three kinds start: date, duration, quantity (kind order, not
  // rule order).
  EXPECT_THAT(Extract(*rules, text),
              ElementsAre("entity.word [0,5) \"Paris\" value=Paris type=name",
                          "date.year [6,10) \"2020\" value=2020",
                          "duration.year_people [6,17) \"2020 people\" value=2020",
                          "quantity.year_people [6,17) \"2020 people\" value=2020",
                          "entity.word [18,22) \"Rome\" value=Rome type=name"));
}

TEST(MatcherOverlaps, SpanOrderingUsesTheClaimSpanNotTheMatch) {
  auto rules = Load(kWeekdayRules + std::string(R"(
rule entity.on
  kind:     entity
  match:    {x:on}
  example:  "on" -> on
)"));
  ASSERT_NE(rules, nullptr);
  // The date's match starts at "on" (0) but its span at "Monday" (3).
  EXPECT_THAT(Extract(*rules, "on Monday", Date("2023-01-27")),
              ElementsAre("entity.on [0,2) \"on\" value=on",
                          "date.weekday [3,9) \"Monday\" value=2023-01-23"));
}

// --- Vetoes --------------------------------------------------------------------

constexpr char kVetoRules[] = R"(version 1

rule quantity.left
  kind:     quantity
  match:    {n:/\d+/} people have left
  value:    value=n unit=people
  example:  "5 people have left" -> 5

rule quantity.have_left
  kind:     quantity
  match:    {u:people} have left
  value:    value=some unit=u
  example:  "people have left" -> some

rule date.year
  kind:     date
  match:    {y:/(?:19|20)\d\d/}
  value:    value=y
  example:  "in 2020" -> 2020

rule quantity.elsewhere
  kind:     quantity
  match:    {n:/\d+/} cars
  value:    value=n unit=cars
  example:  "7 cars" -> 7

veto quantity.year_is_not_a_count
  removes:  quantity duration
  match:    (in | since) /(?:19|20)\d\d/
  example:  "since 2020 people have left" => removes quantity.left
)";

TEST(MatcherVetoes, RemoveOnlyListedKindsAndOnlyOverlappingClaims) {
  auto rules = Load(kVetoRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = "Since 2020 people have left, and 7 cars too.";
  WithRejections got = ExtractWithRejections(*rules, text);
  // The year's date claim stays (dates are not listed); "7 cars" does not
  // overlap the veto; "people have left" no longer loses to the vetoed
  // longer match, because vetoes run before overlaps are settled.
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("date.year [6,10) \"2020\" value=2020",
                          "quantity.have_left [11,27) \"people have left\" value=some "
                          "unit=people",
                          "quantity.elsewhere [33,39) \"7 cars\" value=7 unit=cars"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("quantity.left \"2020 people have left\": removed by veto "
                          "quantity.year_is_not_a_count (rules/t.rules:27)"));
}

constexpr char kRemovingRules[] = R"(version 1

rule date.day_of_month
  kind:     date
  match:    March {d:/\d+/}
  value:    value=d
  removes:  quantity
  example:  "March 3" -> 3

rule quantity.number
  kind:     quantity
  match:    /\d+/
  example:  "7" -> 7

rule duration.days
  kind:     duration
  match:    /\d+/ days
  example:  "3 days" -> 3 days
)";

TEST(MatcherRemovals, ARuleRemovesOverlappingClaimsOfTheKindsItLists) {
  auto rules = Load(kRemovingRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = "On March 3 days passed, 7 in all.";
  WithRejections got = ExtractWithRejections(*rules, text);
  // "3" inside the date is not a quantity; the duration, another kind the
  // date does not list, stays; "7" is outside the date.
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("date.day_of_month [3,10) \"March 3\" value=3",
                          "duration.days [9,15) \"3 days\" value=3 days",
                          "quantity.number [24,25) \"7\" value=7"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("quantity.number \"3\": removed by rule date.day_of_month "
                          "(rules/t.rules:3)"));
}

constexpr char kRemovedFirstRules[] = R"(version 1

rule date.day_of_month
  kind:     date
  match:    March {d:/\d+/}
  value:    value=d
  removes:  quantity
  example:  "March 3" -> 3

rule quantity.subject
  kind:     quantity
  match:    {n:/\d+/} soldiers killed
  value:    value=n
  example:  "12 soldiers killed" -> 12

rule quantity.object
  kind:     quantity
  match:    killed {n:/\d+/} people
  value:    value=n
  example:  "killed 5 people" -> 5
)";

TEST(MatcherRemovals, ARemovedClaimBlocksNoShorterClaimOfItsKind) {
  auto rules = Load(kRemovedFirstRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = "On March 12 soldiers killed 5 people.";
  WithRejections got = ExtractWithRejections(*rules, text);
  // "12 soldiers killed" is longer than "killed 5 people" but goes with the
  // date, so the shorter count stands.
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("date.day_of_month [3,11) \"March 12\" value=12",
                          "quantity.object [21,36) \"killed 5 people\" value=5"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("quantity.subject \"12 soldiers killed\": removed by rule "
                          "date.day_of_month (rules/t.rules:3)"));
}

TEST(MatcherRemovals, RemovalsRoundACircleAreAnError) {
  RuleSetLoad load = LoadRuleSetFromTexts(
      {{"rules/t.rules",
        "version 1\nrule d\n  kind: date\n  match: x\n  removes: duration\n"
        "  example: \"x\" -> x\n"
        "rule u\n  kind: duration\n  match: y\n  removes: quantity\n  example: \"y\" -> y\n"
        "rule q\n  kind: quantity\n  match: z\n  removes: date\n  example: \"z\" -> z\n"}},
      {});
  EXPECT_EQ(load.rules, nullptr);
  EXPECT_THAT(
      FormatAll(load.diagnostics),
      ::testing::HasSubstr("error: removals between kinds go round in a circle: date is removed by "
                           "quantity (rule q, rules/t.rules:12); quantity is removed by duration "
                           "(rule u, rules/t.rules:7); duration is removed by date (rule d, "
                           "rules/t.rules:2)"));
}

TEST(MatcherRemovals, UnknownKindIsAnError) {
  RuleSetLoad load = LoadRuleSetFromTexts(
      {{"rules/t.rules",
        "version 1\nrule r\n  kind: date\n  match: x\n  removes: quantity, colour\n"
        "  example: \"x\" -> x\n"}},
      {});
  EXPECT_EQ(load.rules, nullptr);
  EXPECT_THAT(FormatAll(load.diagnostics), StartsWith("rules/t.rules:5:22: error: unknown claim "
                                                      "kind 'colour'"));
}

constexpr char kJoinRules[] = R"(version 1

piece @SUFFIX = st | nd | rd | th
piece @DASH = - | to

rule date.ordinal
  kind:     date
  match:    {d:/\d+/} ~ @SUFFIX? of May
  value:    value=d
  example:  "5th of May" -> 5
  example:  "5 of May" -> 5
  counter:  "5 th of May"

rule date.range
  kind:     date
  match:    {a:/\d+/} @DASH {b:/\d+/} June
  value:    value=period(a, b)
  example:  "3-5 June" -> 3/5
  example:  "3 to 5 June" -> 3/5
  example:  "3 - 5 June" -> 3/5

rule date.lead
  kind:     date
  match:    on? the? {d:/\d+/} July
  value:    value=d
  span:     d
  example:  "the 4 July" -> 4
  example:  "4 July" -> 4
  example:  "on the 4 July" -> 4
)";

TEST(MatcherPatterns, GlueGroupsAndLeadingOptionalsSpaceAsWritten) {
  // The examples above are checked when the rules load.
  auto rules = Load(kJoinRules);
  ASSERT_NE(rules, nullptr);
  // Spacing around a mixed alternation is optional, but a word still ends at
  // a word boundary.
  EXPECT_THAT(Extract(*rules, "3-5 June"), ElementsAre("date.range [0,8) \"3-5 June\" value=3/5"));
  EXPECT_THAT(Extract(*rules, "3to5 June"), IsEmpty());
  EXPECT_THAT(
      Extract(*rules, "5th of May, and 4 July"),
      ElementsAre("date.ordinal [0,10) \"5th of May\" value=5", "date.lead [16,17) \"4\" value=4"));
}

TEST(MatcherPatterns, AWordNeverStopsInsideALongerWord) {
  // RE2 prefers the first alternative; without a boundary after "four" it
  // would stop inside "fourteen" and the match would be dropped.
  auto rules = Load(R"(version 1
rule quantity.n
  kind:     quantity
  match:    (four | fourteen) more?
  example:  "fourteen" -> fourteen
  example:  "four more" -> four more
)");
  ASSERT_NE(rules, nullptr);
  EXPECT_THAT(Extract(*rules, "fourteen"),
              ElementsAre("quantity.n [0,8) \"fourteen\" value=fourteen"));
}

TEST(MatcherPatterns, GlueNeedsItemsOnBothSides) {
  for (const char* match : {"~ May", "May ~", "May ~ ~ June"}) {
    RuleSetLoad load = LoadRuleSetFromTexts(
        {{"rules/t.rules", StrCat("version 1\nrule r\n  kind: date\n  match: ", match,
                                  "\n  example: \"May\" -> May\n")}},
        {});
    EXPECT_EQ(load.rules, nullptr) << match;
    EXPECT_THAT(FormatAll(load.diagnostics), ::testing::HasSubstr("'~' joins two items")) << match;
  }
}

TEST(MatcherVetoes, WithoutTheVetoTheLongerMatchWins) {
  auto rules = Load(kVetoRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = "Then 2020 people have left.";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("date.year [5,9) \"2020\" value=2020",
                          "quantity.left [5,26) \"2020 people have left\" value=2020 unit=people"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("quantity.have_left \"people have left\": lost to rule quantity.left "
                          "(rules/t.rules:3, longer match)"));
}

TEST(MatcherVetoes, VetoMatchMustBeOnTokenBoundaries) {
  auto rules = Load(kVetoRules);
  ASSERT_NE(rules, nullptr);
  // "in 2020" inside "Berlin 2020" starts inside a word: no veto.
  EXPECT_THAT(Extract(*rules, "Berlin 2020 people have left."),
              ElementsAre("date.year [7,11) \"2020\" value=2020",
                          "quantity.left [7,28) \"2020 people have left\" value=2020 unit=people"));
}

TEST(MatcherVetoes, RemoveParagraphScopedClaimsToo) {
  auto rules = Load(R"(version 1
rule quantity.across
  kind:     quantity
  match:    {n:/\d+/} people left . then
  value:    value=n
  scope:    paragraph
  example:  "5 people left. Then" -> 5

veto quantity.year_is_not_a_count
  removes:  quantity
  match:    since /(?:19|20)\d\d/
  example:  "Since 2020 people left. Then" => removes quantity.across
)");
  ASSERT_NE(rules, nullptr);
  for (bool prefilter : {true, false}) {
    SCOPED_TRACE(prefilter);
    EXPECT_THAT(Extract(*rules, "Since 2020 people left. Then it rained.", std::nullopt, prefilter),
                IsEmpty());
    EXPECT_THAT(Extract(*rules, "By 2020 people left. Then it rained.", std::nullopt, prefilter),
                ElementsAre("quantity.across [3,25) \"2020 people left. Then\" value=2020"));
  }
}

// Regression, fixed: a veto match that fails the token-boundary check makes the veto skip
// to the end of that match, so a valid veto match starting inside it is never
// seen (rules use start + 1 and find it). Here "(in | since)? YEAR" first
// matches "in 2020" inside "Berlin", and the valid "2020" right after is
// skipped: the count survives in "Berlin 2020 people" but not in
// "Paris 2020 people".
TEST(MatcherVetoes, VetoRetriesInsideAMatchThatFailedItsBoundaries) {
  auto rules = Load(R"(version 1
rule quantity.people
  kind:     quantity
  match:    {n:/\d+/} people
  value:    value=n
  example:  "5 people" -> 5

veto quantity.no_years
  removes:  quantity
  match:    (in | since)? /(?:19|20)\d\d/
  example:  "2020 people" => removes quantity.people
)");
  ASSERT_NE(rules, nullptr);
  EXPECT_THAT(Extract(*rules, "Paris 2020 people"), IsEmpty());
  EXPECT_THAT(Extract(*rules, "Berlin 2020 people"), IsEmpty());
}

// --- Value errors and roles -------------------------------------------------------

TEST(MatcherValues, TableKeyMissingIsAValueError) {
  auto rules = Load(R"(version 1
table MONTH
  jan = 1
  feb = 2

rule date.month
  kind:     date
  match:    {m:/[a-z]{3}/} {d:/\d\d/}
  value:    value=date(2023, MONTH[m], d)
  example:  "jan 05" -> 2023-01-05
)");
  ASSERT_NE(rules, nullptr);
  const std::string text = "On jan 05 and xyz 07.";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("date.month [3,9) \"jan 05\" value=2023-01-05"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("date.month \"xyz 07\": value error in value: table MONTH has no key "
                          "\"xyz\""));
}

TEST(MatcherValues, WordsThatSpellNoNumberAreDeclined) {
  auto rules = Load(R"(version 1
table NUMBER_WORD
  one = 1
  twenty = 20

rule quantity.count
  kind:     quantity
  match:    {n:(one twenty | twenty | /\d+/)} boats
  value:    value=number(n, NUMBER_WORD) unit=boats
  example:  "twenty boats" -> 20
)",
                    /*check_examples=*/true);
  ASSERT_NE(rules, nullptr);
  const std::string text = "We saw one twenty boats and 12 boats.";
  WithRejections got = ExtractWithRejections(*rules, text);
  // "one twenty" is no number: the match is declined and the rule searches
  // on, finding "twenty boats" inside it.
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("quantity.count [11,23) \"twenty boats\" value=20 unit=boats",
                          "quantity.count [28,36) \"12 boats\" value=12 unit=boats"));
  ASSERT_THAT(got.rejections, SizeIs(1));
  EXPECT_EQ(got.rejections[0].candidate.rule->id, "quantity.count");
  EXPECT_EQ(got.rejections[0].candidate.match_start, 7u);
  EXPECT_THAT(got.rejections[0].reason, StartsWith("declined: number(): "));
}

TEST(MatcherValues, RolesMustBeKnown) {
  auto rules = Load(R"(version 1
rule quantity.role
  kind:     quantity
  match:    {n:/\d+/} {r:(killed | cheered)}
  value:    value=n role=lower(r)
  example:  "5 killed" -> 5 role=killed
)");
  ASSERT_NE(rules, nullptr);
  const std::string text = "5 killed; 6 cheered";
  WithRejections got = ExtractWithRejections(*rules, text);
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("quantity.role [0,8) \"5 killed\" value=5 role=killed"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("quantity.role \"6 cheered\": role 'cheered' is not one of killed, "
                          "injured, missing, detained, displaced"));
}

TEST(MatcherValues, AValueErrorMatchMakesNoClaimButBlocksShorterOnes) {
  auto rules = Load(R"(version 1
table T
  a = 1

rule entity.long
  kind:     entity
  match:    {k:/[a-z]/} long name
  value:    value=T[k]
  example:  "a long name" -> 1

rule entity.short
  kind:     entity
  match:    name
  example:  "name" -> name
)");
  ASSERT_NE(rules, nullptr);
  const std::string text = "b long name";
  WithRejections got = ExtractWithRejections(*rules, text);
  // Like "February 29, 2022": an invalid whole is not read as a valid part.
  EXPECT_THAT(DescribeAll(text, got.claims), IsEmpty());
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("entity.short \"name\": lost to the invalid match of rule entity.long "
                          "(rules/t.rules:5, longer match)",
                          "entity.long \"b long name\": value error in value: table T has no "
                          "key \"b\""));
  // Apart, the shorter match is a claim.
  EXPECT_THAT(Extract(*rules, "b long. A name"),
              ElementsAre("entity.short [10,14) \"name\" value=name"));
}

TEST(MatcherValues, ADeclinedMatchBlocksNothingAndTheSearchGoesOn) {
  auto rules = Load(R"(version 1
table NOT_A_NAME
  minister = x

rule entity.speaker
  kind:     entity
  match:    {name:/(?-i:\p{Lu}\w+)/ /(?-i:\p{Lu}\w+)/} /(?-i:\p{Lu}\w+)/? said
  value:    value=name(name, NOT_A_NAME)
  span:     name
  example:  "Anna Hakobyan said" -> Anna Hakobyan

rule entity.word
  kind:     entity
  match:    minister
  example:  "the minister" -> minister
)");
  ASSERT_NE(rules, nullptr);
  const std::string text = "Minister Anna Hakobyan said";
  WithRejections got = ExtractWithRejections(*rules, text);
  // "Minister Anna" is declined; the rule then finds "Anna Hakobyan", and
  // the declined match did not block the shorter "Minister".
  EXPECT_THAT(DescribeAll(text, got.claims),
              ElementsAre("entity.word [0,8) \"Minister\" value=Minister",
                          "entity.speaker [9,22) \"Anna Hakobyan\" value=Anna Hakobyan"));
  EXPECT_THAT(DescribeRejections(text, got.rejections),
              ElementsAre("entity.speaker \"Minister Anna Hakobyan said\": declined: \"Minister\" "
                          "is listed in NOT_A_NAME"));
}

// --- Scope ---------------------------------------------------------------------

std::string ScopeRules(std::string_view scope) {
  return StrCat(R"(version 1
rule quantity.across
  kind:     quantity
  match:    ended . {w:then}
  value:    value=w
  scope:    )",
                scope, R"(
  example:  "ended. Then" -> Then
)");
}

TEST(MatcherScope, SentenceScopeNeverCrossesASentence) {
  auto rules = Load(ScopeRules("sentence"), /*check_examples=*/false);
  ASSERT_NE(rules, nullptr);
  EXPECT_THAT(Extract(*rules, "The war ended. Then peace came."), IsEmpty());
  EXPECT_THAT(Extract(*rules, "The war ended. Then peace came.", std::nullopt, false), IsEmpty());
  // Inside one sentence ("ended.then" is not a sentence end) it matches.
  EXPECT_THAT(Extract(*rules, "The war ended.then came peace."),
              ElementsAre("quantity.across [8,18) \"ended.then\" value=then"));
}

TEST(MatcherScope, ParagraphScopeCrossesSentencesButNotParagraphs) {
  auto rules = Load(ScopeRules("paragraph"));
  ASSERT_NE(rules, nullptr);
  const std::string text = "The war ended. Then peace came.\nIt ended.\n\nThen more.";
  for (bool prefilter : {true, false}) {
    SCOPED_TRACE(prefilter);
    EXPECT_THAT(Extract(*rules, text, std::nullopt, prefilter),
                ElementsAre("quantity.across [8,19) \"ended. Then\" value=Then"));
  }
}

TEST(MatcherScope, SentencesAfterTheFirstKeepWholeTextOffsets) {
  auto rules = Load(kCountRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = "First line.\n\n\u201CSecond.\u201D Then four cars came.";
  const size_t at = text.find("four");
  EXPECT_THAT(Extract(*rules, text), ElementsAre(StrCat("quantity.count [", at, ",", at + 9,
                                                        ") \"four cars\" value=4 unit=cars")));
}

// --- Relative dates ------------------------------------------------------------

constexpr char kRelativeRules[] = R"(version 1
test-ref 2023-01-27

table MONTH
  dec. | dec = 12

table WEEKDAY
  thursday = 4

rule date.weekday
  kind:     date
  match:    on {w:@WEEKDAY}
  value:    value=weekday(WEEKDAY[w], past)
  span:     w
  example:  "on Thursday" -> 2023-01-26

rule date.month_day
  kind:     date
  match:    {m:@MONTH} {d:/[0-3]?\d/}
  value:    value=yearless(MONTH[m], d, past)
  example:  "since Dec. 12" -> 2022-12-12

rule date.yesterday
  kind:     date
  match:    yesterday
  value:    value=shift(-1, d)
  example:  "yesterday" -> 2023-01-26
)";

std::string At(std::string_view text, std::string_view what) {
  const size_t at = text.find(what);
  EXPECT_NE(at, std::string_view::npos) << what;
  return StrCat("[", at, ",", at + what.size(), ")");
}

constexpr char kRelativeText[] =
    "Russia on Thursday said the road, blocked since Dec. 12, shut yesterday.";

TEST(MatcherDates, RelativeDatesResolveAgainstTheRef) {
  auto rules = Load(kRelativeRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = kRelativeText;
  EXPECT_THAT(
      Extract(*rules, text, Date("2023-01-27")),
      ElementsAre(
          StrCat("date.weekday [10,18) \"Thursday\" value=2023-01-26"),
          StrCat("date.month_day ", At(text, "Dec. 12"), " \"Dec. 12\" value=2022-12-12"),
          StrCat("date.yesterday ", At(text, "yesterday"), " \"yesterday\" value=2023-01-26")));
  // A ref that is itself a Thursday: "past" includes the day itself.
  EXPECT_THAT(Extract(*rules, "on Thursday", Date("2023-01-26")),
              ElementsAre("date.weekday [3,11) \"Thursday\" value=2023-01-26"));
  // In January, "Dec. 12" leans back into the year before; in December not.
  EXPECT_THAT(Extract(*rules, "Dec. 12", Date("2023-12-20")),
              ElementsAre("date.month_day [0,7) \"Dec. 12\" value=2023-12-12"));
}

TEST(MatcherDates, WithoutARefRelativeDatesStayUnresolved) {
  auto rules = Load(kRelativeRules);
  ASSERT_NE(rules, nullptr);
  const std::string text = kRelativeText;
  const std::vector<std::string> claims = Extract(*rules, text);
  ASSERT_THAT(claims, SizeIs(3));
  EXPECT_EQ(claims[0], "date.weekday [10,18) \"Thursday\" value=XXXX-XX-XX");
  EXPECT_EQ(claims[1],
            StrCat("date.month_day ", At(text, "Dec. 12"), " \"Dec. 12\" value=XXXX-12-12"));
  EXPECT_THAT(claims[2], StartsWith(StrCat("date.yesterday ", At(text, "yesterday"),
                                           " \"yesterday\" value=XXXX")));
}

// --- Prefilter and threads on real articles --------------------------------------

struct ArticleText {
  std::string id;
  std::string body;
  std::optional<CivilDate> date;
};

std::vector<ArticleText> ReadArticles(const std::string& dir) {
  IngestOptions options;
  Corpus corpus = ReadCorpus({dir}, options);
  EXPECT_THAT(corpus.problems, IsEmpty()) << dir;
  std::vector<ArticleText> out;
  for (Article& article : corpus.articles) {
    out.push_back({article.id, std::move(article.body), article.date});
  }
  return out;
}

std::vector<ArticleText> DemoAndSeedArticles() {
  std::vector<ArticleText> articles =
      ReadArticles(std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo");
  EXPECT_GE(articles.size(), 20u);
  if (const std::string seeds = testing::SeedsDir(); !seeds.empty()) {
    std::vector<ArticleText> more = ReadArticles(seeds);
    EXPECT_EQ(more.size(), 5u);
    for (ArticleText& a : more) articles.push_back(std::move(a));
  }
  return articles;
}

// Everything about a claim: rule, span, match, captures and fields.
std::vector<std::string> DescribeAllFully(std::string_view text,
                                          const std::vector<RuleClaim>& claims) {
  std::vector<std::string> out;
  for (const RuleClaim& claim : claims) out.push_back(DescribeFully(text, claim));
  return out;
}

TEST(MatcherPrefilter, SameClaimsWithAndWithoutOnTheDemoCorpusAndSeeds) {
  const RuleSet& rules = ShippedRules();
  ASSERT_FALSE(rules.rules().empty());
  const Matcher matcher(rules);
  size_t total = 0;
  for (const ArticleText& article : DemoAndSeedArticles()) {
    SCOPED_TRACE(article.id);
    for (std::optional<CivilDate> ref : {article.date, std::optional<CivilDate>()}) {
      std::vector<Rejection> with_rejections, without_rejections;
      MatchOptions with;
      with.ref = ref;
      with.rejections = &with_rejections;
      MatchOptions without = with;
      without.use_prefilter = false;
      without.rejections = &without_rejections;
      const std::vector<RuleClaim> a = matcher.Extract(article.body, with);
      const std::vector<RuleClaim> b = matcher.Extract(article.body, without);
      EXPECT_EQ(DescribeAllFully(article.body, a), DescribeAllFully(article.body, b));
      std::vector<std::string> ra, rb;
      for (const Rejection& r : with_rejections) {
        ra.push_back(DescribeFully(article.body, r.candidate) + " / " + r.reason);
      }
      for (const Rejection& r : without_rejections) {
        rb.push_back(DescribeFully(article.body, r.candidate) + " / " + r.reason);
      }
      EXPECT_EQ(ra, rb);
      total += a.size();
    }
  }
  // The corpus says plenty; an empty result on both sides would prove nothing.
  EXPECT_GT(total, 400u);
}

TEST(MatcherPrefilter, SameClaimsWithAParagraphScopedRule) {
  auto rules = Load({{"rules/t.rules", ScopeRules("paragraph")},
                     {"rules/u.rules", kCountRules},
                     {"rules/v.rules", kWeekdayRules}});
  ASSERT_NE(rules, nullptr);
  const Matcher matcher(*rules);
  for (const ArticleText& article : DemoAndSeedArticles()) {
    SCOPED_TRACE(article.id);
    MatchOptions with;
    with.ref = article.date;
    MatchOptions without = with;
    without.use_prefilter = false;
    EXPECT_EQ(DescribeAllFully(article.body, matcher.Extract(article.body, with)),
              DescribeAllFully(article.body, matcher.Extract(article.body, without)));
  }
}

// Forty rules, each guarded by its own word ("alpha0" ... "alpha39"): more
// guards than one prefilter set holds.
std::string ManyGuardedRules() {
  std::string text = "version 1\n";
  for (int i = 0; i < 40; ++i) {
    StrAppend(&text, "\nrule quantity.r", i, "\n  kind:     quantity\n  match:    {n:/\\d+/} alpha",
              i, "\n  value:    value=n\n  example:  \"3 alpha", i, "\" -> 3\n");
  }
  return text;
}

TEST(MatcherPrefilter, EveryGuardIsFoundWhateverSetItIsIn) {
  auto rules = Load(ManyGuardedRules());
  ASSERT_NE(rules, nullptr);
  ASSERT_THAT(rules->prefilter_groups(), SizeIs(1));
  EXPECT_GT(rules->prefilter_groups()[0].sets.size(), 1u);
  for (int i : {0, 31, 32, 39}) {
    const std::string claim = StrCat("7 alpha", i);
    const std::string text = StrCat("Then ", claim, " and 8 beta", i, ".");
    EXPECT_THAT(Extract(*rules, text), ElementsAre(StrCat("quantity.r", i, " [5,", 5 + claim.size(),
                                                          ") \"", claim, "\" value=7")))
        << text;
  }
}

TEST(MatcherThreads, ConcurrentExtractGivesTheSameClaims) {
  const RuleSet& rules = ShippedRules();
  const Matcher matcher(rules);
  const std::vector<ArticleText> articles = DemoAndSeedArticles();
  std::vector<std::vector<std::string>> expected;
  for (const ArticleText& a : articles) {
    MatchOptions options;
    options.ref = a.date;
    expected.push_back(DescribeAllFully(a.body, matcher.Extract(a.body, options)));
  }
  constexpr int kThreads = 4;
  std::vector<std::vector<std::vector<std::string>>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread walks the articles from a different start, several
      // times, so that different articles run at the same time.
      got[t].resize(articles.size());
      for (int round = 0; round < 3; ++round) {
        for (size_t k = 0; k < articles.size(); ++k) {
          const size_t i = (k + t * 7) % articles.size();
          MatchOptions options;
          options.ref = articles[i].date;
          options.use_prefilter = (round + t) % 2 == 0;
          got[t][i] =
              DescribeAllFully(articles[i].body, matcher.Extract(articles[i].body, options));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    for (size_t i = 0; i < articles.size(); ++i) {
      EXPECT_EQ(got[t][i], expected[i]) << "thread " << t << ", " << articles[i].id;
    }
  }
}

}  // namespace
}  // namespace parallax
