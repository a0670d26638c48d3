#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "text/sentences.h"

namespace parallax {
namespace {

using ::testing::ElementsAre;
using testing::ExactBuffer;
using ::testing::IsEmpty;
using testing::ReadSeed;

std::vector<std::string> Sentences(std::string_view body) {
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(body)) {
    out.emplace_back(body.substr(s.span.start, s.span.end - s.span.start));
  }
  return out;
}

std::vector<std::string> Paragraphs(std::string_view body) {
  std::vector<std::string> out;
  for (const TextSpan& p : SplitParagraphs(body)) {
    out.emplace_back(body.substr(p.start, p.end - p.start));
  }
  return out;
}

// Whitespace as the splitter defines it, decided left to right.
std::vector<bool> WhitespaceMask(std::string_view s) {
  std::vector<bool> ws(s.size(), false);
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      ws[i] = true;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws[i] = ws[i + 1] = true;
      ++i;
    }
  }
  return ws;
}

// Checks every documented invariant of SplitParagraphs and SplitSentences.
void ExpectSentenceInvariants(std::string_view body) {
  SCOPED_TRACE(::testing::PrintToString(std::string(body)));
  const std::vector<bool> ws = WhitespaceMask(body);
  const std::vector<TextSpan> paragraphs = SplitParagraphs(body);
  for (size_t k = 0; k < paragraphs.size(); ++k) {
    const TextSpan p = paragraphs[k];
    ASSERT_LT(p.start, p.end);
    ASSERT_LE(p.end, body.size());
    EXPECT_FALSE(ws[p.start]);
    EXPECT_FALSE(ws[p.end - 1]);
    for (size_t i = p.start; i < p.end; ++i) {
      EXPECT_TRUE(body[i] != '\n' && body[i] != '\r');
    }
    if (k > 0) {
      EXPECT_LT(paragraphs[k - 1].end, p.start);
    }
  }
  std::vector<int> covered(body.size(), 0);
  const std::vector<Sentence> sentences = SplitSentences(body);
  size_t last_end = 0;
  int last_paragraph = 0;
  for (const Sentence& s : sentences) {
    ASSERT_LT(s.span.start, s.span.end);
    ASSERT_LE(s.span.end, body.size());
    EXPECT_LE(last_end, s.span.start);
    EXPECT_FALSE(ws[s.span.start]);
    EXPECT_FALSE(ws[s.span.end - 1]);
    ASSERT_GE(s.paragraph, 0);
    ASSERT_LT(static_cast<size_t>(s.paragraph), paragraphs.size());
    EXPECT_GE(s.paragraph, last_paragraph);
    const TextSpan p = paragraphs[s.paragraph];
    EXPECT_GE(s.span.start, p.start);
    EXPECT_LE(s.span.end, p.end);
    for (size_t i = s.span.start; i < s.span.end; ++i) ++covered[i];
    last_end = s.span.end;
    last_paragraph = s.paragraph;
  }
  for (size_t i = 0; i < body.size(); ++i) {
    if (!ws[i]) {
      EXPECT_EQ(covered[i], 1) << "byte " << i;
    }
  }
}

// ---------------------------------------------------------------------------
// Paragraphs.

TEST(SplitParagraphsTest, BlankInputHasNoParagraphs) {
  EXPECT_THAT(SplitParagraphs(""), IsEmpty());
  EXPECT_THAT(SplitParagraphs(" \n\t\r\n  \n"), IsEmpty());
  EXPECT_THAT(SplitParagraphs("\xC2\xA0\n \xC2\xA0"), IsEmpty());
  EXPECT_THAT(SplitSentences("  \n\n "), IsEmpty());
}

TEST(SplitParagraphsTest, OnePerLine) {
  EXPECT_THAT(Paragraphs("First line.\nSecond line.\nThird."),
              ElementsAre("First line.", "Second line.", "Third."));
}

TEST(SplitParagraphsTest, BlankLineSeparated) {
  EXPECT_THAT(Paragraphs("\n\n  First one.  \n\n\n\tSecond one.\n\n"),
              ElementsAre("First one.", "Second one."));
}

TEST(SplitParagraphsTest, CrLfAndNoBreakSpaces) {
  EXPECT_THAT(Paragraphs("A b.\r\n\r\n\xC2\xA0 C d.\xC2\xA0\r\nE."),
              ElementsAre("A b.", "C d.", "E."));
}

TEST(SplitParagraphsTest, OffsetsPointIntoBody) {
  const std::string body = "  Hello.\n\nWorld.  ";
  const std::vector<TextSpan> p = SplitParagraphs(body);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], (TextSpan{2, 8}));
  EXPECT_EQ(p[1], (TextSpan{10, 16}));
}

// ---------------------------------------------------------------------------
// Basic sentences.

