// parallax reviews export: the review database for newsroom tooling.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "desk/review_store.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace parallax::cli {
namespace {

constexpr char kReviewsHelp[] =
    R"(Usage: parallax reviews export FILE [--format csv|jsonl] [--latest]

Prints the decisions in the review database FILE (parallax serve --db), oldest
first: every decision, or with --latest only the newest on each finding.

  csv    a header row, then finding,status,reason,reviewer,at,sequence
         (RFC 4180 quoting)
  jsonl  one JSON object per decision with the same fields (the default)

Exit status:
  0  exported
  2  usage error
  3  the database cannot be read
)";

// RFC 4180: quoted when it holds a comma, a quote or a line break.
std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

int RunReviews(const std::vector<std::string>& args) {
  absl::StatusOr<ParsedArgs> parsed =
      ParseArgs(args, {{"format", true}, {"latest", false}, {"help", false}});
  if (!parsed.ok()) return Usage(std::string(parsed.status().message()), "reviews");
  if (parsed->Has("help")) {
    std::fputs(kReviewsHelp, stdout);
    return kOk;
  }
  if (parsed->positionals.size() != 2 || parsed->positionals[0] != "export") {
    return Usage("expected 'reviews export FILE'", "reviews");
  }
  const std::string format = parsed->Value("format").value_or("jsonl");
  if (format != "csv" && format != "jsonl") {
    return Usage(StrCat("--format is csv or jsonl, not '", format, "'"), "reviews");
  }
  const std::string& path = parsed->positionals[1];
  if (FILE* exists = std::fopen(path.c_str(), "rb")) {
    std::fclose(exists);
  } else {
    std::fprintf(stderr, "parallax: %s: no such review database\n", path.c_str());
    return kFailure;
  }
  absl::StatusOr<std::unique_ptr<ReviewStore>> store = ReviewStore::Open(path);
  absl::StatusOr<std::vector<Decision>> decisions =
      !store.ok()             ? absl::StatusOr<std::vector<Decision>>(store.status())
      : parsed->Has("latest") ? (*store)->Latest()
                              : (*store)->All();
  if (!decisions.ok()) {
    std::fprintf(stderr, "parallax: %s\n", std::string(decisions.status().message()).c_str());
    return kFailure;
  }
  std::string out;
  if (format == "csv") out = "finding,status,reason,reviewer,at,sequence\r\n";
  for (const Decision& d : *decisions) {
    if (format == "csv") {
      StrAppend(&out, CsvField(d.finding), ",", CsvField(d.status), ",", CsvField(d.reason), ",",
                CsvField(d.reviewer), ",", CsvField(d.at), ",", d.sequence, "\r\n");
      continue;
    }
    JsonWriter json(&out, JsonWriter::kCompact);
    WriteDecisionJson(json, d);
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kOk;
}

}  // namespace parallax::cli
