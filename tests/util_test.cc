#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "util/civil_date.h"
#include "util/file.h"
#include "util/json_writer.h"
#include "util/parallel.h"
#include "util/sha256.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

using ::parallax::testing::IsOk;
using ::parallax::testing::StatusIs;
using ::parallax::testing::TempDir;
using ::testing::_;
using ::testing::HasSubstr;

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("plain ASCII text that is longer than eight bytes"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("Azerbaijan\xE2\x80\x99s \xE2\x80\x9Cquote\xE2\x80\x9D"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("\xF0\x9F\x98\x80 emoji, \xC3\xA9t\xC3\xA9"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("\xF4\x8F\xBF\xBF"), std::nullopt);  // U+10FFFF
}

TEST(Utf8, ReportsTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("abc\xFF"), 3u);
  EXPECT_EQ(FindInvalidUtf8("0123456789\x80"), 10u);   // lone continuation
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);            // truncated at the end
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\xAF"), 0u);      // overlong
  EXPECT_EQ(FindInvalidUtf8("xx\xED\xA0\x80"), 2u);    // surrogate U+D800
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("ok \xE2\x80 then"), 3u);  // cut short
}

TEST(Utf8, LineOfOffsetCountsNewlines) {
  EXPECT_EQ(LineOfOffset("a\nb\nc", 0), 1);
  EXPECT_EQ(LineOfOffset("a\nb\nc", 2), 2);
  EXPECT_EQ(LineOfOffset("a\nb\nc", 4), 3);
  EXPECT_EQ(LineOfOffset("a\nb", 100), 2);
}

TEST(CivilDate, ParsesDatesAndTimestamps) {
  ASSERT_THAT(ParseIsoDate("2023-01-27"), IsOk());
  EXPECT_EQ(*ParseIsoDate("2023-01-27"), CivilDate(2023, 1, 27));
  EXPECT_EQ(*ParseIsoDate("2023-02-07T09:30:00Z"), CivilDate(2023, 2, 7));
  EXPECT_EQ(*ParseIsoDate("2023-02-07T09:30:00.125+02:00"), CivilDate(2023, 2, 7));
  EXPECT_EQ(*ParseIsoDate("2024-02-29 23:59"), CivilDate(2024, 2, 29));
  EXPECT_EQ(FormatIsoDate(CivilDate(2023, 9, 5)), "2023-09-05");
}