TEST(SplitSentencesTest, Simple) {
  EXPECT_THAT(Sentences("The cat sat. The dog ran! Did it? Yes."),
              ElementsAre("The cat sat.", "The dog ran!", "Did it?", "Yes."));
}

TEST(SplitSentencesTest, OffsetsAndParagraphIndex) {
  const std::string body = "  One two.  Three four.\n\nFive six";
  const std::vector<Sentence> s = SplitSentences(body);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].span, (TextSpan{2, 10}));
  EXPECT_EQ(s[0].paragraph, 0);
  EXPECT_EQ(s[1].span, (TextSpan{12, 23}));
  EXPECT_EQ(s[1].paragraph, 0);
  EXPECT_EQ(s[2].span, (TextSpan{25, 33}));
  EXPECT_EQ(s[2].paragraph, 1);
}

TEST(SplitSentencesTest, NoTerminator) {
  EXPECT_THAT(Sentences("Lachin crisis"), ElementsAre("Lachin crisis"));
}

TEST(SplitSentencesTest, NeverCrossesParagraph) {
  EXPECT_THAT(Sentences("He said\nThen he left"), ElementsAre("He said", "Then he left"));
  EXPECT_THAT(Sentences("Dr.\nSmith"), ElementsAre("Dr.", "Smith"));
  EXPECT_THAT(Sentences("He said \"we will\n\nnot go\""),
              ElementsAre("He said \"we will", "not go\""));
}

TEST(SplitSentencesTest, LowercaseAfterPeriodDoesNotSplit) {
  EXPECT_THAT(Sentences("The pH. was low. Then it rose."),
              ElementsAre("The pH. was low.", "Then it rose."));
}

TEST(SplitSentencesTest, MultipleSpacesAndTabs) {
  EXPECT_THAT(Sentences("One.   \t Two.\xC2\xA0Three."), ElementsAre("One.", "Two.", "Three."));
}

TEST(SplitSentencesTest, NoSpaceNoSplit) {
  EXPECT_THAT(Sentences("It ended.Then it began."), ElementsAre("It ended.Then it began."));
}

// ---------------------------------------------------------------------------
// Abbreviations.

class TitleTest : public ::testing::TestWithParam<const char*> {};

TEST_P(TitleTest, NoSplitBeforeName) {
  const std::string body = std::string("We met ") + GetParam() + " Smith today. He left.";
  EXPECT_THAT(Sentences(body),
              ElementsAre(std::string("We met ") + GetParam() + " Smith today.", "He left."));
}

INSTANTIATE_TEST_SUITE_P(Titles, TitleTest,
                         ::testing::Values("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Col.",
                                           "Lt.", "Sgt.", "Gov.", "Sen.", "Rep.", "St.", "Capt.",
                                           "Lt. Gen.", "Rev.", "Maj.", "Adm."));

TEST(SplitSentencesTest, Months) {
  EXPECT_THAT(Sentences("The corridor has been blocked since Dec. 12, when activists came. "
                        "It was Jan. 5. Talks ended Sept. 27, 2020."),
              ElementsAre("The corridor has been blocked since Dec. 12, when activists came.",
                          "It was Jan. 5.", "Talks ended Sept. 27, 2020."));
  EXPECT_THAT(Sentences("On Nov. 10 the war ended."), ElementsAre("On Nov. 10 the war ended."));
}

TEST(SplitSentencesTest, NumberPrefixes) {
  EXPECT_THAT(Sentences("He lives at No. 10 Downing Street. See Fig. 3 and Vol. 2 here."),
              ElementsAre("He lives at No. 10 Downing Street.", "See Fig. 3 and Vol. 2 here."));
  EXPECT_THAT(Sentences("The answer was no. Then he left."),
              ElementsAre("The answer was no.", "Then he left."));
}

TEST(SplitSentencesTest, InnerAbbreviations) {
  EXPECT_THAT(Sentences("Real Madrid vs. Barcelona is on. Big cities, e.g. Paris, i.e. France, "
                        "cf. Rome. Done."),
              ElementsAre("Real Madrid vs. Barcelona is on.",
                          "Big cities, e.g. Paris, i.e. France, cf. Rome.", "Done."));
}

TEST(SplitSentencesTest, EtcEndsSentenceBeforeCapital) {
  EXPECT_THAT(Sentences("Apples, pears, etc. The rest is fine. Apples, etc., and pears."),
              ElementsAre("Apples, pears, etc.", "The rest is fine.", "Apples, etc., and pears."));
}

TEST(SplitSentencesTest, UsAtSentenceEnd) {
  EXPECT_THAT(Sentences("The company is based in the U.S. The company said it would grow."),
              ElementsAre("The company is based in the U.S.", "The company said it would grow."));
  EXPECT_THAT(Sentences("Troops left the U.K. It was May."),
              ElementsAre("Troops left the U.K.", "It was May."));
}

