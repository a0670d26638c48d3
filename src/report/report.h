// The report: everything a scan found, as plain values, ready for the
// writers (json_report.h, markdown_report.h, html_report.h).
//
// The writers decide nothing; they print what is here. The field names follow
// the report contract (parallax.report/1).
#ifndef PARALLAX_REPORT_REPORT_H_
#define PARALLAX_REPORT_REPORT_H_

#include <array>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/article.h"
#include "rules/rule_set.h"

namespace parallax {

inline constexpr char kReportSchema[] = "parallax.report/1";

// "parallax 0.1.0".
std::string GeneratedBy();

struct RulesInfo {
  std::string dir;     // as given with --rules
  std::string digest;  // sha256 over the rule set's files
  int files = 0;
};

// An article as the report shows it: its metadata and what the scan measured,
// not its body.
struct ArticleEntry {
  std::string id;
  std::string path;
  std::optional<std::string> source;
  std::optional<CivilDate> date;
  DateOrigin date_origin = DateOrigin::kUnknown;
  std::optional<std::string> title;
  std::optional<std::string> url;
  size_t body_bytes = 0;
  int paragraphs = 0;
  int sentences = 0;
  int quotations = 0;
  // Claims the rules made, by kind, in ClaimKind order (date, duration,
  // quantity, quote, attribution, entity).
  std::array<int, kClaimKindCount> claim_counts{};
};

// One source's side of a finding: an exact span of one article.
struct ClaimRef {
  std::string article;  // article id
  std::string text;     // the bytes [start, end) of the body
  size_t start = 0;
  size_t end = 0;
  std::optional<std::string> value;
  std::string sentence;  // the whole sentence around the span
  // Claims of one finding with the same side agree with each other: the
  // two values of a conflict are sides 0 and 1, an update's reports 0, 1,
  // 2 ... in date order, a framing's word sets 0, 1, ...
  int side = 0;
};

struct Finding {
  std::string id;  // "f-" + hex; stable across runs
  std::string kind;
  std::string severity;  // high | medium | low
  std::string cluster;
  std::string subject;
  std::string message;
  std::string rule;    // rules/FILE:LINE
  std::string aspect;  // optional refinement of the kind ("fact_vs_attributed")
  std::vector<ClaimRef> claims;
  // For quote variants: how the second wording differs from the first, run
  // by run ("same", "added", "dropped", "changed").
  struct DiffPart {
    std::string op;
    std::string a;
    std::string b;
  };
  std::vector<DiffPart> diff;
  // A reviewer's latest decision on this finding id, carried from the review
  // database (`scan --reviews`); absent for a finding no one has reviewed.
  struct Review {
    std::string status;  // confirmed | dismissed | follow_up
    std::string reason;
    std::string reviewer;
    std::string at;
  };
  std::optional<Review> review;
};

// Why two articles of a cluster were joined: the pairwise evidence.
struct ClusterLink {
  std::string a, b;  // article ids
  double score = 0;
  std::optional<int> days_apart;  // absent when either has no date
  // Per signal ("entity", "name", "quote", "number", "title"): its weighted
  // score and what the two share (quote words are counted, not listed).
  struct Shared {
    std::string signal;
    double score = 0;
    std::vector<std::string> keys;
    int count = 0;
  };
  std::vector<Shared> shared;
};

struct Cluster {
  std::string id;
  std::vector<std::string> articles;  // article ids
  std::optional<CivilDate> first_date;
  std::optional<CivilDate> last_date;
  std::vector<std::string> entities;
  std::string why;
  std::vector<std::string> undated;  // members placed by content alone
  std::vector<ClusterLink> links;    // strongest first
};

// A paragraph of an article that holds a finding's claim, so the HTML
// view can show each claim in its paragraph; one copy per paragraph however
// many claims it holds. Not part of report.json.
struct Passage {
  std::string article;  // article id
  size_t start = 0;     // byte offset of `text` in the body
  std::string text;
};

struct Report {
  RulesInfo rules;
  std::vector<std::string> inputs;  // what the command line named
  // A deque, so that a corpus of millions grows it without copying.
  std::deque<ArticleEntry> articles;
  std::vector<Problem> problems;
  std::vector<Cluster> clusters;
  std::vector<Finding> findings;
  std::vector<Passage> passages;  // by article id, then start
};

}  // namespace parallax

#endif  // PARALLAX_REPORT_REPORT_H_
