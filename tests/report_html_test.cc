#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "report/html_report.h"
#include "report/report.h"

namespace parallax {
namespace {

using ::testing::ElementsAre;
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

TEST(HtmlReportTest, IsOneHtml5PageWithCharsetAndCsp) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\""
                              "default-src 'none'; style-src 'unsafe-inline'; "
                              "script-src 'unsafe-inline'; img-src data:;"));
  EXPECT_THAT(html, HasSubstr("<title>Parallax report</title>"));
  EXPECT_EQ(CountOf(html, "<style>"), 1u);
  EXPECT_EQ(CountOf(html, "<script>"), 1u);
  EXPECT_EQ(CountOf(html, "</html>"), 1u);
}

TEST(HtmlReportTest, LoadsNothingFromTheNetwork) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("@import")));
  EXPECT_THAT(html, Not(HasSubstr("url(")));
  EXPECT_THAT(html, Not(HasSubstr("src=\"http")));
  EXPECT_THAT(AttributeValues(html, "src"), IsEmpty());
  // The one article URL is the only non-fragment link.
  for (const std::string& href : AttributeValues(html, "href")) {
    if (href == "https://meridian.example/ferry") continue;
    EXPECT_THAT(href, StartsWith("#"));
  }
  EXPECT_EQ(CountOf(html, "href=\"https://meridian.example/ferry\""), 1u);
}

TEST(HtmlReportTest, HostileInputShowsAsEscapedText) {
  const std::string html = RenderHtmlReport(HostileReport());
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(html, HasSubstr("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, HasSubstr("bad &lt;/td&gt;&lt;/table&gt; row"));
  EXPECT_THAT(html, HasSubstr("&lt;style&gt;body{display:none}&lt;/style&gt;"));
  EXPECT_THAT(html, HasSubstr("&lt;svg onload=alert(3)&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<svg")));
  EXPECT_THAT(html, Not(HasSubstr("<iframe")));
  EXPECT_THAT(html, HasSubstr("&#39;single&#39; &amp; &quot;double&quot;"));
  EXPECT_THAT(html, HasSubstr("&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;"));
  EXPECT_THAT(html, HasSubstr("<code>&lt;i&gt;5&lt;/i&gt;</code>"));
  EXPECT_THAT(html, HasSubstr("id=\"article-id&quot;onmouseover=&quot;alert(2)\""));
  EXPECT_THAT(html, Not(HasSubstr("onmouseover=\"")));
  EXPECT_THAT(html, HasSubstr("rules&quot;&gt;&lt;script&gt;alert(&#39;dir&#39;)"));
  // Tables stay intact: one </table> per table emitted.
  EXPECT_EQ(CountOf(html, "<table>"), 3u);
  EXPECT_EQ(CountOf(html, "</table>"), 3u);
  EXPECT_EQ(CountOf(html, "</td>"), CountOf(html, "<td"));
}

TEST(HtmlReportTest, ExactlyOneScriptElementWhateverTheInput) {
  const std::string html = RenderHtmlReport(HostileReport());
  EXPECT_EQ(CountOf(html, "<script"), 1u);
  EXPECT_EQ(CountOf(html, "</script"), 1u);
  // The script body is fixed text: no input reaches it.
  const size_t open = html.find("<script>");
  const size_t close = html.find("</script>");
  ASSERT_NE(open, std::string::npos);
  ASSERT_NE(close, std::string::npos);
  const std::string body = html.substr(open, close - open);
  EXPECT_EQ(body, RenderHtmlReport(Report()).substr(RenderHtmlReport(Report()).find("<script>"),
                                                    body.size()));
  EXPECT_THAT(body, Not(HasSubstr("alert")));
}

TEST(HtmlReportTest, ClaimSentenceMarkupIsEscapedAndSpanHighlighted) {
  const std::string html = RenderHtmlReport(HostileReport());
  EXPECT_THAT(html, HasSubstr("<blockquote>A &lt;b&gt;bold&lt;/b&gt; claim of "
                              "<mark>5 deaths</mark>.</blockquote>"));
  EXPECT_THAT(html, Not(HasSubstr("<b>bold")));
}

TEST(HtmlReportTest, UnknownSeverityAndKindStayOutOfAttributesAsMarkup) {
  const std::string html = RenderHtmlReport(HostileReport());
  EXPECT_THAT(html, HasSubstr("class=\"finding fi sev-other\""));
  EXPECT_THAT(html, HasSubstr("<span class=\"badge sev-other\">&lt;blink&gt;</span>"));
  EXPECT_THAT(html, HasSubstr("data-kind=\"kind&quot;&gt;&lt;script&gt;alert(4)"));
  EXPECT_THAT(html, HasSubstr("<option value=\"kind&quot;&gt;&lt;script&gt;alert(4)"));
  EXPECT_THAT(html, Not(HasSubstr("<blink")));
}

TEST(HtmlReportTest, FindingsFilterBySourceAndTheDeskControlsWaitForTheServer) {
  const std::string html = RenderHtmlReport(HostileReport());
  // The hostile outlet name is an option and an attribute value, escaped.
  EXPECT_THAT(html, HasSubstr("<option value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"));
  EXPECT_THAT(html, HasSubstr("data-sources=\"|&quot;&gt;&lt;img src=x onerror=alert(1)&gt;|"));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  // Review status only means something when `parallax serve` serves the page.
  EXPECT_THAT(html, HasSubstr("<select id=\"rev\" aria-label=\"Review status\" hidden>"));
  EXPECT_THAT(html, HasSubstr("<div id=\"help\" class=\"help\" hidden><h2>Keys</h2>"));
  EXPECT_THAT(html, Not(HasSubstr("parallax-desk-token\" content")));
}

TEST(HtmlReportTest, OnlyWebUrlsBecomeLinks) {
  Report r;
  const std::vector<std::string> inert = {
      "javascript:alert(1)",  "JaVaScRiPt:alert(1)",     "  javascript:alert(1)",
      "data:text/html,<b>x",  "vbscript:msgbox(1)",      " https://leading.example/space",
      "/relative/path.html",  "file:///etc/passwd",      "//protocol-relative.example/",
      "httpx://not.example/", "http:/one-slash.example",
  };
  for (size_t i = 0; i < inert.size(); ++i) {
    r.articles.push_back(MakeArticle("a" + std::to_string(i), "S", "T"));
    r.articles.back().url = inert[i];
  }
  r.articles.push_back(MakeArticle("web1", "S", "T"));
  r.articles.back().url = "HTTPS://Example.com/A";
  r.articles.push_back(MakeArticle("web2", "S", "T"));
  r.articles.back().url = "http://example.com/?a=1&b=\"2\"><script>";

  const std::string html = RenderHtmlReport(r);
  for (const std::string& url : inert) {
    EXPECT_THAT(html, HasSubstr("<span class=\"url\">" + HtmlEscape(url) + "</span>")) << url;
  }
  std::vector<std::string> external;
  for (const std::string& href : AttributeValues(html, "href")) {
    if (href.empty() || href[0] != '#') external.push_back(href);
  }
  EXPECT_THAT(external,
              ElementsAre("HTTPS://Example.com/A",
                          "http://example.com/?a=1&amp;b=&quot;2&quot;&gt;&lt;script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("href=\"javascript")));
  EXPECT_THAT(html, Not(HasSubstr("href=\"data:")));
  EXPECT_EQ(CountOf(html, "<script"), 1u);
}

