#include "extract/claim_stream.h"

#include <simdjson.h>

#include <cstring>

#include "util/strings.h"

namespace parallax {

struct ClaimLineParser::Impl {
  simdjson::dom::parser parser;
  simdjson::padded_string buffer;
};

ClaimLineParser::ClaimLineParser() : impl_(std::make_unique<Impl>()) {}
ClaimLineParser::~ClaimLineParser() = default;

absl::StatusOr<std::pair<std::string, Claim>> ClaimLineParser::Parse(std::string_view line) {
  const auto invalid = [](std::string_view what) {
    return absl::InvalidArgumentError(StrCat("not a claim: ", what));
  };
  if (impl_->buffer.size() < line.size()) impl_->buffer = simdjson::padded_string(line.size() * 2);
  std::memcpy(impl_->buffer.data(), line.data(), line.size());
  simdjson::dom::element root;
  if (auto error = impl_->parser.parse(impl_->buffer.data(), line.size(), false).get(root)) {
    return invalid(StrCat("not valid JSON (", simdjson::error_message(error), ")"));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) return invalid("expected a JSON object");

  std::pair<std::string, Claim> out;
  Claim& claim = out.second;
  std::optional<uint64_t> start, end, speaker_start, speaker_end;
  bool has_article = false, has_kind = false, has_rule = false;
  // Fields that hold a string, or null for none.
  const std::pair<std::string_view, std::string*> strings[] = {
      {"value", &claim.value}, {"unit", &claim.unit},       {"role", &claim.role},
      {"hedge", &claim.hedge}, {"subject", &claim.subject}, {"speaker", &claim.speaker},
      {"cue", &claim.cue},     {"via", &claim.via},         {"type", &claim.type},
      {"rule", &claim.rule}};
  for (auto [key, value] : object) {
    std::string_view text;
    const bool is_string = !value.get_string().get(text);
    const bool is_null = value.is_null();
    if (key == "article") {
      if (!is_string || text.empty()) return invalid("\"article\" must be a non-empty string");
      out.first = std::string(text);
      has_article = true;
    } else if (key == "kind") {
      const std::optional<ClaimKind> kind = is_string ? ParseClaimKind(text) : std::nullopt;
      if (!kind) {
        return invalid(
            "\"kind\" must be one of date, duration, quantity, quote, attribution, entity");
      }
      claim.kind = *kind;
      has_kind = true;
    } else if (key == "start" || key == "end" || key == "speaker_start" || key == "speaker_end") {
      uint64_t number;
      if (value.get_uint64().get(number)) {
        return invalid(StrCat("\"", key, "\" must be a byte offset, a whole number from 0"));
      }
      (key == "start"           ? start
       : key == "end"           ? end
       : key == "speaker_start" ? speaker_start
                                : speaker_end) = number;
    } else if (key == "text") {
      if (!is_string) return invalid("\"text\" must be a string");
      claim.text = std::string(text);
    } else {
      for (const auto& [name, field] : strings) {
        if (key != name) continue;
        if (!is_string && !is_null)
          return invalid(StrCat("\"", key, "\" must be a string or null"));
        *field = std::string(text);
        if (name == "rule") has_rule = is_string;
      }
    }
  }
  if (!has_article) return invalid("missing \"article\"");
  if (!has_kind) return invalid("missing \"kind\"");
  if (!has_rule) return invalid("missing \"rule\"");
  if (!start || !end || *start > *end) {
    return invalid("\"start\" and \"end\" must be byte offsets with start <= end");
  }
  claim.start = *start;
  claim.end = *end;
  if (speaker_start.has_value() != speaker_end.has_value() ||
      (speaker_start && *speaker_start > *speaker_end)) {
    return invalid("\"speaker_start\" and \"speaker_end\" go together, start <= end");
  }
  if (speaker_start) {
    claim.speaker_start = *speaker_start;
    claim.speaker_end = *speaker_end;
  }
  return out;
}

}  // namespace parallax
