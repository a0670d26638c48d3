#include "util/json_writer.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

void AppendEscapedValidUtf8(std::string* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t run_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(text.data() + run_start, text.size() - run_start);
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  while (true) {
    const std::optional<size_t> bad = FindInvalidUtf8(text);
    if (!bad) break;
    AppendEscapedValidUtf8(out, text.substr(0, *bad));
    out->append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
    text.remove_prefix(*bad + 1);
  }
  AppendEscapedValidUtf8(out, text);
  out->push_back('"');
}

void JsonWriter::NewLine() {
  if (style_ != kPretty) return;
  out_->push_back('\n');
  out_->append(2 * levels_.size(), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& level = levels_.back();
  if (level.count++ > 0) out_->push_back(',');
  NewLine();
}

void JsonWriter::Close(char bracket) {
  const bool empty = levels_.back().count == 0;
  levels_.pop_back();
  if (!empty) NewLine();
  out_->push_back(bracket);
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_->push_back('{');
  levels_.push_back({.is_object = true});
}

void JsonWriter::EndObject() { Close('}'); }

void JsonWriter::BeginArray() {
  BeforeValue();
  out_->push_back('[');
  levels_.push_back({.is_object = false});
}

void JsonWriter::EndArray() { Close(']'); }

void JsonWriter::Key(std::string_view key) {
  Level& level = levels_.back();
  if (level.count++ > 0) out_->push_back(',');
  NewLine();
  AppendJsonString(out_, key);
  out_->append(style_ == kPretty ? ": " : ":");
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendJsonString(out_, value);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  StrAppend(out_, value);
}

void JsonWriter::Number(double value, int decimals) {
  if (!std::isfinite(value)) {
    Null();
    return;
  }
  BeforeValue();
  std::string text = absl::StrFormat("%.*f", decimals, value);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  out_->append(text);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_->append(value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
}

void JsonWriter::OptionalString(const std::optional<std::string>& value) {
  if (value) {
    String(*value);
  } else {
    Null();
  }
}

void JsonWriter::OptionalDate(const std::optional<CivilDate>& date) {
  if (date) {
    String(FormatIsoDate(*date));
  } else {
    Null();
  }
}

}  // namespace parallax
