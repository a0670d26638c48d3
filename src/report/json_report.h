// report.json, schema parallax.report/1 (see REPORT_CONTRACT.md): the
// contract other tools read. Fields may be added, never renamed or removed.
#ifndef PARALLAX_REPORT_JSON_REPORT_H_
#define PARALLAX_REPORT_JSON_REPORT_H_

#include <string>

#include "report/report.h"
#include "util/json_writer.h"
#include "util/text_out.h"

namespace parallax {

// Pretty-printed JSON, ending in a newline. Deterministic: the same report
// gives the same bytes.
std::string RenderJsonReport(const Report& report);
// The same text, to `out` as it is made.
void WriteJsonReport(const Report& report, TextOut* out);

// The keys "generated_by", "rules" and "inputs": where a report came from.
// Also in the data of report.html.
void WriteProvenance(JsonWriter& json, const Report& report);

}  // namespace parallax

#endif  // PARALLAX_REPORT_JSON_REPORT_H_
