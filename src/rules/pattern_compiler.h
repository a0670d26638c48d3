// Compiles the readable pattern language of rule files into RE2 syntax.
//
// A pattern is a sequence of items separated by spaces:
//   word           a literal, case-insensitive ("'" also matches "’")
//   "two words"    a quoted literal (for spaces, '|', '(' and the like)
//   @NAME          a piece, or any key of table NAME (longest keys first)
//   ( a | b c )    alternatives
//   {name: ...}    a named capture (not allowed inside pieces)
//   /re2/          raw RE2, without capturing groups
//   item?          the item and the space before it are optional
// Items are joined by \s+ between word characters and by \s* next to
// punctuation ("said ," matches "said,"). Pieces compile to non-capturing
// groups, so adding one never renumbers captures.
#ifndef PARALLAX_RULES_PATTERN_COMPILER_H_
#define PARALLAX_RULES_PATTERN_COMPILER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "rules/diagnostics.h"
#include "rules/rule_file.h"

namespace parallax {

// The RE2 alternation of a table's keys, longest first.
std::string TableKeysRegex(const std::vector<std::string>& folded_keys);

// Lowercases ASCII and collapses runs of whitespace to one space: how table
// keys are stored and looked up.
std::string FoldKey(std::string_view text);

// A pattern every match of a larger one contains, for the matcher's
// prefilter: RE2::Sets over the small guards of all rules stay cheap to
// build and to scan, where a set of the full patterns spends its time
// building DFA states on every new text. `score` guesses how seldom the guard
// occurs in text (the longer its shortest word, the rarer); a sequence keeps
// the guard of its rarest required item or run of adjacent required items.
struct Guard {
  std::string re;
  int score = 0;
  // The guard matches all of what its item matches, so guards of adjacent
  // items join into one ("at least" + "killed" = "at\s+least\s+killed").
  bool whole = false;
  // Every match of the guard starts (ends) with an ASCII letter or digit, so
  // where the text before (after) it cannot be one, \b may mark the edge: a
  // table guard "day|...|h" then fires on "3 days" but not on "today" or on
  // every "h".
  bool ascii_left = false;
  bool ascii_right = false;
};

// A compiled pattern and whether it starts and ends with a word character
// (which decides the space needed around it).
struct CompiledPattern {
  std::string re;
  bool wordy_left = true;
  bool wordy_right = true;
  // Absent when the pattern has no required part to look for (it may match
  // the empty string); the rule then runs on every sentence.
  std::optional<Guard> guard;
};

// A table used as a piece: its keys, with sides from the keys ("$" is not
// a word, so "$4.2bn" needs no space).
CompiledPattern TablePattern(const std::vector<std::string>& folded_keys);

class PatternCompiler {
 public:
  // `pieces` and `table_regexes` (table name -> TableKeysRegex) must outlive
  // the compiler.
  PatternCompiler(const absl::flat_hash_map<std::string, const PieceDef*>& pieces,
                  const absl::flat_hash_map<std::string, CompiledPattern>& table_patterns,
                  Diagnostics& diagnostics);

  // Compiles a rule's pattern; appends the capture names in order to
  // `captures`. nullopt after reporting errors.
  std::optional<CompiledPattern> CompileRule(const Located& pattern,
                                             std::vector<std::string>* captures);

  // Compiles a piece (memoized); nullopt after reporting errors, including
  // reference cycles.
  std::optional<std::string> CompilePiece(const std::string& name, const SourceLocation& used_at);
  std::optional<CompiledPattern> CompilePieceWithSides(const std::string& name,
                                                       const SourceLocation& used_at);

  // The pieces and tables some compiled pattern referred to.
  const std::vector<std::string>& used_names() const { return used_names_; }

 private:
  friend class PatternParser;
  enum class State { kVisiting, kDone, kFailed };

  const absl::flat_hash_map<std::string, const PieceDef*>& pieces_;
  const absl::flat_hash_map<std::string, CompiledPattern>& table_patterns_;
  Diagnostics& diagnostics_;
  absl::flat_hash_map<std::string, State> state_;
  absl::flat_hash_map<std::string, CompiledPattern> compiled_;
  std::vector<std::string> used_names_;
};

}  // namespace parallax

#endif  // PARALLAX_RULES_PATTERN_COMPILER_H_
