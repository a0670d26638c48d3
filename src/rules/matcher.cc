#include "rules/matcher.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "text/sentences.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

bool WordBefore(std::string_view text, size_t i) {
  return i > 0 && IsWordCodePoint(DecodeUtf8Before(text, i));
}

bool WordAt(std::string_view text, size_t i) {
  return i < text.size() && IsWordCodePoint(DecodeUtf8At(text, i));
}

// A match may not start or end inside a word ("four" in "fourteen").
bool OnTokenBoundaries(std::string_view text, size_t start, size_t end) {
  const bool start_ok = !(WordBefore(text, start) && WordAt(text, start));
  const bool end_ok = !(WordBefore(text, end) && WordAt(text, end));
  return start_ok && end_ok;
}

// Spans that do not overlap each other, each with an id; finds one that
// overlaps a given span in O(log n). (If any overlaps [s, e), the one that
// starts last before e does.)
class DisjointSpans {
 public:
  void Add(size_t start, size_t end, uint32_t id) { by_start_[start] = {end, id}; }

  std::optional<uint32_t> Overlapping(size_t start, size_t end) const {
    auto it = by_start_.lower_bound(end);
    if (it == by_start_.begin()) return std::nullopt;
    --it;
    if (it->second.first > start) return it->second.second;
    return std::nullopt;
  }

 private:
  std::map<size_t, std::pair<size_t, uint32_t>> by_start_;  // start -> (end, id)
};

// The captures of rule matches, by rule and matched text. RE2 finds where a
// match is with its DFAs, quickly, but works out the captures of a large
// pattern with its NFA, dozens of times slower; news repeats its matches
// ("the United States", "on Tuesday", "$4.2bn"), so each is worked out once
// per thread. A match's captures depend only on its text
// and on the byte on either side (for \b and ^ at its edges), so the memo
// gives what RE2 would.
class CaptureMemo {
 public:
  // The memo of this thread, emptied when it last served another rule set.
  static CaptureMemo& ForThread(const RuleSet& rules) {
    thread_local CaptureMemo memo;
    if (memo.serial_ != rules.serial()) {
      memo.captures_.clear();
      memo.serial_ = rules.serial();
    }
    return memo;
  }

  // Sets `groups` to the captures of the match [start, end) of `re` (rule
  // number `rule`) in `scope`, which the match lies in.
  void Captures(const RE2& re, int rule, std::string_view scope, size_t start, size_t end,
                re2::StringPiece* groups, int count) {
    key_.clear();
    key_.append(reinterpret_cast<const char*>(&rule), sizeof rule);
    key_.push_back(start > 0 ? '+' : '^');
    key_.push_back(start > 0 ? scope[start - 1] : '\0');
    key_.push_back(end < scope.size() ? '+' : '$');
    key_.push_back(end < scope.size() ? scope[end] : '\0');
    key_.append(scope.substr(start, end - start));
    const auto it = captures_.find(key_);
    if (it != captures_.end()) {
      for (int g = 1; g < count; ++g) {
        const auto [offset, size] = it->second[g - 1];
        groups[g] =
            offset < 0 ? re2::StringPiece() : re2::StringPiece(scope.data() + start + offset, size);
      }
      return;
    }
    if (!re.Match(scope, start, end, RE2::ANCHOR_BOTH, groups, count)) {
      // The search matched exactly this span, so RE2 cannot fail here.
      for (int g = 1; g < count; ++g) groups[g] = re2::StringPiece();
      return;
    }
    if (captures_.size() >= kMaxEntries) captures_.clear();
    std::vector<std::pair<int32_t, int32_t>>& offsets = captures_[key_];
    offsets.reserve(count - 1);
    for (int g = 1; g < count; ++g) {
      if (groups[g].data() == nullptr) {
        offsets.push_back({-1, 0});
      } else {
        offsets.push_back({static_cast<int32_t>(groups[g].data() - (scope.data() + start)),
                           static_cast<int32_t>(groups[g].size())});
      }
    }
  }

 private:
  // About 10 MB of short matches; then it starts again.
  static constexpr size_t kMaxEntries = size_t{1} << 17;

  uint64_t serial_ = 0;
  std::string key_;
  absl::flat_hash_map<std::string, std::vector<std::pair<int32_t, int32_t>>> captures_;
};

class Extraction {
 public:
  Extraction(const RuleSet& rules, std::string_view text, const MatchOptions& options)
      : rules_(rules), text_(text), options_(options), memo_(CaptureMemo::ForThread(rules)) {
    context_.ref = options.ref;
    context_.lean_cache = &lean_cache_;
    context_.table = [&rules](std::string_view table) { return rules.Table(table); };
    context_.lookup = [&rules](std::string_view table, std::string_view key) -> const std::string* {
      return rules.Lookup(table, key);
    };
  }

