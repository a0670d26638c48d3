#include "report/html_report.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "report/json_report.h"
#include "report/page_assets.h"
#include "util/json_writer.h"

namespace parallax {
namespace {

// The page may load nothing: no scripts, styles, fonts or images from
// anywhere, so opening a report never tells a third party who is reading it.
constexpr std::string_view kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'";

// Everything between <body> and the data: the same for every report, so no
// report text is ever parsed as markup. The script fills it in.
constexpr std::string_view kBody = R"html(<header class="top">
<div class="bar"><h1>Parallax report</h1><nav class="counts" id="counts"></nav></div>
<div class="meta" id="meta"></div>
<div class="filters" id="filters" hidden><input type="search" id="q" placeholder="Filter findings and tables by text" aria-label="Filter by text" autocomplete="off"><select id="sev" aria-label="Severity"><option value="">All severities</option><option value="high">High</option><option value="medium">Medium</option><option value="low">Low</option></select><select id="kind" aria-label="Kind"><option value="">All kinds</option></select><select id="src" aria-label="Source"><option value="">All sources</option></select><select id="rev" aria-label="Review status" hidden><option value="">Any review status</option><option value="unreviewed">Not reviewed</option><option value="confirmed">Confirmed</option><option value="dismissed">Dismissed</option><option value="follow_up">Follow-up</option></select><button type="button" id="only-cluster" class="chip" title="Show every cluster" hidden></button><span class="muted">Press ? for keys</span></div>
</header>
<div id="help" class="help" hidden><h2>Keys</h2><dl><dt>j / n</dt><dd>next finding</dd><dt>k / p</dt><dd>previous finding</dd><dt>c</dt><dd>confirm (when served by parallax serve)</dd><dt>d</dt><dd>dismiss, with a reason</dd><dt>f</dt><dd>mark for follow-up</dd><dt>/</dt><dd>search</dd><dt>?</dt><dd>this help</dd><dt>Esc</dt><dd>close</dd></dl></div>
<noscript><p>This page shows the report with JavaScript, which is off. report.md and report.json beside this file hold the same findings.</p></noscript>
<main>
<section id="findings"><h2>Findings<span class="shown"></span></h2>
<p class="empty" id="findings-empty" hidden>No findings yet: comparison has not run or found nothing.</p>
<div class="desk" id="desk"><div class="flist" id="flist"></div><article class="fview" id="fview" hidden></article></div>
<p class="empty" id="none-shown" hidden>No findings match the filter.</p>
</section>
<section id="clusters"><h2>Clusters<span class="shown"></span></h2>
<p class="empty" id="clusters-empty" hidden>No clusters yet: clustering has not run or grouped nothing.</p>
<div id="clusters-table"></div>
</section>
<section id="articles"><h2>Articles<span class="shown"></span></h2>
<p class="empty" id="articles-empty" hidden>No articles: no input was read as an article.</p>
<div id="articles-table"></div>
</section>
<section id="problems"><h2>Problems<span class="shown"></span></h2>
<p class="empty" id="problems-empty" hidden>No problems: every input was read.</p>
<div id="problems-table"></div>
</section>
</main>
)html";

// UTF-16 code units in `text` (JavaScript string offsets); `text` is UTF-8.
size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++units;  // a lead byte starts a code point
    if (c >= 0xF0) ++units;           // outside the BMP: a surrogate pair
  }
  return units;
}

