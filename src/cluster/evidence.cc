#include "cluster/evidence.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "rules/normalizers.h"
#include "text/sentences.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

constexpr size_t kShingleWords = 5;  // words in a row that make a quote key
constexpr double kLeastNumber = 20;  // smaller figures are everywhere

// Letters whose case marks a name: Latin (with Latin-1 and Latin
// Extended-A), Greek and Cyrillic capitals.
bool IsCapital(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0;
  return (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F);
}

struct Word {
  size_t start, end;
};

// Words of `text` in order: letters and digits, with an inner hyphen or
// apostrophe ("Nagorno-Karabakh", "O'Neill") kept inside.
std::vector<Word> Words(std::string_view text) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordCodePoint(DecodeUtf8At(text, i))) {
      ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
      continue;
    }
    const size_t start = i;
    while (i < text.size()) {
      char32_t cp = DecodeUtf8At(text, i);
      const size_t len = Utf8Length(cp);
      if (IsWordCodePoint(cp)) {
        i += len;
        continue;
      }
      const bool joiner = cp == '-' || cp == '\'' || cp == 0x2019;
      if (joiner && i + len < text.size() && IsWordCodePoint(DecodeUtf8At(text, i + len))) {
        i += len;
        continue;
      }
      break;
    }
    words.push_back({start, i});
  }
  return words;
}

std::string Lower(std::string_view text) {
  return absl::AsciiStrToLower(absl::string_view(text.data(), text.size()));
}

class Builder {
 public:
  explicit Builder(ArticleEvidence* out) : out_(out) {}

  void Add(Signal signal, std::string_view text, bool label = true) {
    if (text.empty()) return;
    const EvidenceKey key{signal, KeyHash(StrCat(SignalName(signal), ":", text))};
    out_->keys.push_back(key);
    if (label) out_->labels.emplace_back(key, std::string(text));
  }

  void Finish() {
    std::sort(out_->keys.begin(), out_->keys.end());
    out_->keys.erase(std::unique(out_->keys.begin(), out_->keys.end()), out_->keys.end());
    out_->keys.shrink_to_fit();  // kept for every article of the corpus
    std::sort(out_->labels.begin(), out_->labels.end());
    out_->labels.erase(std::unique(out_->labels.begin(), out_->labels.end(),
                                   [](const auto& a, const auto& b) { return a.first == b.first; }),
                       out_->labels.end());
  }

 private:
  ArticleEvidence* out_;
};

// The figure a quantity states in digits ("about 100,400 people" ->
// 100000), to two significant digits so that sources rounding differently
// still share it; nullopt when it has no digits.
std::optional<double> StatedFigure(std::string_view text) {
  std::string digits;
  size_t i = text.find_first_of("0123456789");
  if (i == std::string_view::npos) return std::nullopt;
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch >= '0' && ch <= '9') {
      digits.push_back(ch);
    } else if (ch != ',' || i + 1 >= text.size() || text[i + 1] < '0' || text[i + 1] > '9') {
      break;
    }
  }
  if (digits.size() > 15) return std::nullopt;
  double n = std::strtod(digits.c_str(), nullptr);
  if (n >= 100) {
    const double unit = std::pow(10.0, std::floor(std::log10(n)) - 1);
    n = std::round(n / unit) * unit;
  }
  return n;
}

void AddQuoteShingles(std::string_view quote, Builder* builder) {
  const std::vector<Word> words = Words(quote);
  if (words.size() < kShingleWords) return;
  for (size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::string shingle;
    for (size_t k = i; k < i + kShingleWords; ++k) {
      StrAppend(&shingle, k == i ? "" : " ",
                Lower(quote.substr(words[k].start, words[k].end - words[k].start)));
    }
    builder->Add(Signal::kQuote, shingle, /*label=*/false);
  }
}

// Whether a word at `at` opens a clause, so that its capital says nothing:
// after a dash, a colon or an opening quote.
bool StartsClause(std::string_view text, size_t at) {
  size_t i = at;
  while (i > 0 && text[i - 1] == ' ') --i;
  if (i == 0) return true;
  const char32_t before = DecodeUtf8Before(text, i);
  return before == ':' || before == '"' || before == 0x2014 || before == 0x2013 || before == 0x201C;
}

