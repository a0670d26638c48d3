// Writes the report page of a large synthetic report, to measure how the page
// copes with size (bench/README.md, "The report page at size"):
//
//   parallax_report_sample --findings 10000 --articles 50000 --out /tmp/big
//   time chromium --headless=new --dump-dom file:///tmp/big/report.html >/dev/null
//
// The report is deterministic: findings of two to four claims over clusters
// of five articles, each claim with a news-length sentence and paragraph.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "report/html_report.h"
#include "report/report.h"
#include "util/file.h"
#include "util/strings.h"

namespace parallax {
namespace {

constexpr std::string_view kKinds[] = {"quantity_conflict",    "date_conflict", "quote_variant",
                                       "attribution_conflict", "name_variant",  "framing"};
constexpr std::string_view kSeverities[] = {"high", "medium", "low"};
constexpr std::string_view kOutlets[] = {"Meridian Wire",    "Kelvara Daily", "Harbor Post",
                                         "Ostrava Observer", "Lumen Times",   "Caspian Monitor"};

Report SampleReport(int findings, int articles) {
  Report report;
  report.rules = {"rules", "sha256:0000", 13};
  report.inputs = {"corpus"};
  for (int a = 0; a < articles; ++a) {
    ArticleEntry e;
    e.id = StrCat("article-", a);
    e.path = StrCat("corpus/", e.id, ".txt");
    e.source = std::string(kOutlets[a % 6]);
    e.date = CivilDate(2023, 1 + a % 12, 1 + a % 28);
    e.date_origin = DateOrigin::kHeader;
    e.title = StrCat("Flooding in the river valley, report ", a);
    e.url = StrCat("https://news.example/", a);
    e.body_bytes = 4000;
    e.paragraphs = 9;
    e.sentences = 30;
    e.quotations = 4;
    report.articles.push_back(std::move(e));
  }
  const int clusters = articles / 5;
  for (int c = 0; c < clusters; ++c) {
    Cluster cluster;
    cluster.id = StrCat("c", c + 1);
    for (int m = 0; m < 5; ++m) cluster.articles.push_back(StrCat("article-", c * 5 + m));
    cluster.first_date = CivilDate(2023, 1 + c % 12, 1);
    cluster.last_date = CivilDate(2023, 1 + c % 12, 3);
    cluster.entities = {"Kelvara Red Cross", "Port Isel", "Ana Ruiz"};
    cluster.why = "shared entities Kelvara Red Cross, Port Isel; published within 2 days";
    report.clusters.push_back(std::move(cluster));
  }
  const std::string sentence =
      "At least 40 people were killed when the river burst its banks overnight, officials of the "
      "Kelvara Red Cross said on Tuesday, as rescue teams searched flooded streets for survivors.";
  const std::string paragraph =
      StrCat(sentence,
             " Governor Ana Ruiz said the water \"came at night and took whole streets\" and asked "
             "the national government for help. Roads into the valley remained closed.");
  for (int f = 0; f < findings; ++f) {
    const int cluster = clusters > 0 ? f % clusters : 0;
    Finding finding;
    finding.id = StrCat("f-", fmt::format("{:012x}", 0x100000000000ull + f * 7919ull));
    finding.kind = std::string(kKinds[f % 6]);
    finding.severity = std::string(kSeverities[f % 3]);
    finding.cluster = StrCat("c", cluster + 1);
    finding.subject = "people killed";
    finding.message = "at least 40 (Meridian Wire) vs about 12 (Kelvara Daily)";
    finding.rule = "rules/compare.rules:42";
    for (int k = 0; k < 2 + f % 3; ++k) {
      ClaimRef claim;
      claim.article = StrCat("article-", (cluster * 5 + k) % std::max(articles, 1));
      claim.start = 120;
      claim.text = "At least 40 people were killed";
      claim.end = claim.start + claim.text.size();
      claim.value = "[40,inf)";
      claim.sentence = sentence;
      claim.side = k % 2;
      finding.claims.push_back(std::move(claim));
    }
    report.findings.push_back(std::move(finding));
  }
  // One paragraph per article that a finding cites, as a scan keeps them.
  for (int a = 0; a < std::min(articles, clusters * 5); ++a) {
    report.passages.push_back({StrCat("article-", a), 120, paragraph});
  }
  std::sort(report.passages.begin(), report.passages.end(),
            [](const Passage& x, const Passage& y) { return x.article < y.article; });
  return report;
}

int Main(int argc, char** argv) {
  int findings = 10000, articles = 50000;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--findings") findings = std::atoi(argv[i + 1]);
    if (flag == "--articles") articles = std::atoi(argv[i + 1]);
    if (flag == "--out") out = argv[i + 1];
  }
  if (out.empty() || findings < 0 || articles < 0) {
    std::fprintf(stderr, "usage: parallax_report_sample [--findings N] [--articles N] --out DIR\n");
    return 2;
  }
  const Report report = SampleReport(findings, articles);
  const auto start = std::chrono::steady_clock::now();
  const std::string html = RenderHtmlReport(report);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::filesystem::create_directories(out);
  const std::string path = (std::filesystem::path(out) / "report.html").string();
  if (absl::Status written = WriteFileAtomically(path, html); !written.ok()) {
    std::fprintf(stderr, "%s\n", std::string(written.message()).c_str());
    return 1;
  }
  std::printf("%s: %d findings, %d articles, %zu passages, %.1f MB, rendered in %.3f s\n",
              path.c_str(), findings, articles, report.passages.size(), html.size() / 1e6, seconds);
  return 0;
}

}  // namespace
}  // namespace parallax

int main(int argc, char** argv) { return parallax::Main(argc, argv); }
