#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "report/html_report.h"
#include "report/report.h"
#include "simdjson.h"

namespace parallax {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

size_t CountOf(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// Escaping guarantees that every '<' left in the page is markup, so cutting
// at '<' ... '>' finds exactly the tags. Script and style bodies are skipped.
std::vector<std::string> Tags(const std::string& html) {
  std::vector<std::string> tags;
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    std::string tag = html.substr(at, end - at + 1);
    at = end + 1;
    for (std::string_view raw : {"script", "style"}) {
      if (tag.rfind(std::string("<") + std::string(raw), 0) == 0) {
        at = html.find(std::string("</") + std::string(raw), at);
      }
    }
    tags.push_back(std::move(tag));
    if (at == std::string::npos) break;
  }
  return tags;
}

// Values of the named attribute (href, src, ...) on every tag, quoted or not.
std::vector<std::string> AttributeValues(const std::string& html, std::string_view name) {
  std::vector<std::string> values;
  for (const std::string& tag : Tags(html)) {
    std::string lower = tag;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (size_t i = 0; i + name.size() + 2 < tag.size(); ++i) {
      if (!std::isspace(static_cast<unsigned char>(tag[i])) ||
          lower.compare(i + 1, name.size(), name) != 0 || tag[i + 1 + name.size()] != '=') {
        continue;
      }
      size_t begin = i + name.size() + 2;
      size_t end;
      if (tag[begin] == '"' || tag[begin] == '\'') {
        end = tag.find(tag[begin], begin + 1);
        ++begin;
      } else {
        end = tag.find_first_of(" \t\n>", begin);
      }
      values.push_back(tag.substr(begin, end - begin));
    }
  }
  return values;
}

ArticleEntry MakeArticle(std::string id, std::string source, std::string title) {
  ArticleEntry a;
  a.id = std::move(id);
  a.path = "corpus/" + a.id + ".txt";
  a.source = std::move(source);
  a.title = std::move(title);
  a.date = CivilDate(2023, 1, 27);
  a.date_origin = DateOrigin::kHeader;
  a.body_bytes = 2048;
  a.paragraphs = 6;
  a.sentences = 21;
  a.quotations = 3;
  return a;
}

ClaimRef MakeClaim(std::string article, std::string text, std::string sentence,
                   std::optional<std::string> value) {
  ClaimRef c;
  c.article = std::move(article);
  c.text = std::move(text);
  c.sentence = std::move(sentence);
  c.start = 512;
  c.end = 512 + c.text.size();
  c.value = std::move(value);
  return c;
}

Report SampleReport() {
  Report r;
  r.rules = {"rules", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 4};
  r.inputs = {"corpus"};
  r.articles.push_back(MakeArticle("h1_wire", "Meridian Wire", "Ferry sinks off the coast"));
  r.articles.back().url = "https://meridian.example/ferry";
  r.articles.push_back(MakeArticle("h1_daily", "Kelvara Daily", "Dozens missing after ferry"));
  r.articles.back().date = CivilDate(2023, 1, 26);
  r.articles.back().date_origin = DateOrigin::kInferred;
  ArticleEntry unknown;
  unknown.id = "h2_blog";
  unknown.path = "corpus/h2_blog.txt";
  r.articles.push_back(unknown);

  r.problems.push_back({"corpus/bad.txt", 1, "invalid UTF-8 at byte 17"});
  r.problems.push_back({"corpus/empty.txt", std::nullopt, "the file is empty"});

  Cluster c;
  c.id = "c1";
  c.articles = {"h1_wire", "h1_daily"};
  c.first_date = CivilDate(2023, 1, 26);
  c.last_date = CivilDate(2023, 1, 27);
  c.entities = {"Kelvara Ferry Line", "Port Isel"};
  c.why = "shared entities Kelvara Ferry Line, Port Isel; dates within 1 day";
  r.clusters.push_back(c);

  Finding f;
  f.id = "f-3a9c1e07b2d4";
  f.kind = "quantity_conflict";
  f.severity = "high";
  f.cluster = "c1";
  f.subject = "passengers on board";
  f.message = "212 (Meridian Wire) vs about 150 (Kelvara Daily)";
  f.rule = "rules/compare.rules:42";
  f.claims.push_back(MakeClaim("h1_wire", "was carrying 212 passengers",
                               "The vessel was carrying 212 passengers and nine crew.",
                               "[212,212]"));
  f.claims.push_back(MakeClaim("h1_daily", "about 150 passengers",
                               "Officials said about 150 passengers were aboard.", "[135,165]"));
  r.findings.push_back(f);

  Finding g;
  g.id = "f-77aa01b2c3d4";
  g.kind = "date_conflict";
  g.severity = "medium";
  g.cluster = "c1";
  g.subject = "sinking";
  g.message = "2023-01-26 (Meridian Wire) vs 2023-01-25 (Kelvara Daily)";
  g.rule = "rules/compare.rules:77";
  g.claims.push_back(
      MakeClaim("h1_wire", "on Thursday", "The ferry sank on Thursday.", "2023-01-26"));
  r.findings.push_back(g);
  return r;
}

// A report in which every input-derived string is hostile.
Report HostileReport() {
  Report r = SampleReport();
  r.rules.dir = "rules\"><script>alert('dir')</script>";
  r.articles[0].title = "<script>alert(1)</script>";
  r.articles[0].source = "\"><img src=x onerror=alert(1)>";
  r.articles[0].url = "javascript:alert(1)";
  r.articles[1].id = "id\"onmouseover=\"alert(2)";
  r.articles[1].path = "corpus/<iframe>.txt";
  r.problems[0].message = "bad </td></table> row";
  r.clusters[0].why = "<style>body{display:none}</style>";
  r.clusters[0].entities = {"<svg onload=alert(3)>"};
  r.findings[0].claims[0] =
      MakeClaim("h1_wire", "5 deaths", "A <b>bold</b> claim of 5 deaths.", "<i>5</i>");
  r.findings[0].message = "<a href=\"https://evil.example\">click</a>";
  r.findings[0].subject = "'single' & \"double\"";
  r.findings[1].kind = "kind\"><script>alert(4)</script>";
  r.findings[1].severity = "<blink>";
  return r;
}

// The JSON inside <script type="application/json" id="report-data">.
std::string DataOf(const std::string& html) {
  constexpr std::string_view kOpen = "<script type=\"application/json\" id=\"report-data\">";
  const size_t open = html.find(kOpen);
  const size_t close = html.find("</script>", open);
  if (open == std::string::npos || close == std::string::npos) return "";
  return html.substr(open + kOpen.size(), close - open - kOpen.size());
}

// The page without its data: what the browser parses as markup.
std::string ShellOf(const std::string& html) {
  std::string shell = html;
  const std::string data = DataOf(html);
  shell.erase(shell.find(data), data.size());
  return shell;
}

// The data, parsed back.
class PageData {
 public:
  explicit PageData(const std::string& html) : json_(DataOf(html)) {
    root_ = parser_.parse(json_).value();
  }
  simdjson::dom::element operator[](std::string_view key) const { return root_[key].value(); }

