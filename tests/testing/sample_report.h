// A hand-built Report with every kind of entry, for the writer tests.
#ifndef PARALLAX_TESTS_TESTING_SAMPLE_REPORT_H_
#define PARALLAX_TESTS_TESTING_SAMPLE_REPORT_H_

#include "report/report.h"

namespace parallax::testing {

inline Report SampleReport() {
  Report report;
  report.rules = {.dir = "rules", .digest = "sha256:abc", .files = 2};
  report.inputs = {"corpus/demo"};
  ArticleEntry wire;
  wire.id = "h1_wire";
  wire.path = "corpus/demo/h1_wire.txt";
  wire.source = "Meridian Wire";
  wire.date = CivilDate(2025, 3, 12);
  wire.date_origin = DateOrigin::kHeader;
  wire.title = "Ferry | sinks <fast>";
  wire.body_bytes = 1200;
  wire.paragraphs = 4;
  wire.sentences = 9;
  wire.quotations = 2;
  wire.claim_counts = {2, 0, 3, 0, 0, 0};  // dates, quantities
  ArticleEntry daily;
  daily.id = "h1_daily";
  daily.path = "feed.jsonl";
  report.articles = {wire, daily};
  report.problems = {{"corpus/bad.txt", 3, "invalid UTF-8 at byte 17"},
                     {"corpus/missing.txt", std::nullopt, "no such file or folder"}};
  report.clusters = {
      {.id = "c1",
       .articles = {"h1_wire", "h1_daily"},
       .first_date = CivilDate(2025, 3, 11),
       .last_date = CivilDate(2025, 3, 12),
       .entities = {"Port of Vell"},
       .why = "shared entities: Port of Vell",
       .undated = {},
       .links = {{.a = "h1_wire",
                  .b = "h1_daily",
                  .score = 0.625,
                  .days_apart = 1,
                  .shared = {
                      {.signal = "entity", .score = 0.5, .keys = {"Port of Vell"}, .count = 1}}}}}};
  Finding finding;
  finding.id = "f-3a9c1e07b2d4";
  finding.kind = "quantity_conflict";
  finding.severity = "high";
  finding.cluster = "c1";
  finding.subject = "passengers on board";
  finding.message = "212 (Meridian Wire) vs about 150 (h1_daily)";
  finding.rule = "rules/compare.rules:42";
  finding.claims = {{.article = "h1_wire",
                     .text = "212 passengers",
                     .start = 512,
                     .end = 526,
                     .value = "[212,212]",
                     .sentence = "The vessel was carrying 212 passengers."},
                    {.article = "h1_daily",
                     .text = "about 150 passengers",
                     .start = 40,
                     .end = 60,
                     .value = std::nullopt,
                     .sentence = "It had about 150 passengers \"on board\"."}};
  report.findings = {finding};
  return report;
}

}  // namespace parallax::testing

#endif  // PARALLAX_TESTS_TESTING_SAMPLE_REPORT_H_
