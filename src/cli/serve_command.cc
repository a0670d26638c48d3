// parallax serve: the fact-checker's desk over one report folder.
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "desk/desk_server.h"
#include "util/strings.h"

namespace parallax::cli {
namespace {

constexpr char kServeHelp[] =
    R"(Usage: parallax serve REPORT_DIR [--db FILE] [--port N] [--host ADDR] [--name HOST,...]

Serves REPORT_DIR/report.html to reviewers and keeps their decisions
(confirmed, dismissed with a reason, follow-up) in a SQLite database, one
transaction per decision: every acknowledged decision survives a crash.

Options:
  --db FILE      the review database (default: REPORT_DIR/reviews.db)
  --port N       the port (default 8700; 0 picks a free one)
  --host ADDR    the address to listen on (default 127.0.0.1: this machine
                 only; 0.0.0.0 for every network the machine is on)
  --name HOST,...
                 other names reviewers reach the desk by, such as
                 desk.newsroom.example; requests naming other hosts are
                 refused, so that no other site can call the desk
  --help         this text

Exit status:
  0  stopped by a signal
  2  usage error
  3  the report or the database cannot be opened, or the port is taken
)";

DeskServer* running = nullptr;

void StopOnSignal(int) {
  if (running != nullptr) running->Stop();
}

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(
      args, {{"db", true}, {"port", true}, {"host", true}, {"name", true}, {"help", false}});
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()), "serve");
  if (parsed->Has("help")) {
    std::fputs(kServeHelp, stdout);
    return kOk;
  }
  if (parsed->positionals.size() != 1) return Usage("serve needs one REPORT_DIR", "serve");
  DeskOptions options;
  options.report_dir = parsed->positionals[0];
  options.db = parsed->Value("db").value_or("");
  options.host = parsed->Value("host").value_or(options.host);
  if (auto names = parsed->Value("name")) {
    options.names = absl::StrSplit(*names, ',', absl::SkipEmpty());
  }
  if (auto port = parsed->Value("port")) {
    if (!absl::SimpleAtoi(*port, &options.port) || options.port < 0 || options.port > 65535) {
      return Usage(StrCat("--port expects a number from 0 to 65535, got '", *port, "'"), "serve");
    }
  }
  absl::StatusOr<std::unique_ptr<DeskServer>> desk = DeskServer::Create(options);
  if (!desk.ok()) {
    std::fprintf(stderr, "parallax: %s\n", std::string(desk.status().message()).c_str());
    return kFailure;
  }
  absl::StatusOr<int> port = (*desk)->Bind();
  if (!port.ok()) {
    std::fprintf(stderr, "parallax: %s\n", std::string(port.status().message()).c_str());
    return kFailure;
  }
  running = desk->get();
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  std::printf(
      "parallax: serving %s at http://%s:%d/ (decisions in %s)\n", options.report_dir.c_str(),
      options.host.c_str(), *port,
      options.db.empty() ? (options.report_dir + "/reviews.db").c_str() : options.db.c_str());
  std::fflush(stdout);
  (*desk)->Run();
  running = nullptr;
  return kOk;
}

}  // namespace parallax::cli
