// Paragraph and sentence boundaries of an article body, as byte offsets.
//
// Offsets always point into the original body (end exclusive); nothing is
// copied or normalised. English news prose is the target: the splitter knows
// abbreviations ("Dec.", "U.S.", "Mr.", "No."), initials ("J. R. Smith"),
// decimals ("4.2"), ellipses ("..." and "…"), and sentence ends inside
// quotations ('... he said." The next'), and it never lets a sentence cross a
// paragraph break (a blank line, or a line break in one-paragraph-per-line
// prose). The splitting policy is spelled out at the top of sentences.cc.
//
// "Whitespace" here is ASCII whitespace plus U+00A0 NO-BREAK SPACE; line
// breaks are '\n' and '\r'. Input need not be valid UTF-8: malformed bytes
// are kept like any other non-whitespace byte.
//
// Thread-safe: pure functions of their input.
#ifndef PARALLAX_TEXT_SENTENCES_H_
#define PARALLAX_TEXT_SENTENCES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace parallax {

// A half-open byte range [start, end) into a body.
struct TextSpan {
  size_t start = 0;
  size_t end = 0;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

struct Sentence {
  TextSpan span;      // trimmed of surrounding whitespace
  int paragraph = 0;  // 0-based index into SplitParagraphs(body)
};

// Paragraphs: the non-blank lines of the body. News bodies put one paragraph
// per line, or separate paragraphs with blank lines; both are handled. Spans
// are trimmed of surrounding whitespace; blank input gives no paragraphs.
std::vector<TextSpan> SplitParagraphs(std::string_view body);

// Sentences in body order, each inside one paragraph, trimmed, never empty.
// Every non-whitespace byte of the body is in exactly one sentence. Single
// pass, no allocation beyond the returned vector and the paragraph list.
std::vector<Sentence> SplitSentences(std::string_view body);

// The span of the sentence that holds byte `offset`, from `sentences` as
// SplitSentences gives them; the empty span {offset, offset} when the offset
// lies before the first sentence.
TextSpan SentenceContaining(const std::vector<Sentence>& sentences, size_t offset);

}  // namespace parallax

#endif  // PARALLAX_TEXT_SENTENCES_H_
