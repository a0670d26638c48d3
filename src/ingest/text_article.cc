#include "ingest/text_article.h"

#include <array>

#include "util/civil_date.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::array<std::string_view, 4> kHeaderKeys = {"date", "source", "url", "title"};

bool IsBlank(std::string_view line) { return StripWhitespace(line).empty(); }

// Splits "key value" or "key: value" (key: lowercase letters). Returns false
// when the line has no such shape.
bool SplitHeaderLine(std::string_view line, std::string_view* key, std::string_view* value) {
  size_t i = 0;
  while (i < line.size() && line[i] >= 'a' && line[i] <= 'z') ++i;
  if (i == 0) return false;
  *key = line.substr(0, i);
  size_t j = i;
  if (j < line.size() && line[j] == ':') ++j;
  if (j >= line.size() || (line[j] != ' ' && line[j] != '\t')) return false;
  *value = StripWhitespace(line.substr(j));
  return true;
}

bool IsHeaderKey(std::string_view key) {
  for (std::string_view k : kHeaderKeys) {
    if (k == key) return true;
  }
  return false;
}

ParsedArticle Fail(std::string_view path, int line, std::string message) {
  ParsedArticle parsed;
  parsed.problem = Problem{std::string(path), line, std::move(message)};
  return parsed;
}

// Tries the inline form " date 2023-01-27 Body text...". On success sets
// `date` and the offset where the body starts within `text`.
bool MatchInlineDate(std::string_view text, CivilDate* date, size_t* body_start) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (text.substr(i, 5) != "date " && text.substr(i, 5) != "date\t") return false;
  i += 5;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  const size_t date_end = text.find_first_of(" \t\n", i);
  if (date_end == std::string_view::npos || text[date_end] == '\n') return false;
  absl::StatusOr<CivilDate> parsed = ParseIsoDate(text.substr(i, date_end - i));
  if (!parsed.ok()) return false;
  size_t j = date_end;
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
  if (j >= text.size() || text[j] == '\n') return false;
  *date = *parsed;
  *body_start = j;
  return true;
}

}  // namespace

std::string NormalizeNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string ArticleIdFromPath(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find_last_of('.');
  if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  return std::string(name);
}

ParsedArticle ParseTextArticle(std::string_view path, std::string_view id, std::string_view bytes) {
  if (std::optional<size_t> bad = FindInvalidUtf8(bytes)) {
    return Fail(path, LineOfOffset(bytes, *bad),
                StrCat("invalid UTF-8 at byte ", *bad, ": the file must be UTF-8 text"));
  }
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return Fail(path, LineOfOffset(bytes, nul),
                StrCat("NUL byte at byte ", nul, ": this looks like a binary file, not text"));
  }
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  const std::string text = NormalizeNewlines(bytes);

  ParsedArticle parsed;
  Article& article = parsed.article;
  article.id = std::string(id);
  article.path = std::string(path);

  size_t body_start = 0;
  bool has_header = false;
  CivilDate inline_date;
  std::string_view key, value;
  const std::string_view view(text);
  const std::string_view first_line = view.substr(0, view.find('\n'));
  if (MatchInlineDate(view, &inline_date, &body_start)) {
    article.date = inline_date;
    article.date_origin = DateOrigin::kHeader;
    has_header = true;
  } else if (SplitHeaderLine(first_line, &key, &value) && IsHeaderKey(key)) {
    // A header block: every line up to the first blank one is "key value".
    has_header = true;
    std::array<int, kHeaderKeys.size()> seen_on_line{};
    size_t pos = 0;
    int line_number = 1;
    while (pos < view.size()) {
      const size_t newline = view.find('\n', pos);
      const size_t line_end = newline == std::string_view::npos ? view.size() : newline;
      const std::string_view line = view.substr(pos, line_end - pos);
      pos = newline == std::string_view::npos ? view.size() : newline + 1;
      if (IsBlank(line)) break;
      if (!SplitHeaderLine(line, &key, &value) || !IsHeaderKey(key)) {
        return Fail(path, line_number,
                    StrCat("unknown header line \"", StripWhitespace(line),
                           "\": expected \"date YYYY-MM-DD\", \"source NAME\", "
                           "\"url URL\" or \"title TEXT\", and a blank line before the "
                           "body"));
      }
      const size_t k = std::find(kHeaderKeys.begin(), kHeaderKeys.end(), key) - kHeaderKeys.begin();
      if (seen_on_line[k] != 0) {
        return Fail(
            path, line_number,
            StrCat("duplicate header \"", key, "\" (first given on line ", seen_on_line[k], ")"));
      }
      seen_on_line[k] = line_number;
      if (value.empty()) {
        return Fail(path, line_number, StrCat("header \"", key, "\" has no value"));
      }
      if (key == "date") {
        absl::StatusOr<CivilDate> date = ParseIsoDate(value);
        if (!date.ok()) {
          return Fail(path, line_number, StrCat("bad date header: ", date.status().message()));
        }
        article.date = *date;
        article.date_origin = DateOrigin::kHeader;
      } else if (key == "source") {
        article.source = std::string(value);
      } else if (key == "url") {
        article.url = std::string(value);
      } else {
        article.title = std::string(value);
      }
      ++line_number;
    }
    body_start = pos;
  }

  // Blank lines between the header and the first paragraph are not body.
  while (true) {
    const size_t newline = view.find('\n', body_start);
    if (newline == std::string_view::npos ||
        !IsBlank(view.substr(body_start, newline - body_start)))
      break;
    body_start = newline + 1;
  }
  const int body_line = LineOfOffset(view, body_start);
  if (IsBlank(view.substr(body_start))) {
    return Fail(path, body_line,
                has_header ? "empty body: the article has no text after its header"
                           : "empty article: the file has no text");
  }
  article.body = text.substr(body_start);
  article.body_line = body_line;
  return parsed;
}

}  // namespace parallax
