// parallax_accuracy: runs Parallax's extractor over the public dev sets in
// ../shared/eval (Duckling, Recognizers-Text, chrono) and prints value
// accuracy per file and per group, against the targets. A measurement: it
// exits 0 whatever the accuracy. What is scored and how:
// bench/accuracy/README.md.
//
//   build/acc/bench/parallax_accuracy [--eval DIR] [--rules DIR] [--file NAME]
//                                     [--failures FILE] [--out DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "accuracy/eval_sets.h"
#include "accuracy/report.h"
#include "extract/claim.h"
#include "ingest/article.h"
#include "rules/diagnostics.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "util/file.h"
#include "util/strings.h"

namespace parallax::accuracy {
namespace {

constexpr int kExitUsage = 2;

constexpr char kUsage[] =
    "usage: parallax_accuracy [--eval DIR] [--rules DIR] [--file NAME] [--failures FILE]\n"
    "                         [--out DIR]\n"
    "\n"
    "Runs the extractor over the eval sets and prints value accuracy per file and group.\n"
    "  --eval DIR       the eval sets (default: ../shared/eval beside the checkout)\n"
    "  --rules DIR      the rule set (default: the checkout's rules/)\n"
    "  --file NAME      only this eval file (\"time_en.tsv\", \"duckling/time_en\")\n"
    "  --failures FILE  write every failed row as TSV, for rule writers\n"
    "  --out DIR        write DIR/accuracy.json and DIR/accuracy.md\n"
    "Exit status: 0 whatever the accuracy; 2 on bad usage or unreadable input.\n";

struct Options {
  std::string eval_dir = PARALLAX_SOURCE_DIR "/../shared/eval";
  std::string rules_dir = PARALLAX_SOURCE_DIR "/rules";
  std::string file;
  std::string failures;
  std::string out_dir;
  bool help = false;
};

// The field that `--name` sets; nullptr for an unknown name.
std::string* OptionField(Options* options, std::string_view name) {
  if (name == "eval") return &options->eval_dir;
  if (name == "rules") return &options->rules_dir;
  if (name == "file") return &options->file;
  if (name == "failures") return &options->failures;
  if (name == "out") return &options->out_dir;
  return nullptr;
}

// "--name VALUE" or "--name=VALUE".
absl::StatusOr<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      options.help = true;
      continue;
    }
    if (arg.substr(0, 2) != "--") {
      return absl::InvalidArgumentError(StrCat("unexpected argument \"", arg, "\""));
    }
    const size_t equals = arg.find('=');
    const std::string_view name =
        arg.substr(2, equals == std::string_view::npos ? arg.npos : equals - 2);
    std::string* field = OptionField(&options, name);
    if (!field) return absl::InvalidArgumentError(StrCat("unknown option \"--", name, "\""));
    if (equals != std::string_view::npos) {
      *field = std::string(arg.substr(equals + 1));
    } else if (i + 1 < argc) {
      *field = argv[++i];
    } else {
      *field = "";
    }
    if (field->empty()) return absl::InvalidArgumentError(StrCat("--", name, " needs a value"));
  }
  return options;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Every *.tsv below `dir`, as paths relative to it, sorted.
absl::StatusOr<std::vector<std::string>> FindEvalFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return absl::NotFoundError(StrCat(dir, ": not a folder of eval sets"));
  }
  std::vector<std::string> names;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error) && it->path().extension() == ".tsv") {
      names.push_back(it->path().lexically_relative(dir).generic_string());
    }
  }
  if (error) return absl::UnavailableError(StrCat(dir, ": ", error.message()));
  std::sort(names.begin(), names.end());
  return names;
}

// --file matches a relative path or a file name, with or without ".tsv".
bool MatchesFileOption(std::string_view name, std::string_view option) {
  const size_t slash = name.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  for (std::string_view candidate : {name, base}) {
    if (candidate == option || candidate == StrCat(option, ".tsv")) return true;
  }
  return false;
}

