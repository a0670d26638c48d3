#include "report/html_report.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/civil_date.h"

namespace parallax {
namespace {

// The page may load nothing: no scripts, styles, fonts or images from
// anywhere, so opening a report never tells a third party who is reading it.
constexpr std::string_view kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'";

constexpr std::string_view kStyle = R"css(
:root{--fg:#1b2230;--muted:#5a6372;--bg:#f6f7f9;--card:#fff;--line:#dde1e7;--accent:#1d4f91;
--high:#a61b1b;--high-bg:#fdecec;--high-line:#d92d20;--med:#8a4b00;--med-bg:#fff5e0;
--med-line:#e89400;--low:#4a5363;--low-bg:#eef0f3;--low-line:#98a2b3;--mark:#fff1a8}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
a{color:var(--accent)}
[id]{scroll-margin-top:150px}
header.top{position:sticky;top:0;z-index:10;background:var(--card);border-bottom:1px solid var(--line);
box-shadow:0 1px 3px rgba(16,24,40,.06);padding:10px 28px}
.bar{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 24px}
h1{font-size:20px;margin:0;font-weight:650}
nav.counts{display:flex;flex-wrap:wrap;gap:6px 18px}
nav.counts a{color:var(--fg);text-decoration:none;white-space:nowrap}
nav.counts a:hover{text-decoration:underline}
nav.counts b{font-size:17px}
nav.counts a.warn b{color:var(--med)}
.meta{color:var(--muted);font-size:13px;margin-top:2px;overflow-wrap:anywhere}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;margin-top:8px}
.filters input,.filters select{font:inherit;font-size:14px;padding:5px 8px;border:1px solid #c4cad4;
border-radius:6px;background:#fff;color:var(--fg)}
.filters input{min-width:280px}
main{max-width:1240px;margin:0 auto;padding:8px 28px 48px}
section{margin-top:28px}
h2{font-size:18px;margin:0 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h2 .shown{font-weight:400;color:var(--muted);font-size:14px;margin-left:8px}
h3{font-size:15px;margin:22px 0 8px;font-weight:600}
h3 .muted{font-weight:400}
.muted{color:var(--muted)}
.empty{color:var(--muted);font-style:italic;margin:8px 0}
.finding{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--low-line);
border-radius:8px;padding:12px 16px;margin:10px 0}
.finding.sev-high{border-left-color:var(--high-line)}
.finding.sev-medium{border-left-color:var(--med-line)}
.finding:target{outline:3px solid var(--accent);outline-offset:2px}
.fhead{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px}
.badge{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;
padding:1px 8px;border-radius:999px;background:var(--low-bg);color:var(--low)}
.badge.sev-high{background:var(--high-bg);color:var(--high)}
.badge.sev-medium{background:var(--med-bg);color:var(--med)}
.kind{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;color:var(--muted)}
.subject{font-weight:600}
.permalink{margin-left:auto;font-size:12px;color:var(--muted)}
.message{margin:6px 0 8px;font-size:16px}
/* Off-screen findings are not laid out until scrolled to: a report of
   thousands stays quick to open. */
.finding{content-visibility:auto;contain-intrinsic-size:auto 320px}
.finding.sel{box-shadow:0 0 0 3px var(--accent)}
.reviewed{font-size:13px;margin:4px 0}
.review{margin-top:8px;display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;font-size:13px}
.review button{font:inherit;padding:2px 10px;border:1px solid #c4cad4;border-radius:6px;background:#fff;cursor:pointer}
.finding[data-review=confirmed] .review-status{color:#005c00;font-weight:600}
.finding[data-review=dismissed] .review-status{color:var(--muted);text-decoration:line-through}
.finding[data-review=follow_up] .review-status{color:var(--med);font-weight:600}
.help{position:fixed;top:80px;right:28px;z-index:20;background:var(--card);border:1px solid var(--line);
border-radius:8px;padding:12px 20px;box-shadow:0 4px 16px rgba(16,24,40,.15)}
.help dl{display:grid;grid-template-columns:auto auto;gap:4px 16px;margin:0}.help dd{margin:0}
.diff{margin:4px 0 8px}.diff del{color:#a40000}.diff ins{color:#005c00}
.side{display:inline-block;min-width:1.4em;text-align:center;border-radius:3px;background:#e4e4ea;font-weight:600}
ol.claims{list-style:none;margin:0;padding:0}
.claim{border-top:1px solid var(--line);padding:8px 0 6px}
.who{font-size:13px;color:var(--muted)}
.who .src{color:var(--fg);font-weight:600}
blockquote{margin:4px 0;padding:2px 0 2px 12px;border-left:3px solid var(--line)}
mark{background:var(--mark);color:inherit;padding:0 2px;border-radius:2px}
.span{font-size:13px;color:var(--muted)}
.value,.rule{font-size:13px;color:var(--muted)}
.value code,.rule code{color:var(--fg)}
.tablewrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
th{background:#eef1f5;font-weight:600;position:sticky;top:0}
tbody tr:last-child td{border-bottom:0}
tbody tr:hover{background:#f8fafc}
tr:target{background:#eaf2ff}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nowrap{white-space:nowrap}
td.wrap{overflow-wrap:anywhere;min-width:12em}
.origin{display:block;font-size:12px;color:var(--muted)}
.url{display:block;font-size:12px;overflow-wrap:anywhere}
)css";

// Plain DOM filtering: nothing from the report is embedded here, the script
// reads the page. Per-element text is lower-cased once, on first use, so
// typing stays fast with tens of thousands of rows.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var box = document.getElementById('filters');
  var q = document.getElementById('q');
  var sev = document.getElementById('sev');
  var kind = document.getElementById('kind');
  var src = document.getElementById('src');
  var rev = document.getElementById('rev');
  var help = document.getElementById('help');
  var none = document.getElementById('none-shown');
  if (!box || !q || !sev || !kind || !src || !rev) return;
  var items = document.querySelectorAll('.fi');
  var findings = document.querySelectorAll('.finding');
  var groups = document.querySelectorAll('.group');
  var sections = document.querySelectorAll('section[data-total]');
  var texts = null;
  var timer = 0;
  var current = -1;
  box.hidden = false;
  function apply() {
    var needle = q.value.trim().toLowerCase();
    var s = sev.value, k = kind.value, from = src.value, r = rev.value;
    var shown = {};
    var findingsShown = 0;
    var i;
    if (needle && !texts) {
      texts = [];
      for (i = 0; i < items.length; i++) texts.push(items[i].textContent.toLowerCase());
    }
    for (i = 0; i < items.length; i++) {
      var el = items[i];
      var ok = !needle || texts[i].indexOf(needle) !== -1;
      var isFinding = el.classList.contains('finding');
      if (isFinding && s && el.getAttribute('data-severity') !== s) ok = false;
      if (isFinding && k && el.getAttribute('data-kind') !== k) ok = false;
      if (isFinding && from && el.getAttribute('data-sources').indexOf('|' + from + '|') === -1) ok = false;
      if (isFinding && r && (el.getAttribute('data-review') || 'unreviewed') !== r) ok = false;
      el.hidden = !ok;
      if (ok) {
        var sec = el.getAttribute('data-sec');
        shown[sec] = (shown[sec] || 0) + 1;
        if (isFinding) findingsShown++;
      }
    }
    for (i = 0; i < groups.length; i++) {
      groups[i].hidden = !groups[i].querySelector('.finding:not([hidden])');
    }
    if (none) none.hidden = findingsShown > 0;
    var filtering = needle || s || k || from || r;
    for (i = 0; i < sections.length; i++) {
      var out = sections[i].querySelector('.shown');
      var total = sections[i].getAttribute('data-total');
      if (!out) continue;
      out.textContent = filtering && total !== '0' ? (shown[sections[i].id] || 0) + ' of ' + total + ' shown' : '';
    }
  }
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  [sev, kind, src, rev].forEach(function (el) { el.addEventListener('change', apply); });

  // Served by 'parallax serve': decisions are read and written through it.
  var tokenMeta = document.querySelector('meta[name="parallax-desk-token"]');
  var token = tokenMeta ? tokenMeta.getAttribute('content') : '';
  function showDecision(el, d) {
    el.setAttribute('data-review', d ? d.status : 'unreviewed');
    var line = el.querySelector('.review-status');
    if (line) line.textContent = d ? d.status.replace('_', '-') + ' by ' + d.reviewer + ' at ' + d.at +
        (d.reason ? ': ' + d.reason : '') : 'not reviewed yet';
  }
  function reviewer() {
    var name = localStorage.getItem('parallax-reviewer');
    if (!name) {
      name = (window.prompt('Your name, kept with your decisions:') || '').trim();
      if (name) localStorage.setItem('parallax-reviewer', name);
    }
    return name;
  }
  function decide(el, status) {
    if (!token || !el) return;
    var reason = '';
    if (status === 'dismissed') {
      reason = (window.prompt('Why is this finding dismissed?') || '').trim();
      if (!reason) return;
    }
    var who = reviewer();
    if (!who) return;
    fetch('/api/decisions', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Parallax-Token': token},
      body: JSON.stringify({finding: el.id, status: status, reason: reason, reviewer: who})
    }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error(body.error || res.status);
        showDecision(el, body);
      });
    }).catch(function (e) {
      var line = el.querySelector('.review-status');
      if (line) line.textContent = 'not saved: ' + e.message;
    });
  }
  if (token) {
    rev.hidden = false;
    for (var f = 0; f < findings.length; f++) {
      var panel = document.createElement('div');
      panel.className = 'review';
      var status = document.createElement('span');
      status.className = 'review-status';
      panel.appendChild(status);
      [['confirmed', 'Confirm (c)'], ['dismissed', 'Dismiss (d)'], ['follow_up', 'Follow up (f)']]
          .forEach(function (b) {
            var button = document.createElement('button');
            button.type = 'button';
            button.textContent = b[1];
            button.setAttribute('data-status', b[0]);
            panel.appendChild(button);
          });
      findings[f].appendChild(panel);
      showDecision(findings[f], null);
    }
    document.addEventListener('click', function (e) {
      var status = e.target.getAttribute && e.target.getAttribute('data-status');
      if (status) decide(e.target.closest('.finding'), status);
    });
    fetch('/api/decisions').then(function (res) { return res.json(); }).then(function (body) {
      body.decisions.forEach(function (d) {
        var el = document.getElementById(d.finding);
        if (el && el.classList.contains('finding')) showDecision(el, d);
      });
      apply();
    });
  }

  // Keyboard: j/k move between the findings shown, c/d/f decide, / searches.
  function visible() {
    return Array.prototype.filter.call(findings, function (el) {
      return !el.hidden && !el.closest('.group[hidden]');
    });
  }
  function select(step) {
    var list = visible();
    if (!list.length) return;
    var at = list.indexOf(findings[current]);
    var next = list[Math.max(0, Math.min(list.length - 1, at < 0 ? 0 : at + step))];
    if (findings[current]) findings[current].classList.remove('sel');
    current = Array.prototype.indexOf.call(findings, next);
    next.classList.add('sel');
    next.scrollIntoView({block: 'center'});
    history.replaceState(null, '', '#' + next.id);
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
    if (e.key === 'Escape') {
      if (help) help.hidden = true;
      if (typing) e.target.blur();
      return;
    }
    if (typing) return;
    if (e.key === 'j' || e.key === 'n') select(1);
    else if (e.key === 'k' || e.key === 'p') select(-1);
    else if (e.key === '/') { e.preventDefault(); q.focus(); }
    else if (e.key === '?' && help) help.hidden = !help.hidden;
    else if (token && (e.key === 'c' || e.key === 'd' || e.key === 'f')) {
      decide(findings[current], {c: 'confirmed', d: 'dismissed', f: 'follow_up'}[e.key]);
    } else return;
    e.preventDefault();
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    current = Array.prototype.indexOf.call(findings, target);
    if (target && current >= 0) target.classList.add('sel');
  }
})();
)js";

void AppendEscaped(std::string& out, std::string_view text) {
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text.data() + run, i - run);
    out.append(entity);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

template <typename Int>
void AppendInt(std::string& out, Int value) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof(buf), value).ptr);
}

