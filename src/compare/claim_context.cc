#include "compare/claim_context.h"

#include <algorithm>

#include "rules/settings_table.h"
#include "rules/tolerance.h"
#include "text/words.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

bool Contains(const Claim& outer, const Claim& inner) {
  return outer.start <= inner.start && inner.end <= outer.end && &outer != &inner;
}

// The value of the longest run of words ending at `end` (exclusive index
// into `words`, at most three words) that is a key of `table`, and the index
// of its first word.
const std::string* LookupBefore(const RuleSet& rules, std::string_view table,
                                const std::vector<Word>& words, size_t end, size_t* first) {
  for (size_t n = std::min<size_t>(3, end); n >= 1; --n) {
    std::string key;
    for (size_t i = end - n; i < end; ++i) {
      if (!key.empty()) key += ' ';
      key += words[i].folded;
    }
    if (const std::string* value = rules.Lookup(table, key)) {
      *first = end - n;
      return value;
    }
  }
  return nullptr;
}

// "the offensive began on Tuesday" -> ("offensive start", "offensive began").
void DateSubject(const RuleSet& rules, std::string_view body, const TextSpan& sentence,
                 const Claim& claim, ClaimContext* context) {
  if (claim.start < sentence.start) return;
  const std::string_view before = body.substr(sentence.start, claim.start - sentence.start);
  const std::vector<Word> words = SplitWords(before);
  size_t end = words.size();
  size_t first = 0;
  if (end > 0 && LookupBefore(rules, "DATE_PREPOSITION", words, end, &first)) end = first;
  const std::string* verb = LookupBefore(rules, "EVENT_VERB", words, end, &first);
  if (verb == nullptr) return;
  const size_t verb_first = first;
  // The event named shortly before the verb: "hostilities that began".
  for (size_t i = verb_first; i > 0 && verb_first - i < 6; --i) {
    size_t noun_first = 0;
    if (const std::string* noun = LookupBefore(rules, "EVENT_NOUN", words, i, &noun_first)) {
      context->subject = StrCat(*noun, " ", *verb);
      context->subject_text =
          StrCat(before.substr(words[noun_first].span.start,
                               words[i - 1].span.end - words[noun_first].span.start),
                 " ",
                 before.substr(words[verb_first].span.start,
                               words[end - 1].span.end - words[verb_first].span.start));
      return;
    }
  }
}

// "38 cars derailed" -> "derailed".
void CountSubject(const RuleSet& rules, std::string_view body, const TextSpan& sentence,
                  const Claim& claim, ClaimContext* context) {
  if (claim.end > sentence.end) return;
  const std::vector<Word> words = SplitWords(body.substr(claim.end, sentence.end - claim.end));
  for (size_t i = 0; i < words.size() && i < 3; ++i) {
    if (const std::string* verb = rules.Lookup("COUNT_VERB", words[i].folded)) {
      context->subject = *verb;
      context->subject_text = words[i].folded;
      return;
    }
  }
}

}  // namespace

absl::StatusOr<CompareSettings> CompareSettingsFromRules(const RuleSet& rules) {
  CompareSettings settings;
  PARALLAX_RETURN_IF_ERROR(SettingsTable("COMPARE")
                               .Whole("background days", &settings.background_days)
                               .Number("update rise", &settings.update_rise, 1)
                               .Whole("quote min words", &settings.quote_min_words)
                               .Read(rules));
  return settings;
}

std::vector<ClaimContext> ReadClaimContexts(const ArticleClaims& article, const RuleSet& rules,
                                            const CompareSettings& settings,
                                            std::optional<CivilDate> reference) {
  const std::vector<Sentence> sentences = SplitSentences(article.body);
  const std::vector<Claim>& claims = article.claims;
  std::vector<ClaimContext> contexts(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    contexts[i].sentence = SentenceContaining(sentences, claims[i].start);
  }
  // The date nearest a claim in its sentence says when it happened: "rose
  // to over 20,000 on Thursday, deadlier than the 1999 earthquake, which
  // killed about 17,000" puts 17,000 in 1999 and 20,000 now. And who a
  // sentence credits.
  // Claims are in text order, so a sentence's claims are one run.
  size_t run_start = 0;
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& claim = claims[i];
    ClaimContext& context = contexts[i];
    if (!(contexts[run_start].sentence == context.sentence)) run_start = i;
    size_t run_end = i + 1;
    while (run_end < claims.size() && contexts[run_end].sentence == context.sentence) ++run_end;
    const Claim* nearest_date = nullptr;
    size_t nearest_gap = 0;
    for (size_t j = run_start; j < run_end; ++j) {
      const Claim& other = claims[j];
      if (j == i) continue;
      if (other.kind == ClaimKind::kDate) {
        const size_t gap = other.end <= claim.start   ? claim.start - other.end
                           : claim.end <= other.start ? other.start - claim.end
                                                      : 0;
        if (nearest_date == nullptr || gap < nearest_gap) {
          nearest_date = &other;
          nearest_gap = gap;
        }
      }
      const bool credits = (other.kind == ClaimKind::kAttribution &&
                            (other.cue == "according_to" || Contains(other, claim))) ||
                           (other.kind == ClaimKind::kQuote && Contains(other, claim));
      if (credits && context.attributed_to.empty() && !other.speaker.empty()) {
        context.attributed_to = other.speaker;
      }
    }
    if (nearest_date != nullptr && reference) {
      auto range = ResolvedDateRange(nearest_date->value);
      context.background = range.ok() && *reference - range->second > settings.background_days;
    }
    context.voice = context.attributed_to.empty() ? "asserted" : "attributed";
    const std::string_view sentence =
        article.body.substr(context.sentence.start, context.sentence.end - context.sentence.start);
    for (const Word& word : SplitWords(sentence)) {
      if (rules.Lookup("UPDATE_CUE", word.folded)) {
        context.update_cue = true;
        break;
      }
    }
    if (!claim.subject.empty()) {
      context.subject = FoldWords(claim.subject);
      context.subject_text = claim.subject;
    } else if (claim.kind == ClaimKind::kDate) {
      DateSubject(rules, article.body, context.sentence, claim, &context);
    } else if (claim.kind == ClaimKind::kQuantity && claim.role.empty()) {
      CountSubject(rules, article.body, context.sentence, claim, &context);
    }
  }
  return contexts;
}

}  // namespace parallax
