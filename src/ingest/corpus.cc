#include "ingest/corpus.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <system_error>
#include <variant>

#include "absl/container/flat_hash_map.h"
#include "ingest/jsonl_article.h"
#include "ingest/text_article.h"
#include "util/file.h"
#include "util/parallel.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

namespace fs = std::filesystem;

enum class SourceKind { kText, kJsonl, kStdin };

// One file to read, or a problem found while listing the inputs; kept in one
// list so that results come out in input order.
struct Source {
  SourceKind kind;
  std::string path;
  std::optional<Problem> listing_problem;
};

bool HasExtension(std::string_view path, std::string_view extension) {
  return path.size() > extension.size() && EndsWithIgnoreCase(path, extension);
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.';
}

void ListFolder(const std::string& folder, std::vector<Source>* sources) {
  std::vector<std::string> found;
  std::vector<Source> problems;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
  if (error) {
    sources->push_back(
        {SourceKind::kText, folder,
         Problem{folder, std::nullopt, StrCat("cannot read folder: ", error.message())}});
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) {
      problems.push_back(
          {SourceKind::kText, it->path().string(),
           Problem{it->path().string(), std::nullopt, StrCat("cannot read: ", error.message())}});
      error.clear();
      continue;
    }
    if (IsHidden(it->path())) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(error)) continue;
    const std::string path = it->path().string();
    if (HasExtension(path, ".txt") || IsJsonlPath(path)) found.push_back(path);
  }
  std::sort(found.begin(), found.end());
  for (std::string& path : found) {
    const SourceKind kind = IsJsonlPath(path) ? SourceKind::kJsonl : SourceKind::kText;
    sources->push_back({kind, std::move(path), std::nullopt});
  }
  for (Source& problem : problems) sources->push_back(std::move(problem));
  if (found.empty() && problems.empty()) {
    sources->push_back({SourceKind::kText, folder,
                        Problem{folder, std::nullopt,
                                "no articles here: the folder has no .txt or .jsonl files"}});
  }
}

std::vector<Source> ListSources(const std::vector<std::string>& inputs) {
  std::vector<Source> sources;
  for (const std::string& input : inputs) {
    if (input == "-") {
      sources.push_back({SourceKind::kStdin, "-", std::nullopt});
      continue;
    }
    std::error_code error;
    const fs::file_status status = fs::status(input, error);
    if (error || !fs::exists(status)) {
      sources.push_back(
          {SourceKind::kText, input, Problem{input, std::nullopt, "no such file or folder"}});
    } else if (fs::is_directory(status)) {
      ListFolder(input, &sources);
    } else {
      sources.push_back(
          {IsJsonlPath(input) ? SourceKind::kJsonl : SourceKind::kText, input, std::nullopt});
    }
  }
  return sources;
}

// What one text source gave: an article or a problem.
using Item = std::variant<Article, Problem>;

Item ReadTextSource(const Source& source, const IngestOptions& options) {
  if (source.listing_problem) return *source.listing_problem;
  absl::StatusOr<std::string> bytes = ReadFile(source.path, options.max_article_bytes);
  if (!bytes.ok()) {
    // ReadFile's messages start with the path, which the problem repeats.
    std::string message(bytes.status().message());
    const std::string prefix = source.path + ": ";
    if (message.starts_with(prefix)) message.erase(0, prefix.size());
    return Problem{source.path, std::nullopt, std::move(message)};
  }
  ParsedArticle parsed = ParseTextArticle(source.path, ArticleIdFromPath(source.path), *bytes);
  if (!parsed.ok()) return std::move(*parsed.problem);
  parsed.article.record_bytes = bytes->size();
  return std::move(parsed.article);
}

}  // namespace

bool IsJsonlPath(std::string_view path) {
  return HasExtension(path, ".jsonl") || HasExtension(path, ".ndjson");
}

