// The `value:` line of an extraction rule: field assignments whose right
// sides are small expressions over captures, tables and normalizers.
//
//   value: value=interval(HEDGE[h], number(n, NUMBER_WORD)) role=ROLE[r] unit=people
//
//   name(args...)   a normalizer (normalizers.h)
//   TABLE[expr]     the table's value for a key
//   name            a capture's text when the pattern has that capture,
//                   otherwise the word itself (a literal such as `people`)
//   123, "text"     literals
// A capture that did not take part in the match is "" and a field that ends
// up "" is left out of the claim.
#ifndef PARALLAX_RULES_VALUE_EXPR_H_
#define PARALLAX_RULES_VALUE_EXPR_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/diagnostics.h"
#include "rules/normalizers.h"
#include "rules/rule_file.h"

namespace parallax {

struct ValueExpr {
  enum Type { kLiteral, kCapture, kCall, kLookup };
  Type type = kLiteral;
  std::string name;             // literal text, capture name, normalizer or table name
  std::vector<ValueExpr> args;  // call arguments, or the lookup key
  const NormalizerInfo* normalizer = nullptr;  // set for kCall
};

struct FieldAssignment {
  std::string field;
  ValueExpr expr;
  SourceLocation at;
};

// Checks names against what exists: the rule's captures, the rule set's
// tables, and the fields a claim of the rule's kind may have.
struct ValueScope {
  const std::vector<std::string>* captures;
  std::function<bool(std::string_view)> has_table;
  std::vector<std::string_view> allowed_fields;
};

// Parses and checks a `value:` line; errors go to `diagnostics`.
std::vector<FieldAssignment> ParseValueLine(const Located& line, const ValueScope& scope,
                                            Diagnostics& diagnostics);

// Captured text by capture name; nullopt when the capture did not take part.
using CaptureLookup = std::function<std::optional<std::string_view>(std::string_view name)>;

absl::StatusOr<std::string> EvaluateValue(const ValueExpr& expr, const CaptureLookup& captures,
                                          const NormalizerContext& context);

}  // namespace parallax

#endif  // PARALLAX_RULES_VALUE_EXPR_H_
