#include "cluster/clustering.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "rules/settings_table.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

// Dated before undated; then by date, id and (for equal ids) keys, so the
// order never depends on how the corpus was read.
bool CanonicalBefore(const ArticleEvidence& a, const ArticleEvidence& b) {
  if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
  return std::tie(a.date, a.id, a.keys) < std::tie(b.date, b.id, b.keys);
}

std::optional<int> DaysApart(const ArticleEvidence& a, const ArticleEvidence& b) {
  if (!a.date || !b.date) return std::nullopt;
  return static_cast<int>(std::abs(*a.date - *b.date));
}

// A quotation shared word for word is strong evidence whatever else the
// articles say: this many shared five-word runs count in full.
constexpr double kQuoteRunsForFullScore = 4;

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // Joins b's set into a's.
  void Join(uint32_t a, uint32_t b) { parent_[Find(b)] = Find(a); }

 private:
  std::vector<uint32_t> parent_;
};

}  // namespace

void EvidenceLabels::Take(uint32_t article, ArticleEvidence* evidence,
                          absl::FunctionRef<const ArticleEvidence&(uint32_t)> evidence_of) {
  for (auto& [key, text] : evidence->labels) {
    auto it = labels_.find(key);
    if (it == labels_.end()) {
      labels_.emplace(key, Label{std::move(text), article});
    } else if (CanonicalBefore(*evidence, evidence_of(it->second.article))) {
      it->second = Label{std::move(text), article};
    }
  }
  evidence->labels.clear();
  evidence->labels.shrink_to_fit();
}

EventClusterer::EventClusterer(std::vector<ArticleEvidence> evidence, ClusterSettings settings)
    : EventClusterer(std::move(evidence), EvidenceLabels(), settings) {}

EventClusterer::EventClusterer(std::vector<ArticleEvidence> evidence, EvidenceLabels labels,
                               ClusterSettings settings)
    : evidence_(std::move(evidence)), settings_(settings) {
  labels_.reserve(labels.labels_.size());
  for (auto& [key, label] : labels.labels_) labels_.emplace(key, std::move(label.text));
  labels = EvidenceLabels();
  std::sort(evidence_.begin(), evidence_.end(), CanonicalBefore);
  for (ArticleEvidence& e : evidence_) {
    for (const EvidenceKey& key : e.keys) ++document_frequency_[key];
    for (auto& [key, label] : e.labels) labels_.try_emplace(key, std::move(label));
    e.labels.clear();
    e.labels.shrink_to_fit();
  }
  // As if every article held a few more keys of the rarest kind, so that an
  // article with only one or two keys of a signal cannot reach a high
  // cosine on a single shared key.
  const double rarest = std::log(static_cast<double>(std::max<size_t>(evidence_.size(), 2)));
  smoothing_ = settings_.smoothing * rarest * rarest;
  norms_.resize(evidence_.size());
  for (size_t i = 0; i < evidence_.size(); ++i) {
    for (const EvidenceKey& key : evidence_[i].keys) {
      const double r = Rarity(key);
      norms_[i][static_cast<int>(key.signal)] += r * r;
    }
  }
}

double EventClusterer::Rarity(const EvidenceKey& key) const {
  const auto it = document_frequency_.find(key);
  if (it == document_frequency_.end() || it->second == 0) return 0;
  return std::log(static_cast<double>(evidence_.size()) / it->second);
}

std::string_view EventClusterer::Label(const EvidenceKey& key) const {
  const auto it = labels_.find(key);
  return it == labels_.end() ? std::string_view() : std::string_view(it->second);
}

PairScore EventClusterer::Score(uint32_t a, uint32_t b) const {
  PairScore score;
  score.days_apart = DaysApart(evidence_[a], evidence_[b]);
  std::array<double, kSignalCount> overlap{};
  const std::vector<EvidenceKey>& ka = evidence_[a].keys;
  const std::vector<EvidenceKey>& kb = evidence_[b].keys;
  for (size_t i = 0, j = 0; i < ka.size() && j < kb.size();) {
    if (ka[i] < kb[j]) {
      ++i;
    } else if (kb[j] < ka[i]) {
      ++j;
    } else {
      const int s = static_cast<int>(ka[i].signal);
      const double r = Rarity(ka[i]);
      overlap[s] += r * r;
      score.shared[s].push_back(ka[i]);
      ++i;
      ++j;
    }
  }
  for (int s = 0; s < kSignalCount; ++s) {
    double similarity = 0;
    if (static_cast<Signal>(s) == Signal::kQuote) {
      similarity = std::min(1.0, score.shared[s].size() / kQuoteRunsForFullScore);
    } else if (overlap[s] > 0) {
      similarity =
          overlap[s] / std::sqrt((norms_[a][s] + smoothing_) * (norms_[b][s] + smoothing_));
    }
    score.by_signal[s] = settings_.weight[s] * similarity;
    score.total += score.by_signal[s];
  }
  return score;
}

