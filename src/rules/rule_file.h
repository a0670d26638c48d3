// The parsed form of one rule file, before anything is compiled. Every
// element keeps the place it came from, so later stages can point at it.
//
// The language is documented with examples in rules/README.md.
#ifndef PARALLAX_RULES_RULE_FILE_H_
#define PARALLAX_RULES_RULE_FILE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rules/diagnostics.h"
#include "util/civil_date.h"

namespace parallax {

// Text from a rule file with the location of its first character. A field
// that goes on over several lines is joined with spaces; `continuations`
// says where each later line starts, so errors point into the right line.
struct Located {
  Located() = default;
  Located(std::string text, SourceLocation at) : text(std::move(text)), at(std::move(at)) {}

  std::string text;
  SourceLocation at;
  std::vector<std::pair<size_t, SourceLocation>> continuations;  // (offset in text, where)

  // Appends a continuation line found at `where`.
  void Continue(std::string_view line, const SourceLocation& where);
  // The location of byte `offset` of `text`.
  SourceLocation LocationOf(size_t offset) const;
};

struct TableRow {
  std::vector<Located> keys;  // "died | dead | lives" -> three keys
  Located value;              // text after '='; the key itself when absent
};

struct TableDef {
  Located name;  // without '@'
  std::vector<TableRow> rows;
};

struct PieceDef {
  Located name;  // without '@'
  Located pattern;
};

// `example: "text" -> field=value field=value` (or `-> value`), and
// `counter: "text"` (negative: the rule must not fire).
struct ExampleDef {
  SourceLocation at;
  std::string text;
  std::vector<std::pair<std::string, std::string>> expected;
  bool negative = false;
  // For vetoes ("=> removes RULE"), frames ("=> SET") and comparisons
  // ("A vs B => conflict"): the word after the arrow.
  std::string outcome;
  std::string other_text;  // comparisons: the B of "A vs B"
};

struct ExtractionRuleDef {
  Located id;
  Located kind;
  Located match;
  Located value;  // "field=expr field=expr ..."
  int priority = 0;
  std::optional<Located> span;   // the capture that becomes the claim span
  std::optional<Located> scope;  // sentence (default) | paragraph
  std::vector<Located> removes;  // claim kinds this rule's claims override
  std::vector<ExampleDef> examples;
};

struct VetoDef {
  Located id;
  std::vector<Located> removes;  // claim kinds
  Located match;
  std::vector<ExampleDef> examples;
};

struct CompareDef {
  Located id;
  Located kind;                    // claim kind compared
  std::vector<Located> keys;       // fields that must be equal to compare
  std::optional<Located> field;    // the field compared (default: value)
  std::optional<Located> similar;  // "60%": only claims whose words are this alike
  std::vector<Located> where;      // "FIELD = VALUE" (and others): only such claims
  std::optional<Located> aspect;   // a finding's aspect ("fact_vs_attributed")
  Located tolerance;               // overlap | exact | words | spelling | +-N d | N% min M
  Located finding;                 // finding kind produced
  Located severity;                // high | medium | low
  std::vector<ExampleDef> examples;
};

struct FrameSetDef {
  Located name;
  std::vector<Located> terms;
};

struct FrameDef {
  Located id;
  std::optional<Located> referent;  // what the terms name, for reports
  std::optional<Located> severity;  // of its findings (default: low)
  std::vector<FrameSetDef> sets;
  std::vector<ExampleDef> examples;
};

struct RuleFile {
  std::string display_path;  // "rules/dates.rules"
  std::string path;          // on disk
  std::optional<int> version;
  std::optional<CivilDate> test_ref;
  std::vector<Located> includes;
  std::vector<TableDef> tables;
  std::vector<PieceDef> pieces;
  std::vector<ExtractionRuleDef> rules;
  std::vector<VetoDef> vetoes;
  std::vector<CompareDef> compares;
  std::vector<FrameDef> frames;
};

// Parses the text of one rule file. Syntax errors go to `diagnostics`; the
// parts that parsed are returned so that later checks still run on them.
RuleFile ParseRuleFile(std::string display_path, std::string path, std::string_view text,
                       Diagnostics& diagnostics);

}  // namespace parallax

#endif  // PARALLAX_RULES_RULE_FILE_H_
