// report.json, schema parallax.report/1 (see REPORT_CONTRACT.md): the
// contract other tools read. Fields may be added, never renamed or removed.
#ifndef PARALLAX_REPORT_JSON_REPORT_H_
#define PARALLAX_REPORT_JSON_REPORT_H_

#include <string>

#include "report/report.h"

namespace parallax {

// Pretty-printed JSON, ending in a newline. Deterministic: the same report
// gives the same bytes.
std::string RenderJsonReport(const Report& report);

}  // namespace parallax

#endif  // PARALLAX_REPORT_JSON_REPORT_H_
