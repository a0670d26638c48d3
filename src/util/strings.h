// String helpers over std::string_view.
//
// Debian 12's Abseil has its own absl::string_view type that does not accept
// std::string_view, so absl::StrCat and friends cannot take Parallax's views.
// These few helpers take std::string_view and format through fmt.
#ifndef PARALLAX_UTIL_STRINGS_H_
#define PARALLAX_UTIL_STRINGS_H_

#include <fmt/format.h>

#include <iterator>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

// Lets fmt (and so StrCat) print absl::string_view, which Status::message()
// returns.
template <>
struct fmt::formatter<absl::string_view> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(absl::string_view text, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(std::string_view(text.data(), text.size()),
                                                    ctx);
  }
};

namespace parallax {

// Appends each argument as fmt's "{}" prints it (strings, views, numbers).
template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  (fmt::format_to(std::back_inserter(*out), "{}", args), ...);
}

template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  StrAppend(&out, args...);
  return out;
}

// `text` without leading and trailing ASCII whitespace.
std::string_view StripWhitespace(std::string_view text);

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix);

}  // namespace parallax

#endif  // PARALLAX_UTIL_STRINGS_H_
