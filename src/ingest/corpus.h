// Reading a corpus from the inputs named on the command line.
//
// An input is a folder (walked recursively for *.txt and *.jsonl files,
// skipping hidden entries), a single file (*.jsonl and *.ndjson are JSON
// Lines, anything else is a text article), or "-" for JSON Lines on standard
// input. Every input either becomes articles or problems; nothing is dropped
// silently and one bad file never stops the rest.
#ifndef PARALLAX_INGEST_CORPUS_H_
#define PARALLAX_INGEST_CORPUS_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ingest/article.h"

namespace parallax {

struct IngestOptions {
  // A text article, or one JSONL record, larger than this is a problem.
  size_t max_article_bytes = size_t{16} << 20;
  // Threads for reading and parsing text files.
  int jobs = 1;
  // Where "-" reads from; std::cin when null.
  std::istream* stdin_stream = nullptr;
};

struct Corpus {
  // In input order: inputs as given, folder entries sorted by path, JSONL
  // records by line. Ids are unique: a later duplicate becomes a problem.
  std::vector<Article> articles;
  std::vector<Problem> problems;
};

// Reads the inputs a batch at a time, so that a corpus larger than memory
// streams through: a caller takes a batch, uses it, lets it go, and can read
// an article's body again later with ReadBodyAgain. Batches come in input
// order and do not depend on `jobs`; ids are unique across all batches.
class CorpusReader {
 public:
  CorpusReader(const std::vector<std::string>& inputs, const IngestOptions& options);
  ~CorpusReader();
  CorpusReader(const CorpusReader&) = delete;
  CorpusReader& operator=(const CorpusReader&) = delete;

  // Replaces `batch` with the next articles (at least one, at most
  // `max_articles`, unless the inputs end) and the problems met on the way.
  // Returns false, with `batch` empty, when every input has been read.
  bool Next(size_t max_articles, Corpus* batch);

  // Reads `article`'s record from its file again and returns its body.
  // Thread-safe. Fails when the file can no longer be read or the record no
  // longer parses; the caller should check the body is the one it saw.
  absl::StatusOr<std::string> ReadBodyAgain(const Article& article) const;

 private:
  friend class CorpusPieces;  // reads its pieces as a reader would
  struct State;
  std::unique_ptr<State> state_;
};

// The inputs cut into pieces that processes sharing a scan read apart, none
// reading what comes before its own: runs of text files, and ranges of
// bytes of JSON Lines files (a piece holds the lines that start in its
// range). PieceJoiner puts what they read back in input order.
class CorpusPieces {
 public:
  // What one piece holds. Lines of JSON Lines are numbered from 1 at the
  // piece's first line.
  struct Contents {
    std::vector<Article> articles;  // ids not yet checked against other pieces
    // Each problem, after how many of the piece's articles it was met.
    std::vector<std::pair<size_t, Problem>> problems;
    int lines = 0;  // lines of JSON Lines read
  };

  // Lists the inputs and cuts them into pieces of at most `max_files` text
  // files or `max_bytes` of a JSON Lines file. Fails for standard input,
  // which only one process can read.
  static absl::StatusOr<CorpusPieces> Plan(const std::vector<std::string>& inputs,
                                           const IngestOptions& options, size_t max_files,
                                           uint64_t max_bytes);
  CorpusPieces(CorpusPieces&&) noexcept;
  ~CorpusPieces();

  size_t size() const;
  // "a.txt to f.txt", "feed.jsonl, bytes 0 to 8388608": for messages.
  std::string Describe(size_t piece) const;
  // Reads piece `piece` on options.jobs threads; thread-safe.
  Contents Read(size_t piece) const;

 private:
  friend class PieceJoiner;
  struct Layout;
  explicit CorpusPieces(std::unique_ptr<Layout> layout);
  std::unique_ptr<Layout> layout_;
};

// Joins pieces read apart into the corpus CorpusReader reads: lines are
// numbered from the start of their file, and a later use of an id is a
// problem, as CorpusReader makes it.
class PieceJoiner {
 public:
  explicit PieceJoiner(const CorpusPieces& pieces);
  ~PieceJoiner();

  // Called for each piece in input order, with the lines it read, before its
  // articles and problems are joined.
  void Start(size_t piece, int lines);
  // The line in its file of the current piece's line `line`.
  int FileLine(int line) const { return line_base_ + line; }
  // The problem of the current piece's article `id` at `path` (and, for
  // JSON Lines, file line `line`), if another article used the id first;
  // else nullopt, the id now being taken.
  std::optional<Problem> Duplicate(const std::string& id, const std::string& path, int line);

 private:
  struct Ids;
  const CorpusPieces& pieces_;
  std::unique_ptr<Ids> ids_;
  size_t piece_ = 0;
  size_t source_ = 0;  // the input of the article met last
  int line_base_ = 0;
  int next_line_base_ = 0;
};

// Reads the whole corpus into memory, for corpora known to be small.
Corpus ReadCorpus(const std::vector<std::string>& inputs, const IngestOptions& options);

// True for names that are read as JSON Lines (*.jsonl, *.ndjson).
bool IsJsonlPath(std::string_view path);

}  // namespace parallax

#endif  // PARALLAX_INGEST_CORPUS_H_
