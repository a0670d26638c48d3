// parallax: the command line. Each command parses its options, calls one
// library function and prints; the work happens in the library.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "report/report.h"
#include "util/strings.h"

namespace parallax::cli {
namespace {

constexpr char kMainHelp[] = R"(parallax: find where news sources disagree about the same event.

Usage:
  parallax scan CORPUS... --out DIR [options]   read a corpus and write reports
  parallax extract CORPUS... [--rules DIR]       print the claims, one JSON per line
  parallax serve REPORT_DIR [--db FILE]         review a report's findings in a browser
  parallax reviews export FILE [--format F]     the review decisions as csv or jsonl
  parallax rules check [--rules DIR]            load the rules, run their examples
  parallax rules explain TEXT [--date D]        show what every rule does with TEXT
  parallax help [COMMAND]                       show help
  parallax --version

CORPUS is any mix of folders (searched recursively for *.txt and *.jsonl),
text articles, JSON Lines files (one article per line) and '-' (JSON Lines on
standard input).

Run 'parallax help COMMAND' for the options of a command.
)";

int Dispatch(const std::string& command, const std::vector<std::string>& args) {
  if (command == "scan") return RunScan(args);
  if (command == "rules") return RunRules(args);
  if (command == "extract") return RunExtract(args);
  if (command == "serve") return RunServe(args);
  if (command == "reviews") return RunReviews(args);
  return Usage(StrCat("unknown command '", command, "'"), "");
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kMainHelp, stderr);
    return kUsage;
  }
  const std::string command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--version" || command == "version") {
    std::printf("%s\n", GeneratedBy().c_str());
    return kOk;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    if (rest.empty()) {
      std::fputs(kMainHelp, stdout);
      return kOk;
    }
    return Dispatch(rest[0], {"--help"});
  }
  return Dispatch(command, rest);
}

}  // namespace
}  // namespace parallax::cli

int main(int argc, char** argv) { return parallax::cli::Main(argc, argv); }