 private:
  simdjson::padded_string json_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

std::string Str(simdjson::dom::element e) { return std::string(e.get_string().value()); }

TEST(HtmlReportTest, IsOneHtml5PageWithCharsetAndCsp) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\""
                              "default-src 'none'; style-src 'unsafe-inline'; "
                              "script-src 'unsafe-inline'; img-src data:"));
  EXPECT_THAT(html, HasSubstr("<title>Parallax report</title>"));
  EXPECT_EQ(CountOf(html, "<style>"), 1u);
  EXPECT_EQ(CountOf(html, "<script type=\"application/json\" id=\"report-data\">"), 1u);
  EXPECT_EQ(CountOf(html, "<script>"), 1u);
  EXPECT_EQ(CountOf(html, "</script>"), 2u);
  EXPECT_EQ(CountOf(html, "</html>"), 1u);
  EXPECT_THAT(html, HasSubstr("<noscript>"));
}

TEST(HtmlReportTest, LoadsNothingFromTheNetwork) {
  const std::string shell = ShellOf(RenderHtmlReport(SampleReport()));
  EXPECT_THAT(shell, Not(HasSubstr("<link")));
  EXPECT_THAT(shell, Not(HasSubstr("@import")));
  EXPECT_THAT(shell, Not(HasSubstr("url(")));
  EXPECT_THAT(AttributeValues(shell, "src"), IsEmpty());
  EXPECT_THAT(AttributeValues(shell, "href"), IsEmpty());
}

