#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "text/quotes.h"

namespace parallax {
namespace {

using ::testing::ElementsAre;
using testing::ExactBuffer;
using ::testing::IsEmpty;
using testing::ReadSeed;

// A quotation as text, for readable expectations.
struct Quoted {
  std::string outer;
  std::string inner;
  bool double_quotes;
  bool closed;
  friend bool operator==(const Quoted&, const Quoted&) = default;
  friend void PrintTo(const Quoted& q, std::ostream* os) {
    *os << "{outer=" << ::testing::PrintToString(q.outer)
        << " inner=" << ::testing::PrintToString(q.inner)
        << (q.double_quotes ? " double" : " single") << (q.closed ? " closed}" : " open}");
  }
};

Quoted Q(std::string outer, std::string inner, bool double_quotes = true, bool closed = true) {
  return Quoted{std::move(outer), std::move(inner), double_quotes, closed};
}

std::vector<Quoted> Quotes(std::string_view body) {
  std::vector<Quoted> out;
  for (const Quotation& q : FindQuotations(body)) {
    out.push_back(Quoted{std::string(body.substr(q.outer.start, q.outer.end - q.outer.start)),
                         std::string(body.substr(q.inner.start, q.inner.end - q.inner.start)),
                         q.double_quotes, q.closed});
  }
  return out;
}

// Checks the documented invariants of FindQuotations.
void ExpectQuotationInvariants(std::string_view body, const std::vector<Quotation>& quotes) {
  size_t last_start = 0;
  for (size_t k = 0; k < quotes.size(); ++k) {
    const Quotation& q = quotes[k];
    ASSERT_LE(q.outer.start, q.inner.start);
    ASSERT_LE(q.inner.start, q.inner.end);
    ASSERT_LE(q.inner.end, q.outer.end);
    ASSERT_LE(q.outer.end, body.size());
    EXPECT_LT(q.outer.start, q.inner.start) << "an opening mark has at least one byte";
    if (q.closed) {
      EXPECT_LT(q.inner.end, q.outer.end);
    }
    if (!q.closed) {
      EXPECT_EQ(q.inner.end, q.outer.end);
    }
    if (k > 0) {
      EXPECT_LT(last_start, q.outer.start);
    }
    last_start = q.outer.start;
  }
  // Disjoint or nested: sorted by start, each quotation ends inside every
  // enclosing one it starts in.
  std::vector<size_t> open_ends;
  for (const Quotation& q : quotes) {
    while (!open_ends.empty() && open_ends.back() <= q.outer.start) open_ends.pop_back();
    if (!open_ends.empty()) {
      EXPECT_LE(q.outer.end, open_ends.back());
    }
    open_ends.push_back(q.outer.end);
  }
}

void ExpectQuotationInvariants(std::string_view body) {
  SCOPED_TRACE(::testing::PrintToString(std::string(body)));
  ExpectQuotationInvariants(body, FindQuotations(body));
}

#define LQ "\xE2\x80\x9C"  // “
#define RQ "\xE2\x80\x9D"  // ”
#define LS "\xE2\x80\x98"  // ‘
#define RS "\xE2\x80\x99"  // ’

// ---------------------------------------------------------------------------
// Basic pairing.

TEST(FindQuotationsTest, NoQuotes) {
  EXPECT_THAT(FindQuotations(""), IsEmpty());
  EXPECT_THAT(FindQuotations("Nothing quoted here."), IsEmpty());
}

TEST(FindQuotationsTest, StraightDouble) {
  const std::string body = "He said \"we will win\" today.";
  const std::vector<Quotation> q = FindQuotations(body);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].outer, (TextSpan{8, 21}));
  EXPECT_EQ(q[0].inner, (TextSpan{9, 20}));
  EXPECT_TRUE(q[0].double_quotes);
  EXPECT_TRUE(q[0].closed);
}

TEST(FindQuotationsTest, CurlyDouble) {
  const std::string body = "He said " LQ "we will win," RQ " today.";
  const std::vector<Quotation> q = FindQuotations(body);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].outer, (TextSpan{8, 8 + 3 + 12 + 3}));
  EXPECT_EQ(q[0].inner, (TextSpan{11, 23}));
  EXPECT_THAT(Quotes(body), ElementsAre(Q(LQ "we will win," RQ, "we will win,")));
}