struct CorpusReader::State {
  IngestOptions options;
  std::vector<Source> sources;
  size_t next_source = 0;
  // The JSON Lines source being read, if any.
  std::unique_ptr<std::ifstream> file;
  std::istream* jsonl = nullptr;
  std::string jsonl_path;
  int line_number = 0;
  uint64_t offset = 0;  // of the next line
  JsonlParser parser;
  // Standard input cannot be read twice, so its records are copied here as
  // they are read and read again from the copy.
  std::FILE* stdin_copy = nullptr;
  uint64_t stdin_copy_bytes = 0;
  // Where each id was first used: a source, and the line for JSON Lines.
  struct FirstUse {
    uint32_t source;
    int line;
  };
  absl::flat_hash_map<std::string, FirstUse> first_seen;
  size_t jsonl_source = 0;  // the source being read as JSON Lines

  // Adds `item` to `batch` unless its id was seen before.
  void Take(Item item, size_t source, Corpus* batch) {
    if (Problem* problem = std::get_if<Problem>(&item)) {
      batch->problems.push_back(std::move(*problem));
      return;
    }
    Article& article = std::get<Article>(item);
    const bool jsonl = sources[source].kind != SourceKind::kText;
    auto [it, inserted] = first_seen.try_emplace(
        article.id, FirstUse{static_cast<uint32_t>(source), jsonl ? article.body_line : 0});
    if (!inserted) {
      const FirstUse first = it->second;
      const std::string& path = sources[first.source].path;
      batch->problems.push_back(
          Problem{article.path, jsonl ? std::optional<int>(article.body_line) : std::nullopt,
                  StrCat("duplicate article id \"", article.id, "\" (first used by ",
                         first.line > 0 ? StrCat(path, ":", first.line) : path,
                         "); this copy was not read")});
      return;
    }
    batch->articles.push_back(std::move(article));
  }

  // Opens the JSON Lines source `source`; false (with a problem) if it
  // cannot be read.
  bool OpenJsonl(const Source& source, Corpus* batch) {
    jsonl_path = source.path;
    line_number = 0;
    offset = 0;
    if (source.kind == SourceKind::kStdin) {
      jsonl = options.stdin_stream ? options.stdin_stream : &std::cin;
      if (stdin_copy == nullptr) stdin_copy = std::tmpfile();
      if (stdin_copy == nullptr) {
        batch->problems.push_back(Problem{
            "-", std::nullopt, "cannot create a temporary file to hold standard input; not read"});
        jsonl = nullptr;
        return false;
      }
      return true;
    }
    file = std::make_unique<std::ifstream>(source.path, std::ios::binary);
    if (!*file) {
      batch->problems.push_back(Problem{source.path, std::nullopt, "cannot open the file"});
      file.reset();
      return false;
    }
    jsonl = file.get();
    return true;
  }