// No report text is ever parsed as markup: everything outside the data is the
// same whatever the report holds.
TEST(HtmlReportTest, MarkupIsTheSameForEveryReport) {
  const std::string empty = ShellOf(RenderHtmlReport(Report()));
  EXPECT_EQ(ShellOf(RenderHtmlReport(SampleReport())), empty);
  EXPECT_EQ(ShellOf(RenderHtmlReport(HostileReport())), empty);
}

TEST(HtmlReportTest, HostileTextStaysInsideTheDataAndParsesBackUnchanged) {
  const std::string html = RenderHtmlReport(HostileReport());
  const std::string data = DataOf(html);
  ASSERT_FALSE(data.empty());
  EXPECT_EQ(data.find('<'), std::string::npos) << "a '<' could close the data element";
  EXPECT_EQ(CountOf(html, "</script"), 2u);
  EXPECT_THAT(data, HasSubstr("\\u003cscript>alert(1)\\u003c/script>"));

  PageData page(html);
  EXPECT_EQ(Str(page["rules"]["dir"]), "rules\"><script>alert('dir')</script>");
  simdjson::dom::array first = page["articles"].at(0).get_array().value();
  EXPECT_EQ(Str(first.at(1).value()), "\"><img src=x onerror=alert(1)>");
  EXPECT_EQ(Str(first.at(4).value()), "<script>alert(1)</script>");
  EXPECT_EQ(Str(first.at(5).value()), "javascript:alert(1)");
  EXPECT_EQ(Str(page["problems"].at(0).at(2).value()), "bad </td></table> row");
  EXPECT_EQ(Str(page["clusters"].at(0).at(5).value()), "<style>body{display:none}</style>");
  simdjson::dom::element finding = page["findings"].at(0).value();
  EXPECT_EQ(Str(finding["message"].value()), "<a href=\"https://evil.example\">click</a>");
  EXPECT_EQ(Str(finding["subject"].value()), "'single' & \"double\"");
  EXPECT_EQ(Str(finding["claims"].at(0)["sentence"].value()), "A <b>bold</b> claim of 5 deaths.");
  EXPECT_EQ(Str(page["findings"].at(1)["kind"].value()), "kind\"><script>alert(4)</script>");
}

