// The parallax subcommands. Each parses its own options, calls the library
// and prints; it returns the process exit status.
#ifndef PARALLAX_CLI_COMMANDS_H_
#define PARALLAX_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "cli/args.h"
#include "ingest/corpus.h"

namespace parallax::cli {

// Exit statuses, documented in each command's --help.
enum ExitCode {
  kOk = 0,
  kInputProblems = 1,  // scan: report written, some inputs were problems;
                       // rules check: the rule set has errors
  kUsage = 2,          // bad command line
  kFailure = 3,        // nothing written: rules that do not load, unwritable output
};

int RunScan(const std::vector<std::string>& args);
int RunRules(const std::vector<std::string>& args);
int RunExtract(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunReviews(const std::vector<std::string>& args);

// ./rules when it exists, else the rule set installed with parallax.
std::string DefaultRulesDir();

// Reads the options every corpus-reading command shares: --jobs (default:
// all cores, at most 1024) into `jobs` and --max-article-bytes into
// `ingest`. InvalidArgument names the option and what it expects.
absl::Status ReadCorpusOptions(const ParsedArgs& args, int* jobs, IngestOptions* ingest);

// Prints each input problem on stderr as "parallax: problem: PATH[:LINE]: message".
void PrintProblems(const std::vector<Problem>& problems);

// Prints "parallax: MESSAGE" and where to find help; returns kUsage.
int Usage(const std::string& message, const char* help_command);

}  // namespace parallax::cli

#endif  // PARALLAX_CLI_COMMANDS_H_
