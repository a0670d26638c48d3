// A property test of the rule-file parser and loader: a few thousand inputs
// made by mutating the shipped rule files and by splicing random fragments
// of the rule language, random bytes and invalid UTF-8. For every input,
// LoadRuleSetFromTexts must return (no crash, no hang) either a rule set and
// no error, or no rule set and at least one error, every diagnostic pointing
// into a file it was given with a message. Loading is deterministic, and
// CRLF line ends change no diagnostic.
#include <algorithm>
#include <filesystem>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rules/diagnostics.h"
#include "rules/rule_file.h"
#include "rules/rule_set.h"
#include "testing/test_util.h"

namespace parallax {
namespace {

namespace fs = std::filesystem;

using Files = std::vector<std::pair<std::string, std::string>>;

// The shipped rule files as (display path, text), e.g. "rules/dates.rules".
Files ShippedRuleFiles() {
  const fs::path root = fs::path(PARALLAX_SOURCE_DIR) / "rules";
  Files files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".rules") {
      files.emplace_back("rules/" + fs::relative(entry.path(), root).generic_string(),
                         testing::ReadFileOrDie(entry.path().string()));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Pieces of the rule language and of things that break it.
constexpr std::string_view kFragments[] = {
    "@",
    "{",
    "}",
    "(",
    ")",
    "|",
    "/",
    "\"",
    "\t",
    ":",
    "=",
    "->",
    "=>",
    "\n  ",
    "\n",
    "\n\n",
    "#",
    " # ",
    "?",
    "[",
    "]",
    ",",
    " vs ",
    "\\",
    "\r",
    "\r\n",
    "*",
    "%",
    "+-",
    "\u00B1",
    "\u201C",
    "\u201D",
    "\u2019",
    std::string_view("\0", 1),
    "\xff",
    "\xc3",
    "\xe2\x80",
    "\xed\xa0\x80",
    "\xc0\xaf",
    "version 1\n",
    "version 2\n",
    "test-ref 2023-",
    "include ",
    "table T\n",
    "  a | b = c\n",
    "piece @",
    "piece @P = ",
    "rule x.y\n",
    "  kind: date\n",
    "  kind: quantity\n",
    "  match: ",
    "  value: value=",
    "  priority: -",
    "  span: ",
    "  scope: paragraph\n",
    "  example: \"",
    "  counter: \"",
    "veto v\n  removes: ",
    "compare c\n  kind: date\n  tolerance: ",
    "  finding: f\n  severity: low\n",
    "frame f\n  set a: x\n  set b: y\n",
    "  set ",
    "@NUMBER",
    "@HEDGE",
    "{n:",
    "{h:@HEDGE}?",
    "/(a)/",
    "/(?:",
    "/\\d+/",
    "number(",
    "interval(",
    "date(",
    "ROLE[",
    "NUMBER_WORD",
    "inf)",
    "[1,2]",
    " => removes ",
    "  example:  \"x\" -> ",
};

class InputMaker {
 public:
  InputMaker(uint32_t seed, Files seeds) : rng_(seed), seeds_(std::move(seeds)) {}

  size_t Below(size_t n) {
    return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_);
  }
  bool OneIn(size_t n) { return Below(n) == 0; }

  std::string Fragment() {
    if (OneIn(4)) {
      std::string bytes;
      const size_t n = 1 + Below(4);
      for (size_t i = 0; i < n; ++i) bytes += static_cast<char>(Below(256));
      return bytes;
    }
    if (OneIn(4)) {
      // A word from a seed file.
      const std::string& text = seeds_[Below(seeds_.size())].second;
      const size_t start = Below(text.size());
      return text.substr(start, 1 + Below(12));
    }
    return std::string(kFragments[Below(std::size(kFragments))]);
  }

  // A text built from fragments only, often after a valid version line.
  std::string RandomText() {
    std::string text = OneIn(3) ? "" : "version 1\n";
    const size_t n = 1 + Below(40);
    for (size_t i = 0; i < n; ++i) {
      text += Fragment();
      if (OneIn(3)) text += ' ';
    }
    return text;
  }

  // A seed file with a few random edits.
  std::string Mutate(std::string text) {
    const size_t edits = 1 + Below(3);
    for (size_t e = 0; e < edits; ++e) {
      std::vector<std::string> lines = Lines(text);
      switch (Below(9)) {
        case 0:
          text.insert(Below(text.size() + 1), Fragment());
          break;
        case 1:
          if (!text.empty()) text.erase(Below(text.size()), 1 + Below(20));
          break;
        case 2:
          if (!text.empty()) text[Below(text.size())] = static_cast<char>(Below(256));
          break;
        case 3: {  // duplicate a line
          const size_t i = Below(lines.size());
          lines.insert(lines.begin() + i, lines[i]);
          text = Join(lines);
          break;
        }
        case 4:  // delete a line
          lines.erase(lines.begin() + Below(lines.size()));
          text = Join(lines);
          break;
        case 5:  // swap two lines
          std::swap(lines[Below(lines.size())], lines[Below(lines.size())]);
          text = Join(lines);
          break;
        case 6:
          text.resize(Below(text.size() + 1));
          break;
        case 7: {  // a line from another file
          const std::vector<std::string> other = Lines(seeds_[Below(seeds_.size())].second);
          lines.insert(lines.begin() + Below(lines.size() + 1), other[Below(other.size())]);
          text = Join(lines);
          break;
        }
        case 8: {  // re-indent a line
          std::string& line = lines[Below(lines.size())];
          const size_t indent = line.find_first_not_of(' ');
          line = std::string(Below(5), ' ') +
                 (indent == std::string::npos ? std::string() : line.substr(indent));
          text = Join(lines);
          break;
        }
      }
    }
    return text;
  }

  const Files& seeds() const { return seeds_; }

 private:
  static std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (true) {
      const size_t end = text.find('\n', start);
      lines.push_back(text.substr(start, end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return lines;
  }

  static std::string Join(const std::vector<std::string>& lines) {
    std::string text;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) text += '\n';
      text += lines[i];
    }
    return text;
  }

  std::mt19937 rng_;
  Files seeds_;
};

std::string Describe(const Files& files) {
  std::string out;
  for (const auto& [path, text] : files) {
    out += path + ": \"" + absl::CHexEscape(text) + "\"\n";
  }
  return out;
}

std::vector<std::string> Format(const RuleSetLoad& load) {
  std::vector<std::string> lines;
  for (const Diagnostic& d : load.diagnostics) lines.push_back(FormatDiagnostic(d));
  return lines;
}

// Where a diagnostic points must lie in the file: a line of it, a column
// from 1. (Columns may pass the end of a line: errors in a field's
// continuation lines are reported on its first line, see
// RuleSetLoaderTest.ErrorInAContinuationLineIsReportedWhereItIs.)
void CheckLocation(const Diagnostic& d, std::string_view text) {
  const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  EXPECT_GE(d.location.line, 1);
  EXPECT_LE(d.location.line, lines + 1);
  EXPECT_GE(d.location.column, 1);
}

// Checks the properties every load must have.
void CheckLoad(const Files& files, const RuleSetLoad& load) {
  int errors = 0;
  for (const Diagnostic& d : load.diagnostics) {
    if (d.severity == Diagnostic::kError) ++errors;
    EXPECT_FALSE(d.message.empty());
    auto file = std::find_if(files.begin(), files.end(),
                             [&](const auto& f) { return f.first == d.location.file; });
    ASSERT_NE(file, files.end()) << FormatDiagnostic(d) << ": names a file it was not given";
    CheckLocation(d, file->second);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "in diagnostic " << FormatDiagnostic(d);
      return;
    }
  }
  if (load.rules != nullptr) {
    EXPECT_EQ(errors, 0);
    EXPECT_EQ(load.rules->files().size(), files.size());
    EXPECT_EQ(load.examples.failed, 0);
  } else {
    EXPECT_GT(errors, 0) << "no rule set, but no error says why";
    EXPECT_LE(load.examples.failed, errors);
  }
}

std::string ToCrlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(RulePropertyTest, LoaderSurvivesMutatedAndRandomRuleFiles) {
  const Files shipped = ShippedRuleFiles();
  ASSERT_GE(shipped.size(), 5u);
  const std::string* numbers = nullptr;
  for (const auto& [path, text] : shipped) {
    if (path == "rules/numbers.rules") numbers = &text;
  }
  ASSERT_NE(numbers, nullptr);

  // A file with Unicode classes (the capitalised names of attribution and
  // entities) takes RE2 some 100 ms to compile case-insensitively, and one
  // with a hundred rules (dates) runs hundreds of examples: they are mutated
  // rarely, so that the run stays short under AddressSanitizer.
  std::vector<bool> slow;
  for (const auto& [unused, text] : shipped) {
    int rules = 0;
    for (size_t at = text.find("\nrule "); at != std::string::npos;
         at = text.find("\nrule ", at + 1)) {
      ++rules;
    }
    slow.push_back(text.find("\\p{") != std::string::npos || rules > 60);
  }

  constexpr uint32_t kSeed = 20230127;
#if defined(__SANITIZE_ADDRESS__)
  // Each load compiles every rule and runs its examples, several times
  // slower under the sanitizers; fewer inputs keep CI inside its budget.
  constexpr int kInputs = 300;
#else
  constexpr int kInputs = 1000;
#endif
  InputMaker maker(kSeed, shipped);
  auto pick = [&]() -> const std::pair<std::string, std::string>& {
    while (true) {
      const size_t i = maker.Below(shipped.size());
      if (!slow[i] || maker.OneIn(100)) return shipped[i];
    }
  };
  int loaded = 0, rejected = 0;
  for (int i = 0; i < kInputs && !HasFailure(); ++i) {
    Files files;
    const auto& [path, text] = pick();
    switch (i % 4) {
      case 0:
      case 1:
        files.emplace_back(path, maker.Mutate(text));
        break;
      case 2:
        files.emplace_back("rules/random.rules", maker.RandomText());
        if (maker.OneIn(4)) files.emplace_back("rules/random2.rules", maker.RandomText());
        break;
      case 3:
        // A mutated file beside the tables and pieces it needs.
        if (path == "rules/numbers.rules") {
          files.emplace_back(path, maker.Mutate(text));
        } else {
          files.emplace_back("rules/numbers.rules", *numbers);
          files.emplace_back(path, maker.Mutate(text));
        }
        break;
    }

    const RuleSetLoad load = LoadRuleSetFromTexts(files);
    CheckLoad(files, load);
    if (HasFailure()) {
      ADD_FAILURE() << "input " << i << " of seed " << kSeed << ":\n" << Describe(files);
      break;
    }
    (load.rules ? loaded : rejected)++;

    if (i % 16 == 0) {
      EXPECT_EQ(Format(LoadRuleSetFromTexts(files)), Format(load))
          << "loading is not deterministic:\n"
          << Describe(files);
    }
    if (i % 8 == 5) {
      bool has_cr = false;
      Files crlf = files;
      for (auto& [unused, text] : crlf) {
        has_cr |= text.find('\r') != std::string::npos;
        text = ToCrlf(text);
      }
      if (!has_cr) {
        EXPECT_EQ(Format(LoadRuleSetFromTexts(crlf)), Format(load))
            << "CRLF line ends changed the diagnostics:\n"
            << Describe(files);
      }
    }
  }
  // Both outcomes must have been exercised for the run to mean something.
  EXPECT_GT(loaded, kInputs / 50);
  EXPECT_GT(rejected, kInputs / 2);
  RecordProperty("loaded", loaded);
  RecordProperty("rejected", rejected);
}

// ParseRuleFile alone, on arbitrary bytes and on every shipped file mutated
// (the slow ones included: parsing compiles nothing): never crashes, and
// every location it reports lies inside the text.
TEST(RulePropertyTest, ParserSurvivesRandomBytesAndMutatedFiles) {
  std::mt19937 rng(7);
  InputMaker maker(11, ShippedRuleFiles());
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    if (i % 2 == 1) {
      text = maker.Mutate(maker.seeds()[maker.Below(maker.seeds().size())].second);
    } else {
      const int n = std::uniform_int_distribution<int>(0, 200)(rng);
      for (int k = 0; k < n; ++k) {
        // Mostly the characters that matter to the parser.
        constexpr std::string_view kAlphabet = " \n\t\r#\"/:=|@{}()-><ab1_.";
        text +=
            std::uniform_int_distribution<int>(0, 3)(rng) == 0
                ? static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng))
                : kAlphabet[std::uniform_int_distribution<size_t>(0, kAlphabet.size() - 1)(rng)];
      }
      if (i % 4 == 0) text = "version 1\nrule r\n  kind: date\n  match: " + text;
    }
    Diagnostics diagnostics;
    const RuleFile file = ParseRuleFile("rules/r.rules", "r.rules", text, diagnostics);
    EXPECT_EQ(file.display_path, "rules/r.rules");
    for (const Diagnostic& d : diagnostics.all()) {
      EXPECT_EQ(d.location.file, "rules/r.rules");
      EXPECT_FALSE(d.message.empty());
      CheckLocation(d, text);
      if (HasFailure()) {
        ADD_FAILURE() << FormatDiagnostic(d) << "\nin input " << i << ": \""
                      << absl::CHexEscape(text) << "\"";
        return;
      }
    }
  }
}

}  // namespace
}  // namespace parallax