// TSV cells hold no tabs or line breaks.
std::string Cell(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// date "on 2/15" = 2013-02-15 (rules/dates.rules:31), ...
std::string DescribeClaims(const std::vector<Claim>& claims) {
  std::string out;
  for (const Claim& claim : claims) {
    StrAppend(&out, out.empty() ? "" : " | ", ClaimKindName(claim.kind), " \"", claim.text,
              "\" = ", claim.value);
    if (!claim.hedge.empty()) StrAppend(&out, " hedge=", claim.hedge);
    StrAppend(&out, " (", claim.rule, ")");
  }
  return out.empty() ? "(no claims)" : out;
}

std::string DescribeExpected(const EvalCase& c) {
  const Expectation& e = c.expectation;
  if (e.type != Expectation::kNothing) return c.expected;
  std::string kinds;
  for (ClaimKind kind : e.forbidden) {
    StrAppend(&kinds, kinds.empty() ? "" : " or ", ClaimKindName(kind));
  }
  return StrCat("NONE: no ", kinds, e.only_ranges_forbidden ? " range" : "");
}

class FailureLog {
 public:
  void Add(const std::string& file, const EvalCase& c, const std::vector<Claim>& claims) {
    StrAppend(&tsv_, Cell(file), "\t", c.line, "\t", GroupName(c.group), "\t", Cell(c.text), "\t",
              Cell(DescribeExpected(c)), "\t", Cell(c.span_text), "\t",
              Cell(DescribeClaims(claims)), "\n");
  }
  std::string Text() const {
    return StrCat("file\tline\tgroup\ttext\texpected\tspan\tclaims\n", tsv_);
  }

 private:
  std::string tsv_;
};

FileResult ScoreFile(const EvalFile& file, const Matcher& matcher, FailureLog* failures) {
  FileResult result{file.name, file.primary_group, {}, file.skipped};
  for (const EvalCase& c : file.cases) {
    Article article;
    article.id = StrCat(file.name, ":", c.line);
    article.body = c.text;
    article.date = c.ref;
    const std::vector<Claim> claims = ExtractClaims(article, matcher);
    const CaseResult scored = ScoreCase(c, claims);
    result.groups[c.group].Add(scored);
    if (!scored.correct) failures->Add(file.name, c, claims);
  }
  return result;
}

void PrintError(const std::string& message) {
  std::fprintf(stderr, "parallax_accuracy: %s\n", message.c_str());
}

// Scores every selected file into `report`; false when one could not be read.
bool ScoreFiles(const std::vector<std::string>& names, const Options& options,
                const Matcher& matcher, AccuracyReport* report, FailureLog* failures) {
  bool all_read = true;
  for (const std::string& name : names) {
    absl::StatusOr<EvalFile> file = LoadEvalFile(options.eval_dir + "/" + name, name);
    if (!file.ok()) {
      PrintError(std::string(file.status().message()));
      ++report->problems;
      all_read = false;
      continue;
    }
    for (const std::string& problem : file->problems) PrintError("problem: " + problem);
    report->problems += static_cast<int>(file->problems.size());
    report->files.push_back(ScoreFile(*file, matcher, failures));
  }
  return all_read;
}

absl::Status WriteOutputs(const Options& options, const AccuracyReport& report,
                          const std::string& markdown, const FailureLog& failures) {
  if (!options.failures.empty()) {
    if (absl::Status s = WriteFileAtomically(options.failures, failures.Text()); !s.ok()) return s;
  }
  if (options.out_dir.empty()) return absl::OkStatus();
  std::error_code error;
  std::filesystem::create_directories(options.out_dir, error);
  if (error) return absl::UnavailableError(StrCat(options.out_dir, ": ", error.message()));
  if (absl::Status s = WriteFileAtomically(options.out_dir + "/accuracy.json", RenderJson(report));
      !s.ok()) {
    return s;
  }
  return WriteFileAtomically(options.out_dir + "/accuracy.md", markdown);
}

std::unique_ptr<const RuleSet> LoadRules(const std::string& dir) {
  RuleSetLoad load = LoadRuleSet(dir);
  if (!load.rules) {
    for (const Diagnostic& d : load.diagnostics)
      std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
    PrintError(StrCat("the rule set in ", dir, " does not load"));
  }
  return std::move(load.rules);
}

int Run(const Options& options) {
  const auto load_start = std::chrono::steady_clock::now();
  std::unique_ptr<const RuleSet> rules = LoadRules(options.rules_dir);
  if (!rules) return kExitUsage;
  const Matcher matcher(*rules);
  AccuracyReport report;
  report.rules_dir = options.rules_dir;
  report.rules_digest = rules->digest();
  report.eval_dir = std::filesystem::path(options.eval_dir).lexically_normal().string();
  report.load_seconds = SecondsSince(load_start);

  const auto run_start = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<std::string>> names = FindEvalFiles(options.eval_dir);
  if (!names.ok()) {
    PrintError(std::string(names.status().message()));
    return kExitUsage;
  }
  if (!options.file.empty()) {
    std::erase_if(*names,
                  [&](const std::string& n) { return !MatchesFileOption(n, options.file); });
  }
  if (names->empty()) {
    PrintError(options.file.empty() ? StrCat("no *.tsv files in ", options.eval_dir)
                                    : StrCat("no eval file named \"", options.file, "\""));
    return kExitUsage;
  }
  FailureLog failures;
  const bool all_read = ScoreFiles(*names, options, matcher, &report, &failures);
  report.run_seconds = SecondsSince(run_start);

  const std::string markdown = RenderMarkdown(report);
  std::fputs(markdown.c_str(), stdout);
  if (absl::Status s = WriteOutputs(options, report, markdown, failures); !s.ok()) {
    PrintError(std::string(s.message()));
    return kExitUsage;
  }
  return all_read ? 0 : kExitUsage;
}

}  // namespace
}  // namespace parallax::accuracy

int main(int argc, char** argv) {
  using namespace parallax::accuracy;
  absl::StatusOr<Options> options = ParseOptions(argc, argv);
  if (!options.ok()) {
    std::fprintf(stderr, "parallax_accuracy: %s\n%s",
                 std::string(options.status().message()).c_str(), kUsage);
    return kExitUsage;
  }
  if (options->help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  return Run(*options);
}
