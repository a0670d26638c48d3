#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/text_article.h"
#include "testing/test_util.h"

namespace parallax {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

ParsedArticle ParseText(std::string_view bytes) { return ParseTextArticle("in/a.txt", "a", bytes); }

TEST(TextArticle, ReadsTheHeaderBlock) {
  ParsedArticle parsed = ParseText(
      "date 2023-09-20\nsource Meridian Wire\nurl https://news.example/x\n"
      "title Ceasefire agreed\n\nSTEPANAKERT — Fighting stopped.\nSecond paragraph.\n");
  ASSERT_TRUE(parsed.ok()) << parsed.problem->message;
  const Article& a = parsed.article;
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.path, "in/a.txt");
  EXPECT_EQ(a.date, CivilDate(2023, 9, 20));
  EXPECT_EQ(a.date_origin, DateOrigin::kHeader);
  EXPECT_EQ(a.source, "Meridian Wire");
  EXPECT_EQ(a.url, "https://news.example/x");
  EXPECT_EQ(a.title, "Ceasefire agreed");
  EXPECT_EQ(a.body, "STEPANAKERT — Fighting stopped.\nSecond paragraph.\n");
  EXPECT_EQ(a.body_line, 6);
}

TEST(TextArticle, AcceptsColonsTimestampsAndAnyHeaderOrder) {
  ParsedArticle parsed =
      ParseText("title: A title\ndate: 2023-02-07T09:30:00Z\n\n\n\nBody after blank lines.");
  ASSERT_TRUE(parsed.ok()) << parsed.problem->message;
  EXPECT_EQ(parsed.article.date, CivilDate(2023, 2, 7));
  EXPECT_EQ(parsed.article.title, "A title");
  EXPECT_EQ(parsed.article.body, "Body after blank lines.");
  EXPECT_EQ(parsed.article.body_line, 6);
}

TEST(TextArticle, ReadsTheInlineDateForm) {
  ParsedArticle parsed =
      ParseText(" date 2023-01-27 The Russian Foreign Ministry said.\n\nMore text.\n");
  ASSERT_TRUE(parsed.ok()) << parsed.problem->message;
  EXPECT_EQ(parsed.article.date, CivilDate(2023, 1, 27));
  EXPECT_EQ(parsed.article.date_origin, DateOrigin::kHeader);
  EXPECT_EQ(parsed.article.body, "The Russian Foreign Ministry said.\n\nMore text.\n");
  EXPECT_EQ(parsed.article.body_line, 1);
}

TEST(TextArticle, WithoutHeaderEverythingIsBodyAndTheDateIsUnknown) {
  ParsedArticle parsed = ParseText("Russia on Thursday accused the EU.\nMore.\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.article.date, std::nullopt);
  EXPECT_EQ(parsed.article.date_origin, DateOrigin::kUnknown);
  EXPECT_EQ(parsed.article.source, std::nullopt);
  EXPECT_EQ(parsed.article.body, "Russia on Thursday accused the EU.\nMore.\n");
}

TEST(TextArticle, StripsTheBomAndNormalisesCrlf) {
  ParsedArticle parsed = ParseText(
      "\xEF\xBB\xBF"
      "date 2023-01-27\r\nsource X\r\n\r\nLine one.\r\nLine two.\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.problem->message;
  EXPECT_EQ(parsed.article.source, "X");
  EXPECT_EQ(parsed.article.body, "Line one.\nLine two.\n");
}

TEST(TextArticle, ImpossibleDateIsAProblemOnItsLine) {
  ParsedArticle parsed = ParseText("source X\ndate 2024-02-30\n\nBody.");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problem->path, "in/a.txt");
  EXPECT_EQ(parsed.problem->line, 2);
  EXPECT_THAT(parsed.problem->message, HasSubstr("2024-02-30"));
  EXPECT_THAT(parsed.problem->message, HasSubstr("no such day"));
}

TEST(TextArticle, UnknownHeaderIsAProblemThatSaysWhatWasExpected) {
  ParsedArticle parsed = ParseText("date 2023-01-27\nauthor Jane Doe\n\nBody.");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problem->line, 2);
  EXPECT_THAT(parsed.problem->message, HasSubstr("author Jane Doe"));
  EXPECT_THAT(parsed.problem->message, HasSubstr("expected \"date YYYY-MM-DD\""));
}

