#include "ingest/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>
#include <variant>

#include "absl/container/flat_hash_map.h"
#include "ingest/jsonl_article.h"
#include "ingest/text_article.h"
#include "util/file.h"
#include "util/parallel.h"
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

// What one source gave: articles and problems, in their order in the source.
struct SourceResult {
  std::vector<std::variant<Article, Problem>> items;
};

void ReadJsonlStream(std::istream& in, const std::string& path, const IngestOptions& options,
                     SourceResult* result) {
  JsonlParser parser;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (StripWhitespace(line).empty()) continue;
    if (line.size() > options.max_article_bytes) {
      result->items.push_back(Problem{
          path, line_number,
          StrCat("record is ", HumanBytes(line.size()), ", over the limit of ",
                 HumanBytes(options.max_article_bytes), " (raise it with --max-article-bytes)")});
      continue;
    }
    ParsedArticle parsed = parser.Parse(path, line_number, line);
    if (parsed.ok()) {
      result->items.push_back(std::move(parsed.article));
    } else {
      result->items.push_back(std::move(*parsed.problem));
    }
  }
  if (in.bad()) {
    result->items.push_back(Problem{path, line_number + 1, "read error; the rest was not read"});
  }
}

SourceResult ReadSource(const Source& source, const IngestOptions& options) {
  SourceResult result;
  if (source.listing_problem) {
    result.items.push_back(*source.listing_problem);
    return result;
  }
  switch (source.kind) {
    case SourceKind::kStdin:
      ReadJsonlStream(options.stdin_stream ? *options.stdin_stream : std::cin, "-", options,
                      &result);
      break;
    case SourceKind::kJsonl: {
      std::ifstream in(source.path, std::ios::binary);
      if (!in) {
        result.items.push_back(Problem{source.path, std::nullopt, "cannot open the file"});
        break;
      }
      ReadJsonlStream(in, source.path, options, &result);
      break;
    }
    case SourceKind::kText: {
      absl::StatusOr<std::string> bytes = ReadFile(source.path, options.max_article_bytes);
      if (!bytes.ok()) {
        // ReadFile's messages start with the path, which the problem repeats.
        std::string message(bytes.status().message());
        const std::string prefix = source.path + ": ";
        if (message.starts_with(prefix)) message.erase(0, prefix.size());
        result.items.push_back(Problem{source.path, std::nullopt, std::move(message)});
        break;
      }
      ParsedArticle parsed = ParseTextArticle(source.path, ArticleIdFromPath(source.path), *bytes);
      if (parsed.ok()) {
        result.items.push_back(std::move(parsed.article));
      } else {
        result.items.push_back(std::move(*parsed.problem));
      }
      break;
    }
  }
  return result;
}

std::string Where(const Article& article) {
  return IsJsonlPath(article.path) || article.path == "-"
             ? StrCat(article.path, ":", article.body_line)
             : article.path;
}

}  // namespace

bool IsJsonlPath(std::string_view path) {
  return HasExtension(path, ".jsonl") || HasExtension(path, ".ndjson");
}

Corpus ReadCorpus(const std::vector<std::string>& inputs, const IngestOptions& options) {
  const std::vector<Source> sources = ListSources(inputs);
  std::vector<SourceResult> results(sources.size());
  ParallelFor(sources.size(), options.jobs,
              [&](size_t i) { results[i] = ReadSource(sources[i], options); });

  Corpus corpus;
  absl::flat_hash_map<std::string, std::string> first_seen;  // id -> where
  for (SourceResult& result : results) {
    for (auto& item : result.items) {
      if (Problem* problem = std::get_if<Problem>(&item)) {
        corpus.problems.push_back(std::move(*problem));
        continue;
      }
      Article& article = std::get<Article>(item);
      auto [it, inserted] = first_seen.try_emplace(article.id, Where(article));
      if (!inserted) {
        const bool jsonl = IsJsonlPath(article.path) || article.path == "-";
        corpus.problems.push_back(
            Problem{article.path, jsonl ? std::optional<int>(article.body_line) : std::nullopt,
                    StrCat("duplicate article id \"", article.id, "\" (first used by ", it->second,
                           "); this copy was not read")});
        continue;
      }
      corpus.articles.push_back(std::move(article));
    }
  }
  return corpus;
}

}  // namespace parallax
