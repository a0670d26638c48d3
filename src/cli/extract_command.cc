// parallax extract: the claims stream, one JSON object per line.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "extract/claim.h"
#include "ingest/corpus.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "util/parallel.h"
#include "util/strings.h"

namespace parallax::cli {
namespace {

constexpr char kExtractHelp[] = R"(Usage: parallax extract CORPUS... [--rules DIR] [--jobs N]

Reads articles as 'parallax scan' does (folders, .txt, .jsonl, '-') and prints
every claim the extraction rules find, one JSON object per line, in article
order (schema parallax.claim/1):

  {"article":"h1","kind":"date","text":"on Tuesday","start":88,"end":98,
   "value":"2025-03-11","rule":"rules/dates.rules:31"}

Offsets are bytes into the article body (after any header), end exclusive.
Relative dates resolve against the article's publication date; without one
they stay unresolved ("XXXX-12-12").

'parallax scan CORPUS --claims PATH' reads this output back instead of
extracting, so another engine can run 'parallax extract -' on each partition
of a corpus (Spark's pipe, Hadoop streaming) and one scan clusters and
compares: docs/scale-out.md.

Options:
  --rules DIR                the rule set (default: ./rules, else the
                             installed rules)
  --jobs N                   threads (default: all cores); the output is
                             identical for every N
  --max-article-bytes N      larger articles are problems (default 16777216)
  --help                     this text

Inputs that cannot be used are reported on stderr as PATH:LINE: message.

Exit status:
  0  every input was read
  1  some inputs were problems (the others were extracted)
  2  usage error
  3  the rules do not load
)";

// Articles are extracted in batches so that memory holds one batch of
// output, not the whole stream.
constexpr size_t kBatch = 1024;

}  // namespace

int RunExtract(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(
      args, {{"rules", true}, {"jobs", true}, {"max-article-bytes", true}, {"help", false}});
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()), "extract");
  if (parsed->Has("help")) {
    std::fputs(kExtractHelp, stdout);
    return kOk;
  }
  if (parsed->positionals.empty())
    return Usage("extract needs at least one CORPUS input", "extract");
  int jobs = 0;
  IngestOptions ingest;
  if (absl::Status read = ReadCorpusOptions(*parsed, &jobs, &ingest); !read.ok()) {
    return Usage(std::string(read.message()), "extract");
  }
  const std::string dir = parsed->Value("rules").value_or(DefaultRulesDir());
  RuleSetOptions rule_options;
  rule_options.check_examples = false;  // `parallax rules check` runs them
  const RuleSetLoad load = LoadRuleSet(dir, rule_options);
  if (!load.rules) {
    for (const Diagnostic& d : load.diagnostics) {
      std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
    }
    std::fprintf(stderr, "parallax: the rules in %s do not load (run 'parallax rules check')\n",
                 dir.c_str());
    return kFailure;
  }
  const Matcher matcher(*load.rules);
  // The corpus streams through a batch at a time, so any size fits.
  CorpusReader reader(parsed->positionals, ingest);
  Corpus batch;
  bool problems = false;
  std::vector<std::string> lines;
  while (reader.Next(kBatch, &batch)) {
    PrintProblems(batch.problems);
    problems = problems || !batch.problems.empty();
    lines.assign(batch.articles.size(), "");
    ParallelFor(batch.articles.size(), jobs, [&](size_t i) {
      const Article& article = batch.articles[i];
      for (const Claim& claim : ExtractClaims(article, matcher)) {
        StrAppend(&lines[i], ClaimToJson(article.id, claim), "\n");
      }
    });
    for (const std::string& text : lines) std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return problems ? kInputProblems : kOk;
}

}  // namespace parallax::cli
