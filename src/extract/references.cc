#include "extract/references.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "util/utf8.h"

namespace parallax {
namespace {

std::string_view LastWord(std::string_view text) {
  const size_t space = text.find_last_of(' ');
  return space == std::string_view::npos ? text : text.substr(space + 1);
}

bool IsPerson(const Claim& c) { return c.kind == ClaimKind::kEntity && c.type == "person"; }

// What REFERRING_WORD says `word` is ("pronoun", "determiner"), or "".
std::string_view ReferringKind(const RuleSet& rules, std::string_view word) {
  const std::string* kind = rules.Lookup(
      "REFERRING_WORD", absl::AsciiStrToLower(absl::string_view(word.data(), word.size())));
  return kind == nullptr ? std::string_view() : std::string_view(*kind);
}

// Whether body[start, end) is a whole word.
bool IsWholeWord(std::string_view body, size_t start, size_t end) {
  const bool before = start > 0 && IsWordCodePoint(DecodeUtf8Before(body, start));
  const bool after = end < body.size() && IsWordCodePoint(DecodeUtf8At(body, end));
  return !before && !after;
}

// The short form a later mention may use for an entity named in full: a
// person's surname ("Lavrov"), an organization's name without the country
// before it ("Foreign Ministry" of "Russia's Foreign Ministry"); "" if none.
std::string_view ShortForm(const Claim& c) {
  const size_t space = c.text.find(' ');
  if (space == std::string::npos || c.kind != ClaimKind::kEntity) return {};
  if (c.type == "person") return LastWord(c.text);
  const std::string_view rest = std::string_view(c.text).substr(space + 1);
  if (c.type == "organization" && rest.find(' ') != std::string_view::npos) return rest;
  return {};
}

// The entities named in full in an article, by short form, in text order.
class FullNames {
 public:
  explicit FullNames(const std::vector<Claim>& claims) {
    for (const Claim& c : claims) {
      if (const std::string_view short_form = ShortForm(c); !short_form.empty()) {
        by_short_form_[std::string(short_form)].push_back(&c);
      }
    }
  }

  bool empty() const { return by_short_form_.empty(); }

  // The nearest full name with this short form before `at`, else the first one
  // after it; nullptr when the article has none.
  const Claim* For(std::string_view short_form, size_t at) const {
    auto it = by_short_form_.find(std::string(short_form));
    if (it == by_short_form_.end()) return nullptr;
    const std::vector<const Claim*>& named = it->second;
    auto after = std::lower_bound(named.begin(), named.end(), at,
                                  [](const Claim* c, size_t pos) { return c->start < pos; });
    if (after != named.begin()) return *(after - 1);
    return *after;
  }

  const std::map<std::string, std::vector<const Claim*>>& by_short_form() const {
    return by_short_form_;
  }

 private:
  std::map<std::string, std::vector<const Claim*>> by_short_form_;
};

// "Lavrov" -> the person named in full ("Sergei Lavrov") elsewhere in the
// article; "the Foreign Ministry" -> "Russia's Foreign Ministry". Short forms
// the rules did not find are added as entity claims of the rule that found
// the full name.
void ResolveShortForms(std::string_view body, std::vector<Claim>* claims) {
  std::vector<Claim> added;
  {
    const FullNames full_names(*claims);
    if (full_names.empty()) return;
    for (Claim& c : *claims) {
      // An alias table may already have named the person in full.
      if (!IsPerson(c) || c.text.find(' ') != std::string::npos || c.value != c.text) continue;
      if (const Claim* full = full_names.For(c.text, c.start)) c.value = full->value;
    }
    EntitySpans entities(*claims);
    for (const auto& [short_form, named] : full_names.by_short_form()) {
      for (size_t at = body.find(short_form); at != std::string_view::npos;
           at = body.find(short_form, at + 1)) {
        const size_t end = at + short_form.size();
        if (!IsWholeWord(body, at, end) || entities.Overlaps(at, end)) continue;
        Claim claim = *full_names.For(short_form, at);
        claim.start = at;
        claim.end = end;
        claim.text = short_form;
        added.push_back(std::move(claim));
        entities.Add(at, end);
      }
    }
  }
  if (added.empty()) return;
  claims->insert(claims->end(), std::make_move_iterator(added.begin()),
                 std::make_move_iterator(added.end()));
  std::stable_sort(claims->begin(), claims->end(),
                   [](const Claim& a, const Claim& b) { return a.start < b.start; });
}

void ResolveSpeakers(const RuleSet& rules, std::vector<Claim>* claims) {
  // Persons by where they end, for "the person last named before".
  std::map<size_t, std::string> persons;
  // Organizations by where they end: "The Russian Foreign Ministry" and
  // "Russia's Foreign Ministry" speak as one.
  std::map<size_t, std::string> organizations;
  for (const Claim& c : *claims) {
    if (IsPerson(c)) persons[c.end] = c.value;
    if (c.kind == ClaimKind::kEntity && c.type == "organization") organizations[c.end] = c.value;
  }
  auto named_at = [&](size_t end) -> const std::string* {
    if (auto it = persons.find(end); it != persons.end()) return &it->second;
    if (auto it = organizations.find(end); it != organizations.end()) return &it->second;
    return nullptr;
  };
  // Speakers seen so far, in text order: (surface, canonical). A short
  // description looks back at the last few only.
  constexpr size_t kLookBack = 20;
  std::vector<std::pair<std::string, std::string>> earlier;
  for (Claim& c : *claims) {
    if (c.kind != ClaimKind::kQuote && c.kind != ClaimKind::kAttribution) continue;
    if (!c.speaker_start || c.speaker.empty()) continue;
    const size_t s_start = *c.speaker_start;
    const size_t s_end = *c.speaker_end;
    const std::string surface = c.speaker;
    const size_t space = surface.find(' ');
    const std::string_view first_word = std::string_view(surface).substr(0, space);
    const std::string_view referring = ReferringKind(rules, first_word);
    if (referring == "pronoun" && space == std::string::npos) {
      // The person last named before the speaker or the quote.
      auto it = persons.upper_bound(std::min(s_start, c.start));
      c.speaker = it == persons.begin() ? std::string() : std::prev(it)->second;
    } else if (referring == "determiner" && space != std::string::npos) {
      // "the Foreign Ministry" after "Russia's Foreign Ministry".
      const std::string_view rest = std::string_view(surface).substr(space + 1);
      const size_t oldest = earlier.size() > kLookBack ? earlier.size() - kLookBack : 0;
      bool found = false;
      for (size_t k = earlier.size(); k-- > oldest && !found;) {
        const std::string& prior = earlier[k].first;
        if (prior.size() > rest.size() && prior.ends_with(rest) &&
            prior[prior.size() - rest.size() - 1] == ' ') {
          c.speaker = earlier[k].second;
          found = true;
        }
      }
      // Else a name of its own: "The Russian Foreign Ministry".
      if (const std::string* named = named_at(s_end); !found && named) c.speaker = *named;
    } else if (const std::string* named = named_at(s_end)) {
      // The entity that ends the speaker's words: "Foreign Minister Sergei
      // Lavrov" is Sergei Lavrov; "Lavrov" after him, too.
      c.speaker = *named;
    }
    earlier.emplace_back(surface, c.speaker);
  }
}

}  // namespace

void ResolveReferences(const RuleSet& rules, std::string_view body, std::vector<Claim>* claims) {
  ResolveShortForms(body, claims);
  ResolveSpeakers(rules, claims);
}

}  // namespace parallax
