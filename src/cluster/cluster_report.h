// Clusters as the report shows them: ids, dates, main entities, a `why` a
// person can check, and the pairwise evidence behind each join.
#ifndef PARALLAX_CLUSTER_CLUSTER_REPORT_H_
#define PARALLAX_CLUSTER_CLUSTER_REPORT_H_

#include <string>
#include <vector>

#include "cluster/clustering.h"
#include "report/report.h"

namespace parallax {

// Ids are "c1", "c2", ... in the clusterer's order (first date, then id).
std::vector<Cluster> DescribeClusters(const EventClusterer& clusterer,
                                      const std::vector<EventCluster>& clusters);

// A person-readable account of one cluster: its articles, and for each link
// that joined it, the score and what the two articles share.
std::string ExplainCluster(const Cluster& cluster);

}  // namespace parallax

#endif  // PARALLAX_CLUSTER_CLUSTER_REPORT_H_
