#include <sys/stat.h>
#include <unistd.h>

#include <sstream>
#include <tuple>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/corpus.h"
#include "testing/test_util.h"
#include "util/strings.h"

namespace parallax {
namespace {

using ::parallax::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Ids(const Corpus& corpus) {
  std::vector<std::string> ids;
  for (const Article& a : corpus.articles) ids.push_back(a.id);
  return ids;
}

TEST(Corpus, WalksFoldersInPathOrderAndMixesInputKinds) {
  TempDir dir;
  dir.Write("c/b.txt", "Second.");
  dir.Write("c/a.txt", "First.");
  dir.Write("c/sub/z.txt", "Nested.");
  dir.Write("c/notes.md", "Not an article.");
  dir.Write("c/.hidden/h.txt", "Hidden.");
  dir.Write("c/.h.txt", "Hidden file.");
  dir.Write("c/feed.jsonl",
            "{\"id\": \"j1\", \"text\": \"From JSONL.\"}\n\n"
            "{\"id\": \"j2\", \"text\": \"Another.\"}\n");
  const std::string single = dir.Write("single.txt", "date 2023-01-01\n\nSingle.");
  std::istringstream stdin_stream("{\"id\": \"s1\", \"text\": \"From stdin.\"}\n");
  IngestOptions options;
  options.stdin_stream = &stdin_stream;
  Corpus corpus = ReadCorpus({dir.path() + "/c", single, "-"}, options);
  EXPECT_THAT(corpus.problems, ::testing::IsEmpty());
  EXPECT_THAT(Ids(corpus), ElementsAre("a", "b", "j1", "j2", "z", "single", "s1"));
  EXPECT_EQ(corpus.articles[3].body_line, 3);
  EXPECT_EQ(corpus.articles[6].path, "-");
}

TEST(Corpus, BadInputsBecomeProblemsAndGoodOnesStillLoad) {
  TempDir dir;
  dir.Write("c/good.txt", "A good article.");
  dir.Write("c/bad-utf8.txt", "Bad \xFF byte.");
  dir.Write("c/empty.txt", "");
  dir.Write("c/bad-date.txt", "date 2024-02-30\n\nBody.");
  dir.Write("c/big.txt", std::string(2000, 'x'));
  dir.Write("c/z-feed.jsonl",
            "{\"id\": \"good\", \"text\": \"Duplicate id.\"}\n"
            "[1, 2]\n"
            "{\"id\": \"j\", \"text\": \"Fine.\"}\n");
  const std::string locked = dir.Write("c/locked.txt", "Secret.");
  ::chmod(locked.c_str(), 0);
  const bool can_lock = ::access(locked.c_str(), R_OK) != 0;  // root reads anything

  IngestOptions options;
  options.max_article_bytes = 1000;
  options.jobs = 3;
  Corpus corpus = ReadCorpus({dir.path() + "/c", dir.path() + "/missing.txt"}, options);
  const std::vector<std::string> expected_ids =
      can_lock ? std::vector<std::string>{"good", "j"}
               : std::vector<std::string>{"good", "locked", "j"};
  EXPECT_EQ(Ids(corpus), expected_ids);

  std::vector<std::string> messages;
  bool locked_reported = false;
  for (const Problem& p : corpus.problems) {
    if (p.path == locked) {
      locked_reported = true;
      EXPECT_THAT(p.message, HasSubstr("cannot open"));
      continue;
    }
    messages.push_back(p.path.substr(dir.path().size()) + ":" +
                       (p.line ? std::to_string(*p.line) : "-") + ": " + p.message);
  }
  const std::vector<::testing::Matcher<std::string>> expected_in_order = {
      HasSubstr("/c/bad-date.txt:1: bad date header"),
      HasSubstr("/c/bad-utf8.txt:1: invalid UTF-8 at byte 4"),
      HasSubstr("/c/big.txt:-: file is 2.0 KiB, over the limit of 1000 bytes"),
      HasSubstr("/c/empty.txt:1: empty article"),
      HasSubstr("/c/z-feed.jsonl:1: duplicate article id \"good\" (first used by "),
      HasSubstr("/c/z-feed.jsonl:2: expected a JSON object"),
      HasSubstr("/missing.txt:-: no such file or folder"),
  };
  EXPECT_THAT(messages, ::testing::ElementsAreArray(expected_in_order));
  EXPECT_EQ(locked_reported, can_lock);
}

TEST(Corpus, EmptyFolderIsAProblem) {
  TempDir dir;
  dir.Write("c/readme.md", "nothing");
  Corpus corpus = ReadCorpus({dir.path() + "/c"}, IngestOptions());
  ASSERT_EQ(corpus.problems.size(), 1u);
  EXPECT_THAT(corpus.problems[0].message, HasSubstr("no .txt or .jsonl files"));
}

TEST(Corpus, JsonlRecordOverTheLimitIsAProblem) {
  TempDir dir;
  const std::string feed =
      dir.Write("f.jsonl", "{\"id\": \"a\", \"text\": \"" + std::string(300, 'x') + "\"}\n" +
                               "{\"id\": \"b\", \"text\": \"ok\"}\n");
  IngestOptions options;
  options.max_article_bytes = 100;
  Corpus corpus = ReadCorpus({feed}, options);
  EXPECT_THAT(Ids(corpus), ElementsAre("b"));
  ASSERT_EQ(corpus.problems.size(), 1u);
  EXPECT_EQ(corpus.problems[0].line, 1);
  EXPECT_THAT(corpus.problems[0].message, HasSubstr("over the limit"));
}

TEST(Corpus, ResultDoesNotDependOnJobs) {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    dir.Write("c/" + std::to_string(1000 + i) + ".txt",
              i % 7 == 0 ? std::string("bad \xFE") : "Article " + std::to_string(i) + ".");
  }
  IngestOptions one;
  one.jobs = 1;
  IngestOptions four;
  four.jobs = 4;
  Corpus a = ReadCorpus({dir.path() + "/c"}, one);
  Corpus b = ReadCorpus({dir.path() + "/c"}, four);
  EXPECT_EQ(Ids(a), Ids(b));
  ASSERT_EQ(a.problems.size(), b.problems.size());
  for (size_t i = 0; i < a.problems.size(); ++i) EXPECT_EQ(a.problems[i].path, b.problems[i].path);
}

TEST(CorpusReader, BatchesTogetherAreTheWholeCorpus) {
  TempDir dir;
  for (int i = 0; i < 7; ++i) dir.Write(StrCat("c/t", i, ".txt"), StrCat("Text ", i, "."));
  std::string feed;
  for (int i = 0; i < 9; ++i) StrAppend(&feed, "{\"id\": \"j", i, "\", \"text\": \"Line.\"}\n");
  StrAppend(&feed, "not json\n{\"id\": \"t3\", \"text\": \"Duplicate.\"}\n");
  dir.Write("c/u.jsonl", feed);
  const std::vector<std::string> inputs = {dir.path() + "/c", dir.path() + "/missing"};
  const Corpus whole = ReadCorpus(inputs, IngestOptions());

  CorpusReader reader(inputs, IngestOptions());
  Corpus batch, joined;
  int batches = 0;
  while (reader.Next(4, &batch)) {
    ++batches;
    EXPECT_LE(batch.articles.size(), 4u);
    for (Article& a : batch.articles) joined.articles.push_back(std::move(a));
    for (Problem& p : batch.problems) joined.problems.push_back(std::move(p));
  }
  EXPECT_TRUE(batch.articles.empty());
  EXPECT_GE(batches, 4);
  EXPECT_EQ(Ids(joined), Ids(whole));
  ASSERT_EQ(joined.problems.size(), 3u);  // not JSON, the duplicate, the missing input
  EXPECT_EQ(joined.problems[0].line, 10);
  EXPECT_THAT(joined.problems[1].message, HasSubstr("duplicate article id \"t3\""));
  EXPECT_EQ(joined.problems[2].path, dir.path() + "/missing");
}

// Pieces read apart and joined in order are the corpus one reader reads,
// line numbers, offsets, duplicate ids and problems included, wherever the
// cuts fall: between lines, inside a line, inside a CRLF, on a blank line.
TEST(CorpusPieces, JoinedTheyAreTheCorpusWhereverTheCutsFall) {
  TempDir dir;
  for (int i = 0; i < 5; ++i) dir.Write(StrCat("c/t", i, ".txt"), StrCat("Text ", i, "."));
  dir.Write("c/t5.txt", "");  // empty: a problem
  std::string feed;
  for (int i = 0; i < 6; ++i) {
    StrAppend(&feed, "{\"id\": \"j", i, "\", \"text\": \"Line ", std::string(i * 7, 'x'), ".\"}",
              i % 2 ? "\r\n" : "\n");
  }
  StrAppend(&feed, "\n   \nnot json\n{\"id\": \"t3\", \"text\": \"Duplicate of a file.\"}\n");
  StrAppend(&feed, "{\"id\": \"j2\", \"text\": \"Duplicate in the file.\"}\n");
  StrAppend(&feed, "{\"id\": \"last\", \"text\": \"No newline at the end.\"}");
  dir.Write("c/u.jsonl", feed);
  dir.Write("c/v.jsonl", "{\"id\": \"j0\", \"text\": \"Duplicate of another file.\"}\n");
  const std::vector<std::string> inputs = {dir.path() + "/c", dir.path() + "/missing",
                                           dir.path() + "/c/t1.txt"};
  const Corpus whole = ReadCorpus(inputs, IngestOptions());
  ASSERT_EQ(whole.problems.size(), 7u);

  for (const auto& [max_files, max_bytes] :
       std::vector<std::pair<size_t, uint64_t>>{{1, 1}, {2, 7}, {3, 40}, {4, 61}, {100, 1000}}) {
    SCOPED_TRACE(StrCat(max_files, " files, ", max_bytes, " bytes"));
    absl::StatusOr<CorpusPieces> pieces =
        CorpusPieces::Plan(inputs, IngestOptions(), max_files, max_bytes);
    ASSERT_TRUE(pieces.ok()) << pieces.status();
    PieceJoiner joiner(*pieces);
    Corpus joined;
    for (size_t p = 0; p < pieces->size(); ++p) {
      CorpusPieces::Contents contents = pieces->Read(p);
      joiner.Start(p, contents.lines);
      size_t next = 0;
      const auto problems_up_to = [&](size_t position) {
        for (; next < contents.problems.size() && contents.problems[next].first <= position;
             ++next) {
          Problem problem = contents.problems[next].second;
          if (problem.line) problem.line = joiner.FileLine(*problem.line);
          joined.problems.push_back(problem);
        }
      };
      for (size_t a = 0; a < contents.articles.size(); ++a) {
        problems_up_to(a);
        Article& article = contents.articles[a];
        article.body_line = joiner.FileLine(article.body_line);
        if (std::optional<Problem> duplicate =
                joiner.Duplicate(article.id, article.path, article.body_line)) {
          joined.problems.push_back(*duplicate);
          continue;
        }
        joined.articles.push_back(std::move(article));
      }
      problems_up_to(contents.articles.size());
    }
    ASSERT_EQ(joined.articles.size(), whole.articles.size());
    for (size_t i = 0; i < whole.articles.size(); ++i) {
      const Article &a = joined.articles[i], &b = whole.articles[i];
      EXPECT_EQ(std::tie(a.id, a.path, a.body, a.body_line, a.record_offset, a.record_bytes),
                std::tie(b.id, b.path, b.body, b.body_line, b.record_offset, b.record_bytes))
          << b.id;
    }
    ASSERT_EQ(joined.problems.size(), whole.problems.size());
    for (size_t i = 0; i < whole.problems.size(); ++i) {
      const Problem &a = joined.problems[i], &b = whole.problems[i];
      EXPECT_EQ(std::tie(a.path, a.line, a.message), std::tie(b.path, b.line, b.message)) << i;
    }
  }
}

TEST(CorpusPieces, StandardInputIsNotShared) {
  const absl::StatusOr<CorpusPieces> pieces = CorpusPieces::Plan({"-"}, IngestOptions(), 4, 1024);
  ASSERT_FALSE(pieces.ok());
  EXPECT_THAT(pieces.status().message(), HasSubstr("standard input"));
}

TEST(CorpusReader, ReadsEveryKindOfBodyAgain) {
  TempDir dir;
  dir.Write("c/a.txt", "date 2023-01-27\r\n\r\nA body\r\nwith CRLF.");
  dir.Write("c/feed.jsonl",
            "{\"id\": \"j1\", \"text\": \"First \\u00e9.\"}\r\n\n"
            "{\"id\": \"j2\", \"text\": \"Second.\"}");
  std::istringstream stdin_stream(
      "{\"id\": \"s1\", \"text\": \"From stdin.\"}\n{\"id\": \"s2\", \"text\": \"More.\"}\n");
  IngestOptions options;
  options.stdin_stream = &stdin_stream;
  CorpusReader reader({dir.path() + "/c", "-"}, options);
  Corpus batch;
  std::vector<Article> seen;
  while (reader.Next(1, &batch)) {
    for (Article& a : batch.articles) seen.push_back(std::move(a));
  }
  ASSERT_EQ(seen.size(), 5u);
  for (const Article& article : seen) {
    absl::StatusOr<std::string> body = reader.ReadBodyAgain(article);
    ASSERT_TRUE(body.ok()) << article.id << ": " << body.status();
    EXPECT_EQ(*body, article.body) << article.id;
  }
  // A changed file gives another body, which the caller can see.
  dir.Write("c/a.txt", "date 2023-01-27\n\nAnother body.");
  EXPECT_EQ(*reader.ReadBodyAgain(seen[0]), "Another body.");
  dir.Write("c/feed.jsonl", "short");
  EXPECT_FALSE(reader.ReadBodyAgain(seen[1]).ok());
}

TEST(Corpus, ReadsTheSeedCorpus) {
  const std::string seeds = testing::SeedsDir();
  if (seeds.empty()) GTEST_SKIP() << "../shared/corpus/seeds is not beside the checkout";
  Corpus corpus = ReadCorpus({seeds}, IngestOptions());
  EXPECT_THAT(corpus.problems, ::testing::IsEmpty());
  EXPECT_THAT(Ids(corpus),
              ElementsAre("000_2a83f4d476463010", "001_ebe937a60e8dbdd7", "002_97b6878fb97d6870",
                          "003_06ee55f6cde0683f", "004_dd380b04ffcbbf0e"));
}

}  // namespace
}  // namespace parallax
