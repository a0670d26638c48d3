#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "report/markdown_report.h"
#include "testing/sample_report.h"

namespace parallax {
namespace {

using ::testing::HasSubstr;

TEST(MarkdownReport, ShowsSummaryFindingsClustersArticlesAndProblems) {
  const std::string md = RenderMarkdownReport(testing::SampleReport());
  EXPECT_THAT(md, HasSubstr("# Parallax report"));
  EXPECT_THAT(md, HasSubstr("- **Articles:** 2 from 1 source, published 2025-03-12 to 2025-03-12 "
                            "(1 without a date)"));
  EXPECT_THAT(md, HasSubstr("- **Problems:** 2 (listed at the end)"));
  EXPECT_THAT(md, HasSubstr("### quantity\\_conflict (high): passengers on board"));
  EXPECT_THAT(md, HasSubstr("- A: **Meridian Wire** (h1\\_wire, bytes 512–526): “212 passengers” → "
                            "\\[212,212\\]"));
  EXPECT_THAT(md, HasSubstr("| c1 | 2025-03-11 – 2025-03-12 | h1\\_wire, h1\\_daily |"));
  EXPECT_THAT(md, HasSubstr("| h1\\_wire | Meridian Wire | 2025-03-12 (header) | "
                            "Ferry \\| sinks &lt;fast&gt; | 9 | 2 | 5 |"));
  EXPECT_THAT(md, HasSubstr("- **corpus/bad.txt:3**: invalid UTF-8 at byte 17"));
  EXPECT_THAT(md, HasSubstr("- **corpus/missing.txt**: no such file or folder"));
}

TEST(MarkdownReport, EmptyReportSaysSoPlainly) {
  Report empty;
  const std::string md = RenderMarkdownReport(empty);
  EXPECT_THAT(md, HasSubstr("No findings."));
  EXPECT_THAT(md, HasSubstr("No clusters."));
  EXPECT_THAT(md, HasSubstr("No articles were read."));
  EXPECT_THAT(md, HasSubstr("No problems: every input was read."));
}

TEST(MarkdownReport, EscapeNeutralisesMarkupAndLineBreaks) {
  EXPECT_EQ(MarkdownEscape("a|b *c* <script>\nx"), "a\\|b \\*c\\* &lt;script&gt; x");
  EXPECT_EQ(MarkdownEscape("plain, text."), "plain, text.");
  EXPECT_EQ(MarkdownEscape("[link](javascript:x)"), "\\[link\\](javascript:x)");
}

}  // namespace
}  // namespace parallax
