#include "compare/comparison.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "compare/framing.h"
#include "rules/normalizers.h"
#include "rules/pattern_compiler.h"
#include "rules/tolerance.h"
#include "text/words.h"
#include "util/sha256.h"
#include "util/strings.h"

namespace parallax {
namespace {

// A claim as comparison holds it.
struct Item {
  const ArticleClaims* article;
  const Claim* claim;
  const ClaimContext* context;
};

// One value of a group and the articles that give it (each article's first
// claim with that value).
struct Side {
  std::string normalized;
  std::vector<Item> items;
};

std::string_view FieldOf(const Item& item, std::string_view field) {
  const Claim& c = *item.claim;
  if (field == "value") return c.value;
  if (field == "unit") return c.unit;
  if (field == "role") return c.role;
  if (field == "hedge") return c.hedge;
  if (field == "subject") return item.context->subject;
  if (field == "speaker") return c.speaker;
  if (field == "cue") return c.cue;
  if (field == "via") return c.via;
  if (field == "type") return c.type;
  if (field == "text") return c.text;
  if (field == "voice") return item.context->voice;
  return {};
}

// How a value is told apart from another under a tolerance: two values with
// the same normalized form are one side.
std::string Normalized(const Tolerance& tolerance, std::string_view value) {
  switch (tolerance.type) {
    case Tolerance::kWords:
      return FoldWords(value);
    case Tolerance::kExact:
    case Tolerance::kSpelling:
      return FoldKey(value);
    default:
      return std::string(value);
  }
}

std::string LowerSeverity(const std::string& severity) {
  if (severity == "high") return "medium";
  if (severity == "medium") return "low";
  return severity;
}

// Two counts whose intervals miss each other by less than a tenth of the
// larger are a smaller matter than 200 against 100.
bool NarrowGap(std::string_view a, std::string_view b) {
  absl::StatusOr<Interval> x = ParseInterval(a);
  absl::StatusOr<Interval> y = ParseInterval(b);
  if (!x.ok() || !y.ok()) return false;
  const double gap = std::max(y->low - x->high, x->low - y->high);
  const double scale = std::max(std::abs(x->low), std::abs(y->low));
  return gap > 0 && scale > 0 && gap / scale < 0.1;
}

double LowOf(const Claim& claim) {
  absl::StatusOr<Interval> interval = ParseInterval(claim.value);
  return interval.ok() ? interval->low : 0;
}

// "441" for [441,441]; any other interval as it is.
std::string PointOrInterval(const std::string& value) {
  absl::StatusOr<Interval> interval = ParseInterval(value);
  if (!interval.ok() || interval->low != interval->high || std::abs(interval->low) > 1e15 ||
      interval->low != std::floor(interval->low)) {
    return value;
  }
  return StrCat(static_cast<long long>(interval->low));
}

std::string Sources(const std::vector<Item>& items) {
  std::vector<std::string_view> names;
  for (const Item& item : items) {
    if (std::find(names.begin(), names.end(), item.article->source) == names.end()) {
      names.push_back(item.article->source);
    }
  }
  std::string out;
  for (std::string_view name : names) StrAppend(&out, out.empty() ? "" : ", ", name);
  return out;
}

std::string FirstWords(std::string_view text, size_t count) {
  const std::vector<Word> words = SplitWords(text);
  if (words.size() <= count) return std::string(text);
  return StrCat(text.substr(0, words[count - 1].span.end), "…");
}

// Whether a claim's field passes a `where` filter (patterns match without
// regard to case, as rules read text).
bool Holds(const WhereFilter& filter, std::string_view field) {
  const bool matches =
      filter.pattern ? RE2::PartialMatch(field, *filter.pattern) : FoldKey(field) == filter.value;
  return matches == filter.holds;
}

std::string Subject(const CompiledCompare& rule, const Item& item) {
  const Claim& c = *item.claim;
  switch (c.kind) {
    case ClaimKind::kQuantity: {
      std::string noun = c.unit.empty() ? std::string(c.role) : StrCat(c.unit, " ", c.role);
      if (c.role.empty() && !item.context->subject_text.empty()) {
        noun = StrCat(c.unit, " ", item.context->subject_text);
      }
      noun = std::string(StripWhitespace(noun));
      if (rule.field == "voice") {
        return StrCat(PointOrInterval(c.value), " ", noun, ": stated as fact or attributed");
      }
      return noun;
    }
    case ClaimKind::kDate:
    case ClaimKind::kDuration:
      return item.context->subject_text.empty() ? std::string(c.subject)
                                                : item.context->subject_text;
    case ClaimKind::kQuote:
    case ClaimKind::kAttribution:
      if (rule.field == "speaker") return StrCat("who said \"", FirstWords(c.value, 10), "\"");
      return StrCat(c.speaker, ": \"", FirstWords(c.value, 10), "\"");
    case ClaimKind::kEntity:
      return c.value;
  }
  return c.value;
}

// What a side says, as the report shows it next to its span.
std::string SideValue(const CompiledCompare& rule, const Item& item) {
  const Claim& c = *item.claim;
  if (rule.field == "voice") {
    return item.context->voice == "attributed" ? StrCat("attributed: ", item.context->attributed_to)
                                               : std::string("asserted");
  }
  if (c.kind == ClaimKind::kQuote || c.kind == ClaimKind::kAttribution) return c.speaker;
  if (c.kind == ClaimKind::kEntity) return c.text;
  return c.value;
}

ClaimRef Ref(const Item& item, std::string value, int side) {
  const ArticleClaims& article = *item.article;
  const Claim& claim = *item.claim;
  const TextSpan& sentence = item.context->sentence;
  ClaimRef ref;
  ref.article = article.id;
  ref.text = claim.text;
  ref.start = claim.start;
  ref.end = claim.end;
  ref.value = std::move(value);
  ref.sentence = std::string(article.body.substr(sentence.start, sentence.end - sentence.start));
  ref.side = side;
  return ref;
}

std::string DiffSummary(const std::vector<Finding::DiffPart>& diff) {
  std::string out;
  for (const Finding::DiffPart& part : diff) {
    if (part.op == "same") continue;
    StrAppend(&out, out.empty() ? "" : "; ");
    if (part.op == "added") StrAppend(&out, "adds \"", part.b, "\"");
    if (part.op == "dropped") StrAppend(&out, "drops \"", part.a, "\"");
    if (part.op == "changed") StrAppend(&out, "has \"", part.b, "\" for \"", part.a, "\"");
  }
  return out;
}

std::string Message(const CompiledCompare& rule, const Side& a, const Side& b,
                    const std::vector<Finding::DiffPart>& diff) {
  const Item& x = a.items.front();
  const Item& y = b.items.front();
  if (rule.field == "voice") {
    const Side& asserted = x.context->voice == "asserted" ? a : b;
    const Side& attributed = x.context->voice == "asserted" ? b : a;
    return StrCat("stated as fact by ", Sources(asserted.items), "; attributed to ",
                  attributed.items.front().context->attributed_to, " by ",
                  Sources(attributed.items));
  }
  if (x.claim->kind == ClaimKind::kQuote || x.claim->kind == ClaimKind::kAttribution) {
    if (rule.field == "speaker") {
      return StrCat("the same words from ", x.claim->speaker, " (", Sources(a.items), ") and ",
                    y.claim->speaker, " (", Sources(b.items), ")");
    }
    return StrCat(Sources(b.items), "'s wording ", DiffSummary(diff), " (against ",
                  Sources(a.items), ")");
  }
  if (x.claim->kind == ClaimKind::kDate) {
    return StrCat(x.claim->value, " (\"", x.claim->text, "\", ", Sources(a.items), ") vs ",
                  y.claim->value, " (\"", y.claim->text, "\", ", Sources(b.items), ")");
  }
  return StrCat("\"", x.claim->text, "\" (", Sources(a.items), ") vs \"", y.claim->text, "\" (",
                Sources(b.items), ")");
}

// A count reported higher and higher on later days, a later sentence saying
// so: the items of dated articles in date order, or empty when the group is
// not such a timeline.
std::vector<Item> UpdateTimeline(const std::vector<Item>& items, double rise) {
  std::vector<Item> dated;
  for (const Item& item : items) {
    if (item.article->date) dated.push_back(item);
  }
  std::stable_sort(dated.begin(), dated.end(), [](const Item& a, const Item& b) {
    return *a.article->date < *b.article->date;
  });
  if (dated.size() < 2 || *dated.front().article->date == *dated.back().article->date) return {};
  bool cue = false;
  for (size_t i = 1; i < dated.size(); ++i) {
    const Item& earlier = dated[i - 1];
    const Item& later = dated[i];
    if (*later.article->date == *earlier.article->date) {
      if (LowOf(*later.claim) != LowOf(*earlier.claim)) return {};
      continue;
    }
    if (LowOf(*later.claim) < LowOf(*earlier.claim) * rise || LowOf(*later.claim) <= 0) return {};
    cue = cue || later.context->update_cue;
  }
  return cue ? dated : std::vector<Item>{};
}

Finding UpdateFinding(const CompiledCompare& rule, std::string_view cluster_id,
                      const std::vector<Item>& timeline) {
  Finding finding;
  finding.kind = "quantity_update";
  finding.severity = "low";
  finding.cluster = std::string(cluster_id);
  finding.subject = Subject(rule, timeline.front());
  finding.rule = rule.provenance;
  for (const Item& item : timeline) {
    StrAppend(&finding.message, finding.message.empty() ? "" : " → ", "\"", item.claim->text,
              "\" (", item.article->source, ", ", FormatIsoDate(*item.article->date), ")");
    finding.claims.push_back(Ref(item, item.claim->value, static_cast<int>(finding.claims.size())));
  }
  finding.message = StrCat("reported higher on later days, not a contradiction: ", finding.message);
  return finding;
}

bool DifferentDays(const Side& a, const Side& b) {
  for (const Item& x : a.items) {
    for (const Item& y : b.items) {
      if (!x.article->date || !y.article->date || *x.article->date == *y.article->date) {
        return false;
      }
    }
  }
  return true;
}

void CompareGroup(const CompiledCompare& rule, std::string_view cluster_id,
                  const std::vector<Item>& items, double update_rise,
                  std::vector<Finding>* findings) {
  std::vector<Side> sides;
  for (const Item& item : items) {
    const std::string normalized = Normalized(rule.tolerance, FieldOf(item, rule.field));
    auto side = std::find_if(sides.begin(), sides.end(),
                             [&](const Side& s) { return s.normalized == normalized; });
    if (side == sides.end()) {
      sides.push_back({normalized, {}});
      side = sides.end() - 1;
    }
    const bool article_seen =
        std::any_of(side->items.begin(), side->items.end(),
                    [&](const Item& seen) { return seen.article == item.article; });
    if (!article_seen) side->items.push_back(item);
  }
  if (sides.size() < 2) return;
  // A big event can hold hundreds of different figures for one subject;
  // every pair of them would bury the reader (and cost n squared). The
  // first values reported are compared.
  constexpr size_t kMostSides = 32;
  if (sides.size() > kMostSides) sides.resize(kMostSides);
  std::vector<Item> timeline;
  if (rule.kind == ClaimKind::kQuantity) {
    std::vector<Item> firsts;
    for (const Side& side : sides)
      firsts.insert(firsts.end(), side.items.begin(), side.items.end());
    timeline = UpdateTimeline(firsts, update_rise);
    if (!timeline.empty()) findings->push_back(UpdateFinding(rule, cluster_id, timeline));
  }
  for (size_t i = 0; i < sides.size(); ++i) {
    for (size_t j = i + 1; j < sides.size(); ++j) {
      const Side& a = sides[i];
      const Side& b = sides[j];
      if (a.items.size() == 1 && b.items.size() == 1 && a.items[0].article == b.items[0].article) {
        continue;  // one article against itself is not a disagreement between sources
      }
      const Item& x = a.items.front();
      const Item& y = b.items.front();
      absl::StatusOr<bool> agree =
          ValuesAgree(rule.tolerance, FieldOf(x, rule.field), FieldOf(y, rule.field));
      if (!agree.ok() || *agree) continue;
      if (!timeline.empty() && DifferentDays(a, b)) continue;
      Finding finding;
      finding.kind = rule.finding;
      finding.severity = rule.severity;
      if (rule.kind == ClaimKind::kQuantity && rule.tolerance.type == Tolerance::kOverlap &&
          NarrowGap(x.claim->value, y.claim->value)) {
        finding.severity = LowerSeverity(rule.severity);
      }
      finding.cluster = std::string(cluster_id);
      finding.subject = Subject(rule, x);
      finding.rule = rule.provenance;
      finding.aspect = rule.aspect;
      if (rule.tolerance.type == Tolerance::kWords) {
        for (const WordDiffPart& part : DiffWords(x.claim->value, y.claim->value)) {
          static constexpr const char* kOps[] = {"same", "added", "dropped", "changed"};
          finding.diff.push_back({kOps[part.op], part.a, part.b});
        }
      }
      finding.message = Message(rule, a, b, finding.diff);
      for (int side = 0; side < 2; ++side) {
        for (const Item& item : (side == 0 ? a : b).items) {
          finding.claims.push_back(Ref(item, SideValue(rule, item), side));
        }
      }
      findings->push_back(std::move(finding));
    }
  }
}

// For a rule with `similar`: the items whose values are alike, chained (a
// like b, b like c), as groups in order of their first item. Values longer
// than a few hundred words are compared whole (text/words.h).
std::vector<std::vector<Item>> SimilarGroups(const std::vector<Item>& items, double similar) {
  // A group this large is a speaker quoted all through a big event; its
  // first items stand for it, keeping the pairwise comparison bounded.
  constexpr size_t kMostItems = 300;
  const size_t n = std::min(items.size(), kMostItems);
  std::vector<size_t> parent(n);
  for (size_t i = 0; i < n; ++i) parent[i] = i;
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (root(i) == root(j) || items[i].article == items[j].article) continue;
      if (WordSimilarity(items[i].claim->value, items[j].claim->value) >= similar) {
        parent[std::max(root(i), root(j))] = std::min(root(i), root(j));
      }
    }
  }
  std::vector<std::vector<Item>> groups;
  std::vector<int> group_of(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const size_t r = root(i);
    if (group_of[r] < 0) {
      group_of[r] = static_cast<int>(groups.size());
      groups.emplace_back();
    }
    groups[group_of[r]].push_back(items[i]);
  }
  return groups;
}

}  // namespace

