// Typed claims: what the extraction rules found in one article, with byte
// offsets into its body and the rule that made each one. This is the record
// of the claims stream (`parallax extract`, schema parallax.claim/1) and what
// clustering and comparison work from.
#ifndef PARALLAX_EXTRACT_CLAIM_H_
#define PARALLAX_EXTRACT_CLAIM_H_

#include <cstddef>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ingest/article.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"

namespace parallax {

struct Claim {
  ClaimKind kind;
  size_t start = 0;  // byte offsets into the article body, end exclusive
  size_t end = 0;
  std::string text;  // body[start, end)
  std::string value;
  std::string unit;
  std::string role;
  std::string hedge;
  std::string subject;
  std::string speaker;  // quotes and attributions
  std::optional<size_t> speaker_start;
  std::optional<size_t> speaker_end;
  std::string cue;
  // The source the speaker's words were read in: "AFP" in "the ministry
  // said ..., as cited by AFP".
  std::string via;
  std::string type;  // entities
  std::string rule;  // "rules/FILE:LINE"
  std::string rule_id;
};

// Runs the rules over an article (relative dates resolve against its
// publication date), types the results and links names, pronouns and
// speakers across its sentences (references.h). Thread-safe.
std::vector<Claim> ExtractClaims(const Article& article, const Matcher& matcher);

// The spans of an article's entity claims, which never overlap each other,
// for asking whether other words are already an entity.
class EntitySpans {
 public:
  explicit EntitySpans(const std::vector<Claim>& claims) {
    for (const Claim& c : claims) {
      if (c.kind == ClaimKind::kEntity) Add(c.start, c.end);
    }
  }
  void Add(size_t start, size_t end) { end_by_start_[start] = end; }
  // Whether [start, end) overlaps one of the spans.
  bool Overlaps(size_t start, size_t end) const {
    auto it = end_by_start_.lower_bound(end);
    return it != end_by_start_.begin() && std::prev(it)->second > start;
  }

 private:
  std::map<size_t, size_t> end_by_start_;
};

// One line of the claims stream: a compact JSON object, no newline.
std::string ClaimToJson(std::string_view article_id, const Claim& claim);

}  // namespace parallax

#endif  // PARALLAX_EXTRACT_CLAIM_H_
