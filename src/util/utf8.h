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

// The code point that starts at byte `i` of valid UTF-8 `text`.
char32_t DecodeUtf8At(std::string_view text, size_t i);

// How many bytes UTF-8 takes for `cp`: what to step by after DecodeUtf8At.
inline size_t Utf8Length(char32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// The code point that ends at byte `end` (exclusive) of valid UTF-8 `text`.
// REQUIRES: end > 0
char32_t DecodeUtf8Before(std::string_view text, size_t end);

// Letters and digits (and '_'): what a word is made of when deciding token
// boundaries. Punctuation blocks (Latin-1 symbols, General Punctuation with
// its curly quotes and dashes, CJK punctuation) are not word characters.
bool IsWordCodePoint(char32_t cp);

// 1-based line number of byte `offset` in `text` (counting '\n').
int LineOfOffset(std::string_view text, size_t offset);

}  // namespace parallax

#endif  // PARALLAX_UTIL_UTF8_H_
