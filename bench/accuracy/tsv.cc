#include "accuracy/tsv.h"

#include <algorithm>

#include "util/strings.h"
#include "util/utf8.h"

namespace parallax::accuracy {
namespace {

std::vector<std::string> SplitTabs(std::string_view line) {
  std::vector<std::string> fields;
  size_t begin = 0;
  while (true) {
    const size_t tab = line.find('\t', begin);
    if (tab == std::string_view::npos) {
      fields.emplace_back(line.substr(begin));
      return fields;
    }
    fields.emplace_back(line.substr(begin, tab - begin));
    begin = tab + 1;
  }
}

// The lines of `text` without their "\n" or "\r\n", and without blank lines
// at the end.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    begin = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();  // blank lines at the end
  return lines;
}

}  // namespace

std::optional<size_t> TsvTable::Column(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) return std::nullopt;
  return static_cast<size_t>(it - header_.begin());
}

std::string_view TsvTable::Field(const TsvRow& row, std::string_view name) const {
  const std::optional<size_t> column = Column(name);
  if (!column || *column >= row.fields.size()) return {};
  return row.fields[*column];
}

absl::StatusOr<TsvTable> ParseTsv(std::string_view text) {
  const std::vector<std::string_view> lines = SplitLines(text);
  if (lines.empty() || lines[0].empty()) {
    return absl::InvalidArgumentError("no header row");
  }
  TsvTable table;
  table.header_ = SplitTabs(lines[0]);
  for (size_t i = 0; i < table.header_.size(); ++i) {
    const std::string& name = table.header_[i];
    if (name.empty())
      return absl::InvalidArgumentError(StrCat("header column ", i + 1, " is empty"));
    if (std::count(table.header_.begin(), table.header_.end(), name) > 1) {
      return absl::InvalidArgumentError(StrCat("header names column \"", name, "\" twice"));
    }
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    const int line_number = static_cast<int>(i) + 1;
    if (lines[i].empty()) {
      table.problems_.push_back({line_number, "empty line"});
      continue;
    }
    if (const std::optional<size_t> bad = FindInvalidUtf8(lines[i])) {
      table.problems_.push_back({line_number, StrCat("invalid UTF-8 at byte ", *bad + 1)});
      continue;
    }
    std::vector<std::string> fields = SplitTabs(lines[i]);
    if (fields.size() != table.header_.size()) {
      table.problems_.push_back(
          {line_number, StrCat("expected ", table.header_.size(), " tab-separated fields, got ",
                               fields.size())});
      continue;
    }
    table.rows_.push_back({line_number, std::move(fields)});
  }
  return table;
}

}  // namespace parallax::accuracy
