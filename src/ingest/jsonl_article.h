// Parsing JSON Lines corpora: one article per line, as an object with
//   "id"    string (or integer), required
//   "text"  string, required, not blank
//   "date"  "YYYY-MM-DD" or an ISO 8601 timestamp, optional (null = unknown)
//   "source", "url", "title"  strings, optional (null = unknown)
// Other keys are ignored: feeds carry many fields Parallax does not use.
#ifndef PARALLAX_INGEST_JSONL_ARTICLE_H_
#define PARALLAX_INGEST_JSONL_ARTICLE_H_

#include <memory>
#include <string_view>

#include "ingest/text_article.h"

namespace parallax {

// Parses JSONL records. Holds parser buffers that are reused from line to
// line, so keep one per thread.
class JsonlParser {
 public:
  JsonlParser();
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;

  // Parses one line (without its newline) of the file at `path`. Lines that
  // are not a JSON object, lack "id" or "text", have a blank text, a field of
  // the wrong type or an impossible date give a Problem naming `line_number`.
  ParsedArticle Parse(std::string_view path, int line_number, std::string_view line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parallax

#endif  // PARALLAX_INGEST_JSONL_ARTICLE_H_
