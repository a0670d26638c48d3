#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/jsonl_article.h"

namespace parallax {
namespace {

using ::testing::HasSubstr;

ParsedArticle ParseJsonLine(std::string_view line) {
  JsonlParser parser;
  return parser.Parse("feed.jsonl", 7, line);
}

TEST(JsonlArticle, ReadsAllFields) {
  ParsedArticle parsed = ParseJsonLine(
      R"({"id": "w1", "text": "Line one.\r\nLine \u201cquoted\u201d.", "date": "2023-02-07T09:30:00Z",)"
      R"( "source": "Harbor Post", "url": "https://x.example/1", "title": "Quake", "extra": [1, 2]})");
  ASSERT_TRUE(parsed.ok()) << parsed.problem->message;
  const Article& a = parsed.article;
  EXPECT_EQ(a.id, "w1");
  EXPECT_EQ(a.path, "feed.jsonl");
  EXPECT_EQ(a.body, "Line one.\nLine \xE2\x80\x9Cquoted\xE2\x80\x9D.");
  EXPECT_EQ(a.date, CivilDate(2023, 2, 7));
  EXPECT_EQ(a.date_origin, DateOrigin::kJsonl);
  EXPECT_EQ(a.source, "Harbor Post");
  EXPECT_EQ(a.url, "https://x.example/1");
  EXPECT_EQ(a.title, "Quake");
  EXPECT_EQ(a.body_line, 7);
}

TEST(JsonlArticle, OptionalFieldsMayBeNullOrAbsent) {
  ParsedArticle parsed =
      ParseJsonLine(R"({"id": 42, "text": "Body.", "date": null, "source": null})");
  ASSERT_TRUE(parsed.ok()) << parsed.problem->message;
  EXPECT_EQ(parsed.article.id, "42");
  EXPECT_EQ(parsed.article.date, std::nullopt);
  EXPECT_EQ(parsed.article.date_origin, DateOrigin::kUnknown);
  EXPECT_EQ(parsed.article.source, std::nullopt);
}

struct BadCase {
  const char* line;
  const char* message;
};

class JsonlProblems : public ::testing::TestWithParam<BadCase> {};

TEST_P(JsonlProblems, EachBadRecordIsAProblemOnItsLine) {
  ParsedArticle parsed = ParseJsonLine(GetParam().line);
  ASSERT_FALSE(parsed.ok()) << GetParam().line;
  EXPECT_EQ(parsed.problem->path, "feed.jsonl");
  EXPECT_EQ(parsed.problem->line, 7);
  EXPECT_THAT(parsed.problem->message, HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    All, JsonlProblems,
    ::testing::Values(BadCase{"not json", "not valid JSON"},
                      BadCase{R"({"id": "a", "text": "x")", "not valid JSON"},
                      BadCase{R"(["id", "text"])", "expected a JSON object"},
                      BadCase{R"("just a string")", "got a string"},
                      BadCase{R"({"text": "Body."})", "missing \"id\""},
                      BadCase{R"({"id": "a"})", "missing \"text\""},
                      BadCase{R"({"id": "a", "text": "  \n "})", "blank \"text\""},
                      BadCase{R"({"id": "", "text": "x"})", "\"id\" is empty"},
                      BadCase{R"({"id": ["a"], "text": "x"})", "\"id\" must be a string"},
                      BadCase{R"({"id": "a", "text": 5})",
                              "\"text\" must be a string, got a number"},
                      BadCase{R"({"id": "a", "text": "x", "date": "2024-02-30"})", "no such day"},
                      BadCase{R"({"id": "a", "text": "x", "date": 20240101})", "\"date\" must be"},
                      BadCase{R"({"id": "a", "text": "x", "source": {"name": "y"}})",
                              "\"source\" must be a string or null"},
                      BadCase{R"({"id": "a", "text": "x\u0000y"})", "NUL"},
                      BadCase{"{\"id\": \"a\", \"text\": \"\xFF\"}", "invalid UTF-8 at byte 21"}));

TEST(JsonlArticle, ParserIsReusableAcrossLinesOfAnyLength) {
  JsonlParser parser;
  const std::string long_text(100000, 'x');
  for (int i = 0; i < 3; ++i) {
    ParsedArticle small = parser.Parse("f", 1, R"({"id": "s", "text": "short"})");
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small.article.body, "short");
    ParsedArticle big = parser.Parse("f", 2, R"({"id": "b", "text": ")" + long_text + "\"}");
    ASSERT_TRUE(big.ok());
    EXPECT_EQ(big.article.body, long_text);
  }
}

}  // namespace
}  // namespace parallax