TEST(HtmlReportTest, FindingHasItsIdAsElementIdAndHighlightsTheSpan) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, HasSubstr("id=\"f-3a9c1e07b2d4\""));
  EXPECT_THAT(html, HasSubstr("id=\"f-77aa01b2c3d4\""));
  EXPECT_THAT(html, HasSubstr("href=\"#f-3a9c1e07b2d4\""));
  EXPECT_THAT(html, HasSubstr("<blockquote>The vessel <mark>was carrying 212 passengers</mark> "
                              "and nine crew.</blockquote>"));
  EXPECT_THAT(html, HasSubstr("<blockquote>Officials said <mark>about 150 passengers</mark> "
                              "were aboard.</blockquote>"));
  EXPECT_THAT(html, HasSubstr("data-severity=\"high\""));
  EXPECT_THAT(html, HasSubstr("data-kind=\"quantity_conflict\""));
  EXPECT_THAT(html, HasSubstr("<span class=\"badge sev-high\">high</span>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"badge sev-medium\">medium</span>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"subject\">passengers on board</span>"));
  EXPECT_THAT(html, HasSubstr("212 (Meridian Wire) vs about 150 (Kelvara Daily)"));
  EXPECT_THAT(html, HasSubstr("rule <code>rules/compare.rules:42</code>"));
  EXPECT_THAT(html, HasSubstr("value <code>[212,212]</code>"));
}

