// A compiled rule set: every *.rules file of a folder (and what they
// include), checked, compiled to RE2 once, and then shared read-only by every
// thread that extracts claims.
//
//   RuleSetLoad load = LoadRuleSet("rules");
//   for (const Diagnostic& d : load.diagnostics) puts(FormatDiagnostic(d).c_str());
//   if (!load.rules) return;  // a rule set with errors never runs
//
// Loading checks syntax, names (pieces, tables, captures, normalizers,
// fields), compiles every pattern, and runs every inline example; all
// errors are reported at once with file:line:col.
#ifndef PARALLAX_RULES_RULE_SET_H_
#define PARALLAX_RULES_RULE_SET_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "rules/diagnostics.h"
#include "rules/rule_file.h"
#include "rules/tolerance.h"
#include "rules/value_expr.h"

namespace parallax {

enum class ClaimKind { kDate, kDuration, kQuantity, kQuote, kAttribution, kEntity };
inline constexpr int kClaimKindCount = 6;

std::string_view ClaimKindName(ClaimKind kind);
std::optional<ClaimKind> ParseClaimKind(std::string_view name);
// The fields a claim of `kind` may carry (besides its span and rule).
std::vector<std::string_view> ClaimFields(ClaimKind kind);
// The fields a comparison rule may key on, filter on or compare: the claim's
// own, its `text`, and `voice` ("asserted" or "attributed"), which
// comparison reads from the claim's sentence.
std::vector<std::string_view> ComparableFields(ClaimKind kind);

struct CompiledRule {
  std::string id;
  std::string provenance;  // "rules/quantities.rules:12"
  SourceLocation at;
  ClaimKind kind;
  int priority = 0;
  int order = 0;  // position in load order; the last tie-break
  bool paragraph_scope = false;
  std::unique_ptr<RE2> re;
  // What every match contains, for the prefilter (pattern_compiler.h);
  // absent: the rule runs on every sentence.
  std::optional<std::string> guard;
  std::vector<std::string> captures;  // capture names, in group order (group i+1)
  int span_group = 0;                 // 0: the whole match
  // Kinds whose claims are dropped where they overlap a claim of this rule
  // (a date removes the numbers inside it).
  std::array<bool, kClaimKindCount> removes{};
  std::vector<FieldAssignment> fields;
  std::vector<ExampleDef> examples;
  std::optional<CivilDate> test_ref;
};

struct CompiledVeto {
  std::string id;
  std::string provenance;
  std::array<bool, kClaimKindCount> removes{};
  std::unique_ptr<RE2> re;
  std::optional<std::string> guard;
  std::vector<ExampleDef> examples;
  std::optional<CivilDate> test_ref;
};

// A compare rule's `where:`: the claim's field equals `value` (folded), or
// matches `pattern` when there is one; `holds` false turns the test round.
struct WhereFilter {
  std::string field;
  std::string value;
  std::unique_ptr<RE2> pattern;
  bool holds = true;
};

struct CompiledCompare {
  std::string id;
  std::string provenance;
  ClaimKind kind;
  std::vector<std::string> keys;
  std::string field = "value";  // what is compared
  double similar = 0;           // > 0: only claims whose words are this alike (0..1)
  // Only claims that pass every filter are compared.
  std::vector<WhereFilter> where;
  std::string aspect;  // copied into its findings, may be empty
  Tolerance tolerance;
  std::string finding;
  std::string severity;
  std::vector<ExampleDef> examples;
};

struct CompiledFrame {
  std::string id;
  std::string provenance;
  std::string referent;
  std::string severity = "low";
  struct Set {
    std::string name;
    std::vector<std::string> terms;
  };
  std::vector<Set> sets;
  // One alternation of every term with a capture per set (s0, s1, ...).
  std::unique_ptr<RE2> re;
  std::vector<ExampleDef> examples;
};

// Tables that C++ passes read by name, not rules (so never "unused"):
// REFERRING_WORD (extract/references.h), CLUSTER and COMMON_WORD
// (cluster/), COMPARE, EVENT_NOUN, EVENT_VERB, DATE_PREPOSITION, COUNT_VERB
// and UPDATE_CUE (compare/).
bool IsEngineTable(std::string_view name);

// "high", "medium" or "low".
bool IsSeverity(std::string_view text);

struct CompiledTable {
  std::string name;
  std::string provenance;
  absl::flat_hash_map<std::string, std::string> values;  // folded key -> value
};

class RuleSet {
 public:
  RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const std::vector<CompiledRule>& rules() const { return rules_; }
  const std::vector<CompiledVeto>& vetoes() const { return vetoes_; }
  const std::vector<CompiledCompare>& compares() const { return compares_; }
  const std::vector<CompiledFrame>& frames() const { return frames_; }
  const absl::flat_hash_map<std::string, CompiledTable>& tables() const { return tables_; }