  std::vector<RuleClaim> Run() {
    const std::vector<Sentence> sentences = SplitSentences(text_);
    std::vector<TextSpan> sentence_spans;
    sentence_spans.reserve(sentences.size());
    for (const Sentence& s : sentences) sentence_spans.push_back(s.span);
    std::vector<TextSpan> paragraphs;

    std::vector<RuleClaim> claims;
    for (const RuleSet::PrefilterGroup& group : rules_.prefilter_groups()) {
      if (group.paragraph_scope && paragraphs.empty()) paragraphs = SplitParagraphs(text_);
      RunGroup(group, group.paragraph_scope ? paragraphs : sentence_spans, &claims);
    }
    ApplyVetoes(&claims);
    return ResolveOverlaps(std::move(claims));
  }

 private:
  // Reasons are only built when someone asked for them.
  bool recording_rejections() const { return options_.rejections != nullptr; }
  void Reject(RuleClaim candidate, std::string reason) {
    options_.rejections->push_back({std::move(candidate), std::move(reason)});
  }

  void RunEntry(const RuleSet::PrefilterEntry& entry, TextSpan unit,
                std::vector<RuleClaim>* claims) {
    if (entry.is_veto) {
      veto_units_.push_back({entry.index, unit});
    } else {
      RunRule(rules_.rules()[entry.index], unit, claims);
    }
  }

  // Runs each entry of the group over the units its guards occur in: one
  // rule after another, each over all its units, so that a rule's DFA stays
  // in the CPU cache from one sentence to the next (sentence after sentence,
  // the ten or so rules each runs would evict each other's). The claims come
  // out in another order, which settling overlaps does not depend on.
  void RunGroup(const RuleSet::PrefilterGroup& group, const std::vector<TextSpan>& units,
                std::vector<RuleClaim>* claims) {
    runs_.clear();
    if (options_.use_prefilter) {
      unit_texts_.clear();
      for (const TextSpan& unit : units) {
        unit_texts_.push_back(text_.substr(unit.start, unit.end - unit.start));
      }
      group.GuardedEntries(unit_texts_, &hits_, &runs_);
    } else {
      for (uint32_t u = 0; u < units.size(); ++u) {
        for (uint32_t e = 0; e < group.entries.size(); ++e) runs_.push_back({e, u});
      }
    }
    std::sort(runs_.begin(), runs_.end());
    for (const auto& [entry, unit] : runs_) RunEntry(group.entries[entry], units[unit], claims);
  }

  void RunRule(const CompiledRule& rule, TextSpan unit, std::vector<RuleClaim>* claims) {
    const int groups = static_cast<int>(rule.captures.size()) + 1;
    groups_.resize(groups);
    size_t pos = unit.start;
    // RE2 sees the text around the unit for context but matches inside it.
    const std::string_view scope = text_.substr(0, unit.end);
    while (pos < unit.end) {
      if (!rule.re->Match(scope, pos, unit.end, RE2::UNANCHORED, groups_.data(), 1)) break;
      const size_t start = groups_[0].data() - text_.data();
      const size_t end = start + groups_[0].size();
      if (end == start || !OnTokenBoundaries(text_, start, end)) {
        pos = start + 1;
        continue;
      }
      pos = end;
      if (groups > 1) {
        memo_.Captures(*rule.re, static_cast<int>(&rule - rules_.rules().data()), scope, start, end,
                       groups_.data(), groups);
      }
      RuleClaim claim;
      claim.rule = &rule;
      claim.match_start = claim.start = start;
      claim.match_end = claim.end = end;
      for (int g = 1; g < groups; ++g) {
        if (groups_[g].data() == nullptr) continue;
        const size_t s = groups_[g].data() - text_.data();
        claim.captures.push_back({rule.captures[g - 1], s, s + groups_[g].size()});
        if (g == rule.span_group) {
          claim.start = s;
          claim.end = s + groups_[g].size();
        }
      }
      context_.sentence = text_.substr(unit.start, unit.end - unit.start);
      context_.claim_start = claim.start - unit.start;
      context_.claim_end = claim.end - unit.start;
      const absl::Status evaluated = Evaluate(&claim);
      if (IsDeclined(evaluated)) {
        // Not a claim of this rule: as if it never matched, so a shorter
        // match from a later word may still be ("Minister Anna Hakobyan
        // said" declined, "Anna Hakobyan said" taken).
        if (recording_rejections()) Reject(claim, StrCat("declined: ", evaluated.message()));
        pos = start + 1;
        continue;
      }
      if (!evaluated.ok()) claim.error = std::string(evaluated.message());
      claims->push_back(std::move(claim));
    }
  }

