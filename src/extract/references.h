// Who a name, a pronoun or "the ministry" refers to inside one article.
//
// Extraction rules see one sentence at a time; a fact-checker reads an
// article. This pass links what the rules found across its sentences:
//
//   - a person named by surname alone ("Lavrov") is the person named in full
//     elsewhere in the article ("Sergei Lavrov"), and takes that canonical
//     name; an organization's name without the country before it ("the
//     Foreign Ministry") is the one named in full ("Russia's Foreign
//     Ministry"); such mentions the rules did not find become entity claims;
//   - a quote's or attribution's speaker becomes the canonical entity: the
//     person entity that ends the speaker's words ("Foreign Minister Sergei
//     Lavrov"); for a pronoun ("he said"), the person last named before it;
//     for a definite description ("the Foreign Ministry"), the earlier
//     speaker it shortens ("Russia's Foreign Ministry").
//
// Which words are pronouns and determiners comes from the rule set's table
// REFERRING_WORD (word -> pronoun | determiner); without it only names are
// linked. A pronoun with no person before it leaves the speaker unknown
// (empty) rather than guessed.
#ifndef PARALLAX_EXTRACT_REFERENCES_H_
#define PARALLAX_EXTRACT_REFERENCES_H_

#include <vector>

#include "extract/claim.h"
#include "rules/rule_set.h"

namespace parallax {

// `claims` are those of the article `body`, in text order; values and
// speakers are rewritten in place (spans and surface text are kept), and
// later mentions of a surname are added as entity claims.
void ResolveReferences(const RuleSet& rules, std::string_view body, std::vector<Claim>* claims);

}  // namespace parallax

#endif  // PARALLAX_EXTRACT_REFERENCES_H_