std::vector<Link> EventClusterer::CandidateLinks() const {
  const size_t n = evidence_.size();
  const double common =
      std::max<double>(settings_.common_least, settings_.common_share * static_cast<double>(n));
  // Inverted index over the keys that can propose pairs; postings are in
  // canonical (date) order, so the date window ends a scan early.
  absl::flat_hash_map<EvidenceKey, std::vector<uint32_t>> postings;
  for (uint32_t i = 0; i < n; ++i) {
    for (const EvidenceKey& key : evidence_[i].keys) {
      const uint32_t df = document_frequency_.at(key);
      if (df >= 2 && df <= common) postings[key].push_back(i);
    }
  }
  const size_t neighbours = static_cast<size_t>(settings_.neighbours);
  // Whether `key` can propose the pair (a, b), a < b: a key many articles
  // hold proposes pairs of dated articles only (below), and only of holders
  // at most `neighbours` apart in its postings.
  const auto proposes = [&](const EvidenceKey& key, uint32_t a, uint32_t b) {
    const uint32_t df = document_frequency_.at(key);
    if (df < 2 || df > common ||
        (!(evidence_[a].date && evidence_[b].date) &&
         df > static_cast<uint32_t>(settings_.common_least))) {
      return false;
    }
    if (df <= neighbours) return true;
    const std::vector<uint32_t>& holders = postings.at(key);
    const auto pos_a = std::lower_bound(holders.begin(), holders.end(), a);
    return std::lower_bound(pos_a, holders.end(), b) - pos_a <= static_cast<ptrdiff_t>(neighbours);
  };
  // A pair sharing several keys is scored once, through the first of them
  // that proposes it, with no set of the pairs seen (it would grow with the
  // corpus).
  const auto first_proposer = [&](const EvidenceKey& key, uint32_t a, uint32_t b) {
    const std::vector<EvidenceKey>& ka = evidence_[a].keys;
    const std::vector<EvidenceKey>& kb = evidence_[b].keys;
    for (auto x = ka.begin(), y = kb.begin(); x != ka.end() && y != kb.end();) {
      if (*x < *y) {
        ++x;
      } else if (*y < *x) {
        ++y;
      } else {
        if (*x == key) return true;
        if (proposes(*x, a, b)) return false;
        ++x;
        ++y;
      }
    }
    return false;
  };
  std::vector<Link> links;
  const double least = std::min(settings_.link, settings_.link_undated);
  for (const auto& [key, articles] : postings) {
    // Dated articles come first, by date; past the window, skip to the undated.
    const size_t undated = static_cast<size_t>(
        std::partition_point(articles.begin(), articles.end(),
                             [&](uint32_t i) { return evidence_[i].date.has_value(); }) -
        articles.begin());
    // Undated articles pair only through keys few articles hold: through a
    // figure or name that many dated articles share, each undated one would
    // pair with all of them, and the work would grow with the square of the
    // corpus.
    const size_t end =
        articles.size() <= static_cast<size_t>(settings_.common_least) ? articles.size() : undated;
    for (size_t x = 0; x < end; ++x) {
      for (size_t y = x + 1; y < end && y - x <= neighbours; ++y) {
        const uint32_t a = articles[x], b = articles[y];
        const std::optional<int> apart = DaysApart(evidence_[a], evidence_[b]);
        if (apart && *apart > settings_.window_days) {
          if (end == undated) break;
          y = undated - 1;  // the loop's ++y lands on the first undated one
          continue;
        }
        if (!first_proposer(key, a, b)) continue;
        const double score = Score(a, b).total;
        if (score >= least) links.push_back({a, b, score});
      }
    }
  }
  return links;
}