// Runs of capitalised words inside sentences ("East Palestine", "Norfolk
// Southern"), lowercased; a sentence's first word and listed words at either
// end of a run are left out.
void AddNames(const Article& article, const std::vector<Claim>& claims, const RuleSet& rules,
              Builder* builder) {
  // Entity claims already stand for the words they cover.
  const EntitySpans entities(claims);
  const std::string source = article.source ? Lower(*article.source) : std::string();
  auto listed = [&](std::string_view word) {
    return rules.Lookup("COMMON_WORD", Lower(word)) != nullptr;
  };
  for (const Sentence& sentence : SplitSentences(article.body)) {
    const std::string_view text =
        std::string_view(article.body)
            .substr(sentence.span.start, sentence.span.end - sentence.span.start);
    std::vector<Word> words = Words(text);
    size_t i = 1;  // a sentence's first word is capitalised anyway
    while (i < words.size()) {
      if (!IsCapital(DecodeUtf8At(text, words[i].start))) {
        ++i;
        continue;
      }
      size_t j = i + 1;  // the run: words joined by single spaces only
      while (j < words.size() && words[j].start == words[j - 1].end + 1 &&
             text[words[j - 1].end] == ' ' && IsCapital(DecodeUtf8At(text, words[j].start))) {
        ++j;
      }
      // "Armenia's" names Armenia.
      Word& end_word = words[j - 1];
      for (std::string_view possessive : {"'s", "’s"}) {
        if (text.substr(end_word.start, end_word.end - end_word.start).ends_with(possessive) &&
            end_word.end - end_word.start > possessive.size()) {
          end_word.end -= possessive.size();
        }
      }
      auto word = [&](size_t k) {
        return text.substr(words[k].start, words[k].end - words[k].start);
      };
      size_t first = i, last = j;
      const std::string run = Lower(text.substr(words[i].start, words[j - 1].end - words[i].start));
      if (run == source) first = last;                  // "(Caspian Monitor)"
      if (StartsClause(text, words[i].start)) ++first;  // "— Rescuers in ..."
      while (first < last && listed(word(first))) ++first;
      while (last > first && listed(word(last - 1))) --last;
      const size_t at = sentence.span.start;
      if (first < last && !entities.Overlaps(at + words[first].start, at + words[last - 1].end)) {
        builder->Add(Signal::kName, Lower(text.substr(words[first].start,
                                                      words[last - 1].end - words[first].start)));
      }
      i = j;
    }
  }
}

}  // namespace

std::string_view SignalName(Signal signal) {
  switch (signal) {
    case Signal::kEntity:
      return "entity";
    case Signal::kName:
      return "name";
    case Signal::kQuote:
      return "quote";
    case Signal::kNumber:
      return "number";
    case Signal::kTitle:
      return "title";
  }
  return "?";
}

// FNV-1a, 64 bits: fixed, so keys (and anything ordered by them) are the
// same on every run and machine.
uint64_t KeyHash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

ArticleEvidence GatherEvidence(const Article& article, const std::vector<Claim>& claims,
                               const RuleSet& rules) {
  ArticleEvidence evidence;
  evidence.id = article.id;
  evidence.date = article.date;
  Builder builder(&evidence);
  for (const Claim& c : claims) {
    switch (c.kind) {
      case ClaimKind::kEntity:
        builder.Add(Signal::kEntity, c.value);
        break;
      case ClaimKind::kQuote:
        AddQuoteShingles(c.text, &builder);
        break;
      case ClaimKind::kQuantity:
        if (const std::optional<double> n = StatedFigure(c.text); n && *n >= kLeastNumber) {
          builder.Add(Signal::kNumber, FormatNumber(*n));
        }
        break;
      default:
        break;
    }
  }
  AddNames(article, claims, rules, &builder);
  if (article.title) {
    const std::string_view title = *article.title;
    for (const Word& w : Words(title)) {
      if (w.end - w.start >= 3)
        builder.Add(Signal::kTitle, Lower(title.substr(w.start, w.end - w.start)));
    }
  }
  builder.Finish();
  return evidence;
}

}  // namespace parallax
