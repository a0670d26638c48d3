// report.md: the batch report a person reads top to bottom: corpus summary,
// findings, clusters, articles, then the inputs that could not be used.
#ifndef PARALLAX_REPORT_MARKDOWN_REPORT_H_
#define PARALLAX_REPORT_MARKDOWN_REPORT_H_

#include <string>
#include <string_view>

#include "report/report.h"
#include "util/text_out.h"

namespace parallax {

std::string RenderMarkdownReport(const Report& report);
// The same text, to `out` as it is made.
void WriteMarkdownReport(const Report& report, TextOut* out);

// Escapes Markdown syntax (and inline HTML) so that `text` shows literally,
// on one line, also inside a table cell.
std::string MarkdownEscape(std::string_view text);

}  // namespace parallax

#endif  // PARALLAX_REPORT_MARKDOWN_REPORT_H_
