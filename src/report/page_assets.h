// The report page's style sheet and script, compiled in from page/report.css
// and page/report.js (see CMakeLists.txt) so the binary needs no data files.
#ifndef PARALLAX_REPORT_PAGE_ASSETS_H_
#define PARALLAX_REPORT_PAGE_ASSETS_H_

#include <string_view>

namespace parallax {

extern const std::string_view kReportPageStyle;
extern const std::string_view kReportPageScript;

}  // namespace parallax

#endif  // PARALLAX_REPORT_PAGE_ASSETS_H_
