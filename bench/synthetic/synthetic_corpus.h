// A synthetic news corpus with known events and known disagreements, for
// measuring clustering and comparison at scale: N articles of 2 to 8 KB
// over events of varied size, each event with its own made-up town, people,
// relief committee, counts and quotations, mentioned beside background
// entities every event shares (the United Nations, made-up countries). A
// report has a dateline or none, a lead with the toll and the day, and a
// varying number of paragraphs in an order of its own: quotations in several
// orders, reported words, further counts, money, ages and years, relative
// and absolute dates, background on the town and the region. Some articles
// are undated, some are wire copies of another source's story, and some
// events happen weeks apart in the same town, so that precision is tested as
// well as recall.
//
// The reports of an event agree on everything comparison looks at, except
// in a share of the events of two reports or more, where one report (not a
// copy's source) disagrees in one way whose finding is known: a toll that
// does not overlap the others', the day put earlier, the quotation given to
// another speaker or worded differently, a world figure's name respelled
// (Planted()).
//
// Deterministic: article i depends only on the seed and i, so articles can
// be made on any thread in any order, one at a time, and never all be held.
#ifndef PARALLAX_BENCH_SYNTHETIC_SYNTHETIC_CORPUS_H_
#define PARALLAX_BENCH_SYNTHETIC_SYNTHETIC_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cluster/clustering.h"
#include "extract/claim.h"
#include "ingest/article.h"
#include "report/report.h"

namespace parallax {

struct SyntheticOptions {
  uint64_t seed = 1;
  size_t articles = 1000;
  double mean_event_size = 6;  // articles per event, on average
  double undated_share = 0.05;
  double wire_copy_share = 0.1;   // articles that copy an earlier one of their event
  double same_town_share = 0.15;  // events in the town of an event weeks earlier
  int events_per_day = 0;         // 0: about articles / 2,000, at least 2
  double planted_share = 0.2;     // events of two or more reports with a disagreement
};

// B-cubed precision and recall of a clustering against the true events.
struct BCubedScore {
  double precision = 0;
  double recall = 0;
  double f1() const {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  }
};

// A disagreement planted in one event's reports: the finding comparison
// should report for it.
struct PlantedFinding {
  uint32_t event = 0;
  std::string kind;     // the finding kind: "quantity_conflict", "date_conflict", ...
  std::string article;  // id of the report that disagrees with the others
  bool operator==(const PlantedFinding&) const = default;
};

// Findings against the planted ones: a finding matches a planted one of its
// kind when the disagreeing report is among its claims' articles.
struct FindingScore {
  size_t planted = 0;
  size_t found = 0;
  size_t planted_found = 0;  // planted findings some finding matches
  size_t found_planted = 0;  // findings that match some planted finding
  double recall() const { return planted ? double(planted_found) / double(planted) : 1; }
  double precision() const { return found ? double(found_planted) / double(found) : 1; }
};

// One article with the claims the extractor gives for it (entities with their
// canonical names, the quote, the casualty count), at their byte offsets.
struct SyntheticArticle {
  Article article;
  std::vector<Claim> claims;
  uint32_t event = 0;
};

class SyntheticCorpus {
 public:
  explicit SyntheticCorpus(SyntheticOptions options);

  size_t size() const { return event_of_.size(); }
  size_t event_count() const { return event_count_; }
  uint32_t EventOf(size_t article) const { return event_of_[article]; }

  // Article `i` (0-based): id "a0000042", its text and claims.
  SyntheticArticle Make(size_t i) const;

  // How `clusters` of `clusterer`, whose evidence is this corpus's articles
  // (in any order), score against the events.
  BCubedScore Score(const EventClusterer& clusterer,
                    const std::vector<EventCluster>& clusters) const;
  // The same for a report's clusters (articles by id).
  BCubedScore ScoreClusters(const std::vector<Cluster>& clusters) const;

  // Every planted disagreement, in event order; made from the seed alone,
  // without making articles.
  std::vector<PlantedFinding> Planted() const;
  FindingScore ScoreFindings(const std::vector<Finding>& findings) const;

 private:
  struct Event;
  struct Plan;
  struct Plant;
  Event EventAt(uint32_t event) const;
  // What article `i` is, drawn without making its text: a copy or not,
  // dated or not, its day and source.
  Plan PlanOf(size_t i) const;
  // The disagreement planted in `event`, if any.
  Plant PlantAt(uint32_t event) const;
  size_t EventEnd(uint32_t event) const;  // one past its last article

  SyntheticOptions options_;
  std::vector<uint32_t> event_of_;  // article -> event, events in order
  std::vector<uint32_t> first_of_;  // event -> its first article
  size_t event_count_ = 0;
};

// One line of JSONL in the project's input format (id, source, date, title,
// text), for `parallax scan`.
std::string ToJsonl(const Article& article);

// B-cubed precision and recall of a predicted clustering against the truth,
// both given as a label per item.
BCubedScore BCubed(const std::vector<uint32_t>& truth, const std::vector<uint32_t>& predicted);

}  // namespace parallax

#endif  // PARALLAX_BENCH_SYNTHETIC_SYNTHETIC_CORPUS_H_
