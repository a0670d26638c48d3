// report.html: one self-contained page (no network fetches, no external
// files) that a fact-checker opens from disk.
//
// Every piece of article-derived text is HTML-escaped; an article containing
// "<script>" or a "javascript:" URL shows as text and never becomes markup or
// a live link.
//
// Anchors: each finding's element id is its finding id ("report.html#f-3a9c…"
// deep-links to it); table rows are "article-ID" and "cluster-ID".
#ifndef PARALLAX_REPORT_HTML_REPORT_H_
#define PARALLAX_REPORT_HTML_REPORT_H_

#include <string>
#include <string_view>

#include "report/report.h"

namespace parallax {

// Deterministic: the same report gives the same bytes.
std::string RenderHtmlReport(const Report& report);

// Escapes & < > " ' for use in HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace parallax

#endif  // PARALLAX_REPORT_HTML_REPORT_H_
