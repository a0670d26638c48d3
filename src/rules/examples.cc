#include "rules/examples.h"

#include "rules/matcher.h"
#include "util/strings.h"

namespace parallax {
namespace {

std::string DescribeFields(const RuleClaim& claim) {
  std::string out;
  for (const auto& [key, value] : claim.fields) {
    StrAppend(&out, out.empty() ? "" : " ", key, "=", value);
  }
  return out;
}

std::string DescribeExpected(const ExampleDef& example) {
  std::string out;
  for (const auto& [key, value] : example.expected) {
    StrAppend(&out, out.empty() ? "" : " ", key, "=", value);
  }
  return out;
}

bool HasFields(const RuleClaim& claim, const ExampleDef& example) {
  for (const auto& [key, value] : example.expected) {
    if (claim.Field(key) != value) return false;
  }
  return true;
}

class Checker {
 public:
  Checker(const RuleSet& rules, Diagnostics& diagnostics)
      : rules_(rules), matcher_(rules), diagnostics_(diagnostics) {}

  ExampleStats Run() {
    for (const CompiledRule& rule : rules_.rules()) {
      for (const ExampleDef& example : rule.examples) CheckRuleExample(rule, example);
    }
    for (const CompiledVeto& veto : rules_.vetoes()) {
      for (const ExampleDef& example : veto.examples) CheckVetoExample(veto, example);
    }
    for (const CompiledFrame& frame : rules_.frames()) {
      for (const ExampleDef& example : frame.examples) CheckFrameExample(frame, example);
    }
    for (const CompiledCompare& compare : rules_.compares()) {
      for (const ExampleDef& example : compare.examples) CheckCompareExample(compare, example);
    }
    return stats_;
  }

 private:
  void Pass() { ++stats_.passed; }
  void Fail(const ExampleDef& example, std::string message) {
    ++stats_.failed;
    diagnostics_.Error(example.at, std::move(message));
  }

  void CheckRuleExample(const CompiledRule& rule, const ExampleDef& example) {
    std::vector<Rejection> rejections;
    MatchOptions options;
    options.ref = rule.test_ref;
    options.rejections = &rejections;
    const std::vector<RuleClaim> claims = matcher_.Extract(example.text, options);
    std::vector<const RuleClaim*> mine;
    for (const RuleClaim& claim : claims) {
      if (claim.rule == &rule) mine.push_back(&claim);
    }
    if (example.negative) {
      if (mine.empty()) return Pass();
      return Fail(example, StrCat("counter-example produced a claim: \"", example.text, "\" -> ",
                                  DescribeFields(*mine.front())));
    }
    for (const RuleClaim* claim : mine) {
      if (HasFields(*claim, example)) return Pass();
    }
    if (!mine.empty()) {
      return Fail(example,
                  StrCat("example failed: \"", example.text, "\": got ",
                         DescribeFields(*mine.front()), ", want ", DescribeExpected(example)));
    }
    for (const Rejection& r : rejections) {
      if (r.candidate.rule == &rule) {
        return Fail(example,
                    StrCat("example failed: \"", example.text, "\": the rule matched \"",
                           example.text.substr(r.candidate.match_start,
                                               r.candidate.match_end - r.candidate.match_start),
                           "\" but ", r.reason));
      }
    }
    Fail(example,
         StrCat("example failed: \"", example.text, "\": rule ", rule.id, " did not match"));
  }

  void CheckVetoExample(const CompiledVeto& veto, const ExampleDef& example) {
    const CompiledRule* target = nullptr;
    for (const CompiledRule& rule : rules_.rules()) {
      if (rule.id == example.outcome) target = &rule;
    }
    if (target == nullptr) {
      return Fail(example,
                  StrCat("veto example names rule '", example.outcome, "', which does not exist"));
    }
    std::vector<Rejection> rejections;
    MatchOptions options;
    options.ref = veto.test_ref;
    options.rejections = &rejections;
    matcher_.Extract(example.text, options);
    const std::string removed_by = StrCat("removed by veto ", veto.id, " ");
    for (const Rejection& r : rejections) {
      if (r.candidate.rule == target && r.reason.starts_with(removed_by)) return Pass();
    }
    Fail(example, StrCat("veto example failed: \"", example.text, "\": veto ", veto.id,
                         " did not remove a claim of rule ", target->id));
  }

  void CheckFrameExample(const CompiledFrame& frame, const ExampleDef& example) {
    bool known_set = false;
    for (const CompiledFrame::Set& set : frame.sets) known_set |= set.name == example.outcome;
    if (!known_set) {
      return Fail(example, StrCat("frame example names set '", example.outcome, "', which frame ",
                                  frame.id, " does not have"));
    }
    for (const FrameTerm& term : FindFrameTerms(rules_, example.text)) {
      if (term.frame != &frame) continue;
      const std::string& set = frame.sets[term.set].name;
      if (set == example.outcome) return Pass();
      return Fail(example, StrCat("frame example failed: \"", example.text, "\": found \"",
                                  example.text.substr(term.start, term.end - term.start),
                                  "\" of set ", set, ", want set ", example.outcome));
    }
    Fail(example, StrCat("frame example failed: \"", example.text, "\": no term of frame ",
                         frame.id, " found"));
  }

  void CheckCompareExample(const CompiledCompare& compare, const ExampleDef& example) {
    absl::StatusOr<bool> agree = ValuesAgree(compare.tolerance, example.text, example.other_text);
    if (!agree.ok()) {
      return Fail(example, StrCat("comparison example failed: ", agree.status().message()));
    }
    const std::string got = *agree ? "agree" : "conflict";
    if (got == example.outcome) return Pass();
    Fail(example, StrCat("comparison example failed: ", example.text, " vs ", example.other_text,
                         ": got ", got, ", want ", example.outcome));
  }

  const RuleSet& rules_;
  Matcher matcher_;
  Diagnostics& diagnostics_;
  ExampleStats stats_;
};

}  // namespace

ExampleStats CheckExamples(const RuleSet& rules, Diagnostics& diagnostics) {
  return Checker(rules, diagnostics).Run();
}

}  // namespace parallax
