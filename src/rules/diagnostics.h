// Diagnostics from loading a rule set, printed GCC-style so editors and CI
// jump to the spot: "rules/dates.rules:31:12: error: unknown piece '@MONHT'".
#ifndef PARALLAX_RULES_DIAGNOSTICS_H_
#define PARALLAX_RULES_DIAGNOSTICS_H_

#include <string>
#include <vector>

namespace parallax {

// A place in a rule file. `file` is the display path ("rules/dates.rules");
// line and column are 1-based.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 1;
};

struct Diagnostic {
  enum Severity { kError, kWarning, kNote };
  Severity severity = kError;
  SourceLocation location;
  std::string message;
};

// "rules/x.rules:3:7: error: message".
std::string FormatDiagnostic(const Diagnostic& diagnostic);

// Collects diagnostics; loading goes on after an error so that one run
// reports them all.
class Diagnostics {
 public:
  void Error(const SourceLocation& at, std::string message);
  void Warning(const SourceLocation& at, std::string message);
  void Note(const SourceLocation& at, std::string message);

  bool has_errors() const { return errors_ > 0; }
  int error_count() const { return errors_; }
  // In file, line, column order (notes stay after the error they explain).
  std::vector<Diagnostic> Sorted() const;
  const std::vector<Diagnostic>& all() const { return all_; }

 private:
  std::vector<Diagnostic> all_;
  int errors_ = 0;
};

}  // namespace parallax

#endif  // PARALLAX_RULES_DIAGNOSTICS_H_
