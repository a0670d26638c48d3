#include "cluster/cluster_report.h"

#include <algorithm>
#include <map>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "util/strings.h"

namespace parallax {
namespace {

constexpr size_t kMainEntities = 5;
constexpr size_t kWhyKeys = 3;

// Labels of the keys of one signal, rarest first, at most `limit`.
std::vector<std::string> RarestLabels(const EventClusterer& clusterer,
                                      std::vector<EvidenceKey> keys, size_t limit) {
  std::sort(keys.begin(), keys.end(), [&](const EvidenceKey& x, const EvidenceKey& y) {
    const double rx = clusterer.Rarity(x), ry = clusterer.Rarity(y);
    if (rx != ry) return rx > ry;
    return clusterer.Label(x) < clusterer.Label(y);
  });
  std::vector<std::string> labels;
  for (const EvidenceKey& key : keys) {
    if (labels.size() == limit) break;
    if (!clusterer.Label(key).empty()) labels.emplace_back(clusterer.Label(key));
  }
  return labels;
}

ClusterLink DescribeLink(const EventClusterer& clusterer, const Link& link) {
  const PairScore score = clusterer.Score(link.a, link.b);
  ClusterLink out;
  out.a = clusterer.evidence()[link.a].id;
  out.b = clusterer.evidence()[link.b].id;
  out.score = score.total;
  out.days_apart = score.days_apart;
  for (int s = 0; s < kSignalCount; ++s) {
    if (score.shared[s].empty()) continue;
    ClusterLink::Shared shared;
    shared.signal = std::string(SignalName(static_cast<Signal>(s)));
    shared.score = score.by_signal[s];
    shared.count = static_cast<int>(score.shared[s].size());
    shared.keys = RarestLabels(clusterer, score.shared[s], score.shared[s].size());
    out.shared.push_back(std::move(shared));
  }
  return out;
}

// The main entities: held by most members, then rarest.
std::vector<std::string> MainEntities(const EventClusterer& clusterer,
                                      const std::vector<uint32_t>& members) {
  std::map<EvidenceKey, int> held;
  for (uint32_t m : members) {
    for (const EvidenceKey& key : clusterer.evidence()[m].keys) {
      if (key.signal == Signal::kEntity) ++held[key];
    }
  }
  std::vector<std::pair<EvidenceKey, int>> ranked(held.begin(), held.end());
  std::sort(ranked.begin(), ranked.end(), [&](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second > y.second;
    const double rx = clusterer.Rarity(x.first), ry = clusterer.Rarity(y.first);
    if (rx != ry) return rx > ry;
    return clusterer.Label(x.first) < clusterer.Label(y.first);
  });
  std::vector<std::string> names;
  for (const auto& [key, count] : ranked) {
    if (names.size() == kMainEntities) break;
    names.emplace_back(clusterer.Label(key));
  }
  return names;
}

std::string Why(const EventClusterer& clusterer, const EventCluster& cluster,
                const Cluster& described) {
  if (cluster.members.size() == 1) {
    return described.undated.empty() ? "no other article shares enough with it"
                                     : "no other article shares enough with it; date unknown";
  }
  std::array<std::vector<EvidenceKey>, kSignalCount> shared;
  int quote_links = 0;
  for (const Link& link : cluster.links) {
    const PairScore score = clusterer.Score(link.a, link.b);
    for (int s = 0; s < kSignalCount; ++s) {
      shared[s].insert(shared[s].end(), score.shared[s].begin(), score.shared[s].end());
    }
    if (!score.shared[static_cast<int>(Signal::kQuote)].empty()) ++quote_links;
  }
  std::vector<std::string> parts;
  for (Signal signal : {Signal::kEntity, Signal::kName, Signal::kNumber}) {
    std::vector<EvidenceKey>& keys = shared[static_cast<int>(signal)];
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const std::vector<std::string> labels = RarestLabels(clusterer, keys, kWhyKeys);
    if (labels.empty()) continue;
    const char* what = signal == Signal::kEntity ? "shared entities "
                       : signal == Signal::kName ? "shared names "
                                                 : "shared figures ";
    parts.push_back(StrCat(what, absl::StrJoin(labels, ", ")));
  }
  if (quote_links > 0) parts.push_back(quote_links == 1 ? "a shared quote" : "shared quotes");
  if (described.first_date && described.last_date) {
    const int days = static_cast<int>(*described.last_date - *described.first_date);
    parts.push_back(days == 0 ? "published the same day"
                              : StrCat("published within ", days, days == 1 ? " day" : " days"));
  }
  if (!described.undated.empty()) {
    parts.push_back(StrCat(absl::StrJoin(described.undated, ", "),
                           described.undated.size() == 1 ? " has" : " have",
                           " no date and joined by content"));
  }
  return absl::StrJoin(parts, "; ");
}

}  // namespace

std::vector<Cluster> DescribeClusters(const EventClusterer& clusterer,
                                      const std::vector<EventCluster>& clusters) {
  std::vector<Cluster> out;
  out.reserve(clusters.size());
  for (const EventCluster& cluster : clusters) {
    Cluster c;
    c.id = StrCat("c", out.size() + 1);
    for (uint32_t m : cluster.members) {
      const ArticleEvidence& e = clusterer.evidence()[m];
      c.articles.push_back(e.id);
      if (!e.date) {
        c.undated.push_back(e.id);
        continue;
      }
      if (!c.first_date || *e.date < *c.first_date) c.first_date = e.date;
      if (!c.last_date || *e.date > *c.last_date) c.last_date = e.date;
    }
    c.entities = MainEntities(clusterer, cluster.members);
    for (const Link& link : cluster.links) c.links.push_back(DescribeLink(clusterer, link));
    c.why = Why(clusterer, cluster, c);
    out.push_back(std::move(c));
  }
  return out;
}

std::string ExplainCluster(const Cluster& cluster) {
  std::string out;
  const auto date = [](const std::optional<CivilDate>& d) {
    return d ? FormatIsoDate(*d) : std::string("date unknown");
  };
  StrAppend(&out, "cluster ", cluster.id, ": ", cluster.articles.size(),
            cluster.articles.size() == 1 ? " article, " : " articles, ", date(cluster.first_date));
  if (cluster.last_date != cluster.first_date) StrAppend(&out, " to ", date(cluster.last_date));
  StrAppend(&out, "\n  articles: ", absl::StrJoin(cluster.articles, ", "), "\n");
  if (!cluster.undated.empty()) {
    StrAppend(&out, "  no date (placed by content): ", absl::StrJoin(cluster.undated, ", "), "\n");
  }
  StrAppend(&out, "  entities: ",
            cluster.entities.empty() ? "none" : absl::StrJoin(cluster.entities, ", "),
            "\n  why: ", cluster.why, "\n");
  if (cluster.links.empty()) return out;
  StrAppend(&out, "  links, strongest first (each joined two groups):\n");
  for (const ClusterLink& link : cluster.links) {
    StrAppend(&out, "    ", link.a, " + ", link.b, ": score ", absl::StrFormat("%.3f", link.score),
              link.days_apart ? StrCat(", ", *link.days_apart, " days apart") : ", one has no date",
              "\n");
    for (const ClusterLink::Shared& shared : link.shared) {
      StrAppend(&out, "      ", shared.signal, " ", absl::StrFormat("%.3f", shared.score), " (",
                shared.count, " shared", shared.signal == "quote" ? " five-word runs" : "", ")");
      if (!shared.keys.empty()) StrAppend(&out, ": ", absl::StrJoin(shared.keys, ", "));
      StrAppend(&out, "\n");
    }
  }
  return out;
}

}  // namespace parallax
