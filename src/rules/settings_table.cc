#include "rules/settings_table.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "util/strings.h"

namespace parallax {

SettingsTable& SettingsTable::Whole(std::string_view key, int* out) {
  settings_.push_back({std::string(key), out, nullptr, 0});
  return *this;
}

SettingsTable& SettingsTable::Number(std::string_view key, double* out, double least) {
  settings_.push_back({std::string(key), nullptr, out, least});
  return *this;
}

absl::Status SettingsTable::Read(const RuleSet& rules) const {
  const auto* rows = rules.Table(table_);
  if (rows == nullptr) return absl::OkStatus();
  for (const auto& [key, text] : *rows) {
    auto setting = std::find_if(settings_.begin(), settings_.end(),
                                [&](const Setting& s) { return s.key == key; });
    if (setting == settings_.end()) {
      std::string known;
      for (const Setting& s : settings_) StrAppend(&known, known.empty() ? "" : ", ", s.key);
      return absl::InvalidArgumentError(
          StrCat("rules: table ", table_, " has no setting '", key, "'; known: ", known));
    }
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    const bool number = !text.empty() && end == text.c_str() + text.size() && std::isfinite(value);
    auto expect = [&](std::string_view what) {
      return absl::InvalidArgumentError(StrCat("rules: table ", table_, ", key '", key,
                                               "': expected ", what, ", got '", text, "'"));
    };
    if (setting->whole != nullptr) {
      if (!number || value < 0 || value != std::floor(value) || value >= 100000) {
        return expect("a whole number");
      }
      *setting->whole = static_cast<int>(value);
    } else {
      if (!number || value < setting->least) {
        return expect(setting->least == 0 ? std::string("a number")
                                          : StrCat("a number of at least ", setting->least));
      }
      *setting->number = value;
    }
  }
  return absl::OkStatus();
}

}  // namespace parallax
