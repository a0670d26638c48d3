// Articles built to be slow for the matcher, shared by the robustness tests
// (nothing may crash or leave the text) and the matcher benchmark (the time
// must grow linearly with the size).
#ifndef PARALLAX_BENCH_SYNTHETIC_PATHOLOGICAL_H_
#define PARALLAX_BENCH_SYNTHETIC_PATHOLOGICAL_H_

#include <cstddef>
#include <string>

namespace parallax {

// At least `bytes` of news words glued at random (numbers, dates, speech
// verbs, quotation marks, brackets) with no sentence end: one sentence.
std::string EndlessSentence(size_t bytes);

// `count` quotation marks (curly and straight, open and close) and then
// "he said.".
std::string QuotationMarks(size_t count);

// "12 people were killed" inside `depth` pairs of brackets, then " on
// Monday.".
std::string NestedBrackets(size_t depth);

}  // namespace parallax

#endif  // PARALLAX_BENCH_SYNTHETIC_PATHOLOGICAL_H_
