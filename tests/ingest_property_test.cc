// Property tests of the ingest parsers: random and mutated bytes never crash
// them (the sanitizer build checks memory and undefined behaviour too), and
// every input becomes either a well-formed article or a problem.
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ingest/corpus.h"
#include "ingest/jsonl_article.h"
#include "ingest/text_article.h"
#include "testing/test_util.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

constexpr int kCases = 4000;

const std::vector<std::string>& TextSeeds() {
  static const auto* seeds = new std::vector<std::string>{
      "date 2023-09-20\nsource Meridian Wire\nurl https://x.example/a\ntitle T\n\nBody one.\n",
      " date 2023-01-27 The Russian Foreign Ministry said \xE2\x80\x9Cno\xE2\x80\x9D.\n\nMore.",
      "Plain body with \"quotes\" and a date 2024-02-29.\r\nSecond line.\r\n",
      "\xEF\xBB\xBFtitle: x\ndate: 2023-02-07T09:30:00Z\n\n\nBody.",
      "date 2024-02-30\n\nBody.",
  };
  return *seeds;
}

const std::vector<std::string>& JsonlSeeds() {
  static const auto* seeds = new std::vector<std::string>{
      R"({"id": "a", "text": "Body \u201cq\u201d.\nMore.", "date": "2023-01-27", "source": "S"})",
      R"({"id": 7, "text": "x", "date": null, "title": null, "url": "u"})",
      R"({"id": "b", "text": "t", "nested": {"a": [1, 2.5e3, true, false, null]}})",
  };
  return *seeds;
}

// Fragments that exercise the parsers' edges when spliced in.
const std::vector<std::string>& Fragments() {
  static const auto* fragments = new std::vector<std::string>{"\n",
                                                              "\r\n",
                                                              "\r",
                                                              "\n\n",
                                                              "date ",
                                                              "date 2023-01-01 ",
                                                              "source ",
                                                              "title ",
                                                              ":",
                                                              "\"",
                                                              "\\",
                                                              "\\u",
                                                              "\\ud800",
                                                              "{",
                                                              "}",
                                                              "[",
                                                              "\xFF",
                                                              "\xC3",
                                                              "\xE2\x80",
                                                              "\xEF\xBB\xBF",
                                                              std::string(1, '\0'),
                                                              " ",
                                                              "\t",
                                                              "2024-02-30",
                                                              "T25:00",
                                                              "\xF0\x9F\x98\x80"};
  return *fragments;
}

std::string Mutate(std::string input, std::mt19937& rng) {
  const int edits = 1 + rng() % 6;
  for (int e = 0; e < edits; ++e) {
    const size_t pos = input.empty() ? 0 : rng() % (input.size() + 1);
    switch (rng() % 5) {
      case 0:  // flip a byte
        if (!input.empty()) input[rng() % input.size()] = static_cast<char>(rng());
        break;
      case 1:  // splice a fragment
        input.insert(pos, Fragments()[rng() % Fragments().size()]);
        break;
      case 2:  // cut a piece
        input.erase(pos, rng() % 8);
        break;
      case 3:  // truncate
        input.resize(pos);
        break;
      default:  // duplicate a piece
        input.insert(pos, input.substr(rng() % (input.size() + 1), rng() % 16));
    }
  }
  return input;
}

std::string RandomBytes(std::mt19937& rng) {
  std::string bytes(rng() % 64, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  return bytes;
}

// `max_line`: the last line a problem may name.
void CheckArticleOrProblem(const ParsedArticle& parsed, int max_line, std::string_view path) {
  if (!parsed.ok()) {
    EXPECT_EQ(parsed.problem->path, path);
    EXPECT_FALSE(parsed.problem->message.empty());
    if (parsed.problem->line) {
      EXPECT_GE(*parsed.problem->line, 1);
      EXPECT_LE(*parsed.problem->line, max_line);
    }
    return;
  }
  const Article& a = parsed.article;
  EXPECT_FALSE(a.id.empty());
  EXPECT_EQ(FindInvalidUtf8(a.body), std::nullopt);
  EXPECT_EQ(a.body.find('\r'), std::string::npos);
  EXPECT_EQ(a.body.find('\0'), std::string::npos);
  EXPECT_FALSE(StripWhitespace(a.body).empty());
  EXPECT_EQ(a.date.has_value(), a.date_origin != DateOrigin::kUnknown);
  for (const auto* field : {&a.source, &a.url, &a.title}) {
    if (*field) {
      EXPECT_EQ(FindInvalidUtf8(**field), std::nullopt);
    }
  }
}

TEST(IngestProperty, TextParserTakesAnyBytes) {
  std::mt19937 rng(20230127);
  for (int i = 0; i < kCases; ++i) {
    const std::string input =
        i % 4 == 0 ? RandomBytes(rng) : Mutate(TextSeeds()[rng() % TextSeeds().size()], rng);
    const ParsedArticle parsed = ParseTextArticle("p.txt", "p", input);
    SCOPED_TRACE(testing::ShellQuote(input));
    // Lone CRs end lines too; a problem may name the line after the last.
    const std::string lines = NormalizeNewlines(input);
    CheckArticleOrProblem(parsed, LineOfOffset(lines, lines.size()) + 1, "p.txt");
    if (parsed.ok()) {
      // The body is the end of the input, with line ends normalised.
      const std::string normalized = NormalizeNewlines(input);
      EXPECT_TRUE(normalized.ends_with(parsed.article.body));
    }
  }
}

TEST(IngestProperty, JsonlParserTakesAnyBytes) {
  std::mt19937 rng(20230706);
  JsonlParser parser;
  for (int i = 0; i < kCases; ++i) {
    const std::string input =
        i % 4 == 0 ? RandomBytes(rng) : Mutate(JsonlSeeds()[rng() % JsonlSeeds().size()], rng);
    const ParsedArticle parsed = parser.Parse("f.jsonl", 3, input);
    SCOPED_TRACE(testing::ShellQuote(input));
    CheckArticleOrProblem(parsed, 3, "f.jsonl");
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.problem->line, 3);
    }
  }
}

TEST(IngestProperty, EveryFileBecomesAnArticleOrAProblem) {
  std::mt19937 rng(42);
  testing::TempDir dir;
  const int files = 200;
  for (int i = 0; i < files; ++i) {
    dir.Write("c/" + std::to_string(10000 + i) + ".txt",
              Mutate(TextSeeds()[rng() % TextSeeds().size()], rng));
  }
  IngestOptions options;
  options.jobs = 2;
  const Corpus corpus = ReadCorpus({dir.path() + "/c"}, options);
  EXPECT_EQ(corpus.articles.size() + corpus.problems.size(), static_cast<size_t>(files));
}

}  // namespace
}  // namespace parallax