  // Fills the claim's fields. Fails when a value cannot be evaluated, and
  // with IsDeclined when a normalizer says the match is not a claim.
  absl::Status Evaluate(RuleClaim* claim) {
    const CaptureLookup lookup = [&](std::string_view name) -> std::optional<std::string_view> {
      for (const CaptureSpan& c : claim->captures) {
        if (c.name == name) return text_.substr(c.start, c.end - c.start);
      }
      return std::nullopt;
    };
    for (const FieldAssignment& field : claim->rule->fields) {
      absl::StatusOr<std::string> value = EvaluateValue(field.expr, lookup, context_);
      if (IsDeclined(value.status())) return value.status();
      if (!value.ok()) {
        return absl::InvalidArgumentError(
            StrCat("value error in ", field.field, ": ", value.status().message()));
      }
      if (!value->empty()) claim->fields.push_back({field.field, std::move(*value)});
    }
    if (claim->Field("value").empty()) {
      // A claim without a value says nothing; by default it is its text.
      claim->fields.insert(
          claim->fields.begin(),
          {"value", std::string(text_.substr(claim->start, claim->end - claim->start))});
    }
    if (std::string_view role = claim->Field("role"); !role.empty()) {
      static constexpr std::string_view kRoles[] = {"killed", "injured", "missing", "detained",
                                                    "displaced"};
      if (std::find(std::begin(kRoles), std::end(kRoles), role) == std::end(kRoles)) {
        return absl::InvalidArgumentError(StrCat(
            "role '", role, "' is not one of killed, injured, missing, detained, displaced"));
      }
    }
    return absl::OkStatus();
  }

  // Runs each veto in the sentences where the prefilter found it, then
  // drops the claims its matches cover.
  void ApplyVetoes(std::vector<RuleClaim>* claims) {
    if (veto_units_.empty() || claims->empty()) return;
    std::vector<DisjointSpans> matches(rules_.vetoes().size());
    re2::StringPiece match;
    for (const auto& [index, unit] : veto_units_) {
      const CompiledVeto& veto = rules_.vetoes()[index];
      const std::string_view scope = text_.substr(0, unit.end);
      size_t pos = unit.start;
      while (pos < unit.end && veto.re->Match(scope, pos, unit.end, RE2::UNANCHORED, &match, 1)) {
        const size_t start = match.data() - text_.data();
        const size_t end = start + match.size();
        // Like rules, a match off the token boundaries retries one byte on.
        if (end == start || !OnTokenBoundaries(text_, start, end)) {
          pos = start + 1;
          continue;
        }
        pos = end;
        matches[index].Add(start, end, 0);
      }
    }
    auto vetoed_by = [&](const RuleClaim& c) -> const CompiledVeto* {
      for (size_t v = 0; v < matches.size(); ++v) {
        const CompiledVeto& veto = rules_.vetoes()[v];
        if (veto.removes[int(c.rule->kind)] && matches[v].Overlapping(c.match_start, c.match_end)) {
          return &veto;
        }
      }
      return nullptr;
    };
    std::erase_if(*claims, [&](const RuleClaim& c) {
      const CompiledVeto* veto = vetoed_by(c);
      if (veto != nullptr && recording_rejections()) {
        Reject(c, StrCat("removed by veto ", veto->id, " (", veto->provenance, ")"));
      }
      return veto != nullptr;
    });
  }

