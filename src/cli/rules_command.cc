// parallax rules check | explain: the analyst's tools for the rule set.
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "text/sentences.h"
#include "util/civil_date.h"
#include "util/strings.h"

namespace parallax::cli {
namespace {

constexpr char kRulesHelp[] = R"(Usage:
  parallax rules check [--rules DIR]
  parallax rules explain TEXT [--date YYYY-MM-DD] [--rules DIR] [--no-prefilter]

check    loads every rule file, checks names and patterns, runs every inline
         example, and prints a summary. Errors and warnings are printed as
         FILE:LINE:COL: message, all at once.
explain  runs the rules over TEXT ('-' reads it from standard input) and
         shows every claim made, with its span, value and rule, every match
         that was dropped and why (a longer match, a higher priority, a veto,
         a value error), and the framing terms found. --date is the
         publication date that relative dates resolve against.

Options:
  --rules DIR      the rule set (default: ./rules, else the installed rules)
  --date D         explain: publication date, YYYY-MM-DD
  --no-prefilter   explain: run every rule in full, not only those the
                   prefilter selects (to debug the prefilter itself)

Exit status:
  0  the rules load and every example passes (check); explain ran
  1  the rule set has errors or failing examples
  2  usage error
)";

void PrintDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  }
}

int CountSeverity(const std::vector<Diagnostic>& diagnostics, Diagnostic::Severity severity) {
  int n = 0;
  for (const Diagnostic& d : diagnostics) n += d.severity == severity;
  return n;
}

int Check(const std::string& dir) {
  const RuleSetLoad load = LoadRuleSet(dir);
  PrintDiagnostics(load.diagnostics);
  const int errors = CountSeverity(load.diagnostics, Diagnostic::kError);
  const int warnings = CountSeverity(load.diagnostics, Diagnostic::kWarning);
  if (!load.rules) {
    std::printf(
        "rule set %s: %d error%s, %d warning%s; examples %s\n", dir.c_str(), errors,
        errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
        load.examples.failed > 0
            ? StrCat(load.examples.passed, " passed, ", load.examples.failed, " failed").c_str()
            : "not run until the errors are fixed");
    return kInputProblems;
  }
  const RuleSet& rules = *load.rules;
  std::printf("rule set %s: %zu files, %s\n", dir.c_str(), rules.files().size(),
              rules.digest().c_str());
  std::printf(
      "  %zu extraction rules, %d pieces, %zu tables, %zu vetoes, %zu comparisons, "
      "%zu frames\n",
      rules.rules().size(), rules.piece_count(), rules.tables().size(), rules.vetoes().size(),
      rules.compares().size(), rules.frames().size());
  std::printf("  examples: %d passed, %d failed\n", load.examples.passed, load.examples.failed);
  std::printf("  %d warning%s\n", warnings, warnings == 1 ? "" : "s");
  return kOk;
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) out += c == '\n' ? ' ' : c;
  return out + "\"";
}

std::string Describe(std::string_view text, const RuleClaim& claim) {
  std::string fields;
  for (const auto& [key, value] : claim.fields) StrAppend(&fields, "  ", key, "=", value);
  return StrCat(ClaimKindName(claim.rule->kind), "  [", claim.start, ",", claim.end, ") ",
                Quote(text.substr(claim.start, claim.end - claim.start)), fields, "\n      by ",
                claim.rule->id, " (", claim.rule->provenance, ")");
}

int Explain(const std::string& dir, std::string text, const std::optional<CivilDate>& ref,
            bool prefilter) {
  // Explain is how an analyst debugs a failing example, so it runs on rules
  // whose examples fail (other errors still stop it).
  RuleSetOptions load_options;
  load_options.check_examples = false;
  const RuleSetLoad load = LoadRuleSet(dir, load_options);
  if (!load.rules) {
    PrintDiagnostics(load.diagnostics);
    std::fprintf(stderr, "parallax: the rules in %s do not load; fix the errors above\n",
                 dir.c_str());
    return kInputProblems;
  }
  std::vector<Rejection> rejections;
  MatchOptions options;
  options.ref = ref;
  options.use_prefilter = prefilter;
  options.rejections = &rejections;
  const std::vector<RuleClaim> claims = Matcher(*load.rules).Extract(text, options);

  std::printf("text: %zu bytes, %zu sentences; publication date %s\n", text.size(),
              SplitSentences(text).size(), ref ? FormatIsoDate(*ref).c_str() : "unknown");
  std::printf("\nclaims (%zu):\n", claims.size());
  for (const RuleClaim& claim : claims) std::printf("  %s\n", Describe(text, claim).c_str());
  std::printf("\ndropped matches (%zu):\n", rejections.size());
  for (const Rejection& r : rejections) {
    std::printf("  %s\n      dropped: %s\n", Describe(text, r.candidate).c_str(), r.reason.c_str());
  }
  std::printf("\nframing terms:\n");
  const std::vector<FrameTerm> terms = FindFrameTerms(*load.rules, text);
  for (const FrameTerm& term : terms) {
    std::printf("  [%zu,%zu) %s: frame %s (%s), set %s\n", term.start, term.end,
                Quote(std::string_view(text).substr(term.start, term.end - term.start)).c_str(),
                term.frame->id.c_str(), term.frame->provenance.c_str(),
                term.frame->sets[term.set].name.c_str());
  }
  if (terms.empty()) std::printf("  none\n");
  return kOk;
}

}  // namespace

int RunRules(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed =
      ParseArgs(args, {{"rules", true}, {"date", true}, {"no-prefilter", false}, {"help", false}});
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()), "rules");
  if (parsed->Has("help") || parsed->positionals.empty()) {
    std::fputs(kRulesHelp, parsed->Has("help") ? stdout : stderr);
    return parsed->Has("help") ? kOk : kUsage;
  }
  const std::string dir = parsed->Value("rules").value_or(DefaultRulesDir());
  const std::string& action = parsed->positionals[0];
  if (action == "check") {
    if (parsed->positionals.size() > 1 || parsed->Has("date") || parsed->Has("no-prefilter")) {
      return Usage("rules check takes only --rules DIR", "rules");
    }
    return Check(dir);
  }
  if (action == "explain") {
    if (parsed->positionals.size() != 2) {
      return Usage("rules explain needs the TEXT to explain (or '-' for standard input)", "rules");
    }
    std::string text = parsed->positionals[1];
    if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), {});
    std::optional<CivilDate> ref;
    if (auto date = parsed->Value("date")) {
      absl::StatusOr<CivilDate> d = ParseIsoDate(*date);
      if (!d.ok()) return Usage(StrCat("--date: ", d.status().message()), "rules");
      ref = *d;
    }
    return Explain(dir, std::move(text), ref, !parsed->Has("no-prefilter"));
  }
  return Usage(StrCat("unknown rules action '", action, "'; expected check or explain"), "rules");
}

}  // namespace parallax::cli