// The report as the page reads it. Tabular parts are arrays of rows (their
// columns are named at the top of report.js) to keep large reports small.
void WriteReportData(const Report& report, TextOut* out) {
  std::unordered_map<std::string_view, std::vector<const Passage*>> passages;
  for (const Passage& p : report.passages) passages[p.article].push_back(&p);

  JsonWriter json(&out->buffer(), JsonWriter::kCompact);
  json.BeginObject();
  WriteProvenance(json, report);

  json.Key("articles");
  json.BeginArray();
  for (const ArticleEntry& a : report.articles) {
    json.BeginArray();
    json.String(a.id);
    json.OptionalString(a.source);
    json.OptionalDate(a.date);
    json.String(DateOriginName(a.date_origin));
    json.OptionalString(a.title);
    json.OptionalString(a.url);
    json.String(a.path);
    json.Int(static_cast<int64_t>(a.body_bytes));
    json.Int(a.paragraphs);
    json.Int(a.sentences);
    json.Int(a.quotations);
    json.EndArray();
    out->Checkpoint();
  }
  json.EndArray();

  json.Key("clusters");
  json.BeginArray();
  for (const Cluster& c : report.clusters) {
    json.BeginArray();
    json.String(c.id);
    json.OptionalDate(c.first_date);
    json.OptionalDate(c.last_date);
    json.BeginArray();
    for (const std::string& id : c.articles) json.String(id);
    json.EndArray();
    json.BeginArray();
    for (const std::string& entity : c.entities) json.String(entity);
    json.EndArray();
    json.String(c.why);
    json.EndArray();
    out->Checkpoint();
  }
  json.EndArray();

  json.Key("findings");
  json.BeginArray();
  for (const Finding& f : report.findings) {
    json.BeginObject();
    for (auto [key, value] : {std::pair<std::string_view, std::string_view>{"id", f.id},
                              {"kind", f.kind},
                              {"severity", f.severity},
                              {"cluster", f.cluster},
                              {"subject", f.subject},
                              {"message", f.message},
                              {"rule", f.rule},
                              {"aspect", f.aspect}}) {
      json.Key(key);
      json.String(value);
    }
    json.Key("diff");
    json.BeginArray();
    for (const Finding::DiffPart& part : f.diff) {
      json.BeginArray();
      json.String(part.op);
      json.String(part.a);
      json.String(part.b);
      json.EndArray();
    }
    json.EndArray();
    json.Key("review");
    if (f.review) {
      json.BeginObject();
      json.Key("finding");
      json.String(f.id);
      json.Key("status");
      json.String(f.review->status);
      json.Key("reason");
      json.String(f.review->reason);
      json.Key("reviewer");
      json.String(f.review->reviewer);
      json.Key("at");
      json.String(f.review->at);
      json.EndObject();
    } else {
      json.Null();
    }
    json.Key("claims");
    json.BeginArray();
    for (const ClaimRef& c : f.claims) {
      json.BeginObject();
      json.Key("article");
      json.String(c.article);
      json.Key("side");
      json.Int(c.side);
      json.Key("text");
      json.String(c.text);
      json.Key("start");
      json.Int(static_cast<int64_t>(c.start));
      json.Key("end");
      json.Int(static_cast<int64_t>(c.end));
      json.Key("value");
      json.OptionalString(c.value);
      json.Key("sentence");
      json.String(c.sentence);
      // The paragraph that holds the span, and the span's offsets in it.
      if (auto it = passages.find(c.article); it != passages.end()) {
        for (const Passage* p : it->second) {
          if (c.start < p->start || c.end > p->start + p->text.size()) continue;
          const std::string_view text = p->text;
          json.Key("passage");
          json.Int(p - report.passages.data());
          json.Key("from");
          json.Int(static_cast<int64_t>(Utf16Length(text.substr(0, c.start - p->start))));
          json.Key("to");
          json.Int(static_cast<int64_t>(Utf16Length(text.substr(0, c.end - p->start))));
          break;
        }
      }
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    out->Checkpoint();
  }
  json.EndArray();

  json.Key("passages");
  json.BeginArray();
  for (const Passage& p : report.passages) {
    json.BeginArray();
    json.String(p.article);
    json.Int(static_cast<int64_t>(p.start));
    json.String(p.text);
    json.EndArray();
    out->Checkpoint();
  }
  json.EndArray();

  json.Key("problems");
  json.BeginArray();
  for (const Problem& p : report.problems) {
    json.BeginArray();
    json.String(p.path);
    if (p.line) {
      json.Int(*p.line);
    } else {
      json.Null();
    }
    json.String(p.message);
    json.EndArray();
    out->Checkpoint();
  }
  json.EndArray();
  json.EndObject();
}

}  // namespace

void WriteHtmlReport(const Report& report, TextOut* text) {
  std::string* out = &text->buffer();
  *out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"";
  out->append(kCsp);
  *out +=
      "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Parallax report</title>\n<style>\n";
  out->append(kReportPageStyle);
  *out += "</style>\n</head>\n<body>\n";
  out->append(kBody);
  // JSON puts '<' only inside strings, where \u003c means the same; without
  // it no text can close the element ("</script>") or open a comment.
  *out += "<script type=\"application/json\" id=\"report-data\">";
  {
    ScriptSafeJsonOut data(text);
    WriteReportData(report, &data);
  }
  *out += "</script>\n<script>\n";
  out->append(kReportPageScript);
  *out += "</script>\n</body>\n</html>\n";
}

std::string RenderHtmlReport(const Report& report) {
  StringOut out;
  WriteHtmlReport(report, &out);
  return std::move(out.buffer());
}

}  // namespace parallax