TEST(HtmlReportTest, ClaimNamesItsArticleAndSource) {
  Report r = SampleReport();
  r.findings[1].claims.push_back(MakeClaim("h2_blog", "Wednesday", "It sank Wednesday.", {}));
  r.findings[1].claims.push_back(MakeClaim("ghost", "Tuesday", "It sank Tuesday.", {}));
  const std::string html = RenderHtmlReport(r);
  EXPECT_THAT(html, HasSubstr("<a href=\"#article-h1_wire\">h1_wire</a> · "
                              "<span class=\"src\">Meridian Wire</span>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#article-h2_blog\">h2_blog</a> · source unknown</div>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#article-ghost\">ghost</a></div>"));
}

TEST(HtmlReportTest, SpanMissingFromSentenceIsShownSeparately) {
  Report r = SampleReport();
  r.findings[0].claims[0] = MakeClaim("h1_wire", "two hundred and twelve",
                                      "The vessel carried 212 people & crew.", "[212,212]");
  r.findings[1].claims[0] = MakeClaim("h1_wire", "on Thursday", "", std::nullopt);
  const std::string html = RenderHtmlReport(r);
  EXPECT_THAT(html,
              HasSubstr("<blockquote>The vessel carried 212 people &amp; crew.</blockquote>\n"
                        "<div class=\"span\">span <mark>two hundred and twelve</mark></div>"));
  EXPECT_THAT(
      html, HasSubstr("<li class=\"claim\"><div class=\"who\"><span class=\"side\" title=\"Claims "
                      "with the same letter agree\">A</span> <a href=\"#article-h1_wire\">"
                      "h1_wire</a> · <span class=\"src\">Meridian Wire</span></div>\n"
                      "<div class=\"span\">span <mark>on Thursday</mark></div>"));
}

TEST(HtmlReportTest, HighlightsFirstOccurrenceOnly) {
  Report r = SampleReport();
  r.findings[0].claims = {MakeClaim("h1_wire", "12", "12 of 12 boats", "12")};
  const std::string html = RenderHtmlReport(r);
  EXPECT_THAT(html, HasSubstr("<blockquote><mark>12</mark> of 12 boats</blockquote>"));
}

TEST(HtmlReportTest, FindingsAreGroupedByClusterInOrderOfFirstAppearance) {
  Report r = SampleReport();
  Finding lone = r.findings[1];
  lone.id = "f-000000000001";
  lone.cluster = "c9";
  r.findings.insert(r.findings.begin() + 1, lone);
  Finding orphan = r.findings[0];
  orphan.id = "f-000000000002";
  orphan.cluster = "";
  r.findings.push_back(orphan);
  const std::string html = RenderHtmlReport(r);
  const size_t c1 = html.find("<h3>Cluster <a href=\"#cluster-c1\">c1</a>");
  const size_t c9 = html.find("<h3>Cluster <a href=\"#cluster-c9\">c9</a></h3>");
  const size_t none = html.find("<h3>Not in a cluster</h3>");
  ASSERT_NE(c1, std::string::npos);
  ASSERT_NE(c9, std::string::npos);
  ASSERT_NE(none, std::string::npos);
  EXPECT_LT(c1, c9);
  EXPECT_LT(c9, none);
  // Both c1 findings sit under the c1 heading, before c9's.
  EXPECT_LT(html.find("id=\"f-77aa01b2c3d4\""), c9);
  EXPECT_GT(html.find("id=\"f-000000000001\""), c9);
  EXPECT_GT(html.find("id=\"f-000000000002\""), none);
  EXPECT_THAT(html, HasSubstr("c1</a> <span class=\"muted\">2023-01-26 – 2023-01-27 · "
                              "2 articles</span></h3>"));
  EXPECT_EQ(CountOf(html, "<div class=\"group\" id=\"findings-"), 3u);
}

TEST(HtmlReportTest, SectionsComeInOrder) {
  const std::string html = RenderHtmlReport(SampleReport());
  const size_t findings = html.find("<section id=\"findings\"");
  const size_t clusters = html.find("<section id=\"clusters\"");
  const size_t articles = html.find("<section id=\"articles\"");
  const size_t problems = html.find("<section id=\"problems\"");
  ASSERT_NE(findings, std::string::npos);
  EXPECT_LT(findings, clusters);
  EXPECT_LT(clusters, articles);
  EXPECT_LT(articles, problems);
  EXPECT_NE(problems, std::string::npos);
}

