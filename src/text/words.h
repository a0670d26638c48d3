// Words of a text for comparing wordings: two quotes that differ only in
// punctuation, quote-mark style or case have the same words.
//
// A word is a run of letters and digits (utf8.h's IsWordCodePoint); an
// apostrophe between letters ("Russia's", "Russia’s") stays inside the word
// and is dropped from its folded form; everything else separates words.
// Folding lowercases ASCII only: "Erdoğan" and "erdoğan" differ, which costs
// a rare finding rather than a wrong merge.
//
// Thread-safe: pure functions of their input.
#ifndef PARALLAX_TEXT_WORDS_H_
#define PARALLAX_TEXT_WORDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "text/sentences.h"

namespace parallax {

struct Word {
  TextSpan span;       // into the text, apostrophes included
  std::string folded;  // lowercase, apostrophes removed
};

std::vector<Word> SplitWords(std::string_view text);

// The folded words joined by single spaces: "“Only bring,” he" -> "only bring he".
std::string FoldWords(std::string_view text);

// How two word sequences differ, as a fact-checker reads it: runs of words
// kept, added (only in `b`), dropped (only in `a`) or changed (a run of `a`
// replaced by a run of `b`). Compares folded words; the text of each run is
// taken from the original words.
struct WordDiffPart {
  enum Op { kSame, kAdded, kDropped, kChanged };
  Op op = kSame;
  std::string a;  // words of `a` (empty when added)
  std::string b;  // words of `b` (empty when dropped)
};

// Longest common subsequence over folded words. Sequences longer than
// `max_words` are compared as one change, keeping the cost bounded.
std::vector<WordDiffPart> DiffWords(std::string_view a, std::string_view b, size_t max_words = 600);

// Shared words in order, relative to both lengths: 2 * LCS / (|a| + |b|),
// from 0 (nothing shared) to 1 (the same words), over the words of at least
// `min_bytes` bytes, so that "the", "of" and "in" do not make two different
// statements look alike (all words when either side has fewer than three
// such). 0 when both are empty.
double WordSimilarity(std::string_view a, std::string_view b, size_t min_bytes = 4,
                      size_t max_words = 600);

}  // namespace parallax

#endif  // PARALLAX_TEXT_WORDS_H_