TEST(FindQuotationsTest, SeveralInOneParagraph) {
  EXPECT_THAT(Quotes("as \"groundless, false, and absurd.\" and a \"humanitarian crisis\""),
              ElementsAre(Q("\"groundless, false, and absurd.\"", "groundless, false, and absurd."),
                          Q("\"humanitarian crisis\"", "humanitarian crisis")));
  EXPECT_THAT(
      Quotes("were \"ineffective\" and \"insufficient,\" in reference"),
      ElementsAre(Q("\"ineffective\"", "ineffective"), Q("\"insufficient,\"", "insufficient,")));
}

TEST(FindQuotationsTest, QuoteAtParagraphStartAndEnd) {
  EXPECT_THAT(Quotes("\"The EU's attempts could damage peace.\""),
              ElementsAre(Q("\"The EU's attempts could damage peace.\"",
                            "The EU's attempts could damage peace.")));
}

TEST(FindQuotationsTest, MixedStraightAndCurlyPairUp) {
  EXPECT_THAT(Quotes("a " LQ "sloppy\" b"), ElementsAre(Q(LQ "sloppy\"", "sloppy")));
}

TEST(FindQuotationsTest, RightQuoteUsedOnBothSides) {
  EXPECT_THAT(Quotes("He said " RQ "no" RQ " twice."), ElementsAre(Q(RQ "no" RQ, "no")));
}

TEST(FindQuotationsTest, Guillemets) {
  EXPECT_THAT(Quotes("Il a dit \xC2\xAB non \xC2\xBB hier."),
              ElementsAre(Q("\xC2\xAB non \xC2\xBB", " non ")));
}

TEST(FindQuotationsTest, GermanLowNine) {
  EXPECT_THAT(Quotes("Er sagte \xE2\x80\x9Enein" LQ " gestern."),
              ElementsAre(Q("\xE2\x80\x9Enein" LQ, "nein")));
}

// ---------------------------------------------------------------------------
// Single quotes and apostrophes.

TEST(FindQuotationsTest, CurlyScareQuote) {
  EXPECT_THAT(Quotes("Russia slams Western " LS "imposition" RS " as US offers Armenia support"),
              ElementsAre(Q(LS "imposition" RS, "imposition", false)));
}

TEST(FindQuotationsTest, StraightScareQuote) {
  EXPECT_THAT(Quotes("Russia slams Western 'imposition' as US offers"),
              ElementsAre(Q("'imposition'", "imposition", false)));
}

TEST(FindQuotationsTest, ApostrophesAreNotQuotes) {
  EXPECT_THAT(FindQuotations("Russia's ministry doesn't care. Azerbaijan" RS "s and don" RS "t."),
              IsEmpty());
  EXPECT_THAT(FindQuotations("The ministers' meeting and the ministers" RS " meeting."), IsEmpty());
  EXPECT_THAT(FindQuotations("rock 'n' roll"), ::testing::SizeIs(1));  // 'n' reads as a quote
  EXPECT_THAT(FindQuotations("In the '90s and " LS "80s and " RS "Tis, and the " RS "90s."),
              IsEmpty());
  EXPECT_THAT(FindQuotations("He is 5'10\" tall and the 12\" pizza."), IsEmpty());
}

TEST(FindQuotationsTest, ApostrophesInsideQuotation) {
  EXPECT_THAT(Quotes("\"The EU's attempts to squeeze Russia's efforts,\" it said."),
              ElementsAre(Q("\"The EU's attempts to squeeze Russia's efforts,\"",
                            "The EU's attempts to squeeze Russia's efforts,")));
  EXPECT_THAT(Quotes(LQ "The ministers" RS " decision stands," RQ " he said."),
              ElementsAre(Q(LQ "The ministers" RS " decision stands," RQ,
                            "The ministers" RS " decision stands,")));
}

TEST(FindQuotationsTest, NestedSingleInDouble) {
  EXPECT_THAT(Quotes(LQ "He said " LS "no" RS " to me," RQ " she said."),
              ElementsAre(Q(LQ "He said " LS "no" RS " to me," RQ, "He said " LS "no" RS " to me,"),
                          Q(LS "no" RS, "no", false)));
  EXPECT_THAT(
      Quotes("\"He said 'no' to me,\" she said."),
      ElementsAre(Q("\"He said 'no' to me,\"", "He said 'no' to me,"), Q("'no'", "no", false)));
}

