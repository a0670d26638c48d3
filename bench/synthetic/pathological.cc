#include "synthetic/pathological.h"

#include <random>
#include <string>
#include <vector>

namespace parallax {

std::string EndlessSentence(size_t bytes) {
  static const std::vector<std::string> kWords = {
      "the",    "army", "said",   "on",     "Monday",      "that",   "at",   "least", "12",
      "people", "were", "killed", "in",     "Stepanakert", "and",    "“we",  "will",  "not",
      "give",   "up,”", "he",     "Lavrov", "March",       "3",      "2023", "about", "150",
      "more",   "than", "(",      ")",      "\"",          "$4.2bn", "45%",  "next",  "week"};
  std::mt19937 random(7);
  std::string body = "Foreign Minister Sergey Lavrov spoke";
  body.reserve(bytes + 16);
  while (body.size() < bytes) {
    body += ' ';
    body += kWords[random() % kWords.size()];
  }
  return body;
}

std::string QuotationMarks(size_t count) {
  std::string body;
  body.reserve(count * 4 + 8);
  for (size_t i = 0; i < count; ++i) body += i % 3 == 0 ? "“ " : i % 3 == 1 ? "” " : "\" ";
  body += "he said.";
  return body;
}

std::string NestedBrackets(size_t depth) {
  std::string body(depth, '(');
  body += "12 people were killed";
  body.append(depth, ')');
  body += " on Monday.";
  return body;
}

}  // namespace parallax
