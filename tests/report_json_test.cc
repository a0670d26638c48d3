#include <simdjson.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "report/json_report.h"
#include "testing/sample_report.h"

namespace parallax {
namespace {

using ::testing::HasSubstr;

TEST(JsonReport, FollowsTheContract) {
  const std::string text = RenderJsonReport(testing::SampleReport());
  simdjson::dom::parser parser;
  simdjson::dom::element report;
  ASSERT_FALSE(parser.parse(text).get(report)) << text;
  EXPECT_EQ(std::string_view(report["schema"]), "parallax.report/1");
  EXPECT_EQ(std::string_view(report["rules"]["digest"]), "sha256:abc");

  simdjson::dom::element wire = report["articles"].at(0);
  EXPECT_EQ(std::string_view(wire["id"]), "h1_wire");
  EXPECT_EQ(std::string_view(wire["date"]), "2025-03-12");
  EXPECT_EQ(std::string_view(wire["date_origin"]), "header");
  EXPECT_EQ(std::string_view(wire["title"]), "Ferry | sinks <fast>");
  simdjson::dom::element daily = report["articles"].at(1);
  EXPECT_TRUE(daily["source"].is_null());
  EXPECT_TRUE(daily["date"].is_null());
  EXPECT_EQ(std::string_view(daily["date_origin"]), "unknown");
  EXPECT_TRUE(daily["title"].is_null());

  EXPECT_EQ(int64_t(report["problems"].at(0)["line"]), 3);
  EXPECT_TRUE(report["problems"].at(1)["line"].is_null());

  simdjson::dom::element cluster = report["clusters"].at(0);
  EXPECT_EQ(std::string_view(cluster["date_range"].at(0)), "2025-03-11");
  EXPECT_EQ(std::string_view(cluster["date_range"].at(1)), "2025-03-12");
  EXPECT_EQ(std::string_view(cluster["articles"].at(1)), "h1_daily");

  simdjson::dom::element finding = report["findings"].at(0);
  EXPECT_EQ(std::string_view(finding["id"]), "f-3a9c1e07b2d4");
  EXPECT_EQ(std::string_view(finding["rule"]), "rules/compare.rules:42");
  EXPECT_EQ(int64_t(finding["claims"].at(0)["start"]), 512);
  EXPECT_EQ(std::string_view(finding["claims"].at(0)["value"]), "[212,212]");
  EXPECT_TRUE(finding["claims"].at(1)["value"].is_null());
  EXPECT_EQ(std::string_view(finding["claims"].at(1)["sentence"]),
            "It had about 150 passengers \"on board\".");
}

TEST(JsonReport, EmptyReportHasEveryListAndEndsWithNewline) {
  Report empty;
  empty.rules = {.dir = "rules", .digest = "sha256:x", .files = 0};
  const std::string text = RenderJsonReport(empty);
  EXPECT_THAT(text, HasSubstr("\"articles\": []"));
  EXPECT_THAT(text, HasSubstr("\"problems\": []"));
  EXPECT_THAT(text, HasSubstr("\"clusters\": []"));
  EXPECT_THAT(text, HasSubstr("\"findings\": []"));
  EXPECT_EQ(text.back(), '\n');
}

TEST(JsonReport, IsDeterministic) {
  EXPECT_EQ(RenderJsonReport(testing::SampleReport()), RenderJsonReport(testing::SampleReport()));
}

}  // namespace
}  // namespace parallax
