// End-to-end: `parallax rules check` and `parallax rules explain`, run as an
// analyst would, on the shipped rules and on small rule sets with mistakes.
#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/rule_set.h"
#include "testing/shipped_rules.h"
#include "testing/test_util.h"
#include "util/strings.h"

namespace parallax {
namespace {

namespace fs = std::filesystem;

using ::parallax::testing::ReadFileOrDie;
using ::parallax::testing::RunParallax;
using ::parallax::testing::ShellQuote;
using ::parallax::testing::TempDir;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

std::string ShippedDir() { return std::string(PARALLAX_SOURCE_DIR) + "/rules"; }

std::string RulesFlag(const std::string& dir) { return StrCat(" --rules ", ShellQuote(dir)); }

// The provenance ("rules/FILE:LINE") of a shipped rule or veto, so that the
// tests follow edits to the rule files.
std::string Provenance(std::string_view id) {
  const RuleSet& rules = ShippedRules();
  for (const CompiledRule& r : rules.rules()) {
    if (r.id == id) return r.provenance;
  }
  for (const CompiledVeto& v : rules.vetoes()) {
    if (v.id == id) return v.provenance;
  }
  ADD_FAILURE() << "no shipped rule " << id;
  return "";
}

// A small rule set of one file, for the tests of how `rules check` reports
// problems: the shipped rules would only make them slower (every run compiles
// and checks hundreds of rules). Written to `dir`/rules; returns its path.
std::string WriteSmallRules(const TempDir& dir) {
  dir.Write("rules/dates.rules", R"(version 1
test-ref 2023-01-27

table MONTH
  january | jan = 1
  may = 5

rule date.month_day_year
  kind:     date
  match:    {m:@MONTH} {d:/\d{1,2}/} ,? {y:/\d{4}/}
  value:    value=date(y, MONTH[m], d)
  example:  "January 27, 2023" -> 2023-01-27
  example:  "on May 5 2021" -> 2021-05-05
  counter:  "January 2023"
)");
  return dir.path() + "/rules";
}

// The 1-based line of `dir`/`file` that contains `needle` (exactly one).
int LineOf(const std::string& path, std::string_view needle) {
  const std::string text = ReadFileOrDie(path);
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  EXPECT_EQ(text.find(needle, at + 1), std::string::npos) << needle << " is there twice";
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// Replaces the one occurrence of `from` in the file with `to`.
void Edit(const TempDir& dir, const std::string& relative, std::string_view from,
          std::string_view to) {
  std::string text = ReadFileOrDie(dir.path() + "/" + relative);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  ASSERT_EQ(text.find(from, at + 1), std::string::npos) << from << " is there twice";
  text.replace(at, from.size(), to);
  dir.Write(relative, text);
}

// How many examples a rule set holds (every one runs in `rules check`),
// counted without running them.
int ExampleCount(const RuleSet& rules) {
  size_t count = 0;
  for (const CompiledRule& r : rules.rules()) count += r.examples.size();
  for (const CompiledVeto& v : rules.vetoes()) count += v.examples.size();
  for (const CompiledFrame& f : rules.frames()) count += f.examples.size();
  for (const CompiledCompare& c : rules.compares()) count += c.examples.size();
  return static_cast<int>(count);
}

// --- rules check --------------------------------------------------------------------

TEST(CliRules, CheckExitsZeroWithASummary) {
  TempDir dir;
  const std::string path = WriteSmallRules(dir);
  RuleSetOptions options;
  options.check_examples = false;
  const RuleSetLoad load = LoadRuleSet(path, options);
  ASSERT_NE(load.rules, nullptr) << load.diagnostics.size() << " diagnostics";
  const RuleSet& rules = *load.rules;
  const int examples = ExampleCount(rules);
  ASSERT_GT(examples, 0);

  auto result = RunParallax("rules check" + RulesFlag(path), dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_THAT(result.out, HasSubstr(StrCat("rule set ", path, ": ", rules.files().size(),
                                           " files, ", rules.digest(), "\n")));
  EXPECT_THAT(result.out, HasSubstr(StrCat("  ", rules.rules().size(), " extraction rules, ",
                                           rules.piece_count(), " pieces, ", rules.tables().size(),
                                           " tables, ")));
  EXPECT_THAT(result.out, HasSubstr(StrCat("  examples: ", examples, " passed, 0 failed\n")));
  EXPECT_THAT(result.out, HasSubstr("  0 warnings\n"));
}

TEST(CliRules, CheckFindsTheRulesFolderOfTheWorkingDirectory) {
  TempDir dir;
  WriteSmallRules(dir);
  auto result = RunParallax("rules check", dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, StartsWith("rule set rules: "));
  EXPECT_THAT(result.out, HasSubstr(" passed, 0 failed"));
}

TEST(CliRules, BrokenExampleIsReportedAtItsLineAndColumn) {
  TempDir dir;
  const std::string rules = WriteSmallRules(dir);
  const std::string example = "\"January 27, 2023\" -> 2023-01-27";
  const int line = LineOf(rules + "/dates.rules", example);
  Edit(dir, "rules/dates.rules", example, "\"January 27, 2023\" -> 2023-01-28");

  auto result = RunParallax("rules check" + RulesFlag(rules), dir.path());
  EXPECT_EQ(result.exit_code, 1);
  // Column 13: the opening quote, after "  example:  ".
  EXPECT_EQ(result.err, StrCat("rules/dates.rules:", line,
                               ":13: error: example failed: \"January 27, 2023\": got "
                               "value=2023-01-27, want value=2023-01-28\n"));
  EXPECT_THAT(result.out, EndsWith(" passed, 1 failed\n"));
  EXPECT_THAT(result.out, HasSubstr(": 1 error, 0 warnings; examples "));
}

TEST(CliRules, CounterExampleThatMatchesIsAnError) {
  TempDir dir;
  const std::string rules = WriteSmallRules(dir);
  const std::string counter = "counter:  \"January 2023\"";
  const int line = LineOf(rules + "/dates.rules", counter);
  Edit(dir, "rules/dates.rules", counter, "counter:  \"on January 5, 2023\"");
  auto result = RunParallax("rules check" + RulesFlag(rules), dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr(StrCat("rules/dates.rules:", line,
                               ":13: error: counter-example produced a claim: \"on January 5, "
                               "2023\" -> value=2023-01-05")));
}

TEST(CliRules, EveryErrorOfAFileIsReported) {
  TempDir dir;
  const std::string rules = WriteSmallRules(dir);
  dir.Write("rules/zz_broken.rules", R"(version 1

rule quantity.bad_kind
  kind:     quantityy
  match:    killed
  example:  "killed" -> killed

rule date.typo
  kind:     date
  match:    {m:@MONHT} {d:/\d+/}
  example:  "May 5" -> May 5

rule date.fields
  kind:     date
  match:    {m:@MONTH} {d:/\d+/}
  value:    value=d colour=red
  span:     q
  example:  "May 5" -> 5
)");
  auto result = RunParallax("rules check" + RulesFlag(rules), dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr("rules/zz_broken.rules:4:13: error: unknown claim kind 'quantityy'; "
                        "expected one of date, duration, quantity, quote, attribution, entity\n"));
  EXPECT_THAT(result.err,
              HasSubstr("rules/zz_broken.rules:10:16: error: unknown piece or table '@MONHT'; "
                        "did you mean '@MONTH'?\n"));
  EXPECT_THAT(result.err, HasSubstr("rules/zz_broken.rules:16:21: error: field 'colour' is not "
                                    "part of this kind of claim"));
  EXPECT_THAT(result.err, HasSubstr("rules/zz_broken.rules:17:13: error: span 'q' is not a capture "
                                    "of this rule's match\n"));
  EXPECT_THAT(result.out, HasSubstr(": 4 errors, 0 warnings; examples not run until the errors "
                                    "are fixed\n"));
}

// Regression, fixed: an error early in a rule hides the rule's other errors, although
// `rules check` promises every error at once. With an unknown kind the
// pattern is never compiled (the unknown piece goes unreported), and with a
// pattern that does not compile, value: and span: are never checked. It was:
// only "unknown claim kind 'quantityy'" for rule quantity.both and only
// "unknown piece or table '@MONHT'" for rule date.all.
TEST(CliRules, EveryErrorOfOneRuleIsReported) {
  TempDir dir;
  dir.Write("rules/t.rules", R"(version 1
table MONTH
  may = 5

rule quantity.both
  kind:     quantityy
  match:    @MONHT
  example:  "may" -> may

rule date.all
  kind:     date
  match:    {m:@MONHT} {d:/\d+/}
  value:    value=date(2023, MONTH[m], d) colour=red
  span:     q
  example:  "May 5" -> 2023-05-05
)");
  auto result = RunParallax("rules check --rules rules", dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("rules/t.rules:6:13: error: unknown claim kind"));
  EXPECT_THAT(result.err, HasSubstr("rules/t.rules:7:13: error: unknown piece or table '@MONHT'"));
  EXPECT_THAT(result.err, HasSubstr("rules/t.rules:12:16: error: unknown piece or table '@MONHT'"));
  EXPECT_THAT(result.err, HasSubstr("rules/t.rules:13:43: error: field 'colour'"));
  EXPECT_THAT(result.err, HasSubstr("rules/t.rules:14:13: error: span 'q'"));
}

TEST(CliRules, CheckOfAMissingFolderFails) {
  TempDir dir;
  auto result = RunParallax("rules check" + RulesFlag(dir.path() + "/nope"), dir.path());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: the rules folder does not exist"));
}

// --- rules explain ------------------------------------------------------------------

constexpr char kToll[] = "At least 200 people were killed on Tuesday.";

TEST(CliRules, ExplainShowsClaimsWithProvenanceAndDroppedMatches) {
  TempDir dir;
  auto result = RunParallax(
      StrCat("rules explain ", ShellQuote(kToll), " --date 2023-09-20", RulesFlag(ShippedDir())),
      dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_THAT(result.out, StartsWith("text: 43 bytes, 1 sentences; publication date 2023-09-20\n"));
  EXPECT_THAT(result.out, HasSubstr("claims (2):\n"));
  EXPECT_THAT(result.out,
              HasSubstr(StrCat("  quantity  [0,31) \"At least 200 people were killed\"  "
                               "value=[200,inf)  role=killed  unit=people  hedge=at_least\n"
                               "      by quantity.casualty (",
                               Provenance("quantity.casualty"), ")\n")));
  EXPECT_THAT(result.out, HasSubstr(StrCat("  date  [35,42) \"Tuesday\"  value=2023-09-19\n"
                                           "      by date.weekday (",
                                           Provenance("date.weekday"), ")\n")));
  EXPECT_THAT(Provenance("date.weekday"), StartsWith("rules/dates.rules:"));
  EXPECT_THAT(result.out,
              HasSubstr(StrCat("  quantity  [0,19) \"At least 200 people\"  value=[200,inf)  "
                               "unit=people  hedge=at_least\n"
                               "      by quantity.count_unit (",
                               Provenance("quantity.count_unit"),
                               ")\n      dropped: lost to rule quantity.casualty (",
                               Provenance("quantity.casualty"), ", longer match)\n")));
  EXPECT_THAT(result.out, HasSubstr("framing terms:\n  none\n"));
}

TEST(CliRules, ExplainWithoutADateLeavesRelativeDatesUnresolved) {
  TempDir dir;
  auto result =
      RunParallax(StrCat("rules explain ", ShellQuote(kToll), RulesFlag(ShippedDir())), dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("publication date unknown\n"));
  EXPECT_THAT(result.out, HasSubstr("  date  [35,42) \"Tuesday\"  value=XXXX-XX-XX\n"));
}

TEST(CliRules, ExplainReadsStandardInput) {
  TempDir dir;
  const std::string input = dir.Write(
      "in.txt",
      "The corridor has been blocked since Dec. 12.\n\nSince 2020 people have left, Russia's "
      "Foreign Ministry said.\n");
  auto result = RunParallax(StrCat("rules explain - --date 2023-01-27", RulesFlag(ShippedDir())),
                            dir.path(), input);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out,
              StartsWith("text: 107 bytes, 2 sentences; publication date 2023-01-27\n"));
  EXPECT_THAT(result.out, HasSubstr("  date  [36,43) \"Dec. 12\"  value=2022-12-12\n"));
  // The year before "people" is vetoed as a count.
  EXPECT_THAT(result.out, HasSubstr(StrCat("      dropped: removed by veto "
                                           "quantity.year_is_not_a_count (",
                                           Provenance("quantity.year_is_not_a_count"), ")\n")));
}

TEST(CliRules, ExplainShowsFramingTerms) {
  TempDir dir;
  auto result =
      RunParallax(StrCat("rules explain ", ShellQuote("Rioters blocked the Artsakh road."),
                         RulesFlag(ShippedDir())),
                  dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("  [0,7) \"Rioters\": frame protest.crowd "
                                    "(rules/lexicons/protest.rules:4), set rioters\n"));
  EXPECT_THAT(result.out, HasSubstr("  [20,27) \"Artsakh\": frame karabakh.name "
                                    "(rules/lexicons/conflict.rules:12), set armenian_name\n"));
  EXPECT_THAT(result.out, HasSubstr("  entity  [20,27) \"Artsakh\"  value=Nagorno-Karabakh  "
                                    "type=place\n"));
}

// Regression, fixed: framing terms are found inside longer words: "mob" in "mobile",
// "freed" in "freedom", "regime" in "regimental" (and "attack" in "attacked"). The
// frame regex has no token-boundary check (unlike rule patterns). It was:
// three terms listed for a sentence with none.
TEST(CliRules, ExplainFramingTermsAreWholeWords) {
  TempDir dir;
  auto result = RunParallax(
      StrCat("rules explain ",
             ShellQuote("Her mobile phone showed freedom riders near the regimental base."),
             RulesFlag(ShippedDir())),
      dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("framing terms:\n  none\n"));
}

TEST(CliRules, NoPrefilterGivesTheSameOutput) {
  TempDir dir;
  // The library test MatcherPrefilter.SameClaimsWithAndWithoutOnTheDemoCorpusAndSeeds covers
  // the whole corpus; here one article checks the flag's wiring.
  const std::string input = std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo/karabakh-meridian.txt";
  const std::string args = StrCat("rules explain - --date 2023-09-20", RulesFlag(ShippedDir()));
  auto with = RunParallax(args, dir.path(), input);
  auto without = RunParallax(args + " --no-prefilter", dir.path(), input);
  ASSERT_EQ(with.exit_code, 0) << with.err;
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_THAT(with.out, HasSubstr(" by "));
  EXPECT_EQ(with.out, without.out);
}

TEST(CliRules, ExplainRunsOnRulesWithFailingExamplesButNotOnBrokenRules) {
  TempDir dir;
  const std::string rules = WriteSmallRules(dir);
  Edit(dir, "rules/dates.rules", "\"on May 5 2021\" -> 2021-05-05",
       "\"on May 5 2021\" -> 1999-01-01");
  auto failing = RunParallax(
      StrCat("rules explain ", ShellQuote("on May 5 2021"), RulesFlag(rules)), dir.path());
  EXPECT_EQ(failing.exit_code, 0) << failing.err;
  EXPECT_THAT(failing.out, HasSubstr("  date  [3,13) \"May 5 2021\"  value=2021-05-05\n"));

  dir.Write("rules/zz.rules",
            "version 1\nrule date.x\n  kind:     date\n  match:    @NOPE\n"
            "  example:  \"x\" -> x\n");
  auto broken = RunParallax(StrCat("rules explain ", ShellQuote("on May 5 2021"), RulesFlag(rules)),
                            dir.path());
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.err, HasSubstr("rules/zz.rules:4:13: error: unknown piece or table '@NOPE'"));
  EXPECT_THAT(broken.err, HasSubstr("do not load; fix the errors above"));
  EXPECT_THAT(broken.out, IsEmpty());
}

// --- Usage errors ---------------------------------------------------------------------

TEST(CliRules, UsageErrorsExitTwo) {
  TempDir dir;
  const std::string rules = RulesFlag(ShippedDir());
  struct Case {
    std::string args;
    std::string message;
  };
  const Case cases[] = {
      {"rules frobnicate" + rules, "unknown rules action 'frobnicate'; expected check or explain"},
      {"rules explain" + rules, "rules explain needs the TEXT to explain"},
      {"rules explain a b" + rules, "rules explain needs the TEXT to explain"},
      {"rules explain x --date 2023-02-30" + rules, "--date: "},
      {"rules explain x --date yesterday" + rules, "--date: "},
      {"rules check extra" + rules, "rules check takes only --rules DIR"},
      {"rules check --no-prefilter" + rules, "rules check takes only --rules DIR"},
      {"rules explain x --colour" + rules, "unknown option '--colour'"},
      {"rules", "Usage:"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    auto result = RunParallax(c.args, dir.path());
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_THAT(result.err, HasSubstr(c.message));
    EXPECT_THAT(result.out, IsEmpty());
  }
}

TEST(CliRules, HelpExitsZero) {
  TempDir dir;
  auto result = RunParallax("rules --help", dir.path());
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, HasSubstr("parallax rules explain TEXT"));
  EXPECT_THAT(result.out, HasSubstr("Exit status:"));
  EXPECT_THAT(result.out, Not(HasSubstr("TODO")));
}

}  // namespace
}  // namespace parallax
