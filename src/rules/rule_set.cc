#include "rules/rule_set.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "rules/examples.h"
#include "rules/pattern_compiler.h"
#include "util/file.h"
#include "util/sha256.h"
#include "util/strings.h"

namespace parallax {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxRuleFileBytes = size_t{16} << 20;

constexpr std::string_view kKindNames[] = {"date",  "duration",    "quantity",
                                           "quote", "attribution", "entity"};

std::string KnownKinds() {
  std::string out;
  for (std::string_view k : kKindNames) StrAppend(&out, out.empty() ? "" : ", ", k);
  return out;
}

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  return options;
}

// Walks a value expression and records the tables it names.
void CollectTables(const ValueExpr& expr, std::set<std::string>* used) {
  if (expr.type == ValueExpr::kLookup) used->insert(expr.name);
  if (expr.type == ValueExpr::kCall) {
    const NormalizerInfo* info = FindNormalizer(expr.name);
    for (size_t i = 0; i < expr.args.size(); ++i) {
      if (info && IsTableArg(*info, i)) used->insert(expr.args[i].name);
      CollectTables(expr.args[i], used);
    }
  }
}

}  // namespace

RuleSet::RuleSet() {
  static std::atomic<uint64_t> last_serial{0};
  serial_ = ++last_serial;
  for (int k = 0; k < kClaimKindCount; ++k) settle_rank_[k] = k;
}

std::string_view ClaimKindName(ClaimKind kind) { return kKindNames[int(kind)]; }

bool IsEngineTable(std::string_view name) {
  for (std::string_view engine :
       {"REFERRING_WORD", "CLUSTER", "COMMON_WORD", "COMPARE", "EVENT_NOUN", "EVENT_VERB",
        "DATE_PREPOSITION", "COUNT_VERB", "UPDATE_CUE"}) {
    if (name == engine) return true;
  }
  return false;
}

bool IsSeverity(std::string_view text) {
  return text == "high" || text == "medium" || text == "low";
}

std::optional<ClaimKind> ParseClaimKind(std::string_view name) {
  for (int i = 0; i < kClaimKindCount; ++i) {
    if (kKindNames[i] == name) return static_cast<ClaimKind>(i);
  }
  return std::nullopt;
}

std::vector<std::string_view> ClaimFields(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::kDate:
      return {"value", "subject"};
    case ClaimKind::kDuration:
      return {"value", "hedge", "subject"};
    case ClaimKind::kQuantity:
      return {"value", "unit", "role", "hedge", "subject"};
    case ClaimKind::kQuote:
    case ClaimKind::kAttribution:
      return {"value", "speaker", "cue", "via"};
    case ClaimKind::kEntity:
      return {"value", "type"};
  }
  return {};
}

std::vector<std::string_view> ComparableFields(ClaimKind kind) {
  std::vector<std::string_view> fields = ClaimFields(kind);
  fields.push_back("text");
  fields.push_back("voice");
  return fields;
}

void RuleSet::PrefilterGroup::GuardedEntries(
    const std::vector<std::string_view>& units, std::vector<int>* hits,
    std::vector<std::pair<uint32_t, uint32_t>>* runs) const {
  auto add = [&](int guard, uint32_t unit) {
    for (int entry : guarded[guard]) runs->push_back({static_cast<uint32_t>(entry), unit});
  };
  for (uint32_t u = 0; u < units.size(); ++u) {
    for (int entry : unguarded) runs->push_back({static_cast<uint32_t>(entry), u});
  }
  for (const GuardSet& guards : sets) {
    for (uint32_t u = 0; u < units.size(); ++u) {
      hits->clear();
      RE2::Set::ErrorInfo error;
      if (guards.set->Match(units[u], hits, &error)) {
        for (int hit : *hits) add(guards.first + hit, u);
      } else if (error.kind != RE2::Set::kNoError) {
        // The DFA ran out of memory (rare: the set was tried when it
        // compiled): run every rule it guards rather than none.
        for (int g = 0; g < guards.count; ++g) add(guards.first + g, u);
      }
    }
  }
}

