#include "cli/args.h"

#include "absl/strings/numbers.h"
#include "util/strings.h"

namespace parallax::cli {

std::optional<std::string> ParsedArgs::Value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs) {
  ParsedArgs parsed;
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      parsed.positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg[1] != '-') {
      return absl::InvalidArgumentError(
          StrCat("unknown option '", arg, "' (options are spelled --name)"));
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& candidate : specs) {
      if (candidate.name == name) spec = &candidate;
    }
    if (spec == nullptr) {
      return absl::InvalidArgumentError(StrCat("unknown option '--", name, "'"));
    }
    if (parsed.Has(name)) {
      return absl::InvalidArgumentError(StrCat("option '--", name, "' is given twice"));
    }
    if (!spec->takes_value) {
      if (value) {
        return absl::InvalidArgumentError(StrCat("option '--", name, "' takes no value"));
      }
      parsed.flags.insert(name);
      continue;
    }
    if (!value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(StrCat("option '--", name, "' needs a value"));
      }
      value = args[++i];
    }
    parsed.values[name] = *value;
  }
  return parsed;
}

absl::StatusOr<long long> ParsePositive(const std::string& option, const std::string& value) {
  long long number = 0;
  if (!absl::SimpleAtoi(value, &number) || number < 1) {
    return absl::InvalidArgumentError(
        StrCat("option '--", option, "' expects a positive whole number, got '", value, "'"));
  }
  return number;
}

}  // namespace parallax::cli