TEST(SplitSentencesTest, UsBeforeLowercaseOrNameContinuation) {
  EXPECT_THAT(Sentences("Moscow said the U.S. and EU are meddling."),
              ElementsAre("Moscow said the U.S. and EU are meddling."));
  EXPECT_THAT(Sentences("Help came from U.S. Secretary of State Antony Blinken on Monday."),
              ElementsAre("Help came from U.S. Secretary of State Antony Blinken on Monday."));
  EXPECT_THAT(Sentences("The U.N. Security Council met. The E.U. Commission did too."),
              ElementsAre("The U.N. Security Council met.", "The E.U. Commission did too."));
  EXPECT_THAT(Sentences("Blinken \"reiterated U.S. support for direct talks.\""),
              ElementsAre("Blinken \"reiterated U.S. support for direct talks.\""));
  EXPECT_THAT(
      Sentences("U.S. President Joe Biden spoke. U.K. Prime Minister Rishi Sunak too."),
      ElementsAre("U.S. President Joe Biden spoke.", "U.K. Prime Minister Rishi Sunak too."));
}

TEST(SplitSentencesTest, CompanySuffixes) {
  EXPECT_THAT(
      Sentences("He works at Acme Inc. The firm grew. Apple Inc. CEO Tim Cook spoke. "
                "Samsung Co. Ltd. Shares fell. Martin Luther King Jr. He spoke."),
      ElementsAre("He works at Acme Inc.", "The firm grew.", "Apple Inc. CEO Tim Cook spoke.",
                  "Samsung Co. Ltd.", "Shares fell.", "Martin Luther King Jr.", "He spoke."));
}

TEST(SplitSentencesTest, Times) {
  EXPECT_THAT(Sentences("It starts at 9 a.m. The doors open at 8 a.m. on Monday. "
                        "It ends at 5 p.m. Eastern time. Then at 6 p.m. Monday we eat."),
              ElementsAre("It starts at 9 a.m.", "The doors open at 8 a.m. on Monday.",
                          "It ends at 5 p.m. Eastern time.", "Then at 6 p.m. Monday we eat."));
}

TEST(SplitSentencesTest, UsBeforePronounSplits) {
  EXPECT_THAT(
      Sentences("He was born in the U.S. He moved to the U.K. \"We left,\" he said."),
      ElementsAre("He was born in the U.S.", "He moved to the U.K.", "\"We left,\" he said."));
  EXPECT_THAT(Sentences("Sales in the U.S. 2020 figures rose."),
              ElementsAre("Sales in the U.S. 2020 figures rose."));
}

TEST(SplitSentencesTest, TitlesBeforeCapitalNeverSplit) {
  // Ambiguous by design: a title is taken to precede a name.
  EXPECT_THAT(Sentences("He lives on Main St. Downtown is far."),
              ElementsAre("He lives on Main St. Downtown is far."));
}

TEST(SplitSentencesTest, WashingtonDc) {
  EXPECT_THAT(Sentences("He flew to Washington, D.C. The talks began."),
              ElementsAre("He flew to Washington, D.C.", "The talks began."));
}

TEST(SplitSentencesTest, Initials) {
  EXPECT_THAT(
      Sentences("J. R. R. Tolkien wrote it. Sergei V. Lavrov said so. J.R. Smith won."),
      ElementsAre("J. R. R. Tolkien wrote it.", "Sergei V. Lavrov said so.", "J.R. Smith won."));
  EXPECT_THAT(Sentences("Ilham H. Aliyev spoke."), ElementsAre("Ilham H. Aliyev spoke."));
  EXPECT_THAT(Sentences("Владимир В. Путин spoke."), ElementsAre("Владимир В. Путин spoke."));
}

TEST(SplitSentencesTest, Decimals) {
  EXPECT_THAT(
      Sentences("Growth was 4.2 percent. Costs rose to $4.2bn. It was 0.5%. Done."),
      ElementsAre("Growth was 4.2 percent.", "Costs rose to $4.2bn.", "It was 0.5%.", "Done."));
  EXPECT_THAT(Sentences("It rose 4.2. The rest fell."),
              ElementsAre("It rose 4.2.", "The rest fell."));
}

TEST(SplitSentencesTest, YearBeforeDigit) {
  EXPECT_THAT(Sentences("It was 1990. 2020 was different."),
              ElementsAre("It was 1990.", "2020 was different."));
}

// ---------------------------------------------------------------------------
// Ellipses.