  // One prefilter per scope (sentence, paragraph), over the rules of that
  // scope and, for sentences, the vetoes. Its RE2::Sets hold each distinct
  // guard once (pattern_compiler.h); matching a unit of text against them
  // names the guards found there, and so the entries worth running in full.
  struct PrefilterEntry {
    bool is_veto;
    int index;  // into rules() or vetoes()
  };
  struct PrefilterGroup {
    bool paragraph_scope;
    std::vector<PrefilterEntry> entries;  // rules in order, then vetoes
    // The guards, a few dozen to a set: one set of every guard builds a DFA
    // state for each mix of partly matched guards, and each state costs work
    // in proportion to all their starts, so on new text it spends most of its
    // time building states (one set of 269 took 2.3 times as long as nine).
    struct GuardSet {
      std::unique_ptr<RE2::Set> set;
      int first;  // index in `guarded` of the set's pattern 0
      int count;  // patterns in the set
    };
    std::vector<GuardSet> sets;
    std::vector<std::vector<int>> guarded;  // guard -> indices into entries
    std::vector<int> unguarded;             // entries that run on every unit

    // Appends to `runs` a pair (entry, u) for each entry whose guard occurs
    // in units[u], and for each unguarded entry, in no particular order;
    // `hits` is scratch. One set after another, each over all the units, so
    // that its DFA stays in the CPU cache.
    void GuardedEntries(const std::vector<std::string_view>& units, std::vector<int>* hits,
                        std::vector<std::pair<uint32_t, uint32_t>>* runs) const;
  };
  const std::vector<PrefilterGroup>& prefilter_groups() const { return groups_; }

  // Table lookup for normalizers: `key` must already be folded.
  // nullptr when there is no such table or key.
  const std::string* Lookup(std::string_view table, std::string_view key) const;
  // The rows of a table (folded key -> value); nullptr when there is none.
  const absl::flat_hash_map<std::string, std::string>* Table(std::string_view table) const;

  const std::string& dir() const { return dir_; }
  // "sha256:" + SHA-256 over the loaded files (display path, NUL, size, NUL,
  // bytes, in display-path order).
  const std::string& digest() const { return digest_; }
  const std::vector<std::string>& files() const { return files_; }
  int piece_count() const { return piece_count_; }
  // Different for every rule set this process makes, even where one is
  // freed and another takes its place: what a cache of one rule set's
  // results is keyed by.
  uint64_t serial() const { return serial_; }
  // When a kind's overlaps are settled: after every kind whose rules remove
  // it (dates, then durations, then quantities in the shipped rules).
  int settle_rank(ClaimKind kind) const { return settle_rank_[int(kind)]; }

 private:
  friend class RuleSetLoader;

  uint64_t serial_;

  std::string dir_;
  std::string digest_;
  std::vector<std::string> files_;
  int piece_count_ = 0;
  std::vector<CompiledRule> rules_;
  std::vector<CompiledVeto> vetoes_;
  std::vector<CompiledCompare> compares_;
  std::vector<CompiledFrame> frames_;
  absl::flat_hash_map<std::string, CompiledTable> tables_;
  std::vector<PrefilterGroup> groups_;
  std::array<int, kClaimKindCount> settle_rank_;
};

struct ExampleStats {
  int passed = 0;
  int failed = 0;
};

struct RuleSetLoad {
  // Null when any error was found.
  std::unique_ptr<const RuleSet> rules;
  std::vector<Diagnostic> diagnostics;  // sorted; errors, warnings, notes
  ExampleStats examples;
};

struct RuleSetOptions {
  // Run every inline example (always on, except in benchmarks that load the
  // rules many times).
  bool check_examples = true;
  // Memory for each prefilter's DFA; the default of RE2 is far too small for
  // a few hundred news patterns and makes the prefilter crawl.
  int64_t prefilter_max_mem = int64_t{256} << 20;
};

// Loads DIR/*.rules (in name order) and every file they include. Files in
// subfolders are loaded only through `include`.
RuleSetLoad LoadRuleSet(const std::string& dir, const RuleSetOptions& options = {});

// Loads rule files given as (display path, text) pairs, for tests and
// `rules explain` on a snippet.
RuleSetLoad LoadRuleSetFromTexts(const std::vector<std::pair<std::string, std::string>>& files,
                                 const RuleSetOptions& options = {});

}  // namespace parallax

#endif  // PARALLAX_RULES_RULE_SET_H_
