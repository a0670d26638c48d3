#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/commands.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace parallax::cli {

std::string DefaultRulesDir() {
  std::error_code error;
  if (std::filesystem::is_directory("rules", error)) return "rules";
  return PARALLAX_INSTALLED_RULES_DIR;
}

int Usage(const std::string& message, const char* help_command) {
  std::fprintf(stderr, "parallax: %s\nRun 'parallax help%s%s' for usage.\n", message.c_str(),
               help_command[0] ? " " : "", help_command);
  return kUsage;
}

absl::Status ReadCorpusOptions(const ParsedArgs& args, int* jobs, IngestOptions* ingest) {
  *jobs = DefaultJobs();
  if (auto value = args.Value("jobs")) {
    absl::StatusOr<long long> n = ParsePositive("jobs", *value);
    if (!n.ok()) return n.status();
    *jobs = static_cast<int>(std::min<long long>(*n, 1024));
  }
  ingest->jobs = *jobs;
  return ReadPositive(args, "max-article-bytes", &ingest->max_article_bytes);
}

void PrintProblems(const std::vector<Problem>& problems) {
  for (const Problem& problem : problems) {
    const std::string where =
        problem.line ? StrCat(problem.path, ":", *problem.line) : problem.path;
    std::fprintf(stderr, "parallax: problem: %s: %s\n", where.c_str(), problem.message.c_str());
  }
}

}  // namespace parallax::cli