TEST(SplitSentencesTest, EllipsisBeforeLowercaseDoesNotSplit) {
  EXPECT_THAT(Sentences("The regions of Armenia ... can only bring trouble. Done."),
              ElementsAre("The regions of Armenia ... can only bring trouble.", "Done."));
  EXPECT_THAT(Sentences("We waited\xE2\x80\xA6 and waited."),
              ElementsAre("We waited\xE2\x80\xA6 and waited."));
  EXPECT_THAT(Sentences("We waited... and waited."), ElementsAre("We waited... and waited."));
  EXPECT_THAT(Sentences("wait\xE2\x80\xA6what"), ElementsAre("wait\xE2\x80\xA6what"));
}

TEST(SplitSentencesTest, EllipsisBeforeCapitalSplits) {
  EXPECT_THAT(Sentences("I was thinking... Maybe not."),
              ElementsAre("I was thinking...", "Maybe not."));
  EXPECT_THAT(Sentences("I was thinking\xE2\x80\xA6 Maybe not."),
              ElementsAre("I was thinking\xE2\x80\xA6", "Maybe not."));
  EXPECT_THAT(Sentences("I was thinking . . . Maybe not."),
              ElementsAre("I was thinking . . .", "Maybe not."));
  EXPECT_THAT(Sentences("I was thinking . . . and then not."),
              ElementsAre("I was thinking . . . and then not."));
}

TEST(SplitSentencesTest, EllipsisBeforeDigitDoesNotSplit) {
  EXPECT_THAT(Sentences("He waited... 10 minutes later he left."),
              ElementsAre("He waited... 10 minutes later he left."));
}

TEST(SplitSentencesTest, ElisionMarkDoesNotSplit) {
  EXPECT_THAT(Sentences("\"We will [...] Never give in,\" he said."),
              ElementsAre("\"We will [...] Never give in,\" he said."));
  EXPECT_THAT(Sentences("\"We will (\xE2\x80\xA6) Never give in,\" he said."),
              ElementsAre("\"We will (\xE2\x80\xA6) Never give in,\" he said."));
}

TEST(SplitSentencesTest, LeadingEllipsisJoinsNextSentence) {
  EXPECT_THAT(Sentences("\"This is also not much hidden. ... All these groups are known.\""),
              ElementsAre("\"This is also not much hidden.", "... All these groups are known.\""));
  EXPECT_THAT(Sentences("... Then he left."), ElementsAre("... Then he left."));
}

TEST(SplitSentencesTest, PunctuationOnlyTailJoinsPrevious) {
  EXPECT_THAT(Sentences("He left. \" ..."), ElementsAre("He left. \" ..."));
  EXPECT_THAT(Sentences("He left. ?!"), ElementsAre("He left. ?!"));
  EXPECT_THAT(Sentences("..."), ElementsAre("..."));
}

// ---------------------------------------------------------------------------
// Quotations.

TEST(SplitSentencesTest, CommaInsideQuoteIsOneSentence) {
  EXPECT_THAT(Sentences("\"We will not give up,\" he said."),
              ElementsAre("\"We will not give up,\" he said."));
  EXPECT_THAT(Sentences("\xE2\x80\x9CWe will not give up,\xE2\x80\x9D he said."),
              ElementsAre("\xE2\x80\x9CWe will not give up,\xE2\x80\x9D he said."));
}

TEST(SplitSentencesTest, SentenceEndBeforeOpeningQuote) {
  EXPECT_THAT(Sentences("The minister said. \"The next sentence.\""),
              ElementsAre("The minister said.", "\"The next sentence.\""));
  EXPECT_THAT(Sentences("He spoke. \xE2\x80\x9CWe are ready.\xE2\x80\x9D"),
              ElementsAre("He spoke.", "\xE2\x80\x9CWe are ready.\xE2\x80\x9D"));
  EXPECT_THAT(Sentences("He spoke. \xE2\x80\x98We are ready.\xE2\x80\x99"),
              ElementsAre("He spoke.", "\xE2\x80\x98We are ready.\xE2\x80\x99"));
}

TEST(SplitSentencesTest, SplitAfterClosingQuote) {
  EXPECT_THAT(Sentences("He said: \"It is over.\" Then he left."),
              ElementsAre("He said: \"It is over.\"", "Then he left."));
  EXPECT_THAT(Sentences("He said: \xE2\x80\x9CIt is over.\xE2\x80\x9D Then he left."),
              ElementsAre("He said: \xE2\x80\x9CIt is over.\xE2\x80\x9D", "Then he left."));
  EXPECT_THAT(Sentences("She said: \xE2\x80\x98It is over.\xE2\x80\x99 Then she left."),
              ElementsAre("She said: \xE2\x80\x98It is over.\xE2\x80\x99", "Then she left."));
  EXPECT_THAT(Sentences("It is its \"near-abroad.\" It deployed troops."),
              ElementsAre("It is its \"near-abroad.\"", "It deployed troops."));
}