const std::string* RuleSet::Lookup(std::string_view table, std::string_view key) const {
  // Debian's absl::string_view is not std::string_view; the maps take either.
  auto t = tables_.find(absl::string_view(table.data(), table.size()));
  if (t == tables_.end()) return nullptr;
  auto v = t->second.values.find(absl::string_view(key.data(), key.size()));
  return v == t->second.values.end() ? nullptr : &v->second;
}

const absl::flat_hash_map<std::string, std::string>* RuleSet::Table(std::string_view table) const {
  auto t = tables_.find(absl::string_view(table.data(), table.size()));
  return t == tables_.end() ? nullptr : &t->second.values;
}

// Builds a RuleSet from parsed files, reporting into one Diagnostics.
class RuleSetLoader {
 public:
  RuleSetLoader(const RuleSetOptions& options) : options_(options) {}

  void AddFile(RuleFile file, std::string bytes) {
    sources_.push_back({file.display_path, std::move(bytes)});
    files_.push_back(std::move(file));
  }

  Diagnostics& diagnostics() { return diagnostics_; }

  RuleSetLoad Finish(std::string dir) {
    auto set = std::make_unique<RuleSet>();
    set_ = set.get();
    set_->dir_ = std::move(dir);
    std::sort(files_.begin(), files_.end(),
              [](const RuleFile& a, const RuleFile& b) { return a.display_path < b.display_path; });
    ComputeDigest();
    CollectNames();
    CompileTables();
    // One compiler for every pattern: a broken piece is reported once.
    compiler_ = std::make_unique<PatternCompiler>(pieces_, table_patterns_, diagnostics_);
    CompileRules();
    OrderKindsForRemovals();
    CompileVetoes();
    // Pieces no pattern uses still get checked (after the use count above).
    for (const auto& [name, def] : InDefinitionOrder(pieces_)) {
      compiler_->CompilePiece(name, def->name.at);
    }
    CompileCompares();
    CompileFrames();
    WarnUnused();
    if (!diagnostics_.has_errors()) BuildPrefilters();
    RuleSetLoad load;
    if (!diagnostics_.has_errors() && options_.check_examples) {
      load.examples = CheckExamples(*set_, diagnostics_);
    }
    load.diagnostics = diagnostics_.Sorted();
    if (!diagnostics_.has_errors()) load.rules = std::move(set);
    return load;
  }

 private:
  template <typename T>
  void Register(const char* what, const Located& name, const T* def,
                absl::flat_hash_map<std::string, const T*>& names) {
    auto [it, inserted] = names.try_emplace(name.text, def);
    if (!inserted) {
      diagnostics_.Error(name.at, StrCat(what, " '", name.text, "' is defined twice"));
      diagnostics_.Note(LocationOf(it->second), "first defined here");
    }
  }

  static SourceLocation LocationOf(const TableDef* t) { return t->name.at; }
  static SourceLocation LocationOf(const PieceDef* p) { return p->name.at; }
  static SourceLocation LocationOf(const ExtractionRuleDef* r) { return r->id.at; }
  static SourceLocation LocationOf(const VetoDef* v) { return v->id.at; }
  static SourceLocation LocationOf(const CompareDef* c) { return c->id.at; }
  static SourceLocation LocationOf(const FrameDef* f) { return f->id.at; }

  static std::string Provenance(const SourceLocation& at) { return StrCat(at.file, ":", at.line); }

  void ComputeDigest() {
    std::sort(sources_.begin(), sources_.end());
    Sha256 hash;
    for (const auto& [path, bytes] : sources_) {
      hash.Update(path);
      hash.Update(std::string_view("\0", 1));
      hash.Update(StrCat(bytes.size()));
      hash.Update(std::string_view("\0", 1));
      hash.Update(bytes);
      set_->files_.push_back(path);
    }
    set_->digest_ = StrCat("sha256:", hash.HexDigest());
  }