TEST(CivilDate, RejectsImpossibleAndMalformedDates) {
  EXPECT_THAT(ParseIsoDate("2024-02-30"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no such day")));
  EXPECT_THAT(ParseIsoDate("2023-02-29"), StatusIs(absl::StatusCode::kInvalidArgument, _));
  EXPECT_THAT(ParseIsoDate("2023-13-01"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no such month")));
  EXPECT_THAT(ParseIsoDate("2023-00-10"), StatusIs(absl::StatusCode::kInvalidArgument, _));
  EXPECT_THAT(ParseIsoDate("2023-01-00"), StatusIs(absl::StatusCode::kInvalidArgument, _));
  EXPECT_THAT(ParseIsoDate("27/01/2023"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("YYYY-MM-DD")));
  EXPECT_THAT(ParseIsoDate("2023-01-27 yesterday"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ISO 8601 time")));
  EXPECT_THAT(ParseIsoDate("2023-01-27T25:00"), StatusIs(absl::StatusCode::kInvalidArgument, _));
  EXPECT_THAT(ParseIsoDate(""), StatusIs(absl::StatusCode::kInvalidArgument, _));
}

TEST(JsonWriter, EscapesEverythingJsonNeeds) {
  std::string out;
  AppendJsonString(&out, "quote \" backslash \\ newline \n tab \t bell \x07 \xE2\x80\x9C");
  EXPECT_EQ(out, "\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 \xE2\x80\x9C\"");
}

TEST(JsonWriter, ReplacesInvalidUtf8) {
  std::string out;
  AppendJsonString(&out,
                   "a\xFF"
                   "b");
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\"");
}

TEST(JsonWriter, WritesCompactAndPretty) {
  for (auto style : {JsonWriter::kCompact, JsonWriter::kPretty}) {
    std::string out;
    JsonWriter json(&out, style);
    json.BeginObject();
    json.Key("a");
    json.Int(-3);
    json.Key("list");
    json.BeginArray();
    json.String("x");
    json.Null();
    json.Bool(true);
    json.EndArray();
    json.Key("empty");
    json.BeginArray();
    json.EndArray();
    json.Key("none");
    json.OptionalString(std::nullopt);
    json.EndObject();
    if (style == JsonWriter::kCompact) {
      EXPECT_EQ(out, R"({"a":-3,"list":["x",null,true],"empty":[],"none":null})");
    } else {
      EXPECT_EQ(out,
                "{\n  \"a\": -3,\n  \"list\": [\n    \"x\",\n    null,\n    true\n  ],\n"
                "  \"empty\": [],\n  \"none\": null\n}");
    }
  }
}

TEST(Sha256, MatchesTheStandardTestVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalUpdatesEqualOneShot) {
  const std::string text(1000, 'q');
  Sha256 hash;
  for (size_t i = 0; i < text.size(); i += 37) hash.Update(std::string_view(text).substr(i, 37));
  EXPECT_EQ(hash.HexDigest(), Sha256Hex(text));
}

TEST(ParallelFor, VisitsEveryIndexOnceWhateverTheJobs) {
  for (int jobs : {1, 2, 7}) {
    std::vector<std::atomic<int>> visits(1000);
    ParallelFor(visits.size(), jobs, [&](size_t i) { visits[i]++; });
    for (const auto& v : visits) EXPECT_EQ(v.load(), 1);
  }
  ParallelFor(0, 4, [](size_t) { FAIL() << "no items, no calls"; });
}

TEST(File, ReadsWritesAndEnforcesTheLimit) {
  TempDir dir;
  const std::string path = dir.path() + "/a.txt";
  ASSERT_THAT(WriteFileAtomically(path, "hello"), IsOk());
  EXPECT_EQ(*ReadFile(path, 100), "hello");
  EXPECT_THAT(ReadFile(path, 4),
              StatusIs(absl::StatusCode::kResourceExhausted, HasSubstr("over the limit")));
  EXPECT_THAT(ReadFile(dir.path() + "/missing.txt", 100),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("missing.txt")));
  EXPECT_THAT(ReadFile(dir.path(), 100),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("directory")));
  EXPECT_THAT(WriteFileAtomically(dir.path() + "/no/such/folder/x", "x"),
              StatusIs(absl::StatusCode::kNotFound, _));
}

TEST(File, FileOutWritesInChunksAndOnlyOnCommit) {
  TempDir dir;
  const std::string path = dir.path() + "/big.json";
  std::string expected;
  {
    absl::StatusOr<std::unique_ptr<FileOut>> out = FileOut::Create(path);
    ASSERT_THAT(out.status(), IsOk());
    ScriptSafeJsonOut json(out->get());
    for (int i = 0; i < 150000; ++i) {
      // Over a few chunks, with '<' at every place a chunk could end.
      const std::string row = StrCat("\"</script>", i, "\",");
      json.buffer() += row;
      json.Checkpoint();
      std::string escaped = row;
      escaped.replace(1, 1, "\\u003c");
      expected += escaped;
    }
  }
  // Dropped without Commit: nothing at the path, no temporary left.
  EXPECT_FALSE(ReadFile(path, 1 << 30).ok());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            0);

  absl::StatusOr<std::unique_ptr<FileOut>> out = FileOut::Create(path);
  ASSERT_THAT(out.status(), IsOk());
  {
    ScriptSafeJsonOut json(out->get());
    json.buffer() = "[";
    for (int i = 0; i < 150000; ++i) {
      json.buffer() += StrCat("\"</script>", i, "\",");
      json.Checkpoint();
    }
  }
  ASSERT_THAT((*out)->Commit(), IsOk());
  const std::string written = *ReadFile(path, 1 << 30);
  EXPECT_GT(written.size(), size_t{3} << 20);  // several chunks
  EXPECT_EQ(written, "[" + expected);
}

TEST(File, HumanBytes) {
  EXPECT_EQ(HumanBytes(512), "512 bytes");
  EXPECT_EQ(HumanBytes(16u << 20), "16.0 MiB");
}

}  // namespace
}  // namespace parallax
