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

// The ids read so far, and where each was first used: a source, and the
// line for JSON Lines (0 for a text file).
class IdRegistry {
 public:
  // Takes `id`, met in `sources[source]` at `path` (`line`); if an article
  // took it before, returns the problem this copy is instead.
  std::optional<Problem> Use(const std::string& id, const std::vector<Source>& sources,
                             size_t source, const std::string& path, int line) {
    auto [it, inserted] =
        first_seen_.try_emplace(id, FirstUse{static_cast<uint32_t>(source), line});
    if (inserted) return std::nullopt;
    const FirstUse first = it->second;
    const std::string& first_path = sources[first.source].path;
    return Problem{path, line > 0 ? std::optional<int>(line) : std::nullopt,
                   StrCat("duplicate article id \"", id, "\" (first used by ",
                          first.line > 0 ? StrCat(first_path, ":", first.line) : first_path,
                          "); this copy was not read")};
  }

 private:
  struct FirstUse {
    uint32_t source;
    int line;
  };
  absl::flat_hash_map<std::string, FirstUse> first_seen_;
};

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
  // Ids are checked here unless pieces are read apart (PieceJoiner checks
  // them then).
  bool check_ids = true;
  IdRegistry ids;
  size_t jsonl_source = 0;  // the source being read as JSON Lines
  // Lines starting at or after this offset are another piece's.
  uint64_t jsonl_end = UINT64_MAX;
  // When set, receives for each problem how many articles came before it.
  std::vector<size_t>* problem_positions = nullptr;

  void AddProblem(Problem problem, Corpus* batch) {
    if (problem_positions != nullptr) problem_positions->push_back(batch->articles.size());
    batch->problems.push_back(std::move(problem));
  }

  // Adds `item` to `batch` unless its id was seen before.
  void Take(Item item, size_t source, Corpus* batch) {
    if (Problem* problem = std::get_if<Problem>(&item)) {
      AddProblem(std::move(*problem), batch);
      return;
    }
    Article& article = std::get<Article>(item);
    const bool jsonl = sources[source].kind != SourceKind::kText;
    if (check_ids) {
      std::optional<Problem> duplicate =
          ids.Use(article.id, sources, source, article.path, jsonl ? article.body_line : 0);
      if (duplicate) {
        AddProblem(std::move(*duplicate), batch);
        return;
      }
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
        AddProblem(Problem{"-", std::nullopt,
                           "cannot create a temporary file to hold standard input; not read"},
                   batch);
        jsonl = nullptr;
        return false;
      }
      return true;
    }
    file = std::make_unique<std::ifstream>(source.path, std::ios::binary);
    if (!*file) {
      AddProblem(Problem{source.path, std::nullopt, "cannot open the file"}, batch);
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
    while (batch->articles.size() < max_articles && offset < jsonl_end &&
           std::getline(*jsonl, line)) {
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
        AddProblem(Problem{jsonl_path, line_number,
                           StrCat("record is ", HumanBytes(line.size()), ", over the limit of ",
                                  HumanBytes(options.max_article_bytes),
                                  " (raise it with --max-article-bytes)")},
                   batch);
        continue;
      }
      ParsedArticle parsed = parser.Parse(jsonl_path, line_number, line);
      if (!parsed.ok()) {
        AddProblem(std::move(*parsed.problem), batch);
        continue;
      }
      parsed.article.record_offset = record_offset;
      parsed.article.record_bytes = line.size();
      Take(std::move(parsed.article), jsonl_source, batch);
    }
    if (batch->articles.size() >= max_articles && offset < jsonl_end && !jsonl->eof()) return;
    if (jsonl->bad()) {
      AddProblem(Problem{jsonl_path, line_number + 1, "read error; the rest was not read"}, batch);
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

struct CorpusPieces::Layout {
  IngestOptions options;
  std::vector<Source> sources;
  struct Piece {
    size_t first_source, end_source;  // [first, end) of `sources`
    bool jsonl;
    uint64_t begin, end;  // bytes of the one JSON Lines source
  };
  std::vector<Piece> pieces;
};

CorpusPieces::CorpusPieces(std::unique_ptr<Layout> layout) : layout_(std::move(layout)) {}
CorpusPieces::CorpusPieces(CorpusPieces&&) noexcept = default;
CorpusPieces::~CorpusPieces() = default;

absl::StatusOr<CorpusPieces> CorpusPieces::Plan(const std::vector<std::string>& inputs,
                                                const IngestOptions& options, size_t max_files,
                                                uint64_t max_bytes) {
  auto layout = std::make_unique<Layout>();
  layout->options = options;
  layout->sources = ListSources(inputs);
  max_files = std::max<size_t>(max_files, 1);
  max_bytes = std::max<uint64_t>(max_bytes, 1);
  const std::vector<Source>& sources = layout->sources;
  for (size_t i = 0; i < sources.size();) {
    const Source& source = sources[i];
    if (source.kind == SourceKind::kStdin) {
      return absl::InvalidArgumentError(
          "standard input cannot be shared by several processes; give its file instead");
    }
    if (source.kind == SourceKind::kText || source.listing_problem) {
      size_t end = i;
      while (end < sources.size() && end - i < max_files &&
             (sources[end].kind == SourceKind::kText || sources[end].listing_problem)) {
        ++end;
      }
      layout->pieces.push_back({i, end, false, 0, 0});
      i = end;
      continue;
    }
    // The last piece reads to the end, wherever that is by then; a file
    // whose size cannot be read is one piece, which says what is wrong.
    std::error_code error;
    const uint64_t size = fs::file_size(source.path, error);
    const uint64_t pieces = error ? 1 : std::max<uint64_t>(1, (size + max_bytes - 1) / max_bytes);
    for (uint64_t p = 0; p < pieces; ++p) {
      layout->pieces.push_back(
          {i, i + 1, true, p * max_bytes, p + 1 == pieces ? UINT64_MAX : (p + 1) * max_bytes});
    }
    ++i;
  }
  return CorpusPieces(std::move(layout));
}

size_t CorpusPieces::size() const { return layout_->pieces.size(); }

std::string CorpusPieces::Describe(size_t piece) const {
  const Layout::Piece& p = layout_->pieces[piece];
  const std::string& first = layout_->sources[p.first_source].path;
  if (p.jsonl) {
    return p.end == UINT64_MAX ? StrCat(first, ", from byte ", p.begin, " to its end")
                               : StrCat(first, ", bytes ", p.begin, " to ", p.end);
  }
  if (p.end_source - p.first_source == 1) return first;
  return StrCat(first, " to ", layout_->sources[p.end_source - 1].path);
}

CorpusPieces::Contents CorpusPieces::Read(size_t piece) const {
  const Layout::Piece& p = layout_->pieces[piece];
  CorpusReader::State state;
  state.options = layout_->options;
  state.check_ids = false;
  state.sources.assign(layout_->sources.begin() + static_cast<ptrdiff_t>(p.first_source),
                       layout_->sources.begin() + static_cast<ptrdiff_t>(p.end_source));
  Corpus batch;
  std::vector<size_t> positions;
  state.problem_positions = &positions;
  if (!p.jsonl) {
    state.ReadTexts(SIZE_MAX, &batch);
  } else if (state.OpenJsonl(state.sources[0], &batch)) {
    // Start at the first line that starts at or after `begin`: the line
    // that holds byte begin - 1 is the piece before's.
    if (p.begin > 0) {
      std::string before;
      state.file->seekg(static_cast<std::streamoff>(p.begin - 1));
      state.offset = std::getline(*state.file, before) ? p.begin + before.size() : UINT64_MAX;
    }
    state.jsonl_end = p.end;
    state.ReadJsonl(SIZE_MAX, &batch);
  }
  Contents contents;
  contents.articles = std::move(batch.articles);
  for (size_t i = 0; i < batch.problems.size(); ++i) {
    contents.problems.emplace_back(positions[i], std::move(batch.problems[i]));
  }
  contents.lines = state.line_number;
  return contents;
}

struct PieceJoiner::Ids {
  IdRegistry registry;
};

PieceJoiner::PieceJoiner(const CorpusPieces& pieces)
    : pieces_(pieces), ids_(std::make_unique<Ids>()) {}
PieceJoiner::~PieceJoiner() = default;

void PieceJoiner::Start(size_t piece, int lines) {
  const CorpusPieces::Layout::Piece& p = pieces_.layout_->pieces[piece];
  piece_ = piece;
  source_ = p.first_source;
  line_base_ = p.jsonl && p.begin > 0 ? next_line_base_ : 0;
  next_line_base_ = line_base_ + lines;
}

std::optional<Problem> PieceJoiner::Duplicate(const std::string& id, const std::string& path,
                                              int line) {
  const CorpusPieces::Layout& layout = *pieces_.layout_;
  const CorpusPieces::Layout::Piece& p = layout.pieces[piece_];
  // A run of text files gives its articles in file order.
  while (!p.jsonl && source_ + 1 < p.end_source && layout.sources[source_].path != path) {
    ++source_;
  }
  return ids_->registry.Use(id, layout.sources, source_, path, p.jsonl ? line : 0);
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
