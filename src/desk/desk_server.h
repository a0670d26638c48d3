// The fact-checker's desk: serves a report and keeps the reviewers'
// decisions (review_store.h).
//
//   GET  /                      the report page, with this session's token
//   GET  /api/decisions         the newest decision on each finding
//   GET  /api/decisions/ID      every decision on finding ID, oldest first
//   POST /api/decisions         {"finding","status","reason","reviewer"}
//
// It listens on 127.0.0.1 unless told otherwise. A write needs the token
// the page carries (header X-Parallax-Token), a JSON body of at most 16 KiB
// with only the known fields, and no foreign Origin; requests naming another
// Host are refused (DNS rebinding). A refused request changes nothing and
// gets a 4xx with a JSON {"error": ...} that names what was wrong.
#ifndef PARALLAX_DESK_DESK_SERVER_H_
#define PARALLAX_DESK_DESK_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "desk/review_store.h"

namespace httplib {
class Server;
}

namespace parallax {

struct DeskOptions {
  std::string report_dir;  // holds report.html
  std::string db;          // the review database (default: REPORT_DIR/reviews.db)
  std::string host = "127.0.0.1";
  // Other names reviewers reach the desk by (with host 0.0.0.0 on a newsroom
  // network); requests that name any other host are refused.
  std::vector<std::string> names;
  int port = 8700;  // 0: any free port
  size_t max_body = 16 * 1024;
};

class DeskServer {
 public:
  // Reads the report and opens the database; nothing listens yet.
  static absl::StatusOr<std::unique_ptr<DeskServer>> Create(DeskOptions options);
  ~DeskServer();

  // Binds the port; returns it (the chosen one for port 0).
  absl::StatusOr<int> Bind();
  // Serves until Stop(); call after Bind().
  void Run();
  // Thread-safe; Run() returns soon after.
  void Stop();

  const std::string& token() const { return token_; }
  ReviewStore& store() { return *store_; }

 private:
  DeskServer() = default;
  void Route();

  DeskOptions options_;
  std::string page_;  // report.html with the token and a policy that lets it call back
  std::string token_;
  int port_ = 0;
  std::unique_ptr<ReviewStore> store_;
  std::unique_ptr<httplib::Server> server_;
};

}  // namespace parallax

#endif  // PARALLAX_DESK_DESK_SERVER_H_
