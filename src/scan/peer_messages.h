// What the processes of a shared scan (peers.h) send each other, and their
// encodings: each article's record once its claims are extracted, from the
// process that extracted it to process 0; clusters to compare, from process
// 0 to the others; and what comparing them found, back. Never a body: each
// process reads the bodies it needs from the inputs.
#ifndef PARALLAX_SCAN_PEER_MESSAGES_H_
#define PARALLAX_SCAN_PEER_MESSAGES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "cluster/evidence.h"
#include "ingest/article.h"
#include "report/report.h"

namespace parallax {

// Where an article's record is in its input, to read its body again
// (CorpusReader::ReadBodyAgain), and the hash of the body that was
// extracted, to tell whether it is still that body.
struct RecordLocation {
  int body_line = 1;
  uint64_t record_offset = 0;
  uint64_t record_bytes = 0;
  uint64_t body_hash = 0;  // BodyHash(body)
  bool operator==(const RecordLocation&) const = default;
};

// What a scan keeps of an article once its claims are extracted: its report
// entry, its clustering evidence, where to read it again and its claims
// encoded without their text.
struct ArticleRecord {
  ArticleEntry entry;
  ArticleEvidence evidence;  // with its labels; its id is entry.id
  RecordLocation location;
  std::string claims;  // EncodeClaims (claim_spill.h)
};

// The records of one batch of articles, with the problems met reading it,
// each after how many of the articles it was met (so that joined batches
// keep input order), and how many lines of JSON Lines it read.
struct RecordBatch {
  std::vector<ArticleRecord> articles;
  std::vector<std::pair<size_t, Problem>> problems;
  int lines = 0;
};

// A hash of an article's body that every process of a job computes alike
// (absl::Hash is seeded per process), to tell when a file changed between
// extraction and comparison.
uint64_t BodyHash(std::string_view body);

// The batch as bytes, and back; decoding checks every length, and fails on
// bytes that are not an encoded batch.
std::string EncodeRecordBatch(const RecordBatch& batch);
absl::StatusOr<RecordBatch> DecodeRecordBatch(std::string_view bytes);

// One article of a cluster to compare, as any process can compare it: where
// to read its body again, what comparison names it by, and its claims.
struct MemberToCompare {
  std::string id;
  std::string path;
  std::string source;  // the source's name, or the id
  std::optional<CivilDate> date;
  RecordLocation location;
  std::string claims;  // EncodeClaims
};

struct ClusterToCompare {
  std::string id;  // "c12"
  std::vector<MemberToCompare> members;
};

// What comparing one cluster gave.
struct ClusterResult {
  std::vector<Finding> findings;
  std::vector<Passage> passages;
  std::vector<Problem> problems;
};

std::string EncodeClusters(const std::vector<ClusterToCompare>& clusters);
absl::StatusOr<std::vector<ClusterToCompare>> DecodeClusters(std::string_view bytes);
std::string EncodeClusterResults(const std::vector<ClusterResult>& results);
absl::StatusOr<std::vector<ClusterResult>> DecodeClusterResults(std::string_view bytes);

}  // namespace parallax

#endif  // PARALLAX_SCAN_PEER_MESSAGES_H_