TEST(HtmlReportTest, DataHoldsTheReport) {
  PageData page(RenderHtmlReport(SampleReport()));
  EXPECT_EQ(Str(page["generated_by"]), GeneratedBy());
  EXPECT_EQ(Str(page["rules"]["digest"]),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  EXPECT_EQ(page["rules"]["files"].get_int64().value(), 4);
  EXPECT_EQ(Str(page["inputs"].at(0).value()), "corpus");

  // Articles: id, source, date, date origin, title, url, path, bytes,
  // paragraphs, sentences, quotations.
  ASSERT_EQ(page["articles"].get_array().size(), 3u);
  simdjson::dom::array daily = page["articles"].at(1).get_array().value();
  EXPECT_EQ(Str(daily.at(0).value()), "h1_daily");
  EXPECT_EQ(Str(daily.at(1).value()), "Kelvara Daily");
  EXPECT_EQ(Str(daily.at(2).value()), "2023-01-26");
  EXPECT_EQ(Str(daily.at(3).value()), "inferred");
  EXPECT_EQ(Str(daily.at(6).value()), "corpus/h1_daily.txt");
  EXPECT_EQ(daily.at(7).get_int64().value(), 2048);
  EXPECT_EQ(daily.at(10).get_int64().value(), 3);
  simdjson::dom::array blog = page["articles"].at(2).get_array().value();
  EXPECT_TRUE(blog.at(1).is_null());
  EXPECT_TRUE(blog.at(2).is_null());
  EXPECT_TRUE(blog.at(4).is_null());

  // Clusters: id, first date, last date, article ids, entities, why.
  simdjson::dom::array cluster = page["clusters"].at(0).get_array().value();
  EXPECT_EQ(Str(cluster.at(0).value()), "c1");
  EXPECT_EQ(Str(cluster.at(1).value()), "2023-01-26");
  EXPECT_EQ(Str(cluster.at(2).value()), "2023-01-27");
  EXPECT_EQ(cluster.at(3).get_array().size(), 2u);
  EXPECT_EQ(Str(cluster.at(4).at(1).value()), "Port Isel");

  // Problems: path, line (or null), message.
  EXPECT_EQ(page["problems"].at(0).at(1).get_int64().value(), 1);
  EXPECT_TRUE(page["problems"].at(1).at(1).is_null());

  simdjson::dom::element f = page["findings"].at(0).value();
  EXPECT_EQ(Str(f["id"].value()), "f-3a9c1e07b2d4");
  EXPECT_EQ(Str(f["severity"].value()), "high");
  EXPECT_EQ(Str(f["cluster"].value()), "c1");
  EXPECT_EQ(Str(f["rule"].value()), "rules/compare.rules:42");
  EXPECT_TRUE(f["review"].is_null());
  simdjson::dom::element claim = f["claims"].at(1).value();
  EXPECT_EQ(Str(claim["article"].value()), "h1_daily");
  EXPECT_EQ(Str(claim["text"].value()), "about 150 passengers");
  EXPECT_EQ(Str(claim["value"].value()), "[135,165]");
  EXPECT_EQ(claim["start"].get_int64().value(), 512);
  EXPECT_EQ(claim["end"].get_int64().value(), 532);
  EXPECT_EQ(claim["side"].get_int64().value(), 0);
  EXPECT_TRUE(claim["passage"].error()) << "no passage in this report";
}

TEST(HtmlReportTest, QuoteDiffAndCarriedReviewAreInTheData) {
  Report r = SampleReport();
  r.findings[0].diff = {{"same", "the", "the"}, {"changed", "vessel", "ship"}};
  r.findings[0].review = Finding::Review{"dismissed", "same event", "ana", "2023-02-01T10:00:00Z"};
  PageData page(RenderHtmlReport(r));
  simdjson::dom::element f = page["findings"].at(0).value();
  EXPECT_EQ(Str(f["diff"].at(1).at(0).value()), "changed");
  EXPECT_EQ(Str(f["diff"].at(1).at(2).value()), "ship");
  EXPECT_EQ(Str(f["review"]["status"].value()), "dismissed");
  EXPECT_EQ(Str(f["review"]["finding"].value()), "f-3a9c1e07b2d4");
  EXPECT_EQ(Str(f["review"]["reason"].value()), "same event");
}

// The page highlights a claim in its paragraph with JavaScript string
// offsets: UTF-16 code units, not bytes.
TEST(HtmlReportTest, ClaimsPointIntoTheirParagraphInUtf16Units) {
  Report r = SampleReport();
  const std::string paragraph = "Émigrés \xF0\x9F\x98\x80 said 212 people sailed. Then more.";
  r.passages.push_back({"h1_wire", 1000, paragraph});
  ClaimRef& c = r.findings[0].claims[0];
  c.start = 1000 + paragraph.find("212");
  c.end = c.start + std::string_view("212 people").size();
  PageData page(RenderHtmlReport(r));
  simdjson::dom::element claim = page["findings"].at(0)["claims"].at(0).value();
  EXPECT_EQ(claim["passage"].get_int64().value(), 0);
  // "Émigrés " is 8 units, the emoji 2, " said " 6.
  EXPECT_EQ(claim["from"].get_int64().value(), 16);
  EXPECT_EQ(claim["to"].get_int64().value(), 26);
  EXPECT_EQ(Str(page["passages"].at(0).at(0).value()), "h1_wire");
  EXPECT_EQ(page["passages"].at(0).at(1).get_int64().value(), 1000);
  EXPECT_EQ(Str(page["passages"].at(0).at(2).value()), paragraph);
  // The other article's claim lies in no passage.
  EXPECT_TRUE(page["findings"].at(0)["claims"].at(1)["passage"].error());
}

TEST(HtmlReportTest, SameReportSameBytes) {
  EXPECT_EQ(RenderHtmlReport(SampleReport()), RenderHtmlReport(SampleReport()));
}

}  // namespace
}  // namespace parallax