std::vector<EventCluster> EventClusterer::Cluster() const {
  std::vector<Link> links = CandidateLinks();
  auto stronger = [](const Link& x, const Link& y) {
    return std::tie(y.score, x.a, x.b) < std::tie(x.score, y.a, y.b);
  };
  std::sort(links.begin(), links.end(), stronger);
  const size_t n = evidence_.size();
  const auto dated = [&](uint32_t i) { return evidence_[i].date.has_value(); };
  UnionFind sets(n);
  std::vector<std::vector<Link>> joined_by(n);  // per set root
  auto join = [&](uint32_t root, uint32_t other, const Link& link) {
    sets.Join(root, other);
    joined_by[root].insert(joined_by[root].end(), joined_by[other].begin(), joined_by[other].end());
    joined_by[root].push_back(link);
    joined_by[other].clear();
  };

  // 1. Dated articles, strongest links first, while each event stays within
  // its span of days.
  std::vector<CivilDate> first(n), last(n);  // per set root, dated ones only
  for (size_t i = 0; i < n; ++i) {
    if (dated(i)) first[i] = last[i] = *evidence_[i].date;
  }
  for (const Link& link : links) {
    if (!dated(link.a) || !dated(link.b) || link.score < settings_.link) continue;
    const uint32_t ra = sets.Find(link.a), rb = sets.Find(link.b);
    if (ra == rb) continue;
    const CivilDate lo = std::min(first[ra], first[rb]), hi = std::max(last[ra], last[rb]);
    if (hi - lo > settings_.span_days) continue;
    join(ra, rb, link);
    first[ra] = lo;
    last[ra] = hi;
  }

  // 2. Each undated article joins the dated event it shares most with on
  // average over the event's articles (one strong pair is not enough: an
  // undated follow-up resembles the first day's reports too), if that mean
  // clears the stricter bar. Decided against step 1's events only, so the
  // order of undated articles does not matter.
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> members_of_root;
  for (uint32_t i = 0; i < n; ++i) {
    if (dated(i)) members_of_root[sets.Find(i)].push_back(i);
  }
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> dated_candidates;  // undated -> dated
  for (const Link& link : links) {
    if (dated(link.a) != dated(link.b)) {
      dated_candidates[dated(link.a) ? link.b : link.a].push_back(dated(link.a) ? link.a : link.b);
    }
  }
  struct Attachment {
    uint32_t root, article;
    Link link;  // the strongest pair between them
  };
  std::vector<Attachment> attachments;
  for (uint32_t u = 0; u < n; ++u) {
    const auto candidates = dated_candidates.find(u);
    if (dated(u) || candidates == dated_candidates.end()) continue;
    std::vector<uint32_t> roots;
    for (uint32_t d : candidates->second) roots.push_back(sets.Find(d));
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
    double best_mean = settings_.link_undated;
    std::optional<Attachment> best;
    for (uint32_t root : roots) {
      double sum = 0;
      Link strongest{0, 0, -1};
      for (uint32_t m : members_of_root[root]) {
        const double score = Score(std::min(u, m), std::max(u, m)).total;
        sum += score;
        if (score > strongest.score) strongest = {std::min(u, m), std::max(u, m), score};
      }
      const double mean = sum / static_cast<double>(members_of_root[root].size());
      if (mean >= best_mean) {
        best_mean = mean;
        best = Attachment{root, u, strongest};
      }
    }
    if (best) attachments.push_back(*best);
  }
  for (const Attachment& a : attachments) join(a.root, a.article, a.link);

  // 3. Undated articles that joined no event group among themselves.
  for (const Link& link : links) {
    if (dated(link.a) || dated(link.b) || link.score < settings_.link_undated) continue;
    const uint32_t ra = sets.Find(link.a), rb = sets.Find(link.b);
    if (ra == rb || members_of_root.contains(ra) || members_of_root.contains(rb)) continue;
    join(ra, rb, link);
  }

  absl::flat_hash_map<uint32_t, size_t> cluster_of_root;
  std::vector<EventCluster> clusters;
  for (uint32_t i = 0; i < n; ++i) {  // canonical order: clusters come out sorted
    const uint32_t root = sets.Find(i);
    auto [it, added] = cluster_of_root.try_emplace(root, clusters.size());
    if (added) {
      clusters.emplace_back();
      clusters.back().links = std::move(joined_by[root]);
      std::sort(clusters.back().links.begin(), clusters.back().links.end(), stronger);
    }
    clusters[it->second].members.push_back(i);
  }
  return clusters;
}

absl::StatusOr<ClusterSettings> ClusterSettingsFromRules(const RuleSet& rules) {
  ClusterSettings settings;
  SettingsTable table("CLUSTER");
  table.Whole("window days", &settings.window_days)
      .Whole("span days", &settings.span_days)
      .Number("link", &settings.link)
      .Number("link undated", &settings.link_undated);
  for (int s = 0; s < kSignalCount; ++s) {
    table.Number(StrCat("weight ", SignalName(static_cast<Signal>(s))), &settings.weight[s]);
  }
  table.Number("smoothing", &settings.smoothing)
      .Number("common share", &settings.common_share)
      .Whole("common least", &settings.common_least)
      .Whole("neighbours", &settings.neighbours);
  PARALLAX_RETURN_IF_ERROR(table.Read(rules));
  return settings;
}

}  // namespace parallax