TEST(FindQuotationsTest, NestedDoubleInSingle) {
  EXPECT_THAT(
      Quotes(LS "He said " LQ "no" RQ " to me," RS " she said."),
      ElementsAre(Q(LS "He said " LQ "no" RQ " to me," RS, "He said " LQ "no" RQ " to me,", false),
                  Q(LQ "no" RQ, "no")));
}

TEST(FindQuotationsTest, NestedStraightDoubles) {
  EXPECT_THAT(
      Quotes("\"He said \"no\" to me\" ok"),
      ElementsAre(Q("\"He said \"no\" to me\"", "He said \"no\" to me"), Q("\"no\"", "no")));
}

TEST(FindQuotationsTest, UnclosedSingleInsideDoubleEndsWithIt) {
  EXPECT_THAT(Quotes(LQ "I told him " LS "go away " RQ " she said"),
              ElementsAre(Q(LQ "I told him " LS "go away " RQ, "I told him " LS "go away "),
                          Q(LS "go away", "go away", false, false)));
  EXPECT_THAT(Quotes("\"I told him 'go away\" she said"),
              ElementsAre(Q("\"I told him 'go away\"", "I told him 'go away")));
}

// ---------------------------------------------------------------------------
// Paragraphs.

TEST(FindQuotationsTest, ContinuesAcrossParagraphs) {
  const std::string body = "He said: " LQ "We will fight.\n\n" LQ "We will win," RQ " he added.";
  EXPECT_THAT(Quotes(body), ElementsAre(Q(LQ "We will fight.\n\n" LQ "We will win," RQ,
                                          "We will fight.\n\n" LQ "We will win,")));
  EXPECT_THAT(Quotes("\"One.\n\"Two.\n\"Three.\" Done."),
              ElementsAre(Q("\"One.\n\"Two.\n\"Three.\"", "One.\n\"Two.\n\"Three.")));
}

TEST(FindQuotationsTest, SingleQuotesContinueAcrossParagraphs) {
  EXPECT_THAT(Quotes(LS "We will fight.\n" LS "We will win," RS " he said."),
              ElementsAre(Q(LS "We will fight.\n" LS "We will win," RS,
                            "We will fight.\n" LS "We will win,", false)));
}

TEST(FindQuotationsTest, OpenAtParagraphEndWithoutContinuation) {
  EXPECT_THAT(
      Quotes("He said \"we will never\nThen he left. \"Fine,\" she said."),
      ElementsAre(Q("\"we will never", "we will never", true, false), Q("\"Fine,\"", "Fine,")));
}

TEST(FindQuotationsTest, NewQuotationInNextParagraphIsNotAContinuation) {
  // The open double is not continued by a paragraph opening with a single.
  EXPECT_THAT(Quotes("\"Open\n'Single' here"),
              ElementsAre(Q("\"Open", "Open", true, false), Q("'Single'", "Single", false)));
}

TEST(FindQuotationsTest, UnclosedAtBodyEnd) {
  const std::string body = "He said " LQ "we will  \n";
  const std::vector<Quotation> q = FindQuotations(body);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_FALSE(q[0].closed);
  EXPECT_EQ(q[0].outer, (TextSpan{8, 18}));
  EXPECT_EQ(q[0].inner, (TextSpan{11, 18}));
  EXPECT_THAT(Quotes("Lavrov said \"we"), ElementsAre(Q("\"we", "we", true, false)));
  EXPECT_THAT(Quotes("She said " LS "we"), ElementsAre(Q(LS "we", "we", false, false)));
}

TEST(FindQuotationsTest, UnclosedStraightSingleIsDropped) {
  EXPECT_THAT(FindQuotations("He said 'we will go"), IsEmpty());
  EXPECT_THAT(FindQuotations("Rock 'em and 'til dawn."), IsEmpty());
}

TEST(FindQuotationsTest, StrayMarksAreIgnored) {
  EXPECT_THAT(FindQuotations("He said\" nothing."), IsEmpty());
  EXPECT_THAT(FindQuotations("a" RQ " b"), IsEmpty());
  EXPECT_THAT(FindQuotations("lone \xC2\xBB mark"), IsEmpty());
  EXPECT_THAT(FindQuotations("\""), IsEmpty());
  EXPECT_THAT(FindQuotations("\"   "), IsEmpty());
}

// ---------------------------------------------------------------------------
// Robustness.