TEST(SplitSentencesTest, QuestionOrExclamationInQuoteBeforeLowercase) {
  EXPECT_THAT(Sentences("\"Why not?\" he asked. \"Never!\" she cried."),
              ElementsAre("\"Why not?\" he asked.", "\"Never!\" she cried."));
  EXPECT_THAT(Sentences("He asked \"why?\" and left."), ElementsAre("He asked \"why?\" and left."));
}

TEST(SplitSentencesTest, QuestionInQuoteBeforeAttribution) {
  EXPECT_THAT(Sentences("\"Why not?\" Lavrov asked. \"Never!\" Mr. Smith shouted at them."),
              ElementsAre("\"Why not?\" Lavrov asked.", "\"Never!\" Mr. Smith shouted at them."));
  EXPECT_THAT(Sentences("\"Is it over?\" Then he left."),
              ElementsAre("\"Is it over?\"", "Then he left."));
  EXPECT_THAT(Sentences("\"Will he?\" Nobody knows."),
              ElementsAre("\"Will he?\"", "Nobody knows."));
}

TEST(SplitSentencesTest, CurlyQuestionBeforeAttribution) {
  EXPECT_THAT(
      Sentences("\xE2\x80\x9CWhy not?\xE2\x80\x9D Lavrov asked reporters. Then he left."),
      ElementsAre("\xE2\x80\x9CWhy not?\xE2\x80\x9D Lavrov asked reporters.", "Then he left."));
  EXPECT_THAT(Sentences("\"Why not?\" asked Lavrov."), ElementsAre("\"Why not?\" asked Lavrov."));
}

TEST(SplitSentencesTest, AbbreviationInsideQuote) {
  EXPECT_THAT(Sentences("\"I live in the U.S.\" He laughed."),
              ElementsAre("\"I live in the U.S.\"", "He laughed."));
}

TEST(SplitSentencesTest, QuoteThenQuote) {
  EXPECT_THAT(Sentences("\"Yes.\" \"No.\" \"Maybe.\""),
              ElementsAre("\"Yes.\"", "\"No.\"", "\"Maybe.\""));
}

// ---------------------------------------------------------------------------
// ?, !, brackets, dashes.

TEST(SplitSentencesTest, QuestionAndExclamation) {
  EXPECT_THAT(Sentences("Is it over?! Yes!!! Really? 2020 was hard."),
              ElementsAre("Is it over?!", "Yes!!!", "Really?", "2020 was hard."));
  EXPECT_THAT(Sentences("Who? me? yes."), ElementsAre("Who? me? yes."));
}

TEST(SplitSentencesTest, ClosingBrackets) {
  EXPECT_THAT(Sentences("He spoke (see above.) Then he left. (It rained.) The end."),
              ElementsAre("He spoke (see above.)", "Then he left.", "(It rained.)", "The end."));
}

TEST(SplitSentencesTest, PhotoCaption) {
  EXPECT_THAT(Sentences("They met in Moscow, Russia, March 20, 2023. (EPA Photo)"),
              ElementsAre("They met in Moscow, Russia, March 20, 2023.", "(EPA Photo)"));
}

TEST(SplitSentencesTest, Dashes) {
  EXPECT_THAT(Sentences("The U.S. \xE2\x80\x94 and its allies \xE2\x80\x94 agreed. It ended. "
                        "\xE2\x80\x94 Reuters"),
              ElementsAre("The U.S. \xE2\x80\x94 and its allies \xE2\x80\x94 agreed.",
                          "It ended. \xE2\x80\x94 Reuters"));
  EXPECT_THAT(Sentences("Why? - because."), ElementsAre("Why? - because."));
}

// ---------------------------------------------------------------------------
// URLs, e-mail, lists.

TEST(SplitSentencesTest, UrlsAndEmail) {
  EXPECT_THAT(Sentences("Visit www.example.com for details. Mail john.doe@example.com. "
                        "See https://example.com/a.b?c=1&d=e.f now! Or example.org."),
              ElementsAre("Visit www.example.com for details.", "Mail john.doe@example.com.",
                          "See https://example.com/a.b?c=1&d=e.f now!", "Or example.org."));
  EXPECT_THAT(Sentences("Amazon.com Inc. said so."), ElementsAre("Amazon.com Inc. said so."));
}

TEST(SplitSentencesTest, NumberedLists) {
  EXPECT_THAT(Sentences("1. Buy milk. 2. Buy eggs. 10. Go home."),
              ElementsAre("1. Buy milk.", "2. Buy eggs.", "10. Go home."));
  EXPECT_THAT(Sentences("Steps: 1. Buy milk. 2. Buy eggs."),
              ElementsAre("Steps: 1. Buy milk.", "2. Buy eggs."));
  EXPECT_THAT(Sentences("1. First\n2. Second"), ElementsAre("1. First", "2. Second"));
}