  void CollectNames() {
    absl::flat_hash_map<std::string, const ExtractionRuleDef*> rule_ids;
    absl::flat_hash_map<std::string, const VetoDef*> veto_ids;
    absl::flat_hash_map<std::string, const CompareDef*> compare_ids;
    absl::flat_hash_map<std::string, const FrameDef*> frame_ids;
    for (const RuleFile& file : files_) {
      for (const TableDef& t : file.tables) Register("table", t.name, &t, tables_);
      for (const PieceDef& p : file.pieces) {
        Register("piece", p.name, &p, pieces_);
        if (tables_.contains(p.name.text)) {
          diagnostics_.Error(p.name.at, StrCat("piece @", p.name.text,
                                               " has the name of a table; pick another name"));
        }
      }
      for (const ExtractionRuleDef& r : file.rules) Register("rule", r.id, &r, rule_ids);
      for (const VetoDef& v : file.vetoes) Register("veto", v.id, &v, veto_ids);
      for (const CompareDef& c : file.compares) Register("compare", c.id, &c, compare_ids);
      for (const FrameDef& f : file.frames) Register("frame", f.id, &f, frame_ids);
    }
    set_->piece_count_ = static_cast<int>(pieces_.size());
  }

  // A map's entries in the order they are defined in the files, so that
  // diagnostics never depend on hash order (which absl varies per table in
  // debug builds).
  template <typename Def>
  static std::vector<std::pair<std::string, const Def*>> InDefinitionOrder(
      const absl::flat_hash_map<std::string, const Def*>& defs) {
    std::vector<std::pair<std::string, const Def*>> out(defs.begin(), defs.end());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      const SourceLocation& x = a.second->name.at;
      const SourceLocation& y = b.second->name.at;
      return std::tie(x.file, x.line, x.column) < std::tie(y.file, y.line, y.column);
    });
    return out;
  }

  void CompileTables() {
    for (const auto& [name, def] : InDefinitionOrder(tables_)) {
      CompiledTable table;
      table.name = name;
      table.provenance = Provenance(def->name.at);
      absl::flat_hash_map<std::string, SourceLocation> first;
      std::vector<std::string> keys;
      for (const TableRow& row : def->rows) {
        for (const Located& key : row.keys) {
          const std::string folded = FoldKey(key.text);
          auto [it, inserted] = first.try_emplace(folded, key.at);
          if (!inserted) {
            diagnostics_.Error(key.at, StrCat("duplicate key '", folded, "' in table ", name));
            diagnostics_.Note(it->second, "first defined here");
            continue;
          }
          table.values[folded] = row.value.text;
          keys.push_back(folded);
        }
      }
      table_patterns_[name] = TablePattern(keys);
      set_->tables_[name] = std::move(table);
    }
  }

  // The claim kind a `kind:` field names; reports an unknown one.
  std::optional<ClaimKind> KindOf(const Located& kind) {
    std::optional<ClaimKind> parsed = ParseClaimKind(kind.text);
    if (!parsed && !kind.text.empty()) {
      diagnostics_.Error(
          kind.at, StrCat("unknown claim kind '", kind.text, "'; expected one of ", KnownKinds()));
    }
    return parsed;
  }

  // Every block shows what it does with at least one example.
  void RequireExamples(const std::vector<ExampleDef>& examples, const Located& id,
                       std::string_view what, std::string_view hint) {
    // Counter-examples alone do not show what a block does.
    if (std::none_of(examples.begin(), examples.end(),
                     [](const ExampleDef& e) { return !e.negative; })) {
      diagnostics_.Error(id.at, StrCat(what, " ", id.text, " has no example: ", hint));
    }
  }

  // Above this a pattern is worth a warning: the largest shipped rule is about
  // 26,000 instructions, and one made of \p{L} classes reached 58,000.
  static constexpr int kLargeProgram = 40'000;

  std::unique_ptr<RE2> CompileRegex(const std::string& regex, const SourceLocation& at) {
    RE2::Options options = PatternOptions();
    // Room for each rule's DFA: with RE2's default, rules built from large
    // tables keep discarding their DFA cache.
    options.set_max_mem(int64_t{64} << 20);
    auto re = std::make_unique<RE2>(regex, options);
    if (!re->ok()) {
      diagnostics_.Error(
          at, StrCat("pattern does not compile: ", re->error(), " (in '", re->error_arg(), "')"));
      return nullptr;
    }
    if (re->ProgramSize() > kLargeProgram) {
      diagnostics_.Warning(
          at, StrCat("pattern compiles to ", re->ProgramSize(), " RE2 instructions (more than ",
                     kLargeProgram,
                     "), slow to load and to match; \\p{...} classes and long bounded repeats "
                     "{m,n} are the usual cause"));
    }
    return re;
  }

  void CompileRules() {
    PatternCompiler& compiler = *compiler_;
    int order = 0;
    for (const RuleFile& file : files_) {
      for (const ExtractionRuleDef& def : file.rules) {
        CompiledRule rule;
        rule.id = def.id.text;
        rule.at = def.id.at;
        rule.provenance = Provenance(def.id.at);
        rule.priority = def.priority;
        rule.order = order++;
        rule.examples = def.examples;
        rule.test_ref = file.test_ref;
        // Each part is checked even when another is wrong, so one run
        // reports every error of the rule.
        const std::optional<ClaimKind> kind = KindOf(def.kind);
        if (def.scope && def.scope->text != "sentence" && def.scope->text != "paragraph") {
          diagnostics_.Error(def.scope->at, StrCat("scope is 'sentence' or 'paragraph', not '",
                                                   def.scope->text, "'"));
        }
        rule.paragraph_scope = def.scope && def.scope->text == "paragraph";
        for (const Located& removed : def.removes) {
          if (std::optional<ClaimKind> k = KindOf(removed)) rule.removes[int(*k)] = true;
        }
        if (!def.match.text.empty()) {
          std::optional<CompiledPattern> pattern = compiler.CompileRule(def.match, &rule.captures);
          for (const std::string& name : compiler.used_names()) used_.insert(name);
          if (pattern) {
            rule.re = CompileRegex(pattern->re, def.match.at);
            if (pattern->guard) rule.guard = std::move(pattern->guard->re);
          }
        }
        // Named captures are the only groups (raw patterns may not capture),
        // so capture i is group i+1.
        if (def.span) {
          auto it = std::find(rule.captures.begin(), rule.captures.end(), def.span->text);
          if (it == rule.captures.end()) {
            diagnostics_.Error(def.span->at, StrCat("span '", def.span->text,
                                                    "' is not a capture of this rule's match"));
          } else {
            rule.span_group = static_cast<int>(it - rule.captures.begin()) + 1;
          }
        }
        if (kind && !def.value.text.empty()) {
          ValueScope scope{&rule.captures,
                           [this](std::string_view t) { return tables_.contains(std::string(t)); },
                           ClaimFields(*kind)};
          rule.fields = ParseValueLine(def.value, scope, diagnostics_);
          for (const FieldAssignment& f : rule.fields) CollectTables(f.expr, &used_);
        }
        RequireExamples(def.examples, def.id, "rule",
                        "every rule shows what it matches with 'example: \"text\" -> value'");
        if (!kind || !rule.re) continue;
        rule.kind = *kind;
        set_->rules_.push_back(std::move(rule));
      }
    }
  }

  void CompileVetoes() {
    PatternCompiler& compiler = *compiler_;
    for (const RuleFile& file : files_) {
      for (const VetoDef& def : file.vetoes) {
        CompiledVeto veto;
        veto.id = def.id.text;
        veto.provenance = Provenance(def.id.at);
        veto.examples = def.examples;
        veto.test_ref = file.test_ref;
        for (const Located& kind : def.removes) {
          if (std::optional<ClaimKind> k = KindOf(kind)) veto.removes[int(*k)] = true;
        }
        std::vector<std::string> captures;
        std::optional<CompiledPattern> pattern =
            def.match.text.empty() ? std::nullopt : compiler.CompileRule(def.match, &captures);
        for (const std::string& name : compiler.used_names()) used_.insert(name);
        if (pattern) {
          veto.re = CompileRegex(pattern->re, def.match.at);
          if (pattern->guard) veto.guard = std::move(pattern->guard->re);
        }
        RequireExamples(def.examples, def.id, "veto",
                        "show what it removes with 'example: \"text\" => removes RULE'");
        if (veto.re) set_->vetoes_.push_back(std::move(veto));
      }
    }
  }

  // "FIELD = VALUE", "FIELD != VALUE", or a pattern the field must match
  // (=~) or not match (!~): "speaker !~ /^an? /".
  template <typename CheckField>
  void CompileWhere(const Located& where, const CheckField& check_field, CompiledCompare* compare) {
    const std::string_view text = where.text;
    // The operator: "=", "!=", "=~" or "!~"; `op` is where its '=' or '~' is.
    const size_t op = text.find_first_of("=~");
    const bool negated = op != std::string_view::npos && op > 0 && text[op - 1] == '!';
    const bool is_pattern =
        op != std::string_view::npos && (text[op] == '~' || text.substr(op, 2) == "=~");
    WhereFilter filter;
    filter.holds = !negated;
    if (op != std::string_view::npos) {
      filter.field = std::string(StripWhitespace(text.substr(0, negated ? op - 1 : op)));
    }
    if (filter.field.empty() || (text[op] == '~' && !negated)) {
      diagnostics_.Error(where.at,
                         "where reads 'FIELD = VALUE', 'FIELD != VALUE', "
                         "'FIELD =~ /PATTERN/' or 'FIELD !~ /PATTERN/'");
      return;
    }
    check_field(Located{filter.field, where.at}, "where");
    const std::string_view value =
        StripWhitespace(text.substr(op + (text.substr(op, 2) == "=~" ? 2 : 1)));
    if (!is_pattern) {
      filter.value = FoldKey(value);
    } else if (value.size() < 2 || value.front() != '/' || value.back() != '/') {
      diagnostics_.Error(where.at, "a pattern after =~ or !~ is written between slashes: /.../");
      return;
    } else {
      filter.pattern = CompileRegex(std::string(value.substr(1, value.size() - 2)), where.at);
      if (!filter.pattern) return;
    }
    compare->where.push_back(std::move(filter));
  }

  void CompileCompares() {
    for (const RuleFile& file : files_) {
      for (const CompareDef& def : file.compares) {
        CompiledCompare compare;
        compare.id = def.id.text;
        compare.provenance = Provenance(def.id.at);
        compare.examples = def.examples;
        compare.finding = def.finding.text;
        compare.severity = def.severity.text;
        std::optional<ClaimKind> kind = KindOf(def.kind);
        if (!kind) continue;
        compare.kind = *kind;
        const std::vector<std::string_view> fields = ComparableFields(*kind);
        auto check_field = [&](const Located& name, std::string_view what) {
          if (std::find(fields.begin(), fields.end(), name.text) == fields.end()) {
            diagnostics_.Error(name.at, StrCat(what, " '", name.text, "' is not a field of ",
                                               def.kind.text, " claims"));
          }
        };
        for (const Located& key : def.keys) {
          check_field(key, "key");
          compare.keys.push_back(key.text);
        }
        if (def.field) {
          check_field(*def.field, "field");
          compare.field = def.field->text;
        }
        if (def.similar) {
          double percent = 0;
          std::string_view text = StripWhitespace(def.similar->text);
          if (!text.ends_with('%') ||
              !absl::SimpleAtod(absl::string_view(text.data(), text.size() - 1), &percent) ||
              percent <= 0 || percent > 100) {
            diagnostics_.Error(def.similar->at, "similar reads 'N%', from 1% to 100%");
          }
          compare.similar = percent / 100;
        }
        for (const Located& where : def.where) CompileWhere(where, check_field, &compare);
        if (def.aspect) compare.aspect = def.aspect->text;
        if (!def.tolerance.text.empty()) {
          absl::StatusOr<Tolerance> tolerance = ParseTolerance(def.tolerance.text);
          if (!tolerance.ok()) {
            diagnostics_.Error(def.tolerance.at, std::string(tolerance.status().message()));
          } else {
            compare.tolerance = *tolerance;
          }
        }
        if (!def.severity.text.empty() && !IsSeverity(def.severity.text)) {
          diagnostics_.Error(def.severity.at, StrCat("severity is high, medium or low, not '",
                                                     def.severity.text, "'"));
        }
        RequireExamples(def.examples, def.id, "compare",
                        "show one with 'example: A vs B => conflict'");
        set_->compares_.push_back(std::move(compare));
      }
    }
  }

  void CompileFrames() {
    for (const RuleFile& file : files_) {
      for (const FrameDef& def : file.frames) {
        CompiledFrame frame;
        frame.id = def.id.text;
        frame.provenance = Provenance(def.id.at);
        frame.referent = def.referent ? def.referent->text : def.id.text;
        if (def.severity) {
          frame.severity = def.severity->text;
          if (!IsSeverity(frame.severity)) {
            diagnostics_.Error(def.severity->at, StrCat("severity is high, medium or low, not '",
                                                        frame.severity, "'"));
          }
        }
        frame.examples = def.examples;
        absl::flat_hash_map<std::string, SourceLocation> seen_terms;
        std::string regex;
        for (const FrameSetDef& set_def : def.sets) {
          CompiledFrame::Set set;
          set.name = set_def.name.text;
          std::vector<std::string> folded;
          for (const Located& term : set_def.terms) {
            const std::string key = FoldKey(term.text);
            auto [it, inserted] = seen_terms.try_emplace(key, term.at);
            if (!inserted) {
              diagnostics_.Error(term.at, StrCat("term '", key, "' is in two sets of frame ",
                                                 frame.id, "; each word choice belongs to one"));
              diagnostics_.Note(it->second, "first used here");
              continue;
            }
            set.terms.push_back(term.text);
            folded.push_back(key);
          }
          if (!regex.empty()) regex += '|';
          StrAppend(&regex, "(?P<s", frame.sets.size(), ">", TableKeysRegex(folded), ")");
          frame.sets.push_back(std::move(set));
        }
        RE2::Options options = PatternOptions();
        // Across sets, the longest term wins ("occupied territories" over
        // "occupied").
        options.set_longest_match(true);
        frame.re = std::make_unique<RE2>(regex, options);
        if (!frame.re->ok()) {
          diagnostics_.Error(def.id.at, StrCat("frame terms do not compile: ", frame.re->error()));
          continue;
        }
        RequireExamples(def.examples, def.id, "frame", "show one with 'example: \"text\" => SET'");
        set_->frames_.push_back(std::move(frame));
      }
    }
  }

  // The order in which the matcher settles each kind's overlaps: a kind
  // after every kind whose rules remove it, so a claim that will be removed
  // never blocks a shorter one of its own kind. Removals that go both ways
  // between two kinds (or round a cycle) have no such order.
  void OrderKindsForRemovals() {
    // remover[r][k]: a rule of kind r that removes kind k.
    std::array<std::array<const CompiledRule*, kClaimKindCount>, kClaimKindCount> remover{};
    for (const CompiledRule& rule : set_->rules_) {
      for (int k = 0; k < kClaimKindCount; ++k) {
        const int r = int(rule.kind);
        if (rule.removes[k] && k != r && remover[r][k] == nullptr) remover[r][k] = &rule;
      }
    }
    std::array<bool, kClaimKindCount> placed{};
    auto ready = [&](int k) {
      for (int r = 0; r < kClaimKindCount; ++r) {
        if (!placed[r] && remover[r][k] != nullptr) return false;
      }
      return true;
    };
    for (int placed_count = 0; placed_count < kClaimKindCount; ++placed_count) {
      int next = -1;
      for (int k = 0; k < kClaimKindCount && next < 0; ++k) {
        if (!placed[k] && ready(k)) next = k;
      }
      if (next < 0) {
        // Every kind left has a remover left: walk from one to its remover
        // until a kind comes back, and name that circle.
        std::vector<int> path;
        int k = 0;
        while (placed[k]) ++k;
        while (std::find(path.begin(), path.end(), k) == path.end()) {
          path.push_back(k);
          int r = 0;
          while (placed[r] || remover[r][k] == nullptr) ++r;
          k = r;
        }
        path.erase(path.begin(), std::find(path.begin(), path.end(), k));
        path.push_back(k);
        std::string circle;
        for (size_t i = 0; i + 1 < path.size(); ++i) {
          const CompiledRule& by = *remover[path[i + 1]][path[i]];
          StrAppend(&circle, i == 0 ? "" : "; ", ClaimKindName(ClaimKind(path[i])),
                    " is removed by ", ClaimKindName(ClaimKind(path[i + 1])), " (rule ", by.id,
                    ", ", by.provenance, ")");
        }
        diagnostics_.Error(remover[path[1]][path[0]]->at,
                           StrCat("removals between kinds go round in a circle: ", circle,
                                  ". A kind's overlaps are settled after those of the kinds that "
                                  "remove it, so removals must go one way"));
        return;
      }
      placed[next] = true;
      set_->settle_rank_[next] = placed_count;
    }
  }

  void WarnUnused() {
    for (const auto& [name, def] : InDefinitionOrder(tables_)) {
      if (!used_.contains(name) && !IsEngineTable(name)) {
        diagnostics_.Warning(def->name.at, StrCat("table ", name, " is never used"));
      }
    }
    for (const auto& [name, def] : InDefinitionOrder(pieces_)) {
      if (!used_.contains(name)) {
        diagnostics_.Warning(def->name.at, StrCat("piece @", name, " is never used"));
      }
    }
  }

  // Sets per scope over the rules' guards rather than their full patterns: a
  // set of two hundred full patterns builds DFA states for most of each new
  // text it sees and scans diverse text at tens of kB/s.
  void BuildPrefilters() {
    // Enough to keep each set's DFA small, few enough that scanning a
    // sentence once per set stays cheap.
    constexpr int kGuardsPerSet = 32;
    for (bool paragraph : {false, true}) {
      RuleSet::PrefilterGroup group{paragraph, {}, {}, {}, {}};
      std::vector<std::string> guards;
      std::vector<SourceLocation> guard_at;  // of the first rule with the guard
      absl::flat_hash_map<std::string, int> index_of_guard;
      auto add = [&](const std::optional<std::string>& guard, const SourceLocation& at,
                     RuleSet::PrefilterEntry entry) {
        const int index = static_cast<int>(group.entries.size());
        group.entries.push_back(entry);
        if (!guard) {
          group.unguarded.push_back(index);
          return;
        }
        auto [it, inserted] = index_of_guard.try_emplace(*guard, static_cast<int>(guards.size()));
        if (inserted) {
          guards.push_back(*guard);
          guard_at.push_back(at);
          group.guarded.emplace_back();
        }
        group.guarded[it->second].push_back(index);
      };
      for (size_t i = 0; i < set_->rules_.size(); ++i) {
        const CompiledRule& rule = set_->rules_[i];
        if (rule.paragraph_scope == paragraph) {
          add(rule.guard, rule.at, {false, static_cast<int>(i)});
        }
      }
      // Vetoes look at sentences; they run only where the prefilter hits.
      for (size_t i = 0; !paragraph && i < set_->vetoes_.size(); ++i) {
        const CompiledVeto& veto = set_->vetoes_[i];
        add(veto.guard, {veto.provenance, 0, 0}, {true, static_cast<int>(i)});
      }
      if (group.entries.empty()) continue;
      // Guards in rule order, so that a set holds those of one family of
      // rules (dates, quantities), which share words.
      RE2::Options options = PatternOptions();
      options.set_max_mem(options_.prefilter_max_mem);
      for (size_t first = 0; first < guards.size(); first += kGuardsPerSet) {
        auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
        const size_t end = std::min(guards.size(), first + kGuardsPerSet);
        for (size_t g = first; g < end; ++g) {
          std::string error;
          // Set::Add numbers the patterns it accepts from 0, in order.
          if (set->Add(guards[g], &error) != static_cast<int>(g - first)) {
            diagnostics_.Error(guard_at[g], StrCat("prefilter rejected the pattern: ", error));
            return;
          }
        }
        if (!set->Compile()) {
          diagnostics_.Error({set_->dir_, 0, 0},
                             "the prefilter set does not compile (out of memory?)");
          return;
        }
        group.sets.push_back(
            {std::move(set), static_cast<int>(first), static_cast<int>(end - first)});
      }
      set_->groups_.push_back(std::move(group));
    }
  }

  RuleSetOptions options_;
  Diagnostics diagnostics_;
  std::vector<RuleFile> files_;
  std::vector<std::pair<std::string, std::string>> sources_;
  RuleSet* set_ = nullptr;
  absl::flat_hash_map<std::string, const TableDef*> tables_;
  absl::flat_hash_map<std::string, const PieceDef*> pieces_;
  absl::flat_hash_map<std::string, CompiledPattern> table_patterns_;
  std::set<std::string> used_;
  std::unique_ptr<PatternCompiler> compiler_;
};