TEST(HtmlReportTest, HeaderShowsProvenanceAndCounts) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, HasSubstr("<h1>Parallax report</h1>"));
  EXPECT_THAT(html, HasSubstr(GeneratedBy()));
  EXPECT_THAT(html, HasSubstr("rules <code>rules</code> (4 files)"));
  EXPECT_THAT(html, HasSubstr("sha256 <code>9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c"
                              "15b0f00a08</code>"));
  EXPECT_THAT(html, HasSubstr("inputs <code>corpus</code>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#findings\"><b>2</b> findings</a>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#clusters\"><b>1</b> cluster</a>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#articles\"><b>3</b> articles</a>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#problems\" class=\"warn\"><b>2</b> problems</a>"));
}

TEST(HtmlReportTest, ClusterTableShowsDatesFindingsArticlesSourcesEntitiesAndWhy) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, HasSubstr("<tr class=\"fi\" data-sec=\"clusters\" id=\"cluster-c1\">"
                              "<td><code>c1</code></td>"
                              "<td class=\"nowrap\">2023-01-26 – 2023-01-27</td>"
                              "<td class=\"nowrap\"><a href=\"#findings-c1\">1 high, 1 medium</a>"
                              "</td>"
                              "<td class=\"wrap\"><b>2</b>: <a href=\"#article-h1_wire\">h1_wire"
                              "</a>, <a href=\"#article-h1_daily\">h1_daily</a>"
                              "<span class=\"origin\">Meridian Wire, Kelvara Daily</span></td>"
                              "<td>Kelvara Ferry Line, Port Isel</td>"
                              "<td>shared entities Kelvara Ferry Line, Port Isel; dates within 1 "
                              "day</td></tr>"));
}

TEST(HtmlReportTest, ClusterDatesCollapseAndSayUnknown) {
  Report r;
  Cluster same;
  same.id = "c1";
  same.first_date = same.last_date = CivilDate(2024, 2, 29);
  Cluster none;
  none.id = "c2";
  r.clusters = {same, none};
  const std::string html = RenderHtmlReport(r);
  EXPECT_THAT(html, HasSubstr("<td class=\"nowrap\">2024-02-29</td>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"nowrap\"><span class=\"muted\">unknown</span></td>"));
}

TEST(HtmlReportTest, ArticleRowsShowMetadataAndMeasurements) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, HasSubstr("<tr class=\"fi\" data-sec=\"articles\" id=\"article-h1_wire\">"
                              "<td class=\"wrap\"><code>h1_wire</code></td><td>Meridian Wire</td>"
                              "<td class=\"nowrap\">2023-01-27<span class=\"origin\">header</span>"
                              "</td><td>Ferry sinks off the coast<a class=\"url\" "
                              "href=\"https://meridian.example/ferry\""));
  EXPECT_THAT(html, HasSubstr("<td class=\"wrap mono\">corpus/h1_wire.txt</td>"
                              "<td class=\"num\">2048</td><td class=\"num\">6</td>"
                              "<td class=\"num\">21</td><td class=\"num\">3</td></tr>"));
  EXPECT_THAT(html, HasSubstr("2023-01-26<span class=\"origin\">inferred</span>"));
  // Missing metadata is said to be missing, not invented.
  EXPECT_THAT(html, HasSubstr("<code>h2_blog</code></td><td><span class=\"muted\">unknown</span>"
                              "</td><td class=\"nowrap\"><span class=\"muted\">unknown</span>"
                              "<span class=\"origin\">unknown</span></td><td><span "
                              "class=\"muted\">untitled</span></td>"));
}

TEST(HtmlReportTest, ProblemRowsShowPathLineAndMessage) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, HasSubstr("<td class=\"wrap mono\">corpus/bad.txt</td><td class=\"num\">1</td>"
                              "<td>invalid UTF-8 at byte 17</td>"));
  EXPECT_THAT(html, HasSubstr("<td class=\"wrap mono\">corpus/empty.txt</td><td class=\"num\">"
                              "<span class=\"muted\">—</span></td><td>the file is empty</td>"));
}

