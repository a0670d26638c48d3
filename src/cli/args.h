// A small command-line parser: positionals, "--name value", "--name=value"
// and boolean "--flag", checked against the options a command declares.
#ifndef PARALLAX_CLI_ARGS_H_
#define PARALLAX_CLI_ARGS_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace parallax::cli {

struct OptionSpec {
  std::string name;  // without the leading "--"
  bool takes_value;
};

struct ParsedArgs {
  std::vector<std::string> positionals;
  std::map<std::string, std::string> values;  // options with a value
  std::set<std::string> flags;                // options without one

  bool Has(const std::string& name) const { return values.count(name) || flags.count(name); }
  std::optional<std::string> Value(const std::string& name) const;
};

// Parses `args` (without the program and command names). "--" ends options;
// a lone "-" is a positional (standard input). Fails with InvalidArgument on
// an unknown option, a missing value or an option given twice.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs);

// Parses a positive integer option value, naming the option on error.
absl::StatusOr<long long> ParsePositive(const std::string& option, const std::string& value);

// Sets `*value` from option `name`, a positive integer, when it was given;
// leaves it as it is when not.
template <typename T>
absl::Status ReadPositive(const ParsedArgs& args, const std::string& name, T* value) {
  if (const std::optional<std::string> text = args.Value(name)) {
    absl::StatusOr<long long> n = ParsePositive(name, *text);
    if (!n.ok()) return n.status();
    *value = static_cast<T>(*n);
  }
  return absl::OkStatus();
}

}  // namespace parallax::cli

#endif  // PARALLAX_CLI_ARGS_H_