  // Settles overlaps between claims of one kind (longer, then priority, then
  // load order), kind after kind in the rule set's settle order, and drops
  // claims of the kinds a kept claim's rule removes where the two overlap
  // ("27" inside the date "January 27, 2023" is not a quantity). A removed
  // claim is dropped before it can block a shorter one of its kind: in "On
  // March 12 soldiers killed 5 people", "12 soldiers killed" goes with the
  // date and "killed 5 people" stands. Returns the winners in text order.
  // Claims are moved once: the sorts work on indices.
  std::vector<RuleClaim> ResolveOverlaps(std::vector<RuleClaim> claims) {
    auto rank = [&](const RuleClaim& c) {
      return std::tuple(rules_.settle_rank(c.rule->kind),
                        -static_cast<long>(c.match_end - c.match_start), -c.rule->priority,
                        c.rule->order, c.match_start);
    };
    std::vector<uint32_t> order(claims.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return rank(claims[a]) < rank(claims[b]); });
    std::vector<uint32_t> kept, invalid;
    DisjointSpans kept_spans[kClaimKindCount];  // winners, invalid ones included
    // removers[r][k]: kept claims of kind r whose rule removes kind k;
    // disjoint, since kept claims of one kind do not overlap.
    DisjointSpans removers[kClaimKindCount][kClaimKindCount];
    for (uint32_t i : order) {
      const RuleClaim& claim = claims[i];
      const int kind = int(claim.rule->kind);
      std::optional<uint32_t> removed_by;
      for (int r = 0; r < kClaimKindCount && !removed_by; ++r) {
        if (r == kind) continue;  // a kind never removes itself
        removed_by = removers[r][kind].Overlapping(claim.match_start, claim.match_end);
      }
      if (removed_by) {
        if (recording_rejections()) {
          const RuleClaim& by = claims[*removed_by];
          Reject(claim, StrCat("removed by rule ", by.rule->id, " (", by.rule->provenance, ")"));
        }
        continue;
      }
      DisjointSpans& spans = kept_spans[kind];
      if (const std::optional<uint32_t> won =
              spans.Overlapping(claim.match_start, claim.match_end)) {
        if (recording_rejections()) {
          const RuleClaim* winner = &claims[*won];
          const char* why =
              (winner->match_end - winner->match_start) != (claim.match_end - claim.match_start)
                  ? "longer match"
              : winner->rule->priority != claim.rule->priority ? "higher priority"
                                                               : "earlier rule";
          Reject(claim,
                 StrCat("lost to ", winner->error.empty() ? "" : "the invalid match of ", "rule ",
                        winner->rule->id, " (", winner->rule->provenance, ", ", why, ")"));
        }
        continue;
      }
      // An invalid match still wins over the shorter matches inside it, so
      // an impossible date is never read as a possible part of it.
      spans.Add(claim.match_start, claim.match_end, i);
      if (!claim.error.empty()) {
        invalid.push_back(i);
        continue;
      }
      kept.push_back(i);
      for (int k = 0; k < kClaimKindCount; ++k) {
        if (claim.rule->removes[k]) removers[kind][k].Add(claim.match_start, claim.match_end, i);
      }
    }
    if (recording_rejections()) {
      for (uint32_t i : invalid) Reject(claims[i], claims[i].error);
    }
    auto position = [&](uint32_t i) {
      const RuleClaim& c = claims[i];
      return std::tuple(c.start, int(c.rule->kind), c.rule->order);
    };
    std::sort(kept.begin(), kept.end(),
              [&](uint32_t a, uint32_t b) { return position(a) < position(b); });
    std::vector<RuleClaim> result;
    result.reserve(kept.size());
    for (uint32_t i : kept) result.push_back(std::move(claims[i]));
    return result;
  }

  const RuleSet& rules_;
  std::string_view text_;
  const MatchOptions& options_;
  NormalizerContext context_;
  LeanCache lean_cache_;
  CaptureMemo& memo_;
  std::vector<int> hits_;
  std::vector<std::string_view> unit_texts_;
  std::vector<std::pair<uint32_t, uint32_t>> runs_;   // (entry, unit) to run, in that order
  std::vector<std::pair<int, TextSpan>> veto_units_;  // (veto, sentence) to run
  std::vector<re2::StringPiece> groups_;
};

}  // namespace

std::string_view RuleClaim::Field(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return {};
}

const CaptureSpan* RuleClaim::Capture(std::string_view name) const {
  for (const CaptureSpan& c : captures) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::vector<FrameTerm> FindFrameTerms(const RuleSet& rules, std::string_view text) {
  std::vector<FrameTerm> terms;
  for (const CompiledFrame& frame : rules.frames()) {
    const int groups = static_cast<int>(frame.sets.size()) + 1;
    std::vector<re2::StringPiece> match(groups);
    size_t pos = 0;
    while (pos < text.size() &&
           frame.re->Match(text, pos, text.size(), RE2::UNANCHORED, match.data(), groups)) {
      const size_t start = match[0].data() - text.data();
      const size_t end = start + match[0].size();
      if (end == start || !OnTokenBoundaries(text, start, end)) {
        pos = start + 1;  // "mob" in "mobile": try further on
        continue;
      }
      pos = end;
      for (int g = 1; g < groups; ++g) {
        if (match[g].data() != nullptr) terms.push_back({&frame, g - 1, start, end});
      }
    }
  }
  return terms;
}

std::vector<RuleClaim> Matcher::Extract(std::string_view text, const MatchOptions& options) const {
  return Extraction(rules_, text, options).Run();
}

}  // namespace parallax