// ---------------------------------------------------------------------------
// Non-ASCII text.

TEST(SplitSentencesTest, NonAsciiCase) {
  EXPECT_THAT(Sentences("Он сказал. Это всё. это нет."),
              ElementsAre("Он сказал.", "Это всё. это нет."));
  EXPECT_THAT(Sentences("Fue en Ereván. Él habló. Éste no."),
              ElementsAre("Fue en Ereván.", "Él habló.", "Éste no."));
  EXPECT_THAT(Sentences("Պաշինյան. Հայաստան."), ElementsAre("Պաշինյան.", "Հայաստան."));
  EXPECT_THAT(Sentences("Ελλάδα. Αθήνα."), ElementsAre("Ελλάδα.", "Αθήνα."));
  EXPECT_THAT(Sentences("Done. 東京は大きい。"), ElementsAre("Done.", "東京は大きい。"));
}

TEST(SplitSentencesTest, MalformedUtf8) {
  ExpectSentenceInvariants("Bad \xE2\x80. Then \xFF\xFE. And \xC2");
  ExpectSentenceInvariants("\xE2");
  ExpectSentenceInvariants("x.\xE2\x80");
  ExpectSentenceInvariants("x. \xE2\x80");
  ExpectSentenceInvariants("x. \xC2");
  ExpectSentenceInvariants("\xA0\xC2\xA0x\xC2");
}

// ---------------------------------------------------------------------------
// Property tests.

std::string RandomSentenceText(std::mt19937& rng, size_t pieces) {
  static const char* const kPieces[] = {
      "a",
      "b",
      "word",
      "The",
      "He",
      "x",
      "Z",
      "1",
      "42",
      "4.2",
      " ",
      " ",
      " ",
      "  ",
      "\t",
      "\n",
      "\n\n",
      "\r\n",
      ".",
      ".",
      "?",
      "!",
      "...",
      ". . .",
      ",",
      ";",
      ":",
      "\"",
      "'",
      "(",
      ")",
      "[",
      "]",
      "-",
      "\xE2\x80\x94",
      "\xE2\x80\xA6",
      "\xE2\x80\x9C",
      "\xE2\x80\x9D",
      "\xE2\x80\x98",
      "\xE2\x80\x99",
      "\xC2\xA0",
      "\xC2\xAB",
      "\xC2\xBB",
      "\xC3\xA9",
      "\xD0\x96",
      "\xD0\xB6",
      "U.S.",
      "Mr.",
      "Dec.",
      "No.",
      "e.g.",
      "a.m.",
      "Inc.",
      "J.",
      "www.x.com",
      "\xE2\x80",
      "\xC2",
      "\xA0",
      "\xFF",
      "\xE2",
      "said",
      "Lavrov",
      "asked",
  };
  constexpr size_t kCount = sizeof(kPieces) / sizeof(kPieces[0]);
  std::uniform_int_distribution<size_t> pick(0, kCount - 1);
  std::string out;
  for (size_t i = 0; i < pieces; ++i) out += kPieces[pick(rng)];
  return out;
}

TEST(SplitSentencesPropertyTest, RandomPieces) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<size_t> length(0, 80);
  for (int n = 0; n < 3000; ++n) {
    const std::string text = RandomSentenceText(rng, length(rng));
    const ExactBuffer buffer(text);
    ExpectSentenceInvariants(buffer.view());
    if (HasFailure()) return;
  }
}

TEST(SplitSentencesPropertyTest, RandomBytes) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> length(0, 60);
  static const unsigned char kBiased[] = {' ', '.', '\n', '"', 0xE2, 0x80, 0xA6, 0xC2, 0xA0, 'A'};
  std::uniform_int_distribution<size_t> biased(0, sizeof(kBiased) - 1);
  for (int n = 0; n < 3000; ++n) {
    std::string text(length(rng), '\0');
    for (char& c : text) {
      c = static_cast<char>(byte(rng) < 128 ? kBiased[biased(rng)] : byte(rng));
    }
    const ExactBuffer buffer(text);
    ExpectSentenceInvariants(buffer.view());
    if (HasFailure()) return;
  }
}

TEST(SplitSentencesPropertyTest, PathologicalRuns) {
  for (const char* piece : {".", ". ", "? ", "\xE2\x80\xA6 ", "A. ", "\" ", "U.S. ", "\n", "1. "}) {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += piece;
    const ExactBuffer buffer(text);
    ExpectSentenceInvariants(buffer.view());
  }
}

// ---------------------------------------------------------------------------
// Real articles.

