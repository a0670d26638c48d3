#include "extract/references.h"

#include <algorithm>
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

// "Lavrov" -> the person named in full ("Sergei Lavrov") elsewhere in the
// article: the nearest full name before it, else the first one after it.
// Surnames the rules did not find are added as entity claims of the rule that
// found the full name.
void ResolveSurnames(std::string_view body, std::vector<Claim>* claims) {
  std::vector<Claim> full_names;
  for (const Claim& c : *claims) {
    if (IsPerson(c) && c.text.find(' ') != std::string::npos) full_names.push_back(c);
  }
  if (full_names.empty()) return;
  auto full_name_for = [&](std::string_view surname, size_t at) -> const Claim* {
    const Claim* before = nullptr;
    const Claim* after = nullptr;
    for (const Claim& full : full_names) {
      if (LastWord(full.text) != surname) continue;
      if (full.start < at) {
        before = &full;
      } else if (after == nullptr) {
        after = &full;
      }
    }
    return before != nullptr ? before : after;
  };
  for (Claim& c : *claims) {
    // An alias table may already have named the person in full.
    if (!IsPerson(c) || c.text.find(' ') != std::string::npos || c.value != c.text) continue;
    if (const Claim* full = full_name_for(c.text, c.start)) c.value = full->value;
  }
  auto covered = [&](size_t start, size_t end) {
    return std::any_of(claims->begin(), claims->end(), [&](const Claim& c) {
      return c.kind == ClaimKind::kEntity && c.start < end && start < c.end;
    });
  };
  std::vector<Claim> added;
  for (const Claim& full : full_names) {
    const std::string_view surname = LastWord(full.text);
    for (size_t at = body.find(surname); at != std::string_view::npos;
         at = body.find(surname, at + 1)) {
      const size_t end = at + surname.size();
      if (!IsWholeWord(body, at, end) || covered(at, end)) continue;
      if (std::any_of(added.begin(), added.end(), [&](const Claim& a) { return a.start == at; })) {
        continue;
      }
      const Claim* named = full_name_for(surname, at);
      Claim claim = *named;
      claim.start = at;
      claim.end = end;
      claim.text = std::string(surname);
      added.push_back(std::move(claim));
    }
  }
  if (added.empty()) return;
  claims->insert(claims->end(), std::make_move_iterator(added.begin()),
                 std::make_move_iterator(added.end()));
  std::stable_sort(claims->begin(), claims->end(),
                   [](const Claim& a, const Claim& b) { return a.start < b.start; });
}

void ResolveSpeakers(const RuleSet& rules, std::vector<Claim>* claims) {
  // Speakers already resolved, in text order: (surface, canonical).
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
      const size_t limit = std::min(s_start, c.start);
      const Claim* last = nullptr;
      for (const Claim& e : *claims) {
        if (IsPerson(e) && e.end <= limit) last = &e;
      }
      c.speaker = last != nullptr ? last->value : std::string();
    } else if (referring == "determiner" && space != std::string::npos) {
      // "the Foreign Ministry" after "Russia's Foreign Ministry".
      const std::string_view rest = std::string_view(surface).substr(space + 1);
      for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
        const std::string& prior = it->first;
        if (prior.size() > rest.size() && prior.ends_with(rest) &&
            prior[prior.size() - rest.size() - 1] == ' ') {
          c.speaker = it->second;
          break;
        }
      }
    } else {
      // The person entity that ends the speaker's words: "Foreign Minister
      // Sergei Lavrov" is Sergei Lavrov; "Lavrov" after him, too.
      for (const Claim& e : *claims) {
        if (IsPerson(e) && e.end == s_end && e.start >= s_start) c.speaker = e.value;
      }
    }
    earlier.emplace_back(surface, c.speaker);
  }
}

}  // namespace

void ResolveReferences(const RuleSet& rules, std::string_view body, std::vector<Claim>* claims) {
  ResolveSurnames(body, claims);
  ResolveSpeakers(rules, claims);
}

}  // namespace parallax
