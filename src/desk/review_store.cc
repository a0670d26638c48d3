#include "desk/review_store.h"

#include <sqlite3.h>

#include <chrono>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

absl::Status SqliteError(sqlite3* db, std::string_view what) {
  return absl::InternalError(StrCat("review database: ", what, ": ", sqlite3_errmsg(db)));
}

absl::Status Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return absl::InternalError(StrCat("review database: ", message));
  }
  return absl::OkStatus();
}

bool IsFindingId(std::string_view id) {
  if (id.size() != 14 || !id.starts_with("f-")) return false;
  for (char c : id.substr(2)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

absl::Status CheckText(std::string_view field, std::string_view text, size_t most) {
  if (text.size() > most) {
    return absl::InvalidArgumentError(
        StrCat(field, ": at most ", most, " bytes, got ", text.size()));
  }
  if (FindInvalidUtf8(text)) return absl::InvalidArgumentError(StrCat(field, ": not valid UTF-8"));
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\n' && c != '\t') {
      return absl::InvalidArgumentError(StrCat(field, ": control characters are not allowed"));
    }
  }
  return absl::OkStatus();
}

// A statement prepared, run and finalised.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    ok_ = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement_, nullptr) ==
          SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(statement_); }
  bool ok() const { return ok_; }
  void Bind(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
  }
  int Step() { return sqlite3_step(statement_); }
  std::string Text(int column) {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<size_t>(sqlite3_column_bytes(statement_, column)))
                : std::string();
  }
  int64_t Int(int column) { return sqlite3_column_int64(statement_, column); }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  bool ok_ = false;
};

constexpr char kColumns[] = "finding, status, reason, reviewer, at, sequence";

}  // namespace

absl::Status ValidateDecision(const Decision& d) {
  if (!IsFindingId(d.finding)) {
    return absl::InvalidArgumentError("finding: expected a finding id such as f-3a9c1e07b2d4");
  }
  if (d.status != "confirmed" && d.status != "dismissed" && d.status != "follow_up") {
    return absl::InvalidArgumentError("status: expected confirmed, dismissed or follow_up");
  }
  if (auto status = CheckText("reviewer", d.reviewer, 100); !status.ok()) return status;
  if (auto status = CheckText("reason", d.reason, 2000); !status.ok()) return status;
  if (StripWhitespace(d.reviewer).empty()) {
    return absl::InvalidArgumentError("reviewer: expected who decides");
  }
  if (d.status == "dismissed" && StripWhitespace(d.reason).empty()) {
    return absl::InvalidArgumentError("reason: a dismissal needs a reason");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ReviewStore>> ReviewStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return absl::FailedPreconditionError(
        StrCat(path, ": cannot open the review database: ", message));
  }
  std::unique_ptr<ReviewStore> store(new ReviewStore(db));
  sqlite3_busy_timeout(db, 5000);
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                          "CREATE TABLE IF NOT EXISTS decisions ("
                          " sequence INTEGER PRIMARY KEY AUTOINCREMENT,"
                          " finding TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,"
                          " reviewer TEXT NOT NULL, at TEXT NOT NULL)",
                          "CREATE INDEX IF NOT EXISTS decisions_by_finding"
                          " ON decisions(finding, sequence)"}) {
    absl::Status status = Exec(db, sql);
    if (!status.ok()) return absl::FailedPreconditionError(StrCat(path, ": ", status.message()));
  }
  return store;
}

ReviewStore::~ReviewStore() { sqlite3_close(db_); }

absl::StatusOr<Decision> ReviewStore::Record(Decision decision) {
  if (absl::Status status = ValidateDecision(decision); !status.ok()) return status;
  decision.at = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  std::lock_guard<std::mutex> lock(mutex_);
  Statement insert(db_,
                   "INSERT INTO decisions (finding, status, reason, reviewer, at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!insert.ok()) return SqliteError(db_, "prepare");
  insert.Bind(1, decision.finding);
  insert.Bind(2, decision.status);
  insert.Bind(3, decision.reason);
  insert.Bind(4, decision.reviewer);
  insert.Bind(5, decision.at);
  // One statement outside a transaction is its own transaction: committed,
  // and with synchronous=FULL on disk, when it returns.
  if (insert.Step() != SQLITE_DONE) return SqliteError(db_, "insert");
  decision.sequence = sqlite3_last_insert_rowid(db_);
  return decision;
}

absl::StatusOr<std::vector<Decision>> ReviewStore::Query(std::string_view sql,
                                                         std::string_view parameter) {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement select(db_, sql);
  if (!select.ok()) return SqliteError(db_, "prepare");
  if (!parameter.empty()) select.Bind(1, parameter);
  std::vector<Decision> decisions;
  int step;
  while ((step = select.Step()) == SQLITE_ROW) {
    decisions.push_back({select.Text(0), select.Text(1), select.Text(2), select.Text(3),
                         select.Text(4), select.Int(5)});
  }
  if (step != SQLITE_DONE) return SqliteError(db_, "select");
  return decisions;
}

absl::StatusOr<std::vector<Decision>> ReviewStore::Latest() {
  return Query(StrCat("SELECT ", kColumns,
                      " FROM decisions WHERE sequence IN"
                      " (SELECT MAX(sequence) FROM decisions GROUP BY finding) ORDER BY finding"),
               "");
}

absl::StatusOr<std::vector<Decision>> ReviewStore::History(std::string_view finding) {
  if (finding.empty()) return std::vector<Decision>();
  return Query(StrCat("SELECT ", kColumns, " FROM decisions WHERE finding = ?1 ORDER BY sequence"),
               finding);
}

absl::StatusOr<std::vector<Decision>> ReviewStore::All() {
  return Query(StrCat("SELECT ", kColumns, " FROM decisions ORDER BY sequence"), "");
}

int CarryReviews(const std::vector<Decision>& latest, std::vector<Finding>* findings) {
  absl::flat_hash_map<std::string_view, const Decision*> by_finding;
  for (const Decision& d : latest) by_finding[d.finding] = &d;
  int carried = 0;
  for (Finding& finding : *findings) {
    auto it = by_finding.find(finding.id);
    if (it == by_finding.end()) continue;
    const Decision& d = *it->second;
    finding.review = Finding::Review{d.status, d.reason, d.reviewer, d.at};
    ++carried;
  }
  return carried;
}

void WriteDecisionJson(JsonWriter& json, const Decision& d) {
  json.BeginObject();
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string*>{"finding", &d.finding},
        {"status", &d.status},
        {"reason", &d.reason},
        {"reviewer", &d.reviewer},
        {"at", &d.at}}) {
    json.Key(key);
    json.String(*value);
  }
  json.Key("sequence");
  json.Int(d.sequence);
  json.EndObject();
}

}  // namespace parallax