// The sentence of body starting with prefix, or "" if none does.
std::string SentenceStartingWith(std::string_view body, std::string_view prefix) {
  for (const Sentence& s : SplitSentences(body)) {
    const std::string_view text = body.substr(s.span.start, s.span.end - s.span.start);
    if (text.substr(0, prefix.size()) == prefix) return std::string(text);
  }
  return "";
}

TEST(SeedTest, AllSeedsKeepInvariants) {
  int found = 0;
  for (const char* name :
       {"000_2a83f4d476463010.txt", "001_ebe937a60e8dbdd7.txt", "002_97b6878fb97d6870.txt",
        "003_06ee55f6cde0683f.txt", "004_dd380b04ffcbbf0e.txt"}) {
    const std::string body = ReadSeed(name);
    if (body.empty()) continue;
    ++found;
    const ExactBuffer buffer(body);
    ExpectSentenceInvariants(buffer.view());
  }
  if (found == 0) GTEST_SKIP() << "seed corpus not found";
}

TEST(SeedTest, Seed001) {
  const std::string body = ReadSeed("001_ebe937a60e8dbdd7.txt");
  if (body.empty()) GTEST_SKIP() << "seed 001 not found";
  EXPECT_EQ(SentenceStartingWith(body, "Russia on Thursday accused"),
            "Russia on Thursday accused the European Union of seeking to fuel \"geopolitical "
            "confrontation\" by establishing a new civilian mission in Armenia.");
  // One sentence, ellipsis included.
  const std::string quote = SentenceStartingWith(body, "\"The appearance of the EU");
  EXPECT_THAT(quote, ::testing::HasSubstr("regions of Armenia ... can only bring"));
  EXPECT_THAT(quote, ::testing::EndsWith("Russia's Foreign Ministry said in a statement."));
  // "Dec. 12" does not end a sentence; the period after "tents" does.
  EXPECT_EQ(SentenceStartingWith(body, "The corridor has been blocked"),
            "The corridor has been blocked since Dec. 12, when environmental activists stopped "
            "traffic by setting up tents.");
  EXPECT_EQ(SentenceStartingWith(body, "Azerbaijan denies any blockade"),
            "Azerbaijan denies any blockade, saying the activists are staging a legitimate "
            "protest against illegal mining activity.");
  // The sentence ends after the closing quote of "near-abroad."
  EXPECT_EQ(SentenceStartingWith(body, "Moscow is the main power broker"),
            "Moscow is the main power broker in the South Caucasus and has long resented any "
            "meddling by outside powers in former Soviet republics, a zone it refers to as its "
            "\"near-abroad.\"");
  EXPECT_THAT(SentenceStartingWith(body, "It deployed peacekeepers"),
              ::testing::EndsWith("since the 1991 collapse of the Soviet Union."));
  // "U.S. Secretary" opens a sentence and continues it.
  EXPECT_THAT(SentenceStartingWith(body, "U.S. Secretary of State Antony Blinken"),
              ::testing::EndsWith("with the two countries' leaders."));
  EXPECT_EQ(SentenceStartingWith(body, "\"Thousands of civilian cars"),
            "\"Thousands of civilian cars have entered and left Karabakh since Dec. 12,\" he told "
            "a newly appointed French ambassador.");
  EXPECT_THAT(SentenceStartingWith(body, "The clashes erupted on Sept. 27, 2020,"),
              ::testing::EndsWith("violating several humanitarian cease-fire agreements."));
  EXPECT_THAT(SentenceStartingWith(body, "The fighting ended"),
              ::testing::EndsWith("on Nov. 10, 2020, which was seen as a victory for Azerbaijan "
                                  "and a defeat for Armenia."));
  // One paragraph per line; four lines hold two sentences.
  EXPECT_EQ(SplitParagraphs(body).size(), 20u);
  EXPECT_EQ(SplitSentences(body).size(), 24u);
}