RuleSetLoad LoadRuleSet(const std::string& dir, const RuleSetOptions& options) {
  RuleSetLoader loader(options);
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    loader.diagnostics().Error({dir, 0, 0}, "the rules folder does not exist");
    return loader.Finish(dir);
  }
  const fs::path root = fs::weakly_canonical(dir, error);
  // "rules/x.rules" whatever the folder is called, as reports cite rules.
  auto display = [&](const fs::path& path) {
    return StrCat("rules/", fs::relative(path, root, error).generic_string());
  };
  std::vector<fs::path> pending;
  for (const fs::directory_entry& entry : fs::directory_iterator(root, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".rules") {
      pending.push_back(entry.path());
    }
  }
  std::sort(pending.begin(), pending.end());
  std::set<fs::path> loaded;
  while (!pending.empty()) {
    const fs::path path = fs::weakly_canonical(pending.front(), error);
    pending.erase(pending.begin());
    if (!loaded.insert(path).second) continue;
    absl::StatusOr<std::string> bytes = ReadFile(path.string(), kMaxRuleFileBytes);
    if (!bytes.ok()) {
      loader.diagnostics().Error({display(path), 0, 0}, std::string(bytes.status().message()));
      continue;
    }
    RuleFile file = ParseRuleFile(display(path), path.string(), *bytes, loader.diagnostics());
    for (const Located& include : file.includes) {
      const fs::path target = path.parent_path() / include.text;
      if (!fs::is_regular_file(target, error)) {
        loader.diagnostics().Error(include.at,
                                   StrCat("included file '", include.text, "' does not exist"));
      } else {
        pending.push_back(target);
      }
    }
    loader.AddFile(std::move(file), std::move(*bytes));
  }
  // A rule file in a subfolder that nothing includes is probably a mistake.
  for (fs::recursive_directory_iterator it(root, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".rules" &&
        !loaded.contains(fs::weakly_canonical(it->path(), error))) {
      loader.diagnostics().Warning({display(it->path()), 1, 1},
                                   "this rule file is never included, so it is not loaded");
    }
  }
  return loader.Finish(dir);
}

RuleSetLoad LoadRuleSetFromTexts(const std::vector<std::pair<std::string, std::string>>& files,
                                 const RuleSetOptions& options) {
  RuleSetLoader loader(options);
  for (const auto& [display_path, text] : files) {
    loader.AddFile(ParseRuleFile(display_path, display_path, text, loader.diagnostics()), text);
  }
  return loader.Finish("rules");
}

}  // namespace parallax
