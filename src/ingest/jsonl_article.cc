#include "ingest/jsonl_article.h"

#include <simdjson.h>

#include "util/civil_date.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {

struct JsonlParser::Impl {
  simdjson::dom::parser parser;
  simdjson::padded_string buffer;
};

JsonlParser::JsonlParser() : impl_(std::make_unique<Impl>()) {}
JsonlParser::~JsonlParser() = default;

namespace {

std::string_view TypeName(simdjson::dom::element_type type) {
  using T = simdjson::dom::element_type;
  switch (type) {
    case T::ARRAY:
      return "an array";
    case T::OBJECT:
      return "an object";
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE:
      return "a number";
    case T::STRING:
      return "a string";
    case T::BOOL:
      return "a boolean";
    case T::NULL_VALUE:
      return "null";
  }
  return "a value";
}

}  // namespace

ParsedArticle JsonlParser::Parse(std::string_view path, int line_number, std::string_view line) {
  ParsedArticle parsed;
  auto fail = [&](std::string message) {
    parsed.problem = Problem{std::string(path), line_number, std::move(message)};
    return std::move(parsed);
  };
  if (std::optional<size_t> bad = FindInvalidUtf8(line)) {
    return fail(StrCat("invalid UTF-8 at byte ", *bad, " of the line"));
  }
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);

  // The parser wants padding after the input; reuse one buffer across lines.
  if (impl_->buffer.size() < line.size()) {
    impl_->buffer = simdjson::padded_string(line.size() * 2);
  }
  std::memcpy(impl_->buffer.data(), line.data(), line.size());
  simdjson::dom::element root;
  if (auto error = impl_->parser.parse(impl_->buffer.data(), line.size(), false).get(root)) {
    return fail(StrCat("not valid JSON (", simdjson::error_message(error),
                       "): each line must be one JSON object"));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    return fail(
        StrCat("expected a JSON object with \"id\" and \"text\", got ", TypeName(root.type())));
  }

  Article& article = parsed.article;
  article.path = std::string(path);
  article.body_line = line_number;
  bool has_id = false, has_text = false;
  for (auto [key, value] : object) {
    const auto type = value.type();
    const bool is_null = type == simdjson::dom::element_type::NULL_VALUE;
    const bool is_string = type == simdjson::dom::element_type::STRING;
    auto wrong_type = [&](std::string_view expected) {
      return StrCat("field \"", key, "\" must be ", expected, ", got ", TypeName(type));
    };
    std::string_view text;
    if (is_string) text = value.get_string().value_unsafe();
    if (key == "id") {
      if (is_string) {
        article.id = std::string(StripWhitespace(text));
      } else if (type == simdjson::dom::element_type::INT64 ||
                 type == simdjson::dom::element_type::UINT64) {
        article.id = simdjson::to_string(value);
      } else {
        return fail(wrong_type("a string"));
      }
      if (article.id.empty()) return fail("field \"id\" is empty");
      has_id = true;
    } else if (key == "text") {
      if (!is_string) return fail(wrong_type("a string"));
      article.body = NormalizeNewlines(text);
      has_text = true;
    } else if (key == "date") {
      if (is_null) continue;
      if (!is_string) return fail(wrong_type("a string \"YYYY-MM-DD\" or null"));
      absl::StatusOr<CivilDate> date = ParseIsoDate(text);
      if (!date.ok()) return fail(StrCat("bad \"date\": ", date.status().message()));
      article.date = *date;
      article.date_origin = DateOrigin::kJsonl;
    } else if (key == "source" || key == "url" || key == "title") {
      if (is_null) continue;
      if (!is_string) return fail(wrong_type("a string or null"));
      std::optional<std::string>& field = key == "source" ? article.source
                                          : key == "url"  ? article.url
                                                          : article.title;
      field = std::string(text);
    }
  }
  if (!has_id) return fail("missing \"id\": every record needs a unique article id");
  if (!has_text) return fail("missing \"text\": every record needs the article text");
  if (StripWhitespace(article.body).empty()) {
    return fail(StrCat("empty body: article \"", article.id, "\" has a blank \"text\""));
  }
  if (article.body.find('\0') != std::string::npos) {
    return fail(StrCat("article \"", article.id, "\" has a NUL character in its text"));
  }
  return parsed;
}

}  // namespace parallax
