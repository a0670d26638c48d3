// Pairing of quotation marks in an article body.
//
// News text mixes straight (") and curly (“ ”) double quotes, and uses ‘ ’
// or ' both for nested quotations and as apostrophes ("Russia's"). Pairing
// is done per paragraph, except that a quotation left open at the end of a
// paragraph continues when the next paragraph opens with a quote mark (the
// newspaper convention for a quotation spanning paragraphs). The pairing
// rules are spelled out at the top of quotes.cc. Linear time on any input.
//
// Thread-safe: pure functions of their input.
#ifndef PARALLAX_TEXT_QUOTES_H_
#define PARALLAX_TEXT_QUOTES_H_

#include <string_view>
#include <vector>

#include "text/sentences.h"

namespace parallax {

struct Quotation {
  TextSpan outer;      // including the quote marks
  TextSpan inner;      // the quoted words, without the marks
  bool double_quotes;  // " “ ” „ « » (false: ‘ ’ or ')
  // False when the quotation's paragraph (or the body) ends before a closing
  // mark and the next paragraph does not continue it; outer and inner then
  // run to the end of that paragraph.
  bool closed = true;
};

// Quotations in order of their opening mark. Nested single-quoted
// quotations inside double-quoted ones are returned too. Apostrophes inside
// words ("Russia's", "don't") and after plural s ("the ministers' meeting")
// never open or close a quotation. Any two quotations are either disjoint or
// nested, and inner always lies inside outer.
std::vector<Quotation> FindQuotations(std::string_view body);

}  // namespace parallax

#endif  // PARALLAX_TEXT_QUOTES_H_