ClusterComparer::ClusterComparer(const RuleSet& rules, CompareSettings settings)
    : rules_(&rules), settings_(settings) {
  for (const CompiledCompare& rule : rules.compares()) rule_ids_[rule.provenance] = rule.id;
  for (const CompiledFrame& frame : rules.frames()) rule_ids_[frame.provenance] = frame.id;
}

absl::StatusOr<ClusterComparer> ClusterComparer::Create(const RuleSet& rules) {
  absl::StatusOr<CompareSettings> settings = CompareSettingsFromRules(rules);
  if (!settings.ok()) return settings.status();
  return ClusterComparer(rules, *settings);
}

std::vector<Finding> ClusterComparer::Compare(
    std::string_view cluster_id, const std::vector<const ArticleClaims*>& articles) const {
  std::optional<CivilDate> cluster_date;
  for (const ArticleClaims* article : articles) {
    if (article->date && (!cluster_date || *article->date < *cluster_date)) {
      cluster_date = article->date;
    }
  }
  std::vector<std::vector<ClaimContext>> contexts;
  contexts.reserve(articles.size());
  for (const ArticleClaims* article : articles) {
    contexts.push_back(ReadClaimContexts(*article, *rules_, settings_,
                                         article->date ? article->date : cluster_date));
  }
  std::vector<Finding> findings;
  for (const CompiledCompare& rule : rules_->compares()) {
    // Groups in order of first appearance, so findings follow the articles.
    std::vector<std::string> order;
    std::map<std::string, std::vector<Item>> groups;
    for (size_t a = 0; a < articles.size(); ++a) {
      const std::vector<Claim>& claims = articles[a]->claims;
      for (size_t c = 0; c < claims.size(); ++c) {
        const Item item{articles[a], &claims[c], &contexts[a][c]};
        if (claims[c].kind != rule.kind || item.context->background) continue;
        if ((rule.kind == ClaimKind::kQuote || rule.kind == ClaimKind::kAttribution) &&
            SplitWords(claims[c].value).size() < static_cast<size_t>(settings_.quote_min_words)) {
          continue;
        }
        if (FieldOf(item, rule.field).empty()) continue;
        if (!std::all_of(rule.where.begin(), rule.where.end(), [&](const WhereFilter& filter) {
              return Holds(filter, FieldOf(item, filter.field));
            })) {
          continue;
        }
        std::string key;
        bool complete = true;
        for (const std::string& field : rule.keys) {
          const std::string part = FoldWords(FieldOf(item, field));
          complete = complete && !part.empty();
          StrAppend(&key, part, "\x1f");
        }
        if (!complete) continue;
        auto [it, inserted] = groups.try_emplace(key);
        if (inserted) order.push_back(key);
        it->second.push_back(item);
      }
    }
    for (const std::string& key : order) {
      if (rule.similar <= 0) {
        CompareGroup(rule, cluster_id, groups[key], settings_.update_rise, &findings);
        continue;
      }
      for (const std::vector<Item>& alike : SimilarGroups(groups[key], rule.similar)) {
        CompareGroup(rule, cluster_id, alike, settings_.update_rise, &findings);
      }
    }
  }
  std::vector<Finding> framing = FindFraming(*rules_, cluster_id, articles);
  findings.insert(findings.end(), std::make_move_iterator(framing.begin()),
                  std::make_move_iterator(framing.end()));
  for (Finding& finding : findings) {
    const auto rule_id = rule_ids_.find(finding.rule);
    finding.id = FindingId(finding, rule_id == rule_ids_.end() ? finding.rule : rule_id->second);
  }
  return findings;
}

std::string FindingId(const Finding& finding, std::string_view rule_id) {
  std::vector<std::string> claims;
  for (const ClaimRef& claim : finding.claims) {
    claims.push_back(StrCat(claim.article, '\0', claim.value.value_or(""), '\0', claim.text));
  }
  std::sort(claims.begin(), claims.end());
  Sha256 hash;
  hash.Update(finding.kind);
  hash.Update(std::string_view("\0", 1));
  hash.Update(rule_id);
  for (const std::string& claim : claims) {
    hash.Update(std::string_view("\0", 1));
    hash.Update(claim);
  }
  return StrCat("f-", hash.HexDigest().substr(0, 12));
}

}  // namespace parallax
