// Event clustering: which articles cover the same real-world event.
//
// Two articles join when they are close in time and share enough rare
// evidence (entities, names, quotes, figures, title words; see evidence.h).
// Each signal scores as a cosine between the two articles' keys weighted by
// rarity across the corpus (inverse document frequency), so a shared
// "Mirela Kostadin" counts far more than a shared "United States"; the
// signals add up with weights from the rule set's CLUSTER table.
//
// Never all pairs: candidate pairs come from an inverted index over the keys,
// keys held by a large share of the corpus propose none, and a key pairs an
// article only with its next few holders in date order. Links are then
// taken strongest first, joining two groups only while the event stays
// within a span of days. The result depends only on the evidence, never on
// its order.
#ifndef PARALLAX_CLUSTER_CLUSTERING_H_
#define PARALLAX_CLUSTER_CLUSTERING_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "cluster/evidence.h"
#include "rules/rule_set.h"

namespace parallax {

struct ClusterSettings {
  int window_days = 3;         // dated articles further apart never link
  int span_days = 7;           // nor does a cluster grow longer than this
  double link = 0.2;           // the score two dated articles need to link
  double link_undated = 0.25;  // the score needed when one has no date
  std::array<double, kSignalCount> weight = {1.0, 1.0, 1.0, 0.5, 0.5};
  // How many keys of the rarest kind every article counts as holding on
  // top of its own, in a cosine's norms: damps articles with few keys.
  double smoothing = 2;
  // Keys held by more than this share of the articles (and by more than
  // `common_least` of them) propose no candidate pairs; they still score.
  double common_share = 0.02;
  int common_least = 50;
  // Through one key, an article pairs with at most this many of the key's
  // next holders in date order (and as many before it): within a busy
  // window a key many hold is not what tells events apart, and all its
  // pairs would grow with the square of the articles a day.
  int neighbours = 50;
};

// The settings in the rule set's CLUSTER table, over the defaults; an error
// names the key and what was expected.
absl::StatusOr<ClusterSettings> ClusterSettingsFromRules(const RuleSet& rules);

// How much two articles share, signal by signal.
struct PairScore {
  double total = 0;
  std::array<double, kSignalCount> by_signal{};  // weighted
  std::array<std::vector<EvidenceKey>, kSignalCount> shared;
  std::optional<int> days_apart;  // absent when either has no date
};

struct Link {
  uint32_t a, b;  // evidence indices, a < b
  double score;
};

struct EventCluster {
  std::vector<uint32_t> members;  // evidence indices: dated by date, then id; undated last
  std::vector<Link> links;        // the links that joined it, strongest first
};

// The labels of many articles' keys, pooled as the articles stream in so
// that each text is kept once, not once per article: for each key, the label
// of the article that comes first in the clusterer's canonical order, which
// is the one the clusterer would pick.
class EvidenceLabels {
 public:
  // Moves the labels of `evidence`, the evidence of article number
  // `article`, into the pool; `evidence_of` gives any article's evidence by
  // number, for comparing their order.
  void Take(uint32_t article, ArticleEvidence* evidence,
            absl::FunctionRef<const ArticleEvidence&(uint32_t)> evidence_of);

 private:
  friend class EventClusterer;
  struct Label {
    std::string text;
    uint32_t article;
  };
  absl::flat_hash_map<EvidenceKey, Label> labels_;
};

class EventClusterer {
 public:
  EventClusterer(std::vector<ArticleEvidence> evidence, ClusterSettings settings);
  // For evidence whose labels went to `labels` (articles' own labels, if any
  // are left, are used too).
  EventClusterer(std::vector<ArticleEvidence> evidence, EvidenceLabels labels,
                 ClusterSettings settings);

  // Clusters in order of their first date (undated last), then first id.
  std::vector<EventCluster> Cluster() const;

  PairScore Score(uint32_t a, uint32_t b) const;
  // Inverse document frequency of a key: ln(articles / articles holding it).
  double Rarity(const EvidenceKey& key) const;
  // What a key says ("Sergei Lavrov"), or "" for quote words.
  std::string_view Label(const EvidenceKey& key) const;

  const std::vector<ArticleEvidence>& evidence() const { return evidence_; }
  const ClusterSettings& settings() const { return settings_; }

 private:
  std::vector<Link> CandidateLinks() const;

  std::vector<ArticleEvidence> evidence_;
  ClusterSettings settings_;
  absl::flat_hash_map<EvidenceKey, uint32_t> document_frequency_;
  absl::flat_hash_map<EvidenceKey, std::string> labels_;
  // Per article and signal: the sum of squared rarities (a cosine's norm).
  std::vector<std::array<double, kSignalCount>> norms_;
  double smoothing_ = 0;
};

}  // namespace parallax

#endif  // PARALLAX_CLUSTER_CLUSTERING_H_