  // Reads lines of the open JSON Lines source until `batch` holds
  // `max_articles` articles or the source ends (then closes it).
  void ReadJsonl(size_t max_articles, Corpus* batch) {
    const bool from_stdin = jsonl_path == "-";
    std::string line;
    while (batch->articles.size() < max_articles && std::getline(*jsonl, line)) {
      ++line_number;
      uint64_t record_offset = offset;
      offset += line.size() + 1;
      if (from_stdin) {
        record_offset = stdin_copy_bytes;
        std::fwrite(line.data(), 1, line.size(), stdin_copy);
        stdin_copy_bytes += line.size();
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (StripWhitespace(line).empty()) continue;
      if (line.size() > options.max_article_bytes) {
        batch->problems.push_back(Problem{
            jsonl_path, line_number,
            StrCat("record is ", HumanBytes(line.size()), ", over the limit of ",
                   HumanBytes(options.max_article_bytes), " (raise it with --max-article-bytes)")});
        continue;
      }
      ParsedArticle parsed = parser.Parse(jsonl_path, line_number, line);
      if (!parsed.ok()) {
        batch->problems.push_back(std::move(*parsed.problem));
        continue;
      }
      parsed.article.record_offset = record_offset;
      parsed.article.record_bytes = line.size();
      Take(std::move(parsed.article), jsonl_source, batch);
    }
    if (batch->articles.size() >= max_articles && !jsonl->eof()) return;
    if (jsonl->bad()) {
      batch->problems.push_back(
          Problem{jsonl_path, line_number + 1, "read error; the rest was not read"});
    }
    if (from_stdin) std::fflush(stdin_copy);
    jsonl = nullptr;
    file.reset();
  }

  // Reads the text sources from `next_source` on, up to `max_articles`, on
  // `options.jobs` threads; stops at the first JSON Lines source.
  void ReadTexts(size_t max_articles, Corpus* batch) {
    size_t end = next_source;
    while (end < sources.size() && end - next_source < max_articles &&
           (sources[end].kind == SourceKind::kText || sources[end].listing_problem)) {
      ++end;
    }
    std::vector<Item> items(end - next_source);
    ParallelFor(items.size(), options.jobs,
                [&](size_t i) { items[i] = ReadTextSource(sources[next_source + i], options); });
    for (size_t i = 0; i < items.size(); ++i) Take(std::move(items[i]), next_source + i, batch);
    next_source = end;
  }
};

CorpusReader::CorpusReader(const std::vector<std::string>& inputs, const IngestOptions& options)
    : state_(std::make_unique<State>()) {
  state_->options = options;
  state_->sources = ListSources(inputs);
}

CorpusReader::~CorpusReader() {
  if (state_->stdin_copy != nullptr) std::fclose(state_->stdin_copy);
}

bool CorpusReader::Next(size_t max_articles, Corpus* batch) {
  batch->articles.clear();
  batch->problems.clear();
  max_articles = std::max<size_t>(max_articles, 1);
  State& s = *state_;
  while (batch->articles.size() < max_articles) {
    if (s.jsonl != nullptr) {
      s.ReadJsonl(max_articles, batch);
      continue;
    }
    if (s.next_source == s.sources.size()) break;
    const Source& source = s.sources[s.next_source];
    if (source.kind == SourceKind::kText || source.listing_problem) {
      s.ReadTexts(max_articles - batch->articles.size(), batch);
    } else {
      s.jsonl_source = s.next_source++;
      s.OpenJsonl(source, batch);
    }
  }
  return !batch->articles.empty() || !batch->problems.empty();
}

absl::StatusOr<std::string> CorpusReader::ReadBodyAgain(const Article& article) const {
  if (article.path != "-" && !IsJsonlPath(article.path)) {
    PARALLAX_ASSIGN_OR_RETURN(const std::string bytes,
                              ReadFile(article.path, state_->options.max_article_bytes));
    ParsedArticle parsed = ParseTextArticle(article.path, article.id, bytes);
    if (!parsed.ok())
      return absl::DataLossError(StrCat(article.path, ": ", parsed.problem->message));
    return std::move(parsed.article.body);
  }
  std::string record(article.record_bytes, '\0');
  if (article.path == "-") {
    if (!ReadAt(::fileno(state_->stdin_copy), article.record_offset, record.data(),
                record.size())) {
      return absl::DataLossError("-: the copy of standard input cannot be read");
    }
  } else {
    const int fd = ::open(article.path.c_str(), O_RDONLY | O_CLOEXEC);
    const bool read = fd >= 0 && ReadAt(fd, article.record_offset, record.data(), record.size());
    if (fd >= 0) ::close(fd);
    if (!read) {
      return absl::DataLossError(
          StrCat(article.path, ":", article.body_line, ": cannot read the record again"));
    }
  }
  thread_local JsonlParser parser;
  ParsedArticle parsed = parser.Parse(article.path, article.body_line, record);
  if (!parsed.ok()) {
    return absl::DataLossError(
        StrCat(article.path, ":", article.body_line, ": ", parsed.problem->message));
  }
  return std::move(parsed.article.body);
}

Corpus ReadCorpus(const std::vector<std::string>& inputs, const IngestOptions& options) {
  CorpusReader reader(inputs, options);
  Corpus corpus;
  Corpus batch;
  while (reader.Next(size_t{1} << 14, &batch)) {
    std::move(batch.articles.begin(), batch.articles.end(), std::back_inserter(corpus.articles));
    std::move(batch.problems.begin(), batch.problems.end(), std::back_inserter(corpus.problems));
  }
  return corpus;
}

}  // namespace parallax
