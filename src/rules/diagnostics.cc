#include "rules/diagnostics.h"

#include <algorithm>
#include <tuple>

#include "util/strings.h"

namespace parallax {

std::string FormatDiagnostic(const Diagnostic& d) {
  const char* severity = d.severity == Diagnostic::kError     ? "error"
                         : d.severity == Diagnostic::kWarning ? "warning"
                                                              : "note";
  return StrCat(d.location.file, ":", d.location.line, ":", d.location.column, ": ", severity, ": ",
                d.message);
}

void Diagnostics::Error(const SourceLocation& at, std::string message) {
  all_.push_back({Diagnostic::kError, at, std::move(message)});
  ++errors_;
}

void Diagnostics::Warning(const SourceLocation& at, std::string message) {
  all_.push_back({Diagnostic::kWarning, at, std::move(message)});
}

void Diagnostics::Note(const SourceLocation& at, std::string message) {
  all_.push_back({Diagnostic::kNote, at, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  // A note belongs to the diagnostic before it: sort groups, not lines.
  std::vector<std::vector<Diagnostic>> groups;
  for (const Diagnostic& d : all_) {
    if (d.severity == Diagnostic::kNote && !groups.empty()) {
      groups.back().push_back(d);
    } else {
      groups.push_back({d});
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    const SourceLocation& x = a.front().location;
    const SourceLocation& y = b.front().location;
    return std::tie(x.file, x.line, x.column) < std::tie(y.file, y.line, y.column);
  });
  std::vector<Diagnostic> sorted;
  for (auto& group : groups) sorted.insert(sorted.end(), group.begin(), group.end());
  return sorted;
}

}  // namespace parallax
