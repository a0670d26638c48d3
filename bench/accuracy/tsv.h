// The eval sets' TSV: UTF-8, a header row, tab-separated, no quoting.
// Columns are found by header name, never by position.
#ifndef PARALLAX_BENCH_ACCURACY_TSV_H_
#define PARALLAX_BENCH_ACCURACY_TSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace parallax::accuracy {

struct TsvRow {
  int line = 0;  // 1-based line in the file
  std::vector<std::string> fields;
};

// A line that could not be used; the rest of the file still is.
struct TsvProblem {
  int line = 0;
  std::string message;
};

class TsvTable {
 public:
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<TsvRow>& rows() const { return rows_; }
  const std::vector<TsvProblem>& problems() const { return problems_; }

  bool HasColumn(std::string_view name) const { return Column(name).has_value(); }
  // The row's value in column `name`, "" when the table has no such column.
  std::string_view Field(const TsvRow& row, std::string_view name) const;

 private:
  friend absl::StatusOr<TsvTable> ParseTsv(std::string_view text);
  std::optional<size_t> Column(std::string_view name) const;

  std::vector<std::string> header_;
  std::vector<TsvRow> rows_;
  std::vector<TsvProblem> problems_;
};

// Fails only when there is no usable header (empty input, a duplicate or
// empty column name). Lines with the wrong number of fields, blank lines in
// the middle and invalid UTF-8 become problems and are left out. "\r\n"
// line ends are accepted.
absl::StatusOr<TsvTable> ParseTsv(std::string_view text);

}  // namespace parallax::accuracy

#endif  // PARALLAX_BENCH_ACCURACY_TSV_H_
