#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/normalizers.h"
#include "util/civil_date.h"

// The build defines it; without it the eval test skips.
#ifndef PARALLAX_SHARED_DIR
#define PARALLAX_SHARED_DIR ""
#endif

namespace parallax {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The build links no shared test helpers here, so the two Status matchers
// live in this file.
MATCHER_P(HasValue, expected, "") {
  if (!arg.ok()) {
    *result_listener << "error: " << arg.status().ToString();
    return false;
  }
  *result_listener << "value: \"" << *arg << "\"";
  return *arg == expected;
}

// Two numbers side by side: NotFound, which declines the match.
MATCHER_P(IsNotOneNumber, message_part, "") {
  if (arg.ok()) {
    *result_listener << "succeeded";
    return false;
  }
  const std::string message(arg.status().message());
  *result_listener << "error: " << arg.status().ToString();
  return arg.status().code() == absl::StatusCode::kNotFound &&
         message.find(message_part) != std::string::npos;
}

MATCHER_P(FailsWith, message_part, "") {
  if (arg.ok()) {
    *result_listener << "succeeded";
    return false;
  }
  const std::string message(arg.status().message());
  *result_listener << "error: " << arg.status().ToString();
  return arg.status().code() == absl::StatusCode::kInvalidArgument &&
         message.find(message_part) != std::string::npos;
}

using Table = std::map<std::pair<std::string, std::string>, std::string>;

const Table& Rows() {
  static const Table* rows = [] {
    auto* t = new Table;
    const char* ones[] = {"zero",     "one",      "two",      "three",   "four",    "five",
                          "six",      "seven",    "eight",    "nine",    "ten",     "eleven",
                          "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                          "eighteen", "nineteen", "twenty"};
    for (int i = 0; i <= 20; ++i) (*t)[{"NUMBER_WORD", ones[i]}] = std::to_string(i);
    const char* tens[] = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (int i = 0; i < 7; ++i) (*t)[{"NUMBER_WORD", tens[i]}] = std::to_string(30 + 10 * i);
    for (const auto& [key, value] :
         std::vector<std::pair<std::string, std::string>>{{"hundred", "*100"},
                                                          {"thousand", "*1000"},
                                                          {"million", "*1000000"},
                                                          {"billion", "*1000000000"},
                                                          {"bn", "*1000000000"},
                                                          {"k", "*1000"},
                                                          {"dozen", "*12"},
                                                          {"a", "1"},
                                                          {"and", "0"},
                                                          {"half", "/2"},
                                                          {"third", "/3"},
                                                          {"thirds", "/3"},
                                                          {"quarter", "/4"},
                                                          {"fifths", "/5"},
                                                          {"point", "."}}) {
      (*t)[{"NUMBER_WORD", key}] = value;
    }
    for (const char* future : {"will", "'ll", "is expected", "be held", "next"}) {
      (*t)[{"TENSE", future}] = "future";
    }
    for (const char* past : {"said", "was", "*ed"}) (*t)[{"TENSE", past}] = "past";
    (*t)[{"BAD_TENSE", "will"}] = "soon";
    (*t)[{"BROKEN", "lots"}] = "many";
    (*t)[{"BROKEN", "none"}] = "*0";
    (*t)[{"PERSON", "president tomas brell"}] = "Tomas Brell";
    (*t)[{"PERSON", "brell"}] = "Tomas Brell";
    for (const char* word : {"the", "ministry", "minister"}) (*t)[{"NOT_A_NAME", word}] = word;
    (*t)[{"PLACE", "new york"}] = "New York";
    return t;
  }();
  return *rows;
}

NormalizerContext Context(std::optional<CivilDate> ref = std::nullopt) {
  NormalizerContext context;
  context.ref = ref;
  context.lookup = [](std::string_view table, std::string_view key) -> const std::string* {
    const auto it = Rows().find({std::string(table), std::string(key)});
    return it == Rows().end() ? nullptr : &it->second;
  };
  context.table =
      [](std::string_view table) -> const absl::flat_hash_map<std::string, std::string>* {
    using Tables =
        std::map<std::string, absl::flat_hash_map<std::string, std::string>, std::less<>>;
    static const Tables* tables = [] {
      auto* t = new Tables;
      for (const auto& [key, value] : Rows()) (*t)[key.first][key.second] = value;
      return t;
    }();
    const auto it = tables->find(table);
    return it == tables->end() ? nullptr : &it->second;
  };
  return context;
}

absl::StatusOr<std::string> Call(std::string_view name, std::vector<std::string> args,
                                 const NormalizerContext& context = Context()) {
  const NormalizerInfo* info = FindNormalizer(name);
  if (info == nullptr) return absl::NotFoundError(std::string(name));
  return info->fn(args, context);
}

absl::StatusOr<std::string> Number(std::string text) {
  return Call("number", {std::move(text), "NUMBER_WORD"});
}

// Friday.
const CivilDate kRef(2023, 1, 27);

// ---------------------------------------------------------------- registry

TEST(NormalizerTable, ListsEveryNormalizerInOrder) {
  EXPECT_THAT(
      NormalizerNames(),
      ElementsAre("number", "interval", "range", "date", "yearless", "shift", "weekday", "duration",
                  "add", "ratio", "div", "intersect", "neg", "lower", "either", "alias", "except",
                  "unless", "ref", "lean", "period", "week", "year", "monthday", "nth_weekday",
                  "quarter", "nth_week", "week_of", "decade", "name"));
  for (std::string_view name : NormalizerNames()) {
    const NormalizerInfo* info = FindNormalizer(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_EQ(info->name, name);
    EXPECT_LE(info->min_args, info->max_args);
    EXPECT_TRUE(info->usage.starts_with(std::string(name) + "(")) << info->usage;
    EXPECT_NE(info->fn, nullptr);
  }
  EXPECT_EQ(FindNormalizer("numbr"), nullptr);
  EXPECT_EQ(FindNormalizer(""), nullptr);
}

TEST(NormalizerTable, ArityAndTableArguments) {
  struct Expected {
    std::string_view name;
    int min, max, table_arg;
  };
  for (const Expected& e : std::vector<Expected>{
           {"number", 1, 2, 1},   {"interval", 2, 3, -1}, {"range", 2, 2, -1},
           {"date", 3, 3, -1},    {"yearless", 3, 4, -1}, {"shift", 2, 3, -1},
           {"weekday", 2, 3, -1}, {"duration", 2, 8, -1}, {"add", 2, 2, -1},
           {"ratio", 2, 2, -1},   {"div", 2, 2, -1},      {"intersect", 2, 2, -1},
           {"neg", 1, 1, -1},     {"lower", 1, 1, -1},    {"alias", 2, 2, 1},
           {"except", 2, 2, 1},   {"unless", 2, 3, 1},    {"ref", 0, 0, -1},
           {"lean", 1, 2, 0},     {"period", 2, 2, -1},   {"week", 1, 2, -1},
           {"year", 1, 1, -1},    {"monthday", 2, 3, -1}, {"nth_weekday", 3, 3, -1},
           {"quarter", 1, 1, -1}, {"nth_week", 2, 2, -1}, {"week_of", 1, 1, -1},
           {"decade", 1, 1, -1},  {"name", 2, 6, 1}}) {
    const NormalizerInfo* info = FindNormalizer(e.name);
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(info->min_args, e.min) << e.name;
    EXPECT_EQ(info->max_args, e.max) << e.name;
    EXPECT_EQ(info->table_arg, e.table_arg) << e.name;
  }
  EXPECT_EQ(FindNormalizer("number")->usage, "number(TEXT[, WORD_TABLE])");
}

TEST(NormalizerTable, WrongArgumentCountsAreErrors) {
  EXPECT_THAT(Call("number", {}), FailsWith("number(): expected 1 to 2 arguments "
                                            "(number(TEXT[, WORD_TABLE])), got 0"));
  EXPECT_THAT(Call("neg", {"1", "2"}), FailsWith("neg(): expected 1 argument (neg(N)), got 2"));
  EXPECT_THAT(Call("ref", {"x"}), FailsWith("ref(): expected 0 arguments (ref()), got 1"));
  EXPECT_THAT(Call("date", {"2023", "1"}), FailsWith("date(): expected 3 arguments"));
  EXPECT_THAT(Call("interval", {"exact", "1", "2", "3"}),
              FailsWith("interval(): expected 2 to 3 arguments"));
  for (std::string_view name : NormalizerNames()) {
    const NormalizerInfo* info = FindNormalizer(name);
    std::vector<std::string> too_many(info->max_args + 1, "1");
    EXPECT_THAT(info->fn(too_many, Context(kRef)), FailsWith(std::string(name) + "(): expected"));
  }
}

// ------------------------------------------------------------------ number

TEST(NumberNormalizer, Digits) {
  EXPECT_THAT(Call("number", {"43"}), HasValue("43"));
  EXPECT_THAT(Call("number", {"6,500"}), HasValue("6500"));
  EXPECT_THAT(Call("number", {"1,234,567"}), HasValue("1234567"));
  EXPECT_THAT(Call("number", {"4.2"}), HasValue("4.2"));
  EXPECT_THAT(Call("number", {"0.25"}), HasValue("0.25"));
  EXPECT_THAT(Call("number", {".77"}), HasValue("0.77"));
  EXPECT_THAT(Call("number", {"0033"}), HasValue("33"));
  EXPECT_THAT(Call("number", {"100,000.0"}), HasValue("100000"));
  EXPECT_THAT(Call("number", {"4200000000"}), HasValue("4200000000"));
  EXPECT_THAT(Call("number", {"  212 "}), HasValue("212"));
  EXPECT_THAT(Call("number", {"43", ""}), HasValue("43"));  // table capture absent
}

TEST(NumberNormalizer, TypographicSeparatorsAndSigns) {
  EXPECT_THAT(Call("number", {"6\xC2\xA0"
                              "500"}),
              HasValue("6500"));  // U+00A0
  EXPECT_THAT(Call("number", {"1\xE2\x80\x89"
                              "234\xE2\x80\x89"
                              "567"}),  // U+2009
              HasValue("1234567"));
  EXPECT_THAT(Call("number", {"12\xE2\x80\xAF"
                              "000"}),
              HasValue("12000"));  // U+202F
  EXPECT_THAT(Call("number", {"-504"}), HasValue("-504"));
  EXPECT_THAT(Call("number", {"- 1,200,000"}), HasValue("-1200000"));
  EXPECT_THAT(Call("number", {"\xE2\x88\x92"
                              "3.5"}),
              HasValue("-3.5"));  // U+2212
}

TEST(NumberNormalizer, Words) {
  EXPECT_THAT(Number("forty-three"), HasValue("43"));
  EXPECT_THAT(Number("Forty-Three"), HasValue("43"));
  EXPECT_THAT(Number("one hundred and fifty"), HasValue("150"));
  EXPECT_THAT(Number("two dozen"), HasValue("24"));
  EXPECT_THAT(Number("a dozen"), HasValue("12"));
  EXPECT_THAT(Number("1.5 million"), HasValue("1500000"));
  EXPECT_THAT(Number("6.5k"), HasValue("6500"));
  EXPECT_THAT(Number("4.2bn"), HasValue("4200000000"));
  EXPECT_THAT(Number("100K"), HasValue("100000"));
  EXPECT_THAT(Number("three hundred thousand"), HasValue("300000"));
  EXPECT_THAT(Number("a hundred and fifty thousand"), HasValue("150000"));
  EXPECT_THAT(Number("twenty-one thousand eleven"), HasValue("21011"));
  EXPECT_THAT(Number("seven hundred twenty-one thousand and twelve"), HasValue("721012"));
  EXPECT_THAT(Number("two million three hundred thousand"), HasValue("2300000"));
  EXPECT_THAT(Number("two hundred dozen"), HasValue("2400"));
  EXPECT_THAT(Number("thousand"), HasValue("1000"));
  EXPECT_THAT(Number("zero"), HasValue("0"));
  EXPECT_THAT(Number("0k"), HasValue("0"));
  EXPECT_THAT(Number("k"), HasValue("1000"));
  EXPECT_THAT(Number("6,500 million"), HasValue("6500000000"));
  EXPECT_THAT(Number("two thousand million"), HasValue("2000000000"));  // a larger scale scales
  EXPECT_THAT(Number("one\xC2\xA0hundred"), HasValue("100"));     // no-break space between words
  EXPECT_THAT(Number("forty\xE2\x80\x91three"), HasValue("43"));  // U+2011 hyphen
}

TEST(NumberNormalizer, IndianGrouping) {
  EXPECT_THAT(Call("number", {"12,34,567.89"}), HasValue("1234567.89"));
  EXPECT_THAT(Call("number", {"1,00,000"}), HasValue("100000"));
  EXPECT_THAT(Call("number", {"1,23,45,678"}), HasValue("12345678"));
}

TEST(NumberNormalizer, Errors) {
  EXPECT_THAT(Number("fourty"),
              FailsWith("number(): \"fourty\" is neither digits nor a word in table NUMBER_WORD"));
  EXPECT_THAT(Number("fourty-two"), FailsWith("\"fourty\" (in \"fourty-two\") is neither digits"));
  EXPECT_THAT(Call("number", {"forty"}),
              FailsWith("number(): \"forty\" is not digits, and no word table was given"));
  EXPECT_THAT(Call("number", {""}), FailsWith("number(): TEXT is empty"));
  EXPECT_THAT(Call("number", {"   "}), FailsWith("number(): TEXT is empty"));
  EXPECT_THAT(Number("$4.2bn"), FailsWith("\"$4.2bn\" is neither digits"));
  EXPECT_THAT(Number("45%"), FailsWith("\"%\" (in \"45%\") is neither digits"));
  EXPECT_THAT(Call("number", {"6,50"}), FailsWith("\"6,50\" has a misplaced thousands separator"));
  EXPECT_THAT(Call("number", {"1234,567"}), FailsWith("misplaced thousands separator"));
  EXPECT_THAT(Call("number", {"123,45,678"}), FailsWith("misplaced thousands separator"));
  EXPECT_THAT(Call("number", {"12,34,5678"}), FailsWith("misplaced thousands separator"));
  EXPECT_THAT(Call("number", {"1.2.3"}), FailsWith("\"1.2.3\" is not a well-formed number"));
  EXPECT_THAT(Number("-one"), FailsWith("\"-one\" has a hyphen that does not join two words"));
  EXPECT_THAT(Number("forty-"), FailsWith("has a hyphen that does not join two words"));
  EXPECT_THAT(Number("forty - "), FailsWith("has a hyphen that does not join two words"));
  EXPECT_THAT(Number("one twenty two"),
              IsNotOneNumber("\"one twenty two\": \"twenty\" cannot follow \"one\" in a number"));
  EXPECT_THAT(Number("five six"), IsNotOneNumber("\"six\" cannot follow \"five\""));
  EXPECT_THAT(Call("number", {"6 50"}), IsNotOneNumber("\"50\" cannot follow \"6\""));
  EXPECT_THAT(Number("million thousand"), IsNotOneNumber("\"thousand\" cannot follow \"million\""));
  EXPECT_THAT(Number("two million three thousand million"),
              IsNotOneNumber("\"million\" cannot follow \"thousand\""));
  EXPECT_THAT(Number("two thousand three thousand"),
              IsNotOneNumber("\"thousand\" cannot follow \"thousand\""));
  EXPECT_THAT(Call("number", {"lots", "BROKEN"}),
              FailsWith("number(): table BROKEN maps \"lots\" to \"many\", which is neither a "
                        "number nor a multiplier"));
  EXPECT_THAT(Call("number", {"none", "BROKEN"}), FailsWith("maps \"none\" to \"*0\""));
  NormalizerContext no_tables;
  EXPECT_THAT(Call("number", {"forty", "NUMBER_WORD"}, no_tables),
              FailsWith("\"forty\" is neither digits nor a word in table NUMBER_WORD"));
}

TEST(NumberNormalizer, Fractions) {
  EXPECT_THAT(Number("two thirds"), HasValue("0.66666666666667"));
  EXPECT_THAT(Number("a half"), HasValue("0.5"));
  EXPECT_THAT(Number("half"), HasValue("0.5"));
  EXPECT_THAT(Number("one-third"), HasValue("0.33333333333333"));
  EXPECT_THAT(Number("twenty-three fifths"), HasValue("4.6"));
  EXPECT_THAT(Number("twenty and three fifths"), HasValue("20.6"));
  EXPECT_THAT(Number("one and a half"), HasValue("1.5"));
  EXPECT_THAT(Number("one hundred and a quarter"), HasValue("100.25"));
  EXPECT_THAT(Number("one hundred and thirty fifths"), HasValue("26"));
  EXPECT_THAT(Number("one hundred and thirty-two fifths"), HasValue("26.4"));
  EXPECT_THAT(Number("one hundred and thirty and two fifths"), HasValue("130.4"));
  EXPECT_THAT(Number("one hundred and three fifths"), HasValue("100.6"));
  EXPECT_THAT(Number("half a million"), HasValue("500000"));
  EXPECT_THAT(Number("half a dozen"), HasValue("6"));
  EXPECT_THAT(Number("two and a half million"), HasValue("2500000"));
  EXPECT_THAT(Number("two million and a half"), HasValue("2500000"));
  EXPECT_THAT(Number("a billion and a quarter million"), HasValue("1000250000"));
  EXPECT_THAT(Call("number", {"3/4"}), HasValue("0.75"));
  EXPECT_THAT(Call("number", {"2 1/4"}), HasValue("2.25"));
  EXPECT_THAT(Call("number", {"-4/5"}), HasValue("-0.8"));
  EXPECT_THAT(Call("number", {"1/0"}), FailsWith("\"1/0\" divides by 0"));
  EXPECT_THAT(Number("two thirds three"), IsNotOneNumber("\"three\" cannot follow \"thirds\""));
}

TEST(NumberNormalizer, SpelledDecimals) {
  EXPECT_THAT(Number("two point two million"), HasValue("2200000"));
  EXPECT_THAT(Number("zero point zero three"), HasValue("0.03"));
  EXPECT_THAT(Number("two hundred point seventy-one"), HasValue("200.71"));
  EXPECT_THAT(Number("nine point eleven"), HasValue("9.11"));
  EXPECT_THAT(Number("1 point 05"), HasValue("1.05"));
  EXPECT_THAT(Number("two point"), FailsWith("has no digits after its decimal point"));
  EXPECT_THAT(Number("two point a half"), FailsWith("\"half\" cannot follow a decimal point"));
}

TEST(NumberNormalizer, SpacesPowersAndSpacedHyphens) {
  EXPECT_THAT(Call("number", {"40 000"}), HasValue("40000"));
  EXPECT_THAT(Call("number", {"1 234 567.89"}), HasValue("1234567.89"));
  EXPECT_THAT(Number("fifty - two"), HasValue("52"));
  EXPECT_THAT(Call("number", {"1.3e6"}), HasValue("1300000"));
  EXPECT_THAT(Call("number", {"-12e-1"}), HasValue("-1.2"));
  EXPECT_THAT(Call("number", {"1.3x10^6"}), HasValue("1300000"));
  EXPECT_THAT(Call("number", {"2.5^-1"}), HasValue("0.4"));
  EXPECT_THAT(Call("number", {"-2500^--1"}), HasValue("-2500"));
}

TEST(NumberNormalizer, TwoNumbersSideBySideAreNotFound) {
  // NotFound declines the match, so the numbers inside it stand.
  EXPECT_EQ(Number("five six").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Number("3 hundred and 2 hundred").status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(Number("a dozen hundred"), HasValue("1200"));
  EXPECT_EQ(Number("fourty").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(RatioNormalizer, AShareOfTheWhole) {
  EXPECT_THAT(Call("ratio", {"1", "5"}), HasValue("0.2"));
  EXPECT_THAT(Call("ratio", {"2", "2"}), HasValue("1"));
  EXPECT_EQ(Call("ratio", {"12", "10"}).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Call("ratio", {"1", "0"}).status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(Call("ratio", {"one", "5"}), FailsWith("ratio(): A \"one\" is not a number"));
}

TEST(DivNormalizer, AFractionThatMayExceedOne) {
  EXPECT_THAT(Call("div", {"3", "21"}), HasValue("0.14285714285714"));
  EXPECT_THAT(Call("div", {"100", "35"}), HasValue("2.85714285714286"));
  EXPECT_THAT(Call("div", {"-1", "20"}), HasValue("-0.05"));
  EXPECT_THAT(Call("div", {"1", "0"}), FailsWith("div(): B \"0\" is 0; cannot divide by zero"));
  EXPECT_THAT(Call("div", {"one", "5"}), FailsWith("div(): A \"one\" is not a number"));
}

TEST(IntersectNormalizer, BothBoundsAtOnce) {
  EXPECT_THAT(Call("intersect", {"(10,inf)", "[0,20)"}), HasValue("(10,20)"));
  EXPECT_THAT(Call("intersect", {"[0,50]", "[20,inf)"}), HasValue("[20,50]"));
  EXPECT_THAT(Call("intersect", {"[0,20]", "(0,30)"}), HasValue("(0,20]"));
  // Disjoint, or one inside the other: two claims, not one.
  EXPECT_EQ(Call("intersect", {"(40,inf)", "[0,10)"}).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Call("intersect", {"(20,inf)", "(170,inf)"}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(Call("intersect", {"[1,2", "[0,1]"}), FailsWith("expected an interval"));
}

TEST(NormalizersParseNumberText, ReturnsTheValue) {
  const NormalizerContext context = Context();
  const absl::StatusOr<double> value = ParseNumberText("1.5 million", "NUMBER_WORD", context);
  ASSERT_TRUE(value.ok()) << value.status();
  EXPECT_EQ(*value, 1500000);
  EXPECT_FALSE(ParseNumberText("many", "NUMBER_WORD", context).ok());
}

TEST(NormalizersFormatNumber, CanonicalDecimals) {
  EXPECT_EQ(FormatNumber(43), "43");
  EXPECT_EQ(FormatNumber(4200000000.0), "4200000000");
  EXPECT_EQ(FormatNumber(4.2 * 1e9), "4200000000");
  EXPECT_EQ(FormatNumber(1.5), "1.5");
  EXPECT_EQ(FormatNumber(0.25), "0.25");
  EXPECT_EQ(FormatNumber(0.1 + 0.2), "0.3");
  EXPECT_EQ(FormatNumber(-2), "-2");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(123456789012345678.0), "123456789012345680");
  EXPECT_EQ(FormatNumber(9e17), "900000000000000000");
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(FormatNumber(-std::numeric_limits<double>::infinity()), "-inf");
}

// Spells 0..999,999,999 in English, with the variations news text uses.
std::string Spell(int64_t n, std::mt19937* rng) {
  static const char* ones[] = {"zero",    "one",     "two",       "three",    "four",
                               "five",    "six",     "seven",     "eight",    "nine",
                               "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                               "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static const char* tens[] = {"",      "",      "twenty",  "thirty", "forty",
                               "fifty", "sixty", "seventy", "eighty", "ninety"};
  auto coin = [rng] { return std::uniform_int_distribution<int>(0, 1)(*rng) == 1; };
  auto under_hundred = [&](int v) {
    if (v < 20) return std::string(ones[v]);
    std::string out = tens[v / 10];
    if (v % 10 != 0) out += (coin() ? "-" : " ") + std::string(ones[v % 10]);
    return out;
  };
  auto under_thousand = [&](int v) {
    std::string out;
    if (v >= 100) {
      out = (v / 100 == 1 && coin() ? "a" : ones[v / 100]) + std::string(" hundred");
      if (v % 100 != 0) out += (coin() ? " and " : " ") + under_hundred(v % 100);
      return out;
    }
    return under_hundred(v);
  };
  if (n == 0) return "zero";
  std::string out;
  const std::pair<int64_t, const char*> groups[] = {{1000000, "million"}, {1000, "thousand"}};
  for (const auto& [scale, word] : groups) {
    if (n >= scale) {
      if (!out.empty()) out += " ";
      out += under_thousand(static_cast<int>(n / scale)) + " " + word;
      n %= scale;
    }
  }
  if (n > 0) {
    if (!out.empty()) out += n < 100 && coin() ? " and " : " ";
    out += under_thousand(static_cast<int>(n));
  }
  return out;
}

TEST(NumberNormalizer, PropertySpelledIntegersRoundTrip) {
  std::mt19937 rng(20230127);
  std::uniform_int_distribution<int64_t> any(0, 999999999);
  std::uniform_int_distribution<int64_t> small(0, 1000);
  for (int i = 0; i < 3000; ++i) {
    const int64_t n = i % 3 == 0 ? small(rng) : any(rng);
    const std::string words = Spell(n, &rng);
    EXPECT_THAT(Number(words), HasValue(std::to_string(n))) << words;
  }
}

// Reads Duckling's English numeral corpus (BSD, see eval/README.md) and
// scores number() on the rows made only of digits and NUMBER_WORD words.
TEST(NumberNormalizer, DucklingNumeralAccuracy) {
  const std::string path = std::string(PARALLAX_SHARED_DIR) + "/eval/duckling/numeral_en.tsv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no " << path;
  // A row qualifies when every piece (split on spaces and hyphens, with a
  // digit run split from letters after it) is digits or a table word.
  auto covered = [](const std::string& text) {
    std::string lower;
    for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    for (char& c : lower) {
      if (c == '-') c = ' ';
    }
    std::istringstream words(lower);
    std::string word;
    bool any = false;
    while (words >> word) {
      size_t digits = 0;
      while (digits < word.size() && (std::isdigit(static_cast<unsigned char>(word[digits])) ||
                                      word[digits] == '.' || word[digits] == ',')) {
        ++digits;
      }
      const std::string rest = word.substr(digits);
      if (digits == 0 && !Rows().contains({"NUMBER_WORD", rest})) return false;
      if (digits > 0 && !rest.empty() && !Rows().contains({"NUMBER_WORD", rest})) return false;
      any = true;
    }
    return any;
  };
  std::string line;
  std::getline(in, line);
  ASSERT_TRUE(line.starts_with("text\texpected_value")) << line;
  int rows = 0, scored = 0, right = 0;
  std::vector<std::string> misses;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++rows;
    std::istringstream fields(line);
    std::string text, expected;
    std::getline(fields, text, '\t');
    std::getline(fields, expected, '\t');
    if (!covered(text)) continue;
    ++scored;
    const absl::StatusOr<std::string> got = Number(text);
    if (got.ok() && std::fabs(std::stod(*got) - std::stod(expected)) < 1e-9) {
      ++right;
    } else {
      misses.push_back(text + " -> " + (got.ok() ? *got : std::string(got.status().message())));
    }
  }
  const double accuracy = scored == 0 ? 0 : static_cast<double>(right) / scored;
  std::printf("duckling numeral_en: %d/%d covered rows right (%.1f%%), %d of %d rows covered\n",
              right, scored, 100 * accuracy, scored, rows);
  for (const std::string& miss : misses) std::printf("  miss: %s\n", miss.c_str());
  EXPECT_GE(scored, 50);
  EXPECT_GE(accuracy, 0.95);
}

// ---------------------------------------------------------------- interval

TEST(IntervalNormalizer, Hedges) {
  EXPECT_THAT(Call("interval", {"", "43"}), HasValue("[43,43]"));
  EXPECT_THAT(Call("interval", {"exact", "212"}), HasValue("[212,212]"));
  EXPECT_THAT(Call("interval", {"at_least", "6500"}), HasValue("[6500,inf)"));
  EXPECT_THAT(Call("interval", {"more_than", "6500"}), HasValue("(6500,inf)"));
  EXPECT_THAT(Call("interval", {"at_most", "10"}), HasValue("[0,10]"));
  EXPECT_THAT(Call("interval", {"up_to", "10"}), HasValue("[0,10]"));
  EXPECT_THAT(Call("interval", {"less_than", "10"}), HasValue("[0,10)"));
  EXPECT_THAT(Call("interval", {"about", "150"}), HasValue("[135,165]"));
  EXPECT_THAT(Call("interval", {"about", "5"}), HasValue("[4,6]"));
  EXPECT_THAT(Call("interval", {"about", "155"}), HasValue("[139,171]"));
  EXPECT_THAT(Call("interval", {"about", "1.5"}), HasValue("[1.35,1.65]"));
  EXPECT_THAT(Call("interval", {"about", "4200000000"}), HasValue("[3780000000,4620000000]"));
  EXPECT_THAT(Call("interval", {"about", "0"}), HasValue("[0,0]"));
  EXPECT_THAT(Call("interval", {"nearly", "150"}), HasValue("[135,150)"));
  EXPECT_THAT(Call("interval", {"nearly", "2.5"}), HasValue("[2.25,2.5)"));
  EXPECT_THAT(Call("interval", {"between", "20", "30"}), HasValue("[20,30]"));
  EXPECT_THAT(Call("interval", {"between", "20", "20"}), HasValue("[20,20]"));
  EXPECT_THAT(Call("interval", {"exact", "43", ""}), HasValue("[43,43]"));
}

TEST(IntervalNormalizer, NegativeValues) {
  EXPECT_THAT(Call("interval", {"", "-5"}), HasValue("[-5,-5]"));
  EXPECT_THAT(Call("interval", {"at_most", "-5"}), HasValue("(-inf,-5]"));
  EXPECT_THAT(Call("interval", {"less_than", "-5"}), HasValue("(-inf,-5)"));
  EXPECT_THAT(Call("interval", {"about", "-10"}), HasValue("[-11,-9]"));
  EXPECT_THAT(Call("interval", {"nearly", "-10"}), HasValue("(-10,-9]"));
}

TEST(IntervalNormalizer, Errors) {
  EXPECT_THAT(Call("interval", {"roughly", "5"}),
              FailsWith("interval(): unknown hedge \"roughly\"; expected one of \"\" or exact, "
                        "at_least, more_than, at_most, up_to, less_than, about, nearly, between"));
  EXPECT_THAT(Call("interval", {"between", "5"}), FailsWith("interval(): hedge between needs N2"));
  EXPECT_THAT(Call("interval", {"between", "5", ""}), FailsWith("hedge between needs N2"));
  EXPECT_EQ(Call("interval", {"between", "30", "20"}).status().code(),
            absl::StatusCode::kNotFound);  // a score, "30 to 20": two numbers
  EXPECT_THAT(Call("interval", {"about", "five"}),
              FailsWith("interval(): N \"five\" is not a number"));
  EXPECT_THAT(Call("interval", {"about", ""}), FailsWith("interval(): N \"\" is not a number"));
  EXPECT_THAT(Call("interval", {"between", "5", "x"}),
              FailsWith("interval(): N2 \"x\" is not a number"));
  EXPECT_THAT(Call("interval", {"about", "5", "7"}),
              FailsWith("interval(): N2 \"7\" only applies to hedge between, not \"about\""));
}

TEST(RangeNormalizer, ClosedAndOpen) {
  EXPECT_THAT(Call("range", {"24", "99"}), HasValue("[24,99]"));
  EXPECT_THAT(Call("range", {"200", "999"}), HasValue("[200,999]"));
  EXPECT_THAT(Call("range", {"1000", "inf"}), HasValue("[1000,inf)"));
  EXPECT_THAT(Call("range", {"0024", "99.0"}), HasValue("[24,99]"));
  EXPECT_THAT(Call("range", {"x", "9"}), FailsWith("range(): LOW \"x\" is not a number"));
  EXPECT_THAT(Call("range", {"1", ""}), FailsWith("range(): HIGH \"\" is not a number"));
  EXPECT_THAT(Call("range", {"99", "24"}), FailsWith("range(): HIGH \"24\" is below LOW \"99\""));
}

// ------------------------------------------------------- interval helpers

TEST(NormalizersInterval, FormatAndParse) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(FormatInterval({6500, kInf, false, true}), "[6500,inf)");
  EXPECT_EQ(FormatInterval({6500, kInf, true, false}), "(6500,inf)");  // inf prints open
  EXPECT_EQ(FormatInterval({-kInf, 0, false, false}), "(-inf,0]");
  EXPECT_EQ(FormatInterval({1.35, 1.65, false, true}), "[1.35,1.65)");
  const absl::StatusOr<Interval> parsed = ParseInterval("(6500,inf)");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->low, 6500);
  EXPECT_TRUE(parsed->low_open);
  EXPECT_TRUE(std::isinf(parsed->high));
  EXPECT_TRUE(parsed->high_open);
  EXPECT_TRUE(ParseInterval("(-inf,-2.5]").ok());
}

TEST(NormalizersInterval, ParseErrors) {
  for (const char* bad : {"", "6500", "[1,2", "1,2]", "[1;2]", "[1,2,3]", "[inf,2]", "[1,-inf)",
                          "[1,inf]", "[-inf,1]", "[5,4]", "[a,4]", "[1,b]", "[1e3,5]"}) {
    EXPECT_FALSE(ParseInterval(bad).ok()) << bad;
  }
  EXPECT_THAT(ParseInterval("[5,4]"), FailsWith("the low end is above the high end"));
  EXPECT_THAT(ParseInterval("[1,inf]"), FailsWith("an infinite end must be open"));
  EXPECT_THAT(ParseInterval("[1;2]"), FailsWith("it needs exactly one comma"));
  EXPECT_THAT(ParseInterval("x"), FailsWith("expected an interval such as"));
}

TEST(NormalizersInterval, OverlapsRespectsOpenEnds) {
  auto parse = [](std::string_view text) { return *ParseInterval(text); };
  EXPECT_TRUE(Overlaps(parse("[0,5]"), parse("[5,9]")));
  EXPECT_FALSE(Overlaps(parse("[0,5)"), parse("[5,9]")));
  EXPECT_FALSE(Overlaps(parse("[0,5]"), parse("(5,9]")));
  EXPECT_TRUE(Overlaps(parse("[135,165]"), parse("[150,150]")));
  EXPECT_FALSE(Overlaps(parse("[212,212]"), parse("[135,165]")));
  EXPECT_TRUE(Overlaps(parse("(6500,inf)"), parse("[7000,7000]")));
  EXPECT_FALSE(Overlaps(parse("(6500,inf)"), parse("[6500,6500]")));
  EXPECT_TRUE(Overlaps(parse("[6500,inf)"), parse("[6500,6500]")));
  EXPECT_TRUE(Overlaps(parse("(-inf,0]"), parse("[0,inf)")));
  EXPECT_FALSE(Overlaps(parse("[0,0)"), parse("[0,0]")));
}

TEST(NormalizersInterval, PropertyRoundTripAndSymmetry) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> value(-50, 50);
  std::uniform_int_distribution<int> coin(0, 1);
  std::uniform_int_distribution<int> kind(0, 9);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  auto random_interval = [&] {
    double a = value(rng) / (coin(rng) ? 4.0 : 1.0);
    double b = value(rng) / (coin(rng) ? 4.0 : 1.0);
    if (a > b) std::swap(a, b);
    Interval interval{a, b, coin(rng) == 1, coin(rng) == 1};
    if (kind(rng) == 0) interval.low = -kInf;
    if (kind(rng) == 0) interval.high = kInf;
    if (std::isinf(interval.low)) interval.low_open = true;
    if (std::isinf(interval.high)) interval.high_open = true;
    return interval;
  };
  for (int i = 0; i < 2000; ++i) {
    const Interval a = random_interval();
    const Interval b = random_interval();
    const std::string text = FormatInterval(a);
    const absl::StatusOr<Interval> back = ParseInterval(text);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status();
    EXPECT_EQ(back->low, a.low) << text;
    EXPECT_EQ(back->high, a.high) << text;
    EXPECT_EQ(back->low_open, a.low_open) << text;
    EXPECT_EQ(back->high_open, a.high_open) << text;
    EXPECT_EQ(FormatInterval(*back), text);
    EXPECT_EQ(Overlaps(a, b), Overlaps(b, a)) << text << " " << FormatInterval(b);
    // An overlap means some point lies in both; check on a fine grid.
    bool shared = false;
    for (int k = -1000; k <= 1000 && !shared; ++k) {
      const double x = k / 16.0;
      auto in = [x](const Interval& v) {
        return (v.low_open ? x > v.low : x >= v.low) && (v.high_open ? x < v.high : x <= v.high);
      };
      shared = in(a) && in(b);
    }
    EXPECT_EQ(Overlaps(a, b), shared) << text << " " << FormatInterval(b);
  }
}

// -------------------------------------------------------------------- date

TEST(DateNormalizer, FullAndPartialDates) {
  EXPECT_THAT(Call("date", {"2023", "1", "27"}), HasValue("2023-01-27"));
  EXPECT_THAT(Call("date", {"2023", "01", "7"}), HasValue("2023-01-07"));
  EXPECT_THAT(Call("date", {"", "1", "27"}), HasValue("XXXX-01-27"));
  EXPECT_THAT(Call("date", {"2023", "1", ""}), HasValue("2023-01"));
  EXPECT_THAT(Call("date", {"2023", "", ""}), HasValue("2023"));
  EXPECT_THAT(Call("date", {"", "12", ""}), HasValue("XXXX-12"));
  EXPECT_THAT(Call("date", {"2024", "2", "29"}), HasValue("2024-02-29"));
  EXPECT_THAT(Call("date", {"", "2", "29"}), HasValue("XXXX-02-29"));
}

TEST(DateNormalizer, Errors) {
  EXPECT_THAT(Call("date", {"2023", "2", "30"}),
              FailsWith("date(): DAY \"30\" does not exist in month 2 of 2023"));
  EXPECT_THAT(Call("date", {"2023", "2", "29"}), FailsWith("does not exist in month 2 of 2023"));
  EXPECT_THAT(Call("date", {"", "4", "31"}), FailsWith("DAY \"31\" does not exist in month 4"));
  EXPECT_THAT(Call("date", {"2023", "1", "32"}),
              FailsWith("date(): DAY \"32\" is not a day number; expected 1 to 31"));
  EXPECT_THAT(Call("date", {"2023", "1", "0"}), FailsWith("DAY \"0\" is not a day number"));
  EXPECT_THAT(Call("date", {"2023", "13", "1"}),
              FailsWith("date(): MONTH \"13\" is not a month number; expected 1 to 12"));
  EXPECT_THAT(Call("date", {"2023", "March", "1"}), FailsWith("MONTH \"March\" is not a month"));
  EXPECT_THAT(Call("date", {"23", "1", "1"}),
              FailsWith("date(): YEAR \"23\" is not a year; expected 4 digits, 1000 to 2999"));
  EXPECT_THAT(Call("date", {"3023", "1", "1"}), FailsWith("YEAR \"3023\" is not a year"));
  EXPECT_THAT(Call("date", {"2023", "", "5"}), FailsWith("date(): DAY \"5\" without a MONTH"));
  EXPECT_THAT(Call("date", {"", "", ""}), FailsWith("date(): YEAR and MONTH are both empty"));
}

TEST(YearlessNormalizer, LeansAgainstTheRefDate) {
  const NormalizerContext jan5 = Context(CivilDate(2023, 1, 5));
  EXPECT_THAT(Call("yearless", {"12", "12", "past"}, jan5), HasValue("2022-12-12"));
  EXPECT_THAT(Call("yearless", {"12", "12", "future"}, jan5), HasValue("2023-12-12"));
  EXPECT_THAT(Call("yearless", {"12", "12", "nearest"}, jan5), HasValue("2022-12-12"));
  EXPECT_THAT(Call("yearless", {"1", "5", "past"}, jan5), HasValue("2023-01-05"));
  EXPECT_THAT(Call("yearless", {"1", "5", "future"}, jan5), HasValue("2023-01-05"));
  EXPECT_THAT(Call("yearless", {"3", "", "future"}, jan5), HasValue("2023-03"));
  EXPECT_THAT(Call("yearless", {"3", "", "past"}, jan5), HasValue("2022-03"));
  EXPECT_THAT(Call("yearless", {"1", "", "past"}, jan5), HasValue("2023-01"));
  EXPECT_THAT(Call("yearless", {"1", "", "future"}, jan5), HasValue("2023-01"));
  EXPECT_THAT(Call("yearless", {"3", "", "nearest"}, jan5), HasValue("2023-03"));
  EXPECT_THAT(Call("yearless", {"11", "", "nearest"}, jan5), HasValue("2022-11"));
  EXPECT_THAT(Call("yearless", {"7", "", "nearest"}, jan5), HasValue("2022-07"));  // tie
  EXPECT_THAT(Call("yearless", {"2", "29", "past"}, jan5), HasValue("2020-02-29"));
  EXPECT_THAT(Call("yearless", {"2", "29", "future"}, jan5), HasValue("2024-02-29"));
  // 2023-08-31 is 183 days from both 2023-03-01 and 2024-03-01: ties go past.
  EXPECT_THAT(Call("yearless", {"3", "1", "nearest"}, Context(CivilDate(2023, 8, 30))),
              HasValue("2023-03-01"));
  EXPECT_THAT(Call("yearless", {"3", "1", "nearest"}, Context(CivilDate(2023, 8, 31))),
              HasValue("2023-03-01"));
  EXPECT_THAT(Call("yearless", {"3", "1", "nearest"}, Context(CivilDate(2023, 9, 1))),
              HasValue("2024-03-01"));
}

TEST(YearlessNormalizer, WithoutRefAndErrors) {
  EXPECT_THAT(Call("yearless", {"12", "12", "past"}), HasValue("XXXX-12-12"));
  EXPECT_THAT(Call("yearless", {"3", "", "future"}), HasValue("XXXX-03"));
  EXPECT_THAT(Call("yearless", {"2", "29", "nearest"}), HasValue("XXXX-02-29"));
  EXPECT_THAT(Call("yearless", {"2", "30", "past"}, Context(kRef)),
              FailsWith("yearless(): DAY \"30\" does not exist in month 2"));
  EXPECT_THAT(Call("yearless", {"0", "1", "past"}, Context(kRef)),
              FailsWith("yearless(): MONTH \"0\" is not a month number"));
  EXPECT_THAT(Call("yearless", {"", "1", "past"}, Context(kRef)),
              FailsWith("yearless(): MONTH \"\" is not a month number"));
  EXPECT_THAT(Call("yearless", {"1", "1", "next"}, Context(kRef)),
              FailsWith("yearless(): LEAN \"next\" is not one of past, future, nearest"));
}

TEST(ShiftNormalizer, MovesTheRefDate) {
  const NormalizerContext context = Context(kRef);
  EXPECT_THAT(Call("shift", {"-1", "d"}, context), HasValue("2023-01-26"));
  EXPECT_THAT(Call("shift", {"1", "d"}, context), HasValue("2023-01-28"));
  EXPECT_THAT(Call("shift", {"+5", "d"}, context), HasValue("2023-02-01"));
  EXPECT_THAT(Call("shift", {"0", "d"}, context), HasValue("2023-01-27"));
  EXPECT_THAT(Call("shift", {"-2", "w"}, context), HasValue("2023-01-13"));
  EXPECT_THAT(Call("shift", {"-1", "m"}, context), HasValue("2022-12"));
  EXPECT_THAT(Call("shift", {"11", "m"}, context), HasValue("2023-12"));
  EXPECT_THAT(Call("shift", {"-3", "y"}, context), HasValue("2020"));
  EXPECT_THAT(Call("shift", {"-1", "d"}), HasValue("XXXX-XX-XX"));
  EXPECT_THAT(Call("shift", {"-1", "w"}), HasValue("XXXX-XX-XX"));
  EXPECT_THAT(Call("shift", {"-1", "m"}), HasValue("XXXX-XX"));
  EXPECT_THAT(Call("shift", {"-1", "y"}), HasValue("XXXX"));
}

TEST(ShiftNormalizer, MovesAGivenDay) {
  EXPECT_THAT(Call("shift", {"2", "d", "2023-01-30"}), HasValue("2023-02-01"));
  EXPECT_THAT(Call("shift", {"-1", "w", "2023-01-03"}), HasValue("2022-12-27"));
  EXPECT_THAT(Call("shift", {"2", "m", "2023-03-31"}), HasValue("2023-05-31"));
  EXPECT_THAT(Call("shift", {"1", "m", "2023-01-31"}), HasValue("2023-02-28"));
  EXPECT_THAT(Call("shift", {"-2", "m", "2023-02-02"}), HasValue("2022-12-02"));
  EXPECT_THAT(Call("shift", {"-1", "y", "2024-02-29"}), HasValue("2023-02-28"));
  EXPECT_THAT(Call("shift", {"3", "m"}, Context(kRef)), HasValue("2023-04"));
  EXPECT_THAT(Call("shift", {"1", "d", "XXXX-XX-XX"}), HasValue("XXXX-XX-XX"));
  // Without a year, days and weeks within the year keep month and day.
  EXPECT_THAT(Call("shift", {"9", "d", "XXXX-03"}), HasValue("XXXX-03-10"));
  EXPECT_THAT(Call("shift", {"1", "w", "XXXX-02-25"}), HasValue("XXXX-03-03"));
  EXPECT_THAT(Call("shift", {"7", "d", "XXXX-12-30"}), HasValue("XXXX-XX-XX"));
  EXPECT_THAT(Call("shift", {"1", "m", "XXXX-03"}), HasValue("XXXX-XX-XX"));
  EXPECT_THAT(Call("shift", {"19", "d", "2023-02"}), HasValue("2023-02-20"));
  EXPECT_THAT(Call("shift", {"-1", "d", "2023-03"}), HasValue("2023-02-28"));
  EXPECT_THAT(Call("shift", {"1", "d", "2023"}),
              FailsWith("shift(): FROM \"2023\" is not a day or a month"));
}

TEST(YearNormalizer, ReadsTwoDigitYears) {
  EXPECT_THAT(Call("year", {"2010"}), HasValue("2010"));
  EXPECT_THAT(Call("year", {"96"}), HasValue("1996"));
  EXPECT_THAT(Call("year", {"'08"}), HasValue("2008"));
  EXPECT_THAT(Call("year", {"50"}), HasValue("2050"));
  EXPECT_THAT(Call("year", {"51"}), HasValue("1951"));
  EXPECT_THAT(Call("year", {"123"}), FailsWith("year(): YEAR \"123\" is not a year"));
}

TEST(WeekNormalizer, ADayOfTheWeek) {
  const NormalizerContext context = Context(kRef);  // a Friday
  EXPECT_THAT(Call("week", {"1", "3"}, context), HasValue("2023-02-01"));
  EXPECT_THAT(Call("week", {"0", "1"}, context), HasValue("2023-01-23"));
  EXPECT_THAT(Call("week", {"-1", "7"}, context), HasValue("2023-01-22"));
  EXPECT_THAT(Call("week", {"1", "3"}), HasValue("XXXX-XX-XX"));
  EXPECT_THAT(Call("week", {"1", "8"}, context),
              FailsWith("week(): DAY \"8\" is not an ISO weekday"));
}

TEST(MonthdayNormalizer, NearestMonthWithThatDay) {
  const NormalizerContext context = Context(kRef);  // 2023-01-27
  EXPECT_THAT(Call("monthday", {"18", "past"}, context), HasValue("2023-01-18"));
  EXPECT_THAT(Call("monthday", {"18", "future"}, context), HasValue("2023-02-18"));
  EXPECT_THAT(Call("monthday", {"18", "nearest"}, context), HasValue("2023-01-18"));
  EXPECT_THAT(Call("monthday", {"1", "nearest"}, context), HasValue("2023-02-01"));
  EXPECT_THAT(Call("monthday", {"30", "future"}, context), HasValue("2023-01-30"));
  // February has no 30th: the next is in March.
  EXPECT_THAT(Call("monthday", {"30", "future"}, Context(CivilDate(2023, 2, 5))),
              HasValue("2023-03-30"));
  EXPECT_THAT(Call("monthday", {"31", "past"}, Context(CivilDate(2023, 5, 5))),
              HasValue("2023-03-31"));
  EXPECT_THAT(Call("monthday", {"4", "past"}), HasValue("XXXX-XX-04"));
  // Tuesday the 13th: December 2022 and June 2023 around 2023-01-27.
  EXPECT_THAT(Call("monthday", {"13", "past", "2"}, context), HasValue("2022-12-13"));
  EXPECT_THAT(Call("monthday", {"13", "future", "2"}, context), HasValue("2023-06-13"));
  EXPECT_THAT(Call("monthday", {"31", "nearest", "2"}, context), HasValue("2023-01-31"));
  EXPECT_THAT(Call("monthday", {"13", "past", "8"}, context), FailsWith("WEEKDAY \"8\""));
  EXPECT_THAT(Call("monthday", {"32", "past"}), FailsWith("monthday(): DAY \"32\""));
}

TEST(YearlessNormalizer, FromTheOtherEndOfARange) {
  EXPECT_THAT(Call("yearless", {"1", "3", "future", "2022-12-28"}), HasValue("2023-01-03"));
  EXPECT_THAT(Call("yearless", {"11", "", "past", "2017-02"}), HasValue("2016-11"));
  EXPECT_THAT(Call("yearless", {"2", "5", "past", "2017-02"}), HasValue("2017-02-05"));
  EXPECT_THAT(Call("yearless", {"10", "", "future", "2018-08"}), HasValue("2018-10"));
  EXPECT_THAT(Call("yearless", {"10", "", "future", "XXXX-08"}), HasValue("XXXX-10"));
  EXPECT_THAT(Call("yearless", {"10", "", "future", "2018"}),
              FailsWith("yearless(): FROM \"2018\" is not a day or a month"));
}

TEST(NthWeekdayNormalizer, CountsWeekdaysOfAMonth) {
  EXPECT_THAT(Call("nth_weekday", {"1", "1", "2013-03"}), HasValue("2013-03-04"));
  EXPECT_THAT(Call("nth_weekday", {"1", "5", "2013-03"}), HasValue("2013-03-01"));
  EXPECT_THAT(Call("nth_weekday", {"3", "2", "2014-09"}), HasValue("2014-09-16"));
  EXPECT_THAT(Call("nth_weekday", {"-1", "1", "2013-03"}), HasValue("2013-03-25"));
  EXPECT_THAT(Call("nth_weekday", {"-1", "7", "2014-03"}), HasValue("2014-03-30"));
  EXPECT_THAT(Call("nth_weekday", {"1", "1", "XXXX-03"}), HasValue("XXXX-XX-XX"));
  EXPECT_THAT(Call("nth_weekday", {"5", "1", "2013-02"}), FailsWith("has no weekday 1 number 5"));
  EXPECT_THAT(Call("nth_weekday", {"0", "1", "2013-02"}), FailsWith("N \"0\""));
  EXPECT_THAT(Call("nth_weekday", {"1", "1", "2013"}), FailsWith("MONTH \"2013\""));
}

TEST(QuarterNormalizer, QuarterOfTheRefMoved) {
  const NormalizerContext context = Context(kRef);  // 2023-01-27
  EXPECT_THAT(Call("quarter", {"0"}, context), HasValue("2023-01/2023-03"));
  EXPECT_THAT(Call("quarter", {"1"}, context), HasValue("2023-04/2023-06"));
  EXPECT_THAT(Call("quarter", {"-1"}, context), HasValue("2022-10/2022-12"));
  EXPECT_THAT(Call("quarter", {"-1"}, Context(CivilDate(2019, 9, 30))),
              HasValue("2019-04/2019-06"));
  EXPECT_THAT(Call("quarter", {"0"}), HasValue("XXXX-XX/XXXX-XX"));
  EXPECT_THAT(Call("quarter", {"x"}), FailsWith("quarter(): OFFSET \"x\""));
}

TEST(NthWeekNormalizer, WeeksBelongWhereTheirThursdayIs) {
  EXPECT_THAT(Call("nth_week", {"1", "2015"}), HasValue("2014-12-29/2015-01-04"));
  EXPECT_THAT(Call("nth_week", {"3", "2018"}), HasValue("2018-01-15/2018-01-21"));
  EXPECT_THAT(Call("nth_week", {"-1", "2015"}), HasValue("2015-12-28/2016-01-03"));
  EXPECT_THAT(Call("nth_week", {"1", "2016-10"}), HasValue("2016-10-03/2016-10-09"));
  EXPECT_THAT(Call("nth_week", {"3", "2016-11"}), HasValue("2016-11-14/2016-11-20"));
  EXPECT_THAT(Call("nth_week", {"-1", "2016-07"}), HasValue("2016-07-25/2016-07-31"));
  EXPECT_THAT(Call("nth_week", {"1", "XXXX-07"}), HasValue("XXXX-XX-XX/XXXX-XX-XX"));
  EXPECT_THAT(Call("nth_week", {"6", "2016-11"}), FailsWith("2016-11 has no week 6"));
  EXPECT_THAT(Call("nth_week", {"1", "2016-11-01"}), FailsWith("PERIOD \"2016-11-01\""));
}

TEST(ShiftNormalizer, Errors) {
  EXPECT_THAT(Call("shift", {"1.5", "d"}, Context(kRef)),
              FailsWith("shift(): AMOUNT \"1.5\" is not a whole number"));
  EXPECT_THAT(Call("shift", {"", "d"}), FailsWith("shift(): AMOUNT \"\" is not a whole number"));
  EXPECT_THAT(Call("shift", {"200000", "d"}), FailsWith("(at most 100000)"));
  EXPECT_THAT(Call("shift", {"1", "days"}),
              FailsWith("shift(): UNIT \"days\" is not one of d, w, m, y"));
}

TEST(WeekdayNormalizer, LeansAroundFriday) {
  const NormalizerContext friday = Context(kRef);
  EXPECT_THAT(Call("weekday", {"4", "past"}, friday), HasValue("2023-01-26"));
  EXPECT_THAT(Call("weekday", {"5", "past"}, friday), HasValue("2023-01-27"));
  EXPECT_THAT(Call("weekday", {"5", "last"}, friday), HasValue("2023-01-20"));
  EXPECT_THAT(Call("weekday", {"4", "last"}, friday), HasValue("2023-01-26"));
  EXPECT_THAT(Call("weekday", {"1", "next"}, friday), HasValue("2023-01-30"));
  EXPECT_THAT(Call("weekday", {"5", "next"}, friday), HasValue("2023-02-03"));
  EXPECT_THAT(Call("weekday", {"5", "future"}, friday), HasValue("2023-01-27"));
  EXPECT_THAT(Call("weekday", {"6", "future"}, friday), HasValue("2023-01-28"));
  EXPECT_THAT(Call("weekday", {"1", "past"}, friday), HasValue("2023-01-23"));
  EXPECT_THAT(Call("weekday", {"7", "past"}, friday), HasValue("2023-01-22"));
  EXPECT_THAT(Call("weekday", {"3", "nearest"}, friday), HasValue("2023-01-25"));
  EXPECT_THAT(Call("weekday", {"7", "nearest"}, friday), HasValue("2023-01-29"));
  EXPECT_THAT(Call("weekday", {"5", "nearest"}, friday), HasValue("2023-01-27"));
  // Seven days apart, past and future never tie: from Saturday, Wednesday is
  // three days back and Tuesday three ahead.
  const NormalizerContext saturday = Context(CivilDate(2023, 1, 28));
  EXPECT_THAT(Call("weekday", {"3", "nearest"}, saturday), HasValue("2023-01-25"));
  EXPECT_THAT(Call("weekday", {"2", "nearest"}, saturday), HasValue("2023-01-31"));
  EXPECT_THAT(Call("weekday", {"4", "past"}), HasValue("XXXX-XX-XX"));
}

TEST(WeekdayNormalizer, FromAnotherDay) {
  // "Friday to Monday": the first Monday after Friday 2023-04-07.
  EXPECT_THAT(Call("weekday", {"1", "future", "2023-04-07"}), HasValue("2023-04-10"));
  EXPECT_THAT(Call("weekday", {"5", "future", "2023-04-10"}), HasValue("2023-04-14"));
  EXPECT_THAT(Call("weekday", {"5", "next", "2023-04-07"}), HasValue("2023-04-14"));
  EXPECT_THAT(Call("weekday", {"5", "future", "XXXX-XX-XX"}), HasValue("XXXX-XX-XX"));
  EXPECT_THAT(Call("weekday", {"5", "future", "2023-04"}),
              FailsWith("weekday(): FROM \"2023-04\" is not a day"));
}

TEST(WeekdayNormalizer, Errors) {
  EXPECT_THAT(Call("weekday", {"8", "past"}),
              FailsWith("weekday(): DAY \"8\" is not an ISO weekday; expected 1 (Monday)"));
  EXPECT_THAT(Call("weekday", {"0", "past"}), FailsWith("DAY \"0\" is not an ISO weekday"));
  EXPECT_THAT(Call("weekday", {"friday", "past"}), FailsWith("DAY \"friday\""));
  EXPECT_THAT(Call("weekday", {"5", "soon"}),
              FailsWith("weekday(): LEAN \"soon\" is not one of past, last, future, next, "
                        "nearest"));
}

TEST(DurationNormalizer, Iso8601) {
  EXPECT_THAT(Call("duration", {"44", "D"}), HasValue("P44D"));
  EXPECT_THAT(Call("duration", {"6", "W"}), HasValue("P6W"));
  EXPECT_THAT(Call("duration", {"1", "M"}), HasValue("P1M"));
  EXPECT_THAT(Call("duration", {"1.5", "Y"}), HasValue("P1.5Y"));
  EXPECT_THAT(Call("duration", {"5", "H"}), HasValue("PT5H"));
  EXPECT_THAT(Call("duration", {"30", "MIN"}), HasValue("PT30M"));
  EXPECT_THAT(Call("duration", {"10", "S"}), HasValue("PT10S"));
  EXPECT_THAT(Call("duration", {"0", "D"}), HasValue("P0D"));
}

TEST(DurationNormalizer, Errors) {
  EXPECT_THAT(Call("duration", {"5", "days"}),
              FailsWith("duration(): UNIT \"days\" is not one of Y, M, W, D, H, MIN, S"));
  EXPECT_THAT(Call("duration", {"five", "D"}),
              FailsWith("duration(): AMOUNT \"five\" is not a number"));
  EXPECT_THAT(Call("duration", {"-2", "D"}),
              FailsWith("duration(): AMOUNT \"-2\" is negative; expected 0 or more"));
}

TEST(DurationNormalizer, SeveralTermsInIsoOrder) {
  EXPECT_THAT(Call("duration", {"2", "Y", "3", "M"}), HasValue("P2Y3M"));
  EXPECT_THAT(Call("duration", {"30", "MIN", "1", "H"}), HasValue("PT1H30M"));
  EXPECT_THAT(Call("duration", {"1", "D", "12", "H"}), HasValue("P1DT12H"));
  EXPECT_THAT(Call("duration", {"1", "D", "1", "D"}), HasValue("P2D"));
  EXPECT_THAT(Call("duration", {"1", "D", "2"}), FailsWith("duration(): expected AMOUNT, UNIT"));
}

TEST(AddNormalizer, Adds) {
  EXPECT_THAT(Call("add", {"1", "0.5"}), HasValue("1.5"));
  EXPECT_THAT(Call("add", {"-2", "0.25"}), HasValue("-1.75"));
  EXPECT_THAT(Call("add", {"one", "1"}), FailsWith("add(): A \"one\" is not a number"));
}

TEST(DurationNormalizer, UnitsWithAMultiplier) {
  EXPECT_THAT(Call("duration", {"3", "10Y"}), HasValue("P30Y"));
  EXPECT_THAT(Call("duration", {"1", "2W"}), HasValue("P2W"));
  EXPECT_THAT(Call("duration", {"1.5", "100Y"}), HasValue("P150Y"));
  EXPECT_THAT(Call("duration", {"1", "10"}), FailsWith("duration(): UNIT \"10\" is not a unit"));
  EXPECT_THAT(Call("duration", {"1", "0Y"}), FailsWith("duration(): UNIT \"0Y\" is not a unit"));
  EXPECT_THAT(Call("duration", {"1", "10X"}),
              FailsWith("duration(): UNIT \"X\" is not one of Y, M, W, D, H, MIN, S"));
}

// lean(TENSE) for the claim `claim` (its first occurrence) in `sentence`.
absl::StatusOr<std::string> LeanOf(std::string_view sentence, std::string_view claim,
                                   std::string table = "TENSE") {
  NormalizerContext context = Context(kRef);
  context.sentence = sentence;
  context.claim_start = sentence.find(claim);
  context.claim_end = context.claim_start + claim.size();
  return Call("lean", {std::move(table)}, context);
}

TEST(LeanNormalizer, TheNearestCueDecides) {
  EXPECT_THAT(LeanOf("The talks will resume on Monday", "Monday"), HasValue("future"));
  EXPECT_THAT(LeanOf("The talks resumed on Monday", "Monday"), HasValue("past"));
  EXPECT_THAT(LeanOf("He said the vote is expected on Monday", "Monday"), HasValue("future"));
  EXPECT_THAT(LeanOf("On Monday the summit will open", "Monday"), HasValue("future"));
  // Two-word cues, and "'ll" split off its word (straight and curly).
  EXPECT_THAT(LeanOf("It was agreed it would be held on Monday", "Monday"), HasValue("future"));
  EXPECT_THAT(LeanOf("We'll meet on Monday", "Monday"), HasValue("future"));
  EXPECT_THAT(LeanOf("We\xE2\x80\x99ll meet on Monday", "Monday"), HasValue("future"));
}

TEST(LeanNormalizer, PrefersItsOwnClauseAndCuesBefore) {
  // "approved" (a past participle, *ed) is in the date's clause; "will" is not.
  EXPECT_THAT(LeanOf("The mission, approved on Monday, will help", "Monday"), HasValue("past"));
  // At equal distance, the cue before the date wins.
  EXPECT_THAT(LeanOf("was Monday will", "Monday"), HasValue("past"));
  EXPECT_THAT(LeanOf("will Monday was", "Monday"), HasValue("future"));
}

TEST(LeanNormalizer, IgnoresCuesInsideTheClaimAndDefaultsToPast) {
  EXPECT_THAT(LeanOf("It happens next week", "next week"), HasValue("past"));
  EXPECT_THAT(LeanOf("Talks on Monday", "Monday"), HasValue("past"));
  NormalizerContext context = Context(kRef);
  context.sentence = "Talks on Monday";
  context.claim_start = 9;
  context.claim_end = 15;
  EXPECT_THAT(Call("lean", {"TENSE", "future"}, context), HasValue("future"));
  EXPECT_THAT(Call("lean", {"TENSE", "soon"}, context), FailsWith("LEAN \"soon\""));
  EXPECT_THAT(Call("lean", {""}, context), FailsWith("lean(): TABLE is empty"));
  EXPECT_THAT(LeanOf("It will rain on Monday", "Monday", "BAD_TENSE"), FailsWith("LEAN \"soon\""));
}

TEST(PeriodNormalizer, JoinsTwoDates) {
  EXPECT_THAT(Call("period", {"2023-09-19", "2023-09-20"}), HasValue("2023-09-19/2023-09-20"));
  EXPECT_THAT(Call("period", {"2023-09-19", "2023-09-19"}), HasValue("2023-09-19"));
  EXPECT_THAT(Call("period", {"XXXX-12-30", "XXXX-01-02"}), HasValue("XXXX-12-30/XXXX-01-02"));
  const absl::StatusOr<std::string> reversed = Call("period", {"2023-09-20", "2023-09-19"});
  EXPECT_TRUE(IsDeclined(reversed.status())) << reversed.status();
  EXPECT_THAT(std::string(reversed.status().message()),
              HasSubstr("START \"2023-09-20\" is after END \"2023-09-19\""));
  EXPECT_THAT(Call("period", {"", "2023-09-19"}), FailsWith("period(): START and END must"));
}

TEST(PeriodNormalizer, JoinsTwoPeriodsByTheirOuterEnds) {
  EXPECT_THAT(Call("period", {"2017-01/2017-03", "2018-07/2018-09"}), HasValue("2017-01/2018-09"));
  EXPECT_THAT(Call("period", {"2007", "2008-09/2008-12"}), HasValue("2007/2008-12"));
  EXPECT_THAT(Call("period", {"2019-01/2019-03", "2019-01/2019-03"}), HasValue("2019-01/2019-03"));
  EXPECT_TRUE(IsDeclined(Call("period", {"2019-04/2019-06", "2019-01/2019-03"}).status()));
}

TEST(DecadeNormalizer, CalendarDecadeOfTheRefMoved) {
  EXPECT_THAT(Call("decade", {"0"}, Context(kRef)), HasValue("2020/2029"));
  EXPECT_THAT(Call("decade", {"1"}, Context(kRef)), HasValue("2030/2039"));
  EXPECT_THAT(Call("decade", {"-2"}, Context(CivilDate(2016, 11, 7))), HasValue("1990/1999"));
  EXPECT_THAT(Call("decade", {"0"}, Context(CivilDate(2010, 1, 1))), HasValue("2010/2019"));
  EXPECT_THAT(Call("decade", {"0"}), HasValue("XXXX/XXXX"));
  EXPECT_THAT(Call("decade", {"x"}), FailsWith("decade(): OFFSET \"x\""));
}

TEST(WeekOfNormalizer, TheMondayToSundayWeekOfADay) {
  EXPECT_THAT(Call("week_of", {"2013-10-06"}), HasValue("2013-09-30/2013-10-06"));
  EXPECT_THAT(Call("week_of", {"2013-10-07"}), HasValue("2013-10-07/2013-10-13"));
  EXPECT_THAT(Call("week_of", {"2020-02-04"}), HasValue("2020-02-03/2020-02-09"));
  EXPECT_THAT(Call("week_of", {"XXXX-XX-18"}), HasValue("XXXX-XX-XX/XXXX-XX-XX"));
  EXPECT_THAT(Call("week_of", {"2013-10"}), FailsWith("week_of(): DAY \"2013-10\" is not a day"));
}

TEST(WeekNormalizer, MondayToSundayAroundTheRef) {
  EXPECT_THAT(Call("week", {"0"}, Context(kRef)), HasValue("2023-01-23/2023-01-29"));
  EXPECT_THAT(Call("week", {"-1"}, Context(kRef)), HasValue("2023-01-16/2023-01-22"));
  EXPECT_THAT(Call("week", {"+1"}, Context(kRef)), HasValue("2023-01-30/2023-02-05"));
  // A Monday ref is its own week's start; a Sunday ref its end.
  EXPECT_THAT(Call("week", {"0"}, Context(CivilDate(2023, 1, 23))),
              HasValue("2023-01-23/2023-01-29"));
  EXPECT_THAT(Call("week", {"0"}, Context(CivilDate(2023, 1, 29))),
              HasValue("2023-01-23/2023-01-29"));
  EXPECT_THAT(Call("week", {"0"}), HasValue("XXXX-XX-XX/XXXX-XX-XX"));
  EXPECT_THAT(Call("week", {"1.5"}, Context(kRef)), FailsWith("week(): OFFSET \"1.5\""));
}

TEST(NegNormalizer, Negates) {
  EXPECT_THAT(Call("neg", {"2"}), HasValue("-2"));
  EXPECT_THAT(Call("neg", {"-2"}), HasValue("2"));
  EXPECT_THAT(Call("neg", {"1.5"}), HasValue("-1.5"));
  EXPECT_THAT(Call("neg", {"0"}), HasValue("0"));
  EXPECT_THAT(Call("neg", {"two"}), FailsWith("neg(): N \"two\" is not a number"));
  EXPECT_THAT(Call("neg", {""}), FailsWith("neg(): N \"\" is not a number"));
}

TEST(LowerNormalizer, LowercasesAndCollapses) {
  EXPECT_THAT(Call("lower", {"  Prime   MINISTER\t\n"}), HasValue("prime minister"));
  EXPECT_THAT(Call("lower", {"Ca\xC3\x89N\xC2\xA0Rivers"}), HasValue("ca\xC3\x89n rivers"));
  EXPECT_THAT(Call("lower", {""}), HasValue(""));
}

TEST(AliasNormalizer, CanonicalNameOrTheSpellingUsed) {
  EXPECT_THAT(Call("alias", {"Brell", "PERSON"}), HasValue("Tomas Brell"));
  EXPECT_THAT(Call("alias", {" President  Tomas\nBrell ", "PERSON"}), HasValue("Tomas Brell"));
  EXPECT_THAT(Call("alias", {"Ilse  Varanova", "PERSON"}), HasValue("Ilse Varanova"));
  EXPECT_THAT(Call("alias", {"Brell", "PERSON"}, NormalizerContext{}), HasValue("Brell"));
  EXPECT_THAT(Call("alias", {"", "PERSON"}), FailsWith("alias(): TEXT is empty"));
  EXPECT_THAT(Call("alias", {"Brell", ""}), FailsWith("alias(): TABLE is empty"));
}

TEST(ExceptNormalizer, DropsWhatTheTableLists) {
  EXPECT_THAT(Call("except", {"Passengers", "PERSON"}), HasValue("passengers"));
  EXPECT_THAT(Call("except", {" Brell ", "PERSON"}), HasValue(""));
  EXPECT_THAT(Call("except", {"Brell", ""}), FailsWith("except(): TABLE is empty"));
}

TEST(UnlessNormalizer, DeclinesWhatTheTableLists) {
  EXPECT_THAT(Call("unless", {"Passengers", "PERSON"}), HasValue("passengers"));
  EXPECT_THAT(Call("unless", {"loan", "PERSON", "USD"}), HasValue("USD"));
  EXPECT_TRUE(IsDeclined(Call("unless", {"Brell", "PERSON", "USD"}).status()));
  const absl::StatusOr<std::string> listed = Call("unless", {" Brell ", "PERSON"});
  EXPECT_TRUE(IsDeclined(listed.status())) << listed.status();
  EXPECT_THAT(Call("unless", {"Brell", ""}), FailsWith("unless(): TABLE is empty"));
}

TEST(NameNormalizer, DeclinesRunsThatAreNotNames) {
  EXPECT_THAT(Call("name", {" Anna\n Hakobyan ", "NOT_A_NAME"}), HasValue("Anna Hakobyan"));
  EXPECT_THAT(Call("name", {"Anna Hakobyan", "NOT_A_NAME", "PLACE"}), HasValue("Anna Hakobyan"));
  // By its first or last word, case-insensitively...
  for (const char* text : {"The Kremlin", "Foreign Ministry", "Minister Anna Hakobyan"}) {
    const absl::StatusOr<std::string> result = Call("name", {text, "NOT_A_NAME"});
    EXPECT_TRUE(IsDeclined(result.status())) << text << ": " << result.status();
  }
  // ...or as a whole: "New" alone is not listed.
  EXPECT_TRUE(IsDeclined(Call("name", {"New  York", "NOT_A_NAME", "PLACE"}).status()));
  EXPECT_THAT(Call("name", {"New Yorker", "NOT_A_NAME", "PLACE"}), HasValue("New Yorker"));
  EXPECT_THAT(Call("name", {"New York", "NOT_A_NAME"}), HasValue("New York"));
  // Declining is not an error: a declined match is simply no claim.
  EXPECT_FALSE(IsDeclined(absl::InvalidArgumentError("bad")));
}

TEST(RefNormalizer, TheRefDate) {
  EXPECT_THAT(Call("ref", {}, Context(kRef)), HasValue("2023-01-27"));
  EXPECT_THAT(Call("ref", {}), HasValue("XXXX-XX-XX"));
}

}  // namespace
}  // namespace parallax
