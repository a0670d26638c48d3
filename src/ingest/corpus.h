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
#include <string>
#include <vector>

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

Corpus ReadCorpus(const std::vector<std::string>& inputs, const IngestOptions& options);

// True for names that are read as JSON Lines (*.jsonl, *.ndjson).
bool IsJsonlPath(std::string_view path);

}  // namespace parallax

#endif  // PARALLAX_INGEST_CORPUS_H_
