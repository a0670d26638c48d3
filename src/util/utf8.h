// UTF-8 validation.
#ifndef PARALLAX_UTIL_UTF8_H_
#define PARALLAX_UTIL_UTF8_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace parallax {

// Returns the byte offset of the first byte that does not start or continue a
// well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), or nullopt when `text` is valid UTF-8.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

// 1-based line number of byte `offset` in `text` (counting '\n').
int LineOfOffset(std::string_view text, size_t offset);

}  // namespace parallax

#endif  // PARALLAX_UTIL_UTF8_H_
