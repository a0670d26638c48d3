#include "compare/framing.h"

#include <algorithm>
#include <map>
#include <set>

#include "rules/matcher.h"
#include "text/quotes.h"
#include "text/sentences.h"
#include "text/words.h"
#include "util/strings.h"

namespace parallax {
namespace {

struct Use {
  const ArticleClaims* article;
  size_t start, end;
  TextSpan sentence;
};

bool InsideQuotation(const std::vector<Quotation>& quotations, size_t start, size_t end) {
  return std::any_of(quotations.begin(), quotations.end(), [&](const Quotation& q) {
    return q.inner.start <= start && end <= q.inner.end;
  });
}

}  // namespace

std::vector<Finding> FindFraming(const RuleSet& rules, std::string_view cluster_id,
                                 const std::vector<const ArticleClaims*>& articles) {
  // frame -> set -> each article's first use, in article order.
  std::map<const CompiledFrame*, std::map<int, std::vector<Use>>> uses;
  for (const ArticleClaims* article : articles) {
    const std::vector<FrameTerm> terms = FindFrameTerms(rules, article->body);
    if (terms.empty()) continue;
    const std::vector<Quotation> quotations = FindQuotations(article->body);
    const std::vector<Sentence> sentences = SplitSentences(article->body);
    for (const FrameTerm& term : terms) {
      if (InsideQuotation(quotations, term.start, term.end)) continue;
      // Each distinct word of the set once per article: "rioters" and "mobs".
      std::vector<Use>& set_uses = uses[term.frame][term.set];
      const std::string folded = FoldWords(article->body.substr(term.start, term.end - term.start));
      const bool seen = std::any_of(set_uses.begin(), set_uses.end(), [&](const Use& use) {
        return use.article == article &&
               FoldWords(article->body.substr(use.start, use.end - use.start)) == folded;
      });
      if (seen) continue;
      set_uses.push_back(
          {article, term.start, term.end, SentenceContaining(sentences, term.start)});
    }
  }
  std::vector<Finding> findings;
  for (const CompiledFrame& frame : rules.frames()) {
    auto found = uses.find(&frame);
    if (found == uses.end() || found->second.size() < 2) continue;
    const std::map<int, std::vector<Use>>& by_set = found->second;
    // A disagreement needs two outlets: each set's articles, and not every
    // article using the same sets.
    std::map<const ArticleClaims*, std::set<int>> sets_of;
    for (const auto& [set, set_uses] : by_set) {
      for (const Use& use : set_uses) sets_of[use.article].insert(set);
    }
    if (sets_of.size() < 2) continue;
    const bool all_alike = std::all_of(sets_of.begin(), sets_of.end(), [&](const auto& entry) {
      return entry.second == sets_of.begin()->second;
    });
    if (all_alike) continue;
    Finding finding;
    finding.kind = "framing";
    finding.severity = frame.severity;
    finding.cluster = std::string(cluster_id);
    finding.subject = frame.referent;
    finding.rule = frame.provenance;
    int side = 0;
    for (const auto& [set, set_uses] : by_set) {
      std::vector<std::string> terms;
      std::vector<std::string_view> sources;
      for (const Use& use : set_uses) {
        const std::string text(use.article->body.substr(use.start, use.end - use.start));
        const bool listed = std::any_of(terms.begin(), terms.end(), [&](const std::string& t) {
          return FoldWords(t) == FoldWords(text);
        });
        if (!listed) terms.push_back(text);
        if (std::find(sources.begin(), sources.end(), use.article->source) == sources.end()) {
          sources.push_back(use.article->source);
        }
        ClaimRef ref;
        ref.article = use.article->id;
        ref.text = text;
        ref.start = use.start;
        ref.end = use.end;
        ref.value = frame.sets[set].name;
        ref.sentence = std::string(
            use.article->body.substr(use.sentence.start, use.sentence.end - use.sentence.start));
        ref.side = side;
        finding.claims.push_back(std::move(ref));
      }
      std::string text_of_side;
      for (const std::string& term : terms) {
        StrAppend(&text_of_side, text_of_side.empty() ? "\"" : ", \"", term, "\"");
      }
      StrAppend(&text_of_side, " (");
      for (size_t i = 0; i < sources.size(); ++i)
        StrAppend(&text_of_side, i ? ", " : "", sources[i]);
      StrAppend(&text_of_side, ")");
      StrAppend(&finding.message, finding.message.empty() ? "" : " vs ", text_of_side);
      ++side;
    }
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace parallax