TEST(SeedTest, Seed002) {
  const std::string body = ReadSeed("002_97b6878fb97d6870.txt");
  if (body.empty()) GTEST_SKIP() << "seed 002 not found";
  EXPECT_EQ(SentenceStartingWith(body, "Russia slams"),
            "Russia slams Western \xE2\x80\x98imposition\xE2\x80\x99 as US offers Armenia support");
  EXPECT_EQ(SentenceStartingWith(body, "Russian Foreign Minister Sergey Lavrov (L)"),
            "Russian Foreign Minister Sergey Lavrov (L) enters a hall with Armenia Foreign "
            "Minister Ararat Mirzoyan (R) for their joint news conference during their meeting in "
            "Moscow, Russia, March 20, 2023.");
  EXPECT_EQ(SentenceStartingWith(body, "(EPA"), "(EPA Photo)");
  EXPECT_EQ(SentenceStartingWith(body, "Washington reiterated"),
            "Washington reiterated calls for dialogue after Moscow said the U.S. and EU are "
            "meddling in the South Caucasus to upend its peace efforts in the renewed "
            "Azerbaijan-Armenia conflict");
  EXPECT_THAT(SentenceStartingWith(body, "He accused the West of \"undisguised attempts ..."),
              ::testing::EndsWith("trilateral agreements between Russia, Armenia and Azerbaijan."));
  EXPECT_EQ(SentenceStartingWith(body, "\"We see what goals"),
            "\"We see what goals the West pursues in the South Caucasus.");
  EXPECT_EQ(
      SentenceStartingWith(body, "It doesn't hide them"),
      "It doesn't hide them \xE2\x80\x93 to tear Russia away\" from the region, Lavrov said.");
  EXPECT_EQ(SentenceStartingWith(body, "\"This is also not much hidden."),
            "\"This is also not much hidden.");
  EXPECT_EQ(SentenceStartingWith(body, "... All these"),
            "... All these nongovernmental organizations are known.");
  EXPECT_EQ(SentenceStartingWith(body, "On Feb. 20,"),
            "On Feb. 20, the EU deployed an expanded monitoring mission to Armenia's volatile "
            "border with Azerbaijan.");
  EXPECT_EQ(SentenceStartingWith(body, "Lavrov\xE2\x80\x99s jabs"),
            "Lavrov\xE2\x80\x99s jabs preceded a fresh offer of help from U.S. Secretary of State "
            "Antony Blinken to Pashinian in a phone call hours later on Monday.");
  EXPECT_THAT(SentenceStartingWith(body, "Blinken \"reiterated U.S. support"),
              ::testing::EndsWith("the State Department said in a statement."));
  EXPECT_EQ(SentenceStartingWith(body, "U.S. support"), "U.S. support");
}

TEST(SeedTest, Seed003) {
  const std::string body = ReadSeed("003_06ee55f6cde0683f.txt");
  if (body.empty()) GTEST_SKIP() << "seed 003 not found";
  EXPECT_EQ(SentenceStartingWith(body, "Read more:"),
            "Read more: Armenian opposition wants to start National Committee to impeach govt.");
  EXPECT_EQ(SentenceStartingWith(body, "Azerbaijan initiated"),
            "Azerbaijan initiated a military operation in Nagorno-Karabakh on September 19, with "
            "the announced goal of \"restoring constitutional order.\"");
  EXPECT_THAT(SentenceStartingWith(body, "The prime minister also contended"),
              ::testing::EndsWith("in reference to Yereven's relations with Russia."));
  EXPECT_EQ(SentenceStartingWith(body, "As a result,"),
            "As a result, Russia deployed 2,000 peacekeepers to monitor the truce between the "
            "warring countries.");
}

TEST(SeedTest, Seed004) {
  const std::string body = ReadSeed("004_dd380b04ffcbbf0e.txt");
  if (body.empty()) GTEST_SKIP() << "seed 004 not found";
  EXPECT_EQ(SentenceStartingWith(body, "date 2023-07-06 The Russian"),
            "date 2023-07-06 The Russian foreign ministry called for an end to the Artsakh "
            "blockade on Thursday, the third time in so many weeks that official Moscow has "
            "called for the unimpeded movement on the Lachin Corridor.");
  EXPECT_EQ(SentenceStartingWith(body,
                                 "\xE2\x80\x9C"
                                 "According to the existing"),
            "\xE2\x80\x9C"
            "According to the existing information, the humanitarian situation "
            "in the region is deteriorating.");
  // A comma inside the quote, then a capitalised "The": still one sentence.
  EXPECT_EQ(SentenceStartingWith(body, "We are making"),
            "We are making all necessary efforts from our side,\xE2\x80\x9D The Russian foreign "
            "ministry spokesperson said.");
  EXPECT_EQ(SentenceStartingWith(body, "And of course,"),
            "And of course, a lot depends on the parties themselves, their political will and "
            "readiness to meet each other halfway.");
}

TEST(SeedTest, Seed000) {
  const std::string body = ReadSeed("000_2a83f4d476463010.txt");
  if (body.empty()) GTEST_SKIP() << "seed 000 not found";
  const std::vector<Sentence> sentences = SplitSentences(body);
  // Every paragraph of this article is a single sentence.
  EXPECT_EQ(SplitParagraphs(body).size(), 12u);
  EXPECT_EQ(sentences.size(), 12u);
  EXPECT_EQ(SentenceStartingWith(body, "Moscow believed"),
            "Moscow believed that the European Union seeks, by sending its mission, to "
            "\xE2\x80\x9Cundermine Russian mediation efforts.\xE2\x80\x9D");
}

}  // namespace
}  // namespace parallax
