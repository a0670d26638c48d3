#include "scan/scan.h"

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"

namespace parallax {
namespace {

using ::parallax::testing::ReadFileOrDie;
using ::parallax::testing::TempDir;
using ::testing::HasSubstr;

// The demo corpus's articles, copied into `dir`/demo.
void CopyDemo(const TempDir& dir) {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo")) {
    if (entry.path().extension() != ".txt") continue;
    dir.Write("demo/" + entry.path().filename().string(), ReadFileOrDie(entry.path().string()));
  }
}

ScanOptions DemoScan(const TempDir& dir) {
  ScanOptions options;
  options.inputs = {dir.path() + "/demo"};
  options.rules_dir = std::string(PARALLAX_SOURCE_DIR) + "/rules";
  return options;
}

// Comparison reads bodies again from their files: one that changed after it
// was extracted is left out and said so, rather than compared on claims
// whose offsets no longer fit its text.
TEST(Scan, AnArticleChangedDuringTheScanIsLeftOutOfComparisonAsAProblem) {
  TempDir dir;
  CopyDemo(dir);
  const absl::StatusOr<Report> before = Scan(DemoScan(dir));
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(before->problems.empty());
  // An article whose cluster has findings.
  std::string changed;
  for (const Finding& f : before->findings) {
    if (!f.claims.empty()) changed = f.claims.front().article;
  }
  ASSERT_FALSE(changed.empty());
  const std::string path = dir.path() + "/demo/" + changed + ".txt";

  ScanOptions options = DemoScan(dir);
  const size_t articles = before->articles.size();
  options.progress = [&](size_t done, size_t) {
    if (done == articles) dir.Write("demo/" + changed + ".txt", "Rewritten since.");
  };
  const absl::StatusOr<Report> after = Scan(options);
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_EQ(after->problems.size(), 1u);
  EXPECT_EQ(after->problems[0].path, path);
  EXPECT_THAT(after->problems[0].message, HasSubstr("changed on disk while the scan ran"));
  EXPECT_EQ(after->articles.size(), articles);
  EXPECT_FALSE(after->findings.empty());
  for (const Finding& f : after->findings) {
    for (const ClaimRef& c : f.claims) EXPECT_NE(c.article, changed) << f.id;
  }
}

}  // namespace
}  // namespace parallax
