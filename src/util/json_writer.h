// A small streaming JSON writer: compact (one line, for JSON Lines) or
// pretty-printed with two-space indentation (report.json).
//
//   std::string out;
//   JsonWriter json(&out, JsonWriter::kPretty);
//   json.BeginObject();
//   json.Key("id");
//   json.String("c1");
//   json.EndObject();
//
// The writer trusts its caller for structure (a Key inside an object, values
// inside arrays) and guarantees valid JSON text for any string: control
// characters are escaped and bytes that are not UTF-8 become U+FFFD.
#ifndef PARALLAX_UTIL_JSON_WRITER_H_
#define PARALLAX_UTIL_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/civil_date.h"

namespace parallax {

// Appends `text` as a quoted JSON string.
void AppendJsonString(std::string* out, std::string_view text);

class JsonWriter {
 public:
  enum Style { kCompact, kPretty };

  // `out` must outlive the writer; output is appended to it.
  JsonWriter(std::string* out, Style style) : out_(out), style_(style) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  // A finite number with at most `decimals` decimals, trailing zeros
  // dropped (0.25, 3); NaN and infinities, which JSON cannot hold, as null.
  void Number(double value, int decimals = 3);
  void Bool(bool value);
  void Null();
  // A string, or null when absent.
  void OptionalString(const std::optional<std::string>& value);
  // An ISO date ("2023-01-27"), or null.
  void OptionalDate(const std::optional<CivilDate>& date);

 private:
  struct Level {
    bool is_object;
    int count = 0;
  };
  void BeforeValue();
  void NewLine();
  void Close(char bracket);

  std::string* out_;
  Style style_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace parallax

#endif  // PARALLAX_UTIL_JSON_WRITER_H_
