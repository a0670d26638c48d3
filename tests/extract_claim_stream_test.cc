#include <random>

#include "extract/claim_stream.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/corpus.h"
#include "testing/shipped_rules.h"

namespace parallax {
namespace {

using ::testing::HasSubstr;

// Every claim of the demo corpus, written as `parallax extract` writes it,
// reads back into the claim that writes the same line: every field of the
// stream survives, speaker spans and nulls included.
TEST(ClaimStream, EveryDemoClaimReadsBackAsItWasWritten) {
  const Corpus corpus = ReadCorpus({std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo"}, {});
  ASSERT_GE(corpus.articles.size(), 5u);
  ClaimLineParser parser;
  size_t lines = 0, with_speaker_span = 0;
  for (const Article& article : corpus.articles) {
    for (const Claim& claim : ExtractWithShippedRules(article.body, article.date)) {
      const std::string line = ClaimToJson(article.id, claim);
      absl::StatusOr<std::pair<std::string, Claim>> read = parser.Parse(line);
      ASSERT_TRUE(read.ok()) << line << ": " << read.status();
      EXPECT_EQ(read->first, article.id);
      EXPECT_EQ(ClaimToJson(read->first, read->second), line);
      EXPECT_EQ(read->second.text, claim.text);
      ++lines;
      if (read->second.speaker_start) ++with_speaker_span;
    }
  }
  EXPECT_GT(lines, 300u);
  EXPECT_GT(with_speaker_span, 10u);
}

TEST(ClaimStream, ALineThatIsNotAClaimSaysWhatIsWrong) {
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "not valid JSON"},
      {"[1, 2]", "expected a JSON object"},
      {R"({"kind": "date", "start": 0, "end": 1, "rule": "rules/d.rules:1"})",
       "missing \"article\""},
      {R"({"article": "a", "kind": "rumour", "start": 0, "end": 1, "rule": "rules/d.rules:1"})",
       "\"kind\" must be one of"},
      {R"({"article": "a", "start": 0, "end": 1, "rule": "rules/d.rules:1"})", "missing \"kind\""},
      {R"({"article": "a", "kind": "date", "start": 0, "end": 1})", "missing \"rule\""},
      {R"({"article": "a", "kind": "date", "start": 5, "end": 1, "rule": "rules/d.rules:1"})",
       "start <= end"},
      {R"({"article": "a", "kind": "date", "start": -1, "end": 1, "rule": "rules/d.rules:1"})",
       "\"start\" must be a byte offset"},
      {R"({"article": "a", "kind": "date", "end": 1, "rule": "rules/d.rules:1"})", "start <= end"},
      {R"({"article": "a", "kind": "date", "start": 0, "end": 1, "rule": "rules/d.rules:1",
           "value": 5})",
       "\"value\" must be a string or null"},
      {R"({"article": "a", "kind": "quote", "start": 0, "end": 1, "rule": "rules/q.rules:1",
           "speaker": "X", "speaker_start": 3})",
       "go together"},
      {R"({"article": "", "kind": "date", "start": 0, "end": 1, "rule": "rules/d.rules:1"})",
       "\"article\" must be a non-empty string"},
  };
  ClaimLineParser parser;
  for (const auto& [line, message] : cases) {
    absl::StatusOr<std::pair<std::string, Claim>> read = parser.Parse(line);
    ASSERT_FALSE(read.ok()) << line;
    EXPECT_THAT(read.status().message(), HasSubstr(message)) << line;
  }
}

// Damaged lines (bytes changed, cut short) are errors or claims whose
// offsets are in order, never a crash.
TEST(ClaimStream, DamagedLinesNeverCrashTheParser) {
  const Corpus corpus = ReadCorpus({std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo"}, {});
  ASSERT_FALSE(corpus.articles.empty());
  const Article& article = corpus.articles.front();
  std::vector<std::string> lines;
  for (const Claim& claim : ExtractWithShippedRules(article.body, article.date)) {
    lines.push_back(ClaimToJson(article.id, claim));
  }
  ASSERT_FALSE(lines.empty());
  ClaimLineParser parser;
  std::mt19937 random(11);
  for (int round = 0; round < 5000; ++round) {
    std::string line = lines[random() % lines.size()];
    if (round % 2 == 0) {
      line[random() % line.size()] = static_cast<char>(random());
    } else {
      line.resize(random() % line.size());
    }
    absl::StatusOr<std::pair<std::string, Claim>> read = parser.Parse(line);
    if (!read.ok()) continue;
    EXPECT_LE(read->second.start, read->second.end) << line;
    EXPECT_FALSE(read->first.empty()) << line;
  }
}

}  // namespace
}  // namespace parallax