TEST(HtmlReportTest, EmptyListsSaySoPlainly) {
  const std::string html = RenderHtmlReport(Report());
  EXPECT_THAT(html, HasSubstr("<p class=\"empty\">No findings yet: comparison has not run or "
                              "found nothing.</p>"));
  EXPECT_THAT(html, HasSubstr("<p class=\"empty\">No problems: every input was read.</p>"));
  EXPECT_THAT(html, HasSubstr("<p class=\"empty\">No clusters yet:"));
  EXPECT_THAT(html, HasSubstr("<p class=\"empty\">No articles:"));
  EXPECT_THAT(html, Not(HasSubstr("<table")));
  EXPECT_THAT(html, Not(HasSubstr("class=\"finding")));
  EXPECT_THAT(html, Not(HasSubstr("<mark>")));
  EXPECT_THAT(html, HasSubstr("<a href=\"#findings\"><b>0</b> findings</a>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#problems\"><b>0</b> problems</a>"));
  // The filter script is still there and only offers the fixed choices.
  EXPECT_EQ(CountOf(html, "<script>"), 1u);
  EXPECT_THAT(html, HasSubstr("<select id=\"kind\" aria-label=\"Kind\"><option value=\"\">All "
                              "kinds</option></select>"));
}

TEST(HtmlReportTest, NonEmptyListsDropTheEmptyMessages) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, Not(HasSubstr("No findings yet")));
  EXPECT_THAT(html, Not(HasSubstr("No problems:")));
}

TEST(HtmlReportTest, KindFilterOffersEachKindOnceSorted) {
  Report r = SampleReport();
  r.findings.push_back(r.findings[0]);
  r.findings.back().id = "f-0000000000aa";
  const std::string html = RenderHtmlReport(r);
  EXPECT_THAT(html, HasSubstr("<option value=\"\">All kinds</option>"
                              "<option value=\"date_conflict\">date_conflict</option>"
                              "<option value=\"quantity_conflict\">quantity_conflict</option>"
                              "</select>"));
  EXPECT_THAT(html, HasSubstr("<option value=\"high\">High</option>"));
}

TEST(HtmlReportTest, FilterControlsStayHiddenWithoutScript) {
  const std::string html = RenderHtmlReport(SampleReport());
  EXPECT_THAT(html, HasSubstr("<div class=\"filters\" id=\"filters\" hidden>"));
  EXPECT_THAT(html, HasSubstr("<input type=\"search\" id=\"q\""));
}

TEST(HtmlReportTest, OutputIsDeterministic) {
  const Report r = HostileReport();
  const std::string first = RenderHtmlReport(r);
  const Report copy = r;
  EXPECT_EQ(first, RenderHtmlReport(r));
  EXPECT_EQ(first, RenderHtmlReport(copy));
  EXPECT_EQ(RenderHtmlReport(Report()), RenderHtmlReport(Report()));
}

TEST(HtmlReportTest, RendersFiftyThousandArticles) {
  Report r;
  r.articles.reserve(50000);
  for (int i = 0; i < 50000; ++i) {
    r.articles.push_back(MakeArticle("article_" + std::to_string(i), "Source & Co",
                                     "A headline about <things> number " + std::to_string(i)));
  }
  const std::string html = RenderHtmlReport(r);
  EXPECT_EQ(CountOf(html, "data-sec=\"articles\""), 50000u);
  EXPECT_THAT(html, HasSubstr("id=\"article-article_49999\""));
}

TEST(HtmlEscapeTest, EmptyAndPlainTextPassThrough) {
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape("plain text, 42 = 6 * 7; ok!"), "plain text, 42 = 6 * 7; ok!");
}

TEST(HtmlEscapeTest, EscapesEachSpecialCharacter) {
  EXPECT_EQ(HtmlEscape("&"), "&amp;");
  EXPECT_EQ(HtmlEscape("<"), "&lt;");
  EXPECT_EQ(HtmlEscape(">"), "&gt;");
  EXPECT_EQ(HtmlEscape("\""), "&quot;");
  EXPECT_EQ(HtmlEscape("'"), "&#39;");
  EXPECT_EQ(HtmlEscape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(HtmlEscapeTest, EscapesExistingEntitiesAgain) {
  EXPECT_EQ(HtmlEscape("&amp; &#39;"), "&amp;amp; &amp;#39;");
}

TEST(HtmlEscapeTest, MultibyteUtf8PassesThroughUnchanged) {
  const std::string text = "Zürich — 東京 «quoted» 🚢 naïve";
  EXPECT_EQ(HtmlEscape(text), text);
  EXPECT_EQ(HtmlEscape("“Ölpreis” <über>"), "“Ölpreis” &lt;über&gt;");
}

TEST(HtmlEscapeTest, KeepsEmbeddedNulAndControlBytes) {
  const std::string text("a\0b\tc\n", 6);
  EXPECT_EQ(HtmlEscape(text), text);
}

}  // namespace
}  // namespace parallax
