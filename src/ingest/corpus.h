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
#include <string>
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
  struct State;
  std::unique_ptr<State> state_;
};

// Reads the whole corpus into memory, for corpora known to be small.
Corpus ReadCorpus(const std::vector<std::string>& inputs, const IngestOptions& options);

// True for names that are read as JSON Lines (*.jsonl, *.ndjson).
bool IsJsonlPath(std::string_view path);

}  // namespace parallax

#endif  // PARALLAX_INGEST_CORPUS_H_
