// What a scan keeps of each article once its claims are extracted, as the
// process that extracted them sends it to the process that keeps them all:
// the article's report entry, its clustering evidence, where to read it
// again and its claims encoded without their text. Never the body.
#ifndef PARALLAX_SCAN_ARTICLE_RECORD_H_
#define PARALLAX_SCAN_ARTICLE_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "cluster/evidence.h"
#include "ingest/article.h"
#include "report/report.h"

namespace parallax {

struct ArticleRecord {
  ArticleEntry entry;
  ArticleEvidence evidence;  // with its labels; its id is entry.id
  int body_line = 1;
  uint64_t record_offset = 0;
  uint64_t record_bytes = 0;
  uint64_t body_hash = 0;  // BodyHash(body)
  std::string claims;      // EncodeClaims (claim_spill.h)
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

}  // namespace parallax

#endif  // PARALLAX_SCAN_ARTICLE_RECORD_H_