void AppendCount(std::string& out, size_t n, std::string_view one, std::string_view many) {
  AppendInt(out, n);
  out += ' ';
  out.append(n == 1 ? one : many);
}

// Only web links become live; "javascript:", "data:", relative paths and
// anything with leading junk stay text.
bool IsWebUrl(std::string_view url) {
  auto starts_with_ignoring_case = [url](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts_with_ignoring_case("http://") || starts_with_ignoring_case("https://");
}

// A fixed class name, so input never reaches a class attribute.
std::string_view SeverityClass(std::string_view severity) {
  if (severity == "high") return "sev-high";
  if (severity == "medium") return "sev-medium";
  if (severity == "low") return "sev-low";
  return "sev-other";
}

void AppendUnknown(std::string& out, std::string_view what) {
  out += "<span class=\"muted\">";
  out.append(what);
  out += "</span>";
}

void AppendDateRange(std::string& out, const std::optional<CivilDate>& first,
                     const std::optional<CivilDate>& last) {
  if (first && last && *first != *last) {
    out += FormatIsoDate(*first);
    out += " – ";
    out += FormatIsoDate(*last);
  } else if (first || last) {
    out += FormatIsoDate(first ? *first : *last);
  } else {
    AppendUnknown(out, "unknown");
  }
}

void AppendArticleLink(std::string& out, std::string_view id) {
  out += "<a href=\"#article-";
  AppendEscaped(out, id);
  out += "\">";
  AppendEscaped(out, id);
  out += "</a>";
}

size_t SizeOf(const std::optional<std::string>& text) { return text ? text->size() : 0; }

// A generous guess at the page size so the string grows once or not at all.
size_t EstimateSize(const Report& report) {
  size_t size = kStyle.size() + kScript.size() + 8192;
  for (const ArticleEntry& a : report.articles) {
    size += 420 + 2 * a.id.size() + a.path.size() + SizeOf(a.source) + SizeOf(a.title) +
            2 * SizeOf(a.url);
  }
  for (const Problem& p : report.problems) size += 120 + p.path.size() + p.message.size();
  for (const Cluster& c : report.clusters) {
    size += 200 + c.id.size() + c.why.size();
    for (const std::string& id : c.articles) size += 40 + 2 * id.size();
    for (const std::string& e : c.entities) size += 2 + e.size();
  }
  for (const Finding& f : report.findings) {
    size += 700 + 3 * f.id.size() + 2 * f.kind.size() + f.subject.size() + f.message.size() +
            f.rule.size();
    for (const ClaimRef& c : f.claims) {
      size += 360 + 2 * c.article.size() + c.sentence.size() + c.text.size() + SizeOf(c.value);
    }
    for (const Finding::DiffPart& part : f.diff) size += 30 + part.a.size() + part.b.size();
  }
  // Escaping grows text a little; leave room for it.
  return size + size / 8;
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const Report& report) : report_(report) {
    out_.reserve(EstimateSize(report));
    for (const ArticleEntry& a : report_.articles) articles_.emplace(a.id, &a);
    for (const Cluster& c : report_.clusters) clusters_.emplace(c.id, &c);
  }

  std::string Render() && {
    Head();
    Header();
    out_ += "<main>\n";
    Findings();
    Clusters();
    Articles();
    Problems();
    out_ += "</main>\n<script>";
    out_.append(kScript);
    out_ += "</script>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void Esc(std::string_view text) { AppendEscaped(out_, text); }

  // The outlets (or article ids, when unnamed) of a finding's claims.
  std::vector<std::string_view> SourcesOf(const Finding& f) const {
    std::vector<std::string_view> sources;
    for (const ClaimRef& c : f.claims) {
      auto it = articles_.find(c.article);
      const std::string_view source = it != articles_.end() && it->second->source
                                          ? std::string_view(*it->second->source)
                                          : std::string_view(c.article);
      if (std::find(sources.begin(), sources.end(), source) == sources.end()) {
        sources.push_back(source);
      }
    }
    return sources;
  }

  // Every source of any finding, sorted.
  std::vector<std::string_view> FindingSources() const {
    std::vector<std::string_view> sources;
    for (const Finding& f : report_.findings) {
      for (std::string_view source : SourcesOf(f)) sources.push_back(source);
    }
    std::sort(sources.begin(), sources.end());
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    return sources;
  }

  void Head() {
    out_ +=
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    out_.append(kCsp);
    out_ +=
        "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Parallax report</title>\n<style>";
    out_.append(kStyle);
    out_ += "</style>\n</head>\n<body>\n";
  }

  void CountLink(std::string_view anchor, size_t n, std::string_view one, std::string_view many,
                 bool warn) {
    out_ += "<a href=\"#";
    out_.append(anchor);
    out_ += warn ? "\" class=\"warn\"><b>" : "\"><b>";
    AppendInt(out_, n);
    out_ += "</b> ";
    out_.append(n == 1 ? one : many);
    out_ += "</a>";
  }

  void Header() {
    out_ +=
        "<header class=\"top\">\n<div class=\"bar\"><h1>Parallax report</h1><nav class=\"counts\">";
    CountLink("findings", report_.findings.size(), "finding", "findings", false);
    CountLink("clusters", report_.clusters.size(), "cluster", "clusters", false);
    CountLink("articles", report_.articles.size(), "article", "articles", false);
    CountLink("problems", report_.problems.size(), "problem", "problems",
              !report_.problems.empty());
    out_ += "</nav></div>\n<div class=\"meta\">";
    Esc(GeneratedBy());
    out_ += " · rules <code>";
    if (report_.rules.dir.empty()) {
      AppendUnknown(out_, "none");
    } else {
      Esc(report_.rules.dir);
    }
    out_ += "</code>";
    if (report_.rules.files > 0) {
      out_ += " (";
      AppendCount(out_, static_cast<size_t>(report_.rules.files), "file", "files");
      out_ += ")";
    }
    if (!report_.rules.digest.empty()) {
      out_ += " · sha256 <code>";
      Esc(report_.rules.digest);
      out_ += "</code>";
    }
    if (!report_.inputs.empty()) {
      out_ += " · inputs ";
      for (size_t i = 0; i < report_.inputs.size(); ++i) {
        if (i > 0) out_ += ", ";
        out_ += "<code>";
        Esc(report_.inputs[i]);
        out_ += "</code>";
      }
    }
    // Hidden until the script runs: without it the controls would do nothing.
    out_ +=
        "</div>\n<div class=\"filters\" id=\"filters\" hidden>"
        "<input type=\"search\" id=\"q\" placeholder=\"Filter findings and tables by text\" "
        "aria-label=\"Filter by text\" autocomplete=\"off\">"
        "<select id=\"sev\" aria-label=\"Severity\"><option value=\"\">All severities</option>"
        "<option value=\"high\">High</option><option value=\"medium\">Medium</option>"
        "<option value=\"low\">Low</option></select>"
        "<select id=\"kind\" aria-label=\"Kind\"><option value=\"\">All kinds</option>";
    std::vector<std::string_view> kinds;
    kinds.reserve(report_.findings.size());
    for (const Finding& f : report_.findings) kinds.push_back(f.kind);
    std::sort(kinds.begin(), kinds.end());
    kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
    for (std::string_view kind : kinds) {
      out_ += "<option value=\"";
      Esc(kind);
      out_ += "\">";
      Esc(kind);
      out_ += "</option>";
    }
    out_ +=
        "</select><select id=\"src\" aria-label=\"Source\"><option value=\"\">All sources</option>";
    for (std::string_view source : FindingSources()) {
      out_ += "<option value=\"";
      Esc(source);
      out_ += "\">";
      Esc(source);
      out_ += "</option>";
    }
    out_ +=
        "</select><select id=\"rev\" aria-label=\"Review status\" hidden>"
        "<option value=\"\">Any review status</option><option value=\"unreviewed\">Not reviewed"
        "</option><option value=\"confirmed\">Confirmed</option><option value=\"dismissed\">"
        "Dismissed</option><option value=\"follow_up\">Follow-up</option></select>"
        "<span class=\"muted\">Press ? for keys</span></div>\n</header>\n"
        "<div id=\"help\" class=\"help\" hidden><h2>Keys</h2><dl>"
        "<dt>j / n</dt><dd>next finding</dd><dt>k / p</dt><dd>previous finding</dd>"
        "<dt>c</dt><dd>confirm (when served by parallax serve)</dd>"
        "<dt>d</dt><dd>dismiss, with a reason</dd><dt>f</dt><dd>mark for follow-up</dd>"
        "<dt>/</dt><dd>search</dd><dt>?</dt><dd>this help</dd><dt>Esc</dt><dd>close</dd></dl>"
        "</div>\n";
  }

  void SectionStart(std::string_view id, std::string_view title, size_t total) {
    out_ += "<section id=\"";
    out_.append(id);
    out_ += "\" data-total=\"";
    AppendInt(out_, total);
    out_ += "\">\n<h2>";
    out_.append(title);
    out_ += "<span class=\"shown\"></span></h2>\n";
  }

  void Findings() {
    SectionStart("findings", "Findings", report_.findings.size());
    if (report_.findings.empty()) {
      out_ += "<p class=\"empty\">No findings yet: comparison has not run or found nothing.</p>\n";
      out_ += "</section>\n";
      return;
    }
    // Group by cluster in order of first appearance; findings keep their order.
    std::vector<std::string_view> order;
    std::unordered_map<std::string_view, std::vector<const Finding*>> groups;
    for (const Finding& f : report_.findings) {
      auto [it, inserted] = groups.try_emplace(f.cluster);
      if (inserted) order.push_back(f.cluster);
      it->second.push_back(&f);
    }
    for (std::string_view cluster : order) {
      out_ += "<div class=\"group\" id=\"findings-";
      Esc(cluster);
      out_ += "\">\n<h3>";
      if (cluster.empty()) {
        out_ += "Not in a cluster";
      } else {
        out_ += "Cluster <a href=\"#cluster-";
        Esc(cluster);
        out_ += "\">";
        Esc(cluster);
        out_ += "</a>";
        if (auto it = clusters_.find(cluster); it != clusters_.end()) {
          out_ += " <span class=\"muted\">";
          AppendDateRange(out_, it->second->first_date, it->second->last_date);
          out_ += " · ";
          AppendCount(out_, it->second->articles.size(), "article", "articles");
          out_ += "</span>";
        }
      }
      out_ += "</h3>\n";
      for (const Finding* f : groups[cluster]) OneFinding(*f);
      out_ += "</div>\n";
    }
    out_ += "<p class=\"empty\" id=\"none-shown\" hidden>No findings match the filter.</p>\n";
    out_ += "</section>\n";
  }

  void OneFinding(const Finding& f) {
    std::string_view sev_class = SeverityClass(f.severity);
    out_ += "<article class=\"finding fi ";
    out_.append(sev_class);
    out_ += "\" data-sec=\"findings\" id=\"";
    Esc(f.id);
    out_ += "\" data-severity=\"";
    Esc(f.severity);
    out_ += "\" data-kind=\"";
    Esc(f.kind);
    if (f.review) {
      out_ += "\" data-review=\"";
      Esc(f.review->status);
    }
    out_ += "\" data-sources=\"|";
    for (std::string_view source : SourcesOf(f)) {
      Esc(source);
      out_ += "|";
    }
    out_ += "\">\n<div class=\"fhead\"><span class=\"badge ";
    out_.append(sev_class);
    out_ += "\">";
    Esc(f.severity);
    out_ += "</span><span class=\"kind\">";
    Esc(f.kind);
    out_ += "</span><span class=\"subject\">";
    Esc(f.subject);
    out_ += "</span><a class=\"permalink\" href=\"#";
    Esc(f.id);
    out_ += "\" title=\"Link to this finding\">";
    Esc(f.id);
    out_ += "</a></div>\n<p class=\"message\">";
    Esc(f.message);
    if (!f.aspect.empty()) {
      out_ += " <span class=\"muted\">(";
      Esc(f.aspect);
      out_ += ")</span>";
    }
    out_ += "</p>\n";
    if (!f.diff.empty()) Diff(f.diff);
    if (f.review) {
      out_ += "<p class=\"reviewed\">Reviewed: <b>";
      Esc(f.review->status);
      out_ += "</b> by ";
      Esc(f.review->reviewer);
      out_ += " at ";
      Esc(f.review->at);
      if (!f.review->reason.empty()) {
        out_ += ": ";
        Esc(f.review->reason);
      }
      out_ += "</p>\n";
    }
    if (!f.claims.empty()) {
      out_ += "<ol class=\"claims\">\n";
      for (const ClaimRef& c : f.claims) Claim(c);
      out_ += "</ol>\n";
    }
    out_ += "<div class=\"rule\">rule <code>";
    Esc(f.rule);
    out_ += "</code></div>\n</article>\n";
  }

  // The second wording against the first: dropped words struck through,
  // added ones underlined.
  void Diff(const std::vector<Finding::DiffPart>& diff) {
    out_ += "<p class=\"diff\">";
    for (const Finding::DiffPart& part : diff) {
      if (part.op == "same") Esc(part.a);
      if (!part.a.empty() && part.op != "same") {
        out_ += "<del>";
        Esc(part.a);
        out_ += "</del>";
      }
      if (!part.b.empty() && part.op != "same") {
        out_ += "<ins>";
        Esc(part.b);
        out_ += "</ins>";
      }
      out_ += ' ';
    }
    out_ += "</p>\n";
  }

  void Claim(const ClaimRef& c) {
    out_ +=
        "<li class=\"claim\"><div class=\"who\"><span class=\"side\" title=\"Claims with "
        "the same letter agree\">";
    out_ += static_cast<char>('A' + std::min(c.side, 25));
    out_ += "</span> ";
    AppendArticleLink(out_, c.article);
    if (auto it = articles_.find(c.article); it != articles_.end()) {
      out_ += " · ";
      if (it->second->source) {
        out_ += "<span class=\"src\">";
        Esc(*it->second->source);
        out_ += "</span>";
      } else {
        out_ += "source unknown";
      }
    }
    out_ += "</div>\n";
    // The offsets point into the body, which the report does not carry; the
    // span is found again inside the sentence instead.
    size_t at = c.text.empty() ? std::string::npos : c.sentence.find(c.text);
    if (at != std::string::npos) {
      std::string_view sentence = c.sentence;
      out_ += "<blockquote>";
      Esc(sentence.substr(0, at));
      out_ += "<mark>";
      Esc(c.text);
      out_ += "</mark>";
      Esc(sentence.substr(at + c.text.size()));
      out_ += "</blockquote>\n";
    } else {
      if (!c.sentence.empty()) {
        out_ += "<blockquote>";
        Esc(c.sentence);
        out_ += "</blockquote>\n";
      }
      out_ += "<div class=\"span\">span <mark>";
      Esc(c.text);
      out_ += "</mark></div>\n";
    }
    out_ += "<div class=\"value\">body bytes ";
    AppendInt(out_, c.start);
    out_ += "–";
    AppendInt(out_, c.end);
    if (c.value) {
      out_ += " · value <code>";
      Esc(*c.value);
      out_ += "</code>";
    }
    out_ += "</div></li>\n";
  }

  void Clusters() {
    SectionStart("clusters", "Clusters", report_.clusters.size());
    if (report_.clusters.empty()) {
      out_ +=
          "<p class=\"empty\">No clusters yet: clustering has not run or grouped nothing.</p>\n";
      out_ += "</section>\n";
      return;
    }
    out_ +=
        "<div class=\"tablewrap\"><table>\n<thead><tr><th>ID</th><th>Dates</th><th>Findings</th>"
        "<th>Articles</th><th>Entities</th><th>Why</th></tr></thead>\n<tbody>\n";
    // Findings per cluster and severity, in the order high, medium, low, other.
    std::unordered_map<std::string_view, std::array<int, 4>> counts;
    for (const Finding& f : report_.findings) {
      const int rank = f.severity == "high"     ? 0
                       : f.severity == "medium" ? 1
                       : f.severity == "low"    ? 2
                                                : 3;
      ++counts[f.cluster][rank];
    }
    for (const Cluster& c : report_.clusters) {
      out_ += "<tr class=\"fi\" data-sec=\"clusters\" id=\"cluster-";
      Esc(c.id);
      out_ += "\"><td><code>";
      Esc(c.id);
      out_ += "</code></td><td class=\"nowrap\">";
      AppendDateRange(out_, c.first_date, c.last_date);
      out_ += "</td><td class=\"nowrap\">";
      if (auto it = counts.find(c.id); it != counts.end()) {
        out_ += "<a href=\"#findings-";
        Esc(c.id);
        out_ += "\">";
        static constexpr const char* kNames[] = {" high", " medium", " low", " other"};
        bool first = true;
        for (int rank = 0; rank < 4; ++rank) {
          if (it->second[rank] == 0) continue;
          if (!first) out_ += ", ";
          first = false;
          AppendInt(out_, it->second[rank]);
          out_ += kNames[rank];
        }
        out_ += "</a>";
      } else {
        out_ += "<span class=\"muted\">none</span>";
      }
      out_ += "</td><td class=\"wrap\"><b>";
      AppendInt(out_, c.articles.size());
      out_ += "</b>";
      std::vector<std::string_view> sources;
      for (size_t i = 0; i < c.articles.size(); ++i) {
        out_ += i == 0 ? ": " : ", ";
        AppendArticleLink(out_, c.articles[i]);
        auto article = articles_.find(c.articles[i]);
        if (article != articles_.end() && article->second->source &&
            std::find(sources.begin(), sources.end(), *article->second->source) == sources.end()) {
          sources.push_back(*article->second->source);
        }
      }
      if (!sources.empty()) {
        out_ += "<span class=\"origin\">";
        for (size_t i = 0; i < sources.size(); ++i) {
          if (i > 0) out_ += ", ";
          Esc(sources[i]);
        }
        out_ += "</span>";
      }
      out_ += "</td><td>";
      for (size_t i = 0; i < c.entities.size(); ++i) {
        if (i > 0) out_ += ", ";
        Esc(c.entities[i]);
      }
      out_ += "</td><td>";
      Esc(c.why);
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody>\n</table></div>\n</section>\n";
  }

  void Articles() {
    SectionStart("articles", "Articles", report_.articles.size());
    if (report_.articles.empty()) {
      out_ += "<p class=\"empty\">No articles: no input was read as an article.</p>\n";
      out_ += "</section>\n";
      return;
    }
    out_ +=
        "<div class=\"tablewrap\"><table>\n<thead><tr><th>ID</th><th>Source</th><th>Date</th>"
        "<th>Title</th><th>Path</th><th>Bytes</th><th>Paragraphs</th><th>Sentences</th>"
        "<th>Quotations</th></tr></thead>\n<tbody>\n";
    for (const ArticleEntry& a : report_.articles) {
      out_ += "<tr class=\"fi\" data-sec=\"articles\" id=\"article-";
      Esc(a.id);
      out_ += "\"><td class=\"wrap\"><code>";
      Esc(a.id);
      out_ += "</code></td><td>";
      if (a.source) {
        Esc(*a.source);
      } else {
        AppendUnknown(out_, "unknown");
      }
      out_ += "</td><td class=\"nowrap\">";
      if (a.date) {
        out_ += FormatIsoDate(*a.date);
      } else {
        AppendUnknown(out_, "unknown");
      }
      out_ += "<span class=\"origin\">";
      out_.append(DateOriginName(a.date_origin));
      out_ += "</span></td><td>";
      if (a.title) {
        Esc(*a.title);
      } else {
        AppendUnknown(out_, "untitled");
      }
      if (a.url) Url(*a.url);
      out_ += "</td><td class=\"wrap mono\">";
      Esc(a.path);
      out_ += "</td><td class=\"num\">";
      AppendInt(out_, a.body_bytes);
      out_ += "</td><td class=\"num\">";
      AppendInt(out_, a.paragraphs);
      out_ += "</td><td class=\"num\">";
      AppendInt(out_, a.sentences);
      out_ += "</td><td class=\"num\">";
      AppendInt(out_, a.quotations);
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody>\n</table></div>\n</section>\n";
  }

  void Url(std::string_view url) {
    if (IsWebUrl(url)) {
      out_ += "<a class=\"url\" href=\"";
      Esc(url);
      out_ += "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">";
      Esc(url);
      out_ += "</a>";
    } else {
      out_ += "<span class=\"url\">";
      Esc(url);
      out_ += "</span>";
    }
  }

  void Problems() {
    SectionStart("problems", "Problems", report_.problems.size());
    if (report_.problems.empty()) {
      out_ += "<p class=\"empty\">No problems: every input was read.</p>\n</section>\n";
      return;
    }
    out_ +=
        "<div class=\"tablewrap\"><table>\n<thead><tr><th>Path</th><th>Line</th><th>Message</th>"
        "</tr></thead>\n<tbody>\n";
    for (const Problem& p : report_.problems) {
      out_ += "<tr class=\"fi\" data-sec=\"problems\"><td class=\"wrap mono\">";
      Esc(p.path);
      out_ += "</td><td class=\"num\">";
      if (p.line) {
        AppendInt(out_, *p.line);
      } else {
        AppendUnknown(out_, "—");
      }
      out_ += "</td><td>";
      Esc(p.message);
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody>\n</table></div>\n</section>\n";
  }

  const Report& report_;
  std::string out_;
  std::unordered_map<std::string_view, const ArticleEntry*> articles_;
  std::unordered_map<std::string_view, const Cluster*> clusters_;
};

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscaped(out, text);
  return out;
}

std::string RenderHtmlReport(const Report& report) { return HtmlWriter(report).Render(); }

}  // namespace parallax
