// Extraction on hostile and pathological text: every normalizer on random
// arguments, and whole articles built to be slow (one endless sentence,
// thousands of quotation marks, deep brackets). Nothing may crash, hang or
// produce spans outside the text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "extract/claim.h"
#include "rules/matcher.h"
#include "rules/normalizers.h"
#include "rules/rule_set.h"
#include "synthetic/pathological.h"
#include "testing/shipped_rules.h"

namespace parallax {
namespace {

std::vector<Claim> ExtractOnFriday(std::string body) {
  return ExtractWithShippedRules(std::move(body), CivilDate(2023, 1, 27));
}

void ExpectSpansInside(const std::string& body, const std::vector<Claim>& claims) {
  for (const Claim& c : claims) {
    ASSERT_LE(c.start, c.end);
    ASSERT_LE(c.end, body.size());
    EXPECT_EQ(c.text, body.substr(c.start, c.end - c.start));
    if (c.speaker_start) {
      ASSERT_LE(*c.speaker_start, *c.speaker_end);
      ASSERT_LE(*c.speaker_end, body.size());
    }
  }
}

// Pieces of news text that rules match, glued at random without a sentence
// end: each match and each tense lookup must stay local to it.
TEST(ExtractRobustness, HalfAMegabyteWithoutASentenceEnd) {
  const std::string body = EndlessSentence(500'000);
  const std::vector<Claim> claims = ExtractOnFriday(body);
  EXPECT_GT(claims.size(), 1000u);
  ExpectSpansInside(body, claims);
}

TEST(ExtractRobustness, TenThousandQuotationMarks) {
  const std::string body = QuotationMarks(10'000);
  ExpectSpansInside(body, ExtractOnFriday(body));
}

TEST(ExtractRobustness, DeeplyNestedBrackets) {
  const std::string body = NestedBrackets(100'000);
  const std::vector<Claim> claims = ExtractOnFriday(body);
  ExpectSpansInside(body, claims);
  EXPECT_THAT(claims, ::testing::Contains(::testing::Field(&Claim::role, "killed")));
}

// Every normalizer on random short strings: a value or an InvalidArgument
// error, never anything else.
TEST(NormalizerFuzz, RandomArgumentsGiveAValueOrAnInvalidArgument) {
  const std::vector<std::string> alphabet = {"0",     "1",        "9",
                                             "12",    "-",        ".",
                                             ",",     " ",        "k",
                                             "m",     "bn",       "a",
                                             "and",   "one",      "hundred",
                                             "dozen", "*",        "inf",
                                             "[",     "]",        "(",
                                             ")",     "D",        "W",
                                             "Y",     "10Y",      "MIN",
                                             "past",  "future",   "nearest",
                                             "last",  "next",     "XXXX",
                                             "2023",  "02",       "29",
                                             "/",     "\xC2\xA0", "\xE2\x80\x99",
                                             "\xFF",  "TENSE",    "NUMBER_WORD"};
  NormalizerContext context;
  context.ref = CivilDate(2023, 1, 27);
  context.lookup = [](std::string_view table, std::string_view key) {
    return ShippedRules().Lookup(table, key);
  };
  context.table = [](std::string_view table) { return ShippedRules().Table(table); };
  context.sentence = "They said it will happen next week on Monday.";
  context.claim_start = 35;
  context.claim_end = 41;
  std::mt19937 random(11);
  for (std::string_view name : NormalizerNames()) {
    const NormalizerInfo* info = FindNormalizer(name);
    for (int round = 0; round < 400; ++round) {
      std::vector<std::string> args(info->min_args +
                                    random() % (info->max_args - info->min_args + 1));
      for (std::string& arg : args) {
        const int parts = random() % 4;
        for (int p = 0; p < parts; ++p) arg += alphabet[random() % alphabet.size()];
      }
      const absl::StatusOr<std::string> value = info->fn(args, context);
      if (!value.ok()) {
        // NotFound: the text is not one value, and the match is declined.
        EXPECT_TRUE(value.status().code() == absl::StatusCode::kInvalidArgument ||
                    value.status().code() == absl::StatusCode::kNotFound)
            << name << ": " << value.status();
        EXPECT_FALSE(value.status().message().empty()) << name;
      }
    }
  }
}

}  // namespace
}  // namespace parallax