TEST(FindQuotationsTest, TruncatedUtf8AtEnd) {
  for (const char* text : {"\xE2", "\xE2\x80", "x \xE2\x80", "\"a \xE2\x80", "\xC2", "'\xC2",
                           "\xE2\x80\x9C", "a\xE2\x80\x9C\xE2\x80", "\x80\x80\x80'", "\xF0\x9F'"}) {
    const ExactBuffer buffer(text);
    ExpectQuotationInvariants(buffer.view());
  }
}

TEST(FindQuotationsTest, PathologicalInputIsLinear) {
  const auto start = std::chrono::steady_clock::now();
  for (const char* piece : {"\"", LQ, RQ, LS, RS, "'", "\" ", " \"", "\"a", LQ LS, "\xC2\xAB",
                            "\xE2\x80\x9E", "\"\n", LQ "\n", LS "x\n"}) {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += piece;
    const ExactBuffer buffer(text);
    const std::vector<Quotation> quotes = FindQuotations(buffer.view());
    ExpectQuotationInvariants(buffer.view(), quotes);
  }
  // A quadratic scan over 100k marks would take minutes, even unoptimised.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

// ---------------------------------------------------------------------------
// Property tests.

std::string RandomQuoteText(std::mt19937& rng, size_t pieces) {
  static const char* const kPieces[] = {
      "a",
      "word",
      "s",
      "The",
      "1",
      "90",
      " ",
      " ",
      " ",
      "\t",
      "\n",
      "\n\n",
      ".",
      ",",
      "?",
      "!",
      ":",
      "(",
      ")",
      "-",
      "\"",
      "\"",
      "'",
      "'",
      LQ,
      RQ,
      LS,
      RS,
      "\xC2\xAB",
      "\xC2\xBB",
      "\xE2\x80\x9E",
      "\xE2\x80\x94",
      "\xE2\x80\xA6",
      "\xC2\xA0",
      "\xD0\x96",
      "\xE2\x80",
      "\xC2",
      "\xA0",
      "\xFF",
      "\xE2",
  };
  constexpr size_t kCount = sizeof(kPieces) / sizeof(kPieces[0]);
  std::uniform_int_distribution<size_t> pick(0, kCount - 1);
  std::string out;
  for (size_t i = 0; i < pieces; ++i) out += kPieces[pick(rng)];
  return out;
}

TEST(FindQuotationsPropertyTest, RandomPieces) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<size_t> length(0, 80);
  for (int n = 0; n < 4000; ++n) {
    const std::string text = RandomQuoteText(rng, length(rng));
    const ExactBuffer buffer(text);
    ExpectQuotationInvariants(buffer.view());
    if (HasFailure()) return;
  }
}

TEST(FindQuotationsPropertyTest, RandomBytes) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> length(0, 60);
  static const unsigned char kBiased[] = {' ', '"', '\'', '\n', 0xE2, 0x80, 0x9C, 0x9D, 0x99, 'a'};
  std::uniform_int_distribution<size_t> biased(0, sizeof(kBiased) - 1);
  for (int n = 0; n < 3000; ++n) {
    std::string text(length(rng), '\0');
    for (char& c : text) {
      c = static_cast<char>(byte(rng) < 160 ? kBiased[biased(rng)] : byte(rng));
    }
    const ExactBuffer buffer(text);
    ExpectQuotationInvariants(buffer.view());
    if (HasFailure()) return;
  }
}

// ---------------------------------------------------------------------------
// Real articles.

TEST(FindQuotationsSeedTest, Seed000) {
  const std::string body = ReadSeed("000_2a83f4d476463010.txt");
  if (body.empty()) GTEST_SKIP() << "seed 000 not found";
  ExpectQuotationInvariants(body);
  const std::vector<Quoted> quotes = Quotes(body);
  ASSERT_FALSE(quotes.empty());
  EXPECT_EQ(quotes[0], Q(LQ "supportive of the United States and NATO and leads the policy of "
                            "confrontation in the post-Soviet space," RQ,
                         "supportive of the United States and NATO and leads the policy of "
                         "confrontation in the post-Soviet space,"));
  EXPECT_THAT(quotes, ::testing::Contains(Q(LQ "undermine Russian mediation efforts." RQ,
                                            "undermine Russian mediation efforts.")));
  EXPECT_THAT(quotes, ::testing::Contains(Q(LQ "a policy of ethnic cleansing," RQ,
                                            "a policy of ethnic cleansing,")));
  // Six quotations, all double and closed; "Russia’s" and "Azerbaijan’s" are
  // apostrophes.
  EXPECT_EQ(quotes.size(), 6u);
  for (const Quoted& q : quotes) {
    EXPECT_TRUE(q.double_quotes);
    EXPECT_TRUE(q.closed);
  }
}

