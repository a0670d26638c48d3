#include "text/words.h"

#include <algorithm>
#include <cstdint>

#include "util/utf8.h"

namespace parallax {
namespace {

bool IsApostrophe(char32_t cp) { return cp == U'\'' || cp == U'\u2019'; }

// The code point at byte `i` and its length in bytes. A byte that does not
// start a complete, well-formed sequence stands alone as U+FFFD, which is
// not a word character, so malformed input splits words rather than joining
// them differently each time.
char32_t NextCodePoint(std::string_view text, size_t i, size_t* length) {
  const auto lead = static_cast<unsigned char>(text[i]);
  *length = 1;
  if (lead < 0x80) return lead;
  const size_t n = lead >= 0xC2 && lead <= 0xDF   ? 2
                   : lead >= 0xE0 && lead <= 0xEF ? 3
                   : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                  : 0;
  if (n == 0 || i + n > text.size()) return U'\uFFFD';
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return U'\uFFFD';
  }
  *length = n;
  return DecodeUtf8At(text, i);
}

// Longest-common-subsequence table over folded words, for both the diff and
// the similarity. Row-major (|a|+1) x (|b|+1).
std::vector<uint32_t> LcsTable(const std::vector<Word>& a, const std::vector<Word>& b) {
  const size_t columns = b.size() + 1;
  std::vector<uint32_t> table((a.size() + 1) * columns, 0);
  for (size_t i = a.size(); i-- > 0;) {
    for (size_t j = b.size(); j-- > 0;) {
      table[i * columns + j] = a[i].folded == b[j].folded ? table[(i + 1) * columns + j + 1] + 1
                                                          : std::max(table[(i + 1) * columns + j],
                                                                     table[i * columns + j + 1]);
    }
  }
  return table;
}

std::string Join(std::string_view text, const std::vector<Word>& words, size_t from, size_t to) {
  if (from >= to) return "";
  return std::string(
      text.substr(words[from].span.start, words[to - 1].span.end - words[from].span.start));
}

}  // namespace

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t length = 0;
    if (!IsWordCodePoint(NextCodePoint(text, i, &length))) {
      i += length;
      continue;
    }
    Word word;
    word.span.start = i;
    while (i < text.size()) {
      size_t n = 0;
      const char32_t c = NextCodePoint(text, i, &n);
      if (IsWordCodePoint(c)) {
        for (size_t k = 0; k < n; ++k) {
          const char byte = text[i + k];
          word.folded += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte - 'A' + 'a') : byte;
        }
        i += n;
        continue;
      }
      // An apostrophe joins two word characters: "Russia's".
      if (IsApostrophe(c) && i + n < text.size()) {
        size_t next_length = 0;
        if (IsWordCodePoint(NextCodePoint(text, i + n, &next_length))) {
          i += n;
          continue;
        }
      }
      break;
    }
    word.span.end = i;
    words.push_back(std::move(word));
  }
  return words;
}

std::string FoldWords(std::string_view text) {
  std::string out;
  for (const Word& word : SplitWords(text)) {
    if (!out.empty()) out += ' ';
    out += word.folded;
  }
  return out;
}

std::vector<WordDiffPart> DiffWords(std::string_view a_text, std::string_view b_text,
                                    size_t max_words) {
  const std::vector<Word> a = SplitWords(a_text);
  const std::vector<Word> b = SplitWords(b_text);
  std::vector<WordDiffPart> parts;
  if (a.size() > max_words || b.size() > max_words) {
    parts.push_back(
        {WordDiffPart::kChanged, Join(a_text, a, 0, a.size()), Join(b_text, b, 0, b.size())});
    return parts;
  }
  const std::vector<uint32_t> table = LcsTable(a, b);
  const size_t columns = b.size() + 1;
  size_t i = 0, j = 0;
  auto add = [&](WordDiffPart::Op op, size_t a_from, size_t a_to, size_t b_from, size_t b_to) {
    if (a_from == a_to && b_from == b_to) return;
    parts.push_back({op, Join(a_text, a, a_from, a_to), Join(b_text, b, b_from, b_to)});
  };
  while (i < a.size() || j < b.size()) {
    // A run of shared words.
    const size_t same_i = i, same_j = j;
    while (i < a.size() && j < b.size() && a[i].folded == b[j].folded) ++i, ++j;
    add(WordDiffPart::kSame, same_i, i, same_j, j);
    // Then what differs until the next shared word on the LCS path.
    const size_t from_i = i, from_j = j;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a[i].folded == b[j].folded) break;
      if (j == b.size() ||
          (i < a.size() && table[(i + 1) * columns + j] >= table[i * columns + j + 1])) {
        ++i;
      } else {
        ++j;
      }
    }
    const WordDiffPart::Op op = from_i == i   ? WordDiffPart::kAdded
                                : from_j == j ? WordDiffPart::kDropped
                                              : WordDiffPart::kChanged;
    add(op, from_i, i, from_j, j);
  }
  return parts;
}

double WordSimilarity(std::string_view a_text, std::string_view b_text, size_t min_bytes,
                      size_t max_words) {
  std::vector<Word> a = SplitWords(a_text);
  std::vector<Word> b = SplitWords(b_text);
  auto long_words = [&](const std::vector<Word>& words) {
    std::vector<Word> kept;
    for (const Word& word : words) {
      if (word.folded.size() >= min_bytes) kept.push_back(word);
    }
    return kept;
  };
  std::vector<Word> long_a = long_words(a);
  std::vector<Word> long_b = long_words(b);
  if (long_a.size() >= 3 && long_b.size() >= 3) {
    a = std::move(long_a);
    b = std::move(long_b);
  }
  if (a.empty() && b.empty()) return 0;
  if (a.size() > max_words || b.size() > max_words) {
    return FoldWords(a_text) == FoldWords(b_text) ? 1 : 0;
  }
  const std::vector<uint32_t> table = LcsTable(a, b);
  return 2.0 * table[0] / static_cast<double>(a.size() + b.size());
}

}  // namespace parallax