TEST(TextArticle, HeaderWithoutBlankLineBeforeBodyIsAProblem) {
  ParsedArticle parsed = ParseText("title Storm hits coast\nThe storm hit the coast.");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problem->line, 2);
  EXPECT_THAT(parsed.problem->message, HasSubstr("blank line before the body"));
}

TEST(TextArticle, DuplicateAndEmptyHeadersAreProblems) {
  ParsedArticle twice = ParseText("source A\nsource B\n\nBody.");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.problem->line, 2);
  EXPECT_THAT(twice.problem->message, HasSubstr("first given on line 1"));
  ParsedArticle empty = ParseText("source A\ntitle \t\n\nBody.");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.problem->line, 2);
}

TEST(TextArticle, EmptyInputAndEmptyBodyAreProblems) {
  for (std::string_view bytes : {"", "  \n\n \t\n", "\xEF\xBB\xBF"}) {
    ParsedArticle parsed = ParseText(bytes);
    ASSERT_FALSE(parsed.ok());
    EXPECT_THAT(parsed.problem->message, StartsWith("empty article"));
  }
  ParsedArticle header_only = ParseText("date 2023-01-27\nsource X\n\n\n");
  ASSERT_FALSE(header_only.ok());
  EXPECT_THAT(header_only.problem->message, HasSubstr("no text after its header"));
}

TEST(TextArticle, InvalidUtf8NamesByteAndLine) {
  ParsedArticle parsed = ParseText("date 2023-01-27\n\nGood line.\nBad \xC3\x28 line.\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problem->line, 4);
  EXPECT_THAT(parsed.problem->message, HasSubstr("invalid UTF-8 at byte 32"));
}

TEST(TextArticle, NulByteIsAProblem) {
  ParsedArticle parsed = ParseText(std::string_view("text\0more", 9));
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(parsed.problem->message, HasSubstr("NUL byte"));
}

TEST(TextArticle, IdIsTheFileNameWithoutExtension) {
  EXPECT_EQ(ArticleIdFromPath("corpus/seeds/000_2a83f4d476463010.txt"), "000_2a83f4d476463010");
  EXPECT_EQ(ArticleIdFromPath("a.b.txt"), "a.b");
  EXPECT_EQ(ArticleIdFromPath("noext"), "noext");
  EXPECT_EQ(ArticleIdFromPath("dir.d/.hidden"), ".hidden");
}

TEST(TextArticle, SeedArticlesParseWithTheirInlineDates) {
  const std::string seeds = testing::SeedsDir();
  if (seeds.empty()) GTEST_SKIP() << "../shared/corpus/seeds is not beside the checkout";
  struct Expected {
    const char* id;
    std::optional<CivilDate> date;
    const char* body_start;
  };
  for (const Expected& e : {
           Expected{"000_2a83f4d476463010", CivilDate(2023, 1, 27), "The Russian Foreign Ministry"},
           Expected{"001_ebe937a60e8dbdd7", std::nullopt, "Russia on Thursday accused"},
           Expected{"002_97b6878fb97d6870", std::nullopt, "Russia slams Western"},
           Expected{"003_06ee55f6cde0683f", std::nullopt, "Armenia trying to sever ties"},
           Expected{"004_dd380b04ffcbbf0e", CivilDate(2023, 7, 6), "The Russian foreign ministry"},
       }) {
    const std::string path = seeds + "/" + e.id + ".txt";
    ParsedArticle parsed = ParseTextArticle(path, e.id, testing::ReadFileOrDie(path));
    ASSERT_TRUE(parsed.ok()) << e.id << ": " << parsed.problem->message;
    EXPECT_EQ(parsed.article.date, e.date) << e.id;
    EXPECT_THAT(parsed.article.body, StartsWith(e.body_start)) << e.id;
  }
}

}  // namespace
}  // namespace parallax
