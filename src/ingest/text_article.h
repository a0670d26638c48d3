// Parsing one plain-text article: an optional header, then the body.
//
// Two header forms are understood:
//
//   date 2023-01-27            <- header lines, "key value" (or "key: value"),
//   source Meridian Wire          keys date, source, url, title, each at most
//   url https://...               once, ended by a blank line
//   title Russia criticises ...
//
//   Body text ...
//
// and the inline form found in scraped corpora, where the first line is
// " date 2023-01-27 The Russian Foreign Ministry said ..." and the body goes
// on after the date on the same line. A file whose first line is not a
// header is all body.
//
// A UTF-8 byte-order mark is skipped and CRLF line ends become LF, so body
// offsets are the same whichever way a file was saved.
#ifndef PARALLAX_INGEST_TEXT_ARTICLE_H_
#define PARALLAX_INGEST_TEXT_ARTICLE_H_

#include <string>
#include <string_view>

#include "ingest/article.h"

namespace parallax {

// An article, or the problem that made `bytes` unusable (with its line).
struct ParsedArticle {
  bool ok() const { return !problem.has_value(); }
  Article article;
  std::optional<Problem> problem;
};

// Parses the contents of the text file at `path` into an article with the
// given id. Never fails hard: invalid UTF-8, a NUL byte, a malformed or
// unknown header, an impossible date or an empty body give a Problem whose
// message says what was expected.
ParsedArticle ParseTextArticle(std::string_view path, std::string_view id, std::string_view bytes);

// The article id of a file: its name without folder and extension.
std::string ArticleIdFromPath(std::string_view path);

// Normalises CRLF (and lone CR) line ends to LF.
std::string NormalizeNewlines(std::string_view text);

}  // namespace parallax

#endif  // PARALLAX_INGEST_TEXT_ARTICLE_H_
