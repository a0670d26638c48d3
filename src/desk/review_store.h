// Reviewers' decisions on findings, kept in a SQLite database so that they
// survive restarts and the next scan.
//
// Every decision is a new row, never an update: two reviewers deciding on
// one finding leave both in its history, and the newest is its status. The
// database runs in WAL mode with full synchronisation and each decision is
// one transaction, so a decision that Record() acknowledged is on disk even
// if the process is killed the next moment. Several processes may share the
// file (SQLite's locking, with a busy timeout); one store is thread-safe.
#ifndef PARALLAX_DESK_REVIEW_STORE_H_
#define PARALLAX_DESK_REVIEW_STORE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "report/report.h"
#include "util/json_writer.h"

struct sqlite3;

namespace parallax {

struct Decision {
  std::string finding;   // "f-" and 12 hex digits
  std::string status;    // confirmed | dismissed | follow_up
  std::string reason;    // required when dismissed
  std::string reviewer;  // who decided
  std::string at;        // when it was recorded, ISO 8601 UTC; set by the store
  int64_t sequence = 0;  // the order of recording; set by the store
};

// Whether a decision can be recorded: a finding id of the report's form, a
// known status, a reviewer, a reason for a dismissal, valid UTF-8 without
// control characters, and sizes within bounds. The message names the field.
absl::Status ValidateDecision(const Decision& decision);

class ReviewStore {
 public:
  // Opens the database at `path`, creating it and its table if needed.
  static absl::StatusOr<std::unique_ptr<ReviewStore>> Open(const std::string& path);
  ~ReviewStore();
  ReviewStore(const ReviewStore&) = delete;
  ReviewStore& operator=(const ReviewStore&) = delete;

  // Validates and stores one decision; returns it with `at` and `sequence`.
  absl::StatusOr<Decision> Record(Decision decision);
  // The newest decision on each finding, by finding id.
  absl::StatusOr<std::vector<Decision>> Latest();
  // Every decision on one finding, oldest first.
  absl::StatusOr<std::vector<Decision>> History(std::string_view finding);
  // Every decision, oldest first (for export).
  absl::StatusOr<std::vector<Decision>> All();

 private:
  explicit ReviewStore(sqlite3* db) : db_(db) {}
  absl::StatusOr<std::vector<Decision>> Query(std::string_view sql, std::string_view parameter);

  std::mutex mutex_;
  sqlite3* db_;
};

// Puts each finding's latest decision (`latest`, as Latest() gives them)
// on it, by finding id; returns how many findings got one. A finding whose
// claims changed since has a new id and stays unreviewed.
int CarryReviews(const std::vector<Decision>& latest, std::vector<Finding>* findings);

// One decision as a JSON object: finding, status, reason, reviewer, at,
// sequence (the desk's API and `reviews export --format jsonl`).
void WriteDecisionJson(JsonWriter& json, const Decision& decision);

}  // namespace parallax

#endif  // PARALLAX_DESK_REVIEW_STORE_H_
