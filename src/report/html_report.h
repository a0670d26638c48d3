// report.html: one self-contained page (no network fetches, no external
// files) that a fact-checker opens from disk or through `parallax serve`.
//
// The page is a fixed shell, the report as JSON data, and the script in
// page/report.js that renders the data on demand. Report text appears only
// inside the data, where no '<' is left, so an article containing "<script>"
// or a "javascript:" URL can never become markup or a live link.
//
// Deep links: "report.html#f-3a9c1e07b2d4" opens that finding;
// "#cluster-ID" and "#article-ID" show a table row, "#findings-ID" a
// cluster's findings.
#ifndef PARALLAX_REPORT_HTML_REPORT_H_
#define PARALLAX_REPORT_HTML_REPORT_H_

#include <string>

#include "report/report.h"
#include "util/text_out.h"

namespace parallax {

// Deterministic: the same report gives the same bytes.
std::string RenderHtmlReport(const Report& report);
// The same text, to `out` as it is made.
void WriteHtmlReport(const Report& report, TextOut* out);

}  // namespace parallax

#endif  // PARALLAX_REPORT_HTML_REPORT_H_
