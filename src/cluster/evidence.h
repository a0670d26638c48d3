// What event clustering knows of one article: its date and the keys it may
// share with articles on the same event. Built from the article and its
// claims while the text is at hand; holds no text itself, so a corpus of
// millions fits in memory.
#ifndef PARALLAX_CLUSTER_EVIDENCE_H_
#define PARALLAX_CLUSTER_EVIDENCE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/claim.h"
#include "ingest/article.h"
#include "rules/rule_set.h"
#include "util/civil_date.h"

namespace parallax {

// The kinds of key two articles can share, each weighted on its own.
enum class Signal : uint8_t {
  kEntity,  // a canonical entity the rules found ("Sergei Lavrov")
  kName,    // a capitalised name in the body the tables do not know ("East Palestine")
  kQuote,   // five words in a row inside a quotation
  kNumber,  // a figure of 20 or more that a quantity claim states
  kTitle,   // a word of the title
};
inline constexpr int kSignalCount = 5;
std::string_view SignalName(Signal signal);

struct EvidenceKey {
  Signal signal;
  uint64_t hash;  // of the key's text; stable across runs and machines
  bool operator==(const EvidenceKey&) const = default;
  auto operator<=>(const EvidenceKey&) const = default;

  template <typename H>
  friend H AbslHashValue(H h, const EvidenceKey& key) {
    return H::combine(std::move(h), key.signal, key.hash);
  }
};

struct ArticleEvidence {
  std::string id;
  std::optional<CivilDate> date;
  std::vector<EvidenceKey> keys;  // sorted, unique
  // What each key other than a quote's says ("Sergei Lavrov", "east
  // palestine", "5000"), for reports and explanations; in key order.
  std::vector<std::pair<EvidenceKey, std::string>> labels;
};

// The evidence of one article from its claims (entities, quotes, figures),
// its body (capitalised names) and its title. Words the rule set's table
// COMMON_WORD lists ("The", "Monday") are not names.
ArticleEvidence GatherEvidence(const Article& article, const std::vector<Claim>& claims,
                               const RuleSet& rules);

// The stable hash GatherEvidence uses, for tests and explanations.
uint64_t KeyHash(std::string_view text);

}  // namespace parallax

#endif  // PARALLAX_CLUSTER_EVIDENCE_H_