TEST(FindQuotationsSeedTest, Seed001) {
  const std::string body = ReadSeed("001_ebe937a60e8dbdd7.txt");
  if (body.empty()) GTEST_SKIP() << "seed 001 not found";
  ExpectQuotationInvariants(body);
  const std::vector<Quoted> quotes = Quotes(body);
  ASSERT_FALSE(quotes.empty());
  EXPECT_EQ(quotes[0], Q("\"geopolitical confrontation\"", "geopolitical confrontation"));
  EXPECT_THAT(quotes, ::testing::Contains(Q("\"near-abroad.\"", "near-abroad.")));
  EXPECT_THAT(quotes, ::testing::Contains(Q("\"humanitarian crisis\"", "humanitarian crisis")));
  // "countries' leaders", "Russia's", "EU's", "Washington's": apostrophes.
  for (const Quoted& q : quotes) {
    EXPECT_TRUE(q.double_quotes) << q.outer;
    EXPECT_TRUE(q.closed) << q.outer;
  }
  EXPECT_EQ(quotes.size(), 9u);
}

TEST(FindQuotationsSeedTest, Seed002) {
  const std::string body = ReadSeed("002_97b6878fb97d6870.txt");
  if (body.empty()) GTEST_SKIP() << "seed 002 not found";
  ExpectQuotationInvariants(body);
  const std::vector<Quotation> raw = FindQuotations(body);
  ASSERT_FALSE(raw.empty());
  // The scare quote in the headline, with exact offsets.
  const size_t open = body.find(LS "imposition");
  ASSERT_NE(open, std::string::npos);
  EXPECT_EQ(raw[0].outer, (TextSpan{open, open + 3 + 10 + 3}));
  EXPECT_EQ(raw[0].inner, (TextSpan{open + 3, open + 13}));
  EXPECT_FALSE(raw[0].double_quotes);
  EXPECT_TRUE(raw[0].closed);
  const std::vector<Quoted> quotes = Quotes(body);
  EXPECT_THAT(quotes, ::testing::Contains(Q("\"diplomatic raid\"", "diplomatic raid")));
  EXPECT_THAT(quotes, ::testing::Contains(Q(
                          "\"We see what goals the West pursues in the South Caucasus. It doesn't "
                          "hide them \xE2\x80\x93 to tear Russia away\"",
                          "We see what goals the West pursues in the South Caucasus. It doesn't "
                          "hide them \xE2\x80\x93 to tear Russia away")));
  for (const Quoted& q : quotes) EXPECT_TRUE(q.closed) << q.outer;
  EXPECT_EQ(
      std::count_if(quotes.begin(), quotes.end(), [](const Quoted& q) { return !q.double_quotes; }),
      1);
}

TEST(FindQuotationsSeedTest, Seed003And004) {
  const std::string body3 = ReadSeed("003_06ee55f6cde0683f.txt");
  const std::string body4 = ReadSeed("004_dd380b04ffcbbf0e.txt");
  if (body3.empty() || body4.empty()) GTEST_SKIP() << "seeds 003/004 not found";
  ExpectQuotationInvariants(body3);
  ExpectQuotationInvariants(body4);
  EXPECT_THAT(Quotes(body3), ::testing::Contains(Q("\"restoring constitutional order.\"",
                                                   "restoring constitutional order.")));
  for (const Quoted& q : Quotes(body3)) EXPECT_TRUE(q.closed && q.double_quotes) << q.outer;
  const std::vector<Quoted> quotes4 = Quotes(body4);
  ASSERT_FALSE(quotes4.empty());
  EXPECT_THAT(quotes4[0].inner, ::testing::StartsWith("According to the existing information"));
  EXPECT_THAT(quotes4[0].inner, ::testing::EndsWith("reserves of medication,"));
  EXPECT_THAT(quotes4, ::testing::Contains(Q(LQ "to resolve all issues exclusively through "
                                                "political-diplomatic means." RQ,
                                             "to resolve all issues exclusively through "
                                             "political-diplomatic means.")));
  for (const Quoted& q : quotes4) EXPECT_TRUE(q.closed && q.double_quotes) << q.outer;
  EXPECT_EQ(quotes4.size(), 6u);
}

}  // namespace
}  // namespace parallax
