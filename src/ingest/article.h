// The values that ingest produces: articles, and the problems found in input
// that could not be used.
//
// Offsets into `body` are byte offsets, end exclusive, everywhere in Parallax.
#ifndef PARALLAX_INGEST_ARTICLE_H_
#define PARALLAX_INGEST_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/civil_date.h"

namespace parallax {

// Where an article's publication date came from.
enum class DateOrigin { kHeader, kJsonl, kInferred, kUnknown };

// The spelling used in report.json ("header", "jsonl", "inferred", "unknown").
std::string_view DateOriginName(DateOrigin origin);

struct Article {
  std::string id;    // file name without extension, or the JSONL "id"
  std::string path;  // as given on the command line (plus the folder walk)
  std::optional<std::string> source;
  std::optional<CivilDate> date;
  DateOrigin date_origin = DateOrigin::kUnknown;
  std::optional<std::string> title;
  std::optional<std::string> url;
  std::string body;  // UTF-8, header removed
  // 1-based line of `path` where the body starts (after any header); for
  // JSONL, the line of the record. Lets messages about the body name a line.
  int body_line = 1;
  // Where the record sits in `path`, so the body can be read again after it
  // was let go: a JSONL line's byte offset and length (without its newline),
  // or 0 and the file's size for a text article.
  uint64_t record_offset = 0;
  uint64_t record_bytes = 0;
};

// Input that could not be used. Nothing is dropped silently: every file or
// record that does not become an Article becomes a Problem.
struct Problem {
  std::string path;
  std::optional<int> line;  // 1-based; absent when the whole input is at fault
  std::string message;      // a sentence a person understands
};

}  // namespace parallax

#endif  // PARALLAX_INGEST_ARTICLE_H_
