// Engine settings kept in the rule set as a table of numbers ("table
// CLUSTER", "table COMPARE"), so that an analyst tunes them beside the rules:
//
//   table COMPARE
//     background days = 180
//     update rise = 1.1
//
// The reader knows each setting's name and shape; a missing table keeps the
// defaults, and an unknown key or a bad number is an error naming the table,
// the key and what was expected.
#ifndef PARALLAX_RULES_SETTINGS_TABLE_H_
#define PARALLAX_RULES_SETTINGS_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "rules/rule_set.h"

namespace parallax {

class SettingsTable {
 public:
  explicit SettingsTable(std::string_view table) : table_(table) {}

  // A whole number from 0 to 99,999.
  SettingsTable& Whole(std::string_view key, int* out);
  // A number of at least `least`.
  SettingsTable& Number(std::string_view key, double* out, double least = 0);

  // Reads the table's rows into the settings registered above.
  absl::Status Read(const RuleSet& rules) const;

 private:
  struct Setting {
    std::string key;
    int* whole = nullptr;
    double* number = nullptr;
    double least = 0;
  };
  std::string table_;
  std::vector<Setting> settings_;
};

}  // namespace parallax

#endif  // PARALLAX_RULES_SETTINGS_TABLE_H_
