// Quotation pairing.
//
// One pass over the body with a stack of open quotations, so pathological
// input (a million quote marks) stays linear. Each mark is judged by the
// characters around it:
//   * “ „ « always open; ” » close the innermost open double quotation (a ”
//     that nothing can close but that sits before a word opens one, for text
//     that uses ” on both sides).
//   * A straight " opens after whitespace or an opening bracket and before a
//     non-space, closes after a non-space and before whitespace or
//     punctuation, and otherwise toggles.
//   * ’ and ' between two letters are apostrophes ("Russia’s", "don't"). A
//     closing ’ or ' only closes an open single quotation, so plural
//     possessives ("the ministers' meeting") stay apostrophes; ‘ and ' before
//     two digits ("'90s") are apostrophes too.
// At the end of a paragraph, the outermost open quotation carries on when the
// next paragraph opens with a mark of its kind; everything else still open is
// ended there with closed = false. Straight single quotes never closed are
// dropped: they are far more often stray apostrophes ('em, 'til) than quotes.
#include "text/quotes.h"

#include <array>
#include <cstddef>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "text/sentences.h"

namespace parallax {
namespace {

using uchar = unsigned char;

inline uchar At(std::string_view s, size_t i) { return static_cast<uchar>(s[i]); }

inline bool IsAsciiSpace(uchar c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
inline bool IsAsciiDigit(uchar c) { return c >= '0' && c <= '9'; }

// No character: the mark is at the edge of its paragraph.
constexpr char32_t kEdge = 0x110000;
constexpr char32_t kInvalid = 0xFFFD;

struct CodePoint {
  char32_t cp;
  size_t len;
};

// Decodes one UTF-8 character without reading at or past end; malformed
// bytes decode as U+FFFD of length 1.
CodePoint Decode(std::string_view s, size_t i, size_t end) {
  const uchar c = At(s, i);
  if (c < 0x80) return {c, 1};
  size_t len;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return {kInvalid, 1};
  }
  if (end - i < len) return {kInvalid, 1};
  for (size_t k = 1; k < len; ++k) {
    const uchar cc = At(s, i + k);
    if ((cc & 0xC0) != 0x80) return {kInvalid, 1};
    cp = (cp << 6) | (cc & 0x3F);
  }
  return {cp, len};
}

// The character ending at i, or kEdge at begin.
char32_t CharBefore(std::string_view s, size_t begin, size_t i) {
  if (i <= begin) return kEdge;
  size_t j = i - 1;
  while (j > begin && i - j < 4 && (At(s, j) & 0xC0) == 0x80) --j;
  const CodePoint cp = Decode(s, j, i);
  return j + cp.len == i ? cp.cp : kInvalid;
}

char32_t CharAt(std::string_view s, size_t i, size_t end) {
  return i < end ? Decode(s, i, end).cp : kEdge;
}

bool IsSpace(char32_t c) {
  return (c < 0x80 && IsAsciiSpace(static_cast<uchar>(c))) || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000;
}

bool IsWord(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  if (c == kEdge || c == kInvalid || c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  return !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F);
}

bool IsQuoteMark(char32_t c) {
  return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201F) || c == 0xAB || c == 0xBB;
}

bool IsDash(char32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2015); }

// A mark after c may open a quotation: "said “We", "(“We", "—“We".
bool OpensAfter(char32_t c) {
  return c == kEdge || IsSpace(c) || c == '(' || c == '[' || c == '{' || c == '<' || c == '/' ||
         IsDash(c) || IsQuoteMark(c);
}

// A mark before c may close a quotation: "up,” he", "over.”", "this”)".
bool ClosesBefore(char32_t c) {
  switch (c) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
    case '>':
    case '/':
    case 0x2026:  // …
      return true;
    default:
      return c == kEdge || IsSpace(c) || IsDash(c) || IsQuoteMark(c);
  }
}

enum class MarkType {
  kNone,
  kStraightDouble,  // "
  kOpenDouble,      // “
  kCloseDouble,     // ”
  kLowDouble,       // „
  kOpenGuillemet,   // «
  kCloseGuillemet,  // »
  kStraightSingle,  // '
  kOpenSingle,      // ‘
  kCloseSingle,     // ’
};

struct Mark {
  MarkType type;
  size_t len;
};

Mark MarkAt(std::string_view s, size_t i, size_t end) {
  const uchar c = At(s, i);
  if (c == '"') return {MarkType::kStraightDouble, 1};
  if (c == '\'') return {MarkType::kStraightSingle, 1};
  if (c == 0xE2 && i + 2 < end && At(s, i + 1) == 0x80) {
    switch (At(s, i + 2)) {
      case 0x98:
        return {MarkType::kOpenSingle, 3};
      case 0x99:
        return {MarkType::kCloseSingle, 3};
      case 0x9C:
        return {MarkType::kOpenDouble, 3};
      case 0x9D:
        return {MarkType::kCloseDouble, 3};
      case 0x9E:
        return {MarkType::kLowDouble, 3};
      default:
        break;
    }
  }
  if (c == 0xC2 && i + 1 < end) {
    if (At(s, i + 1) == 0xAB) return {MarkType::kOpenGuillemet, 2};
    if (At(s, i + 1) == 0xBB) return {MarkType::kCloseGuillemet, 2};
  }
  return {MarkType::kNone, 1};
}

// Whether a paragraph opening with this mark continues an open quotation of
// the given kind.
bool ContinuesQuotation(MarkType type, bool is_double) {
  switch (type) {
    case MarkType::kStraightDouble:
    case MarkType::kOpenDouble:
    case MarkType::kLowDouble:
    case MarkType::kOpenGuillemet:
      return is_double;
    case MarkType::kStraightSingle:
    case MarkType::kOpenSingle:
      return !is_double;
    default:
      return false;
  }
}

// "'90s", "‘05": a year, not a quotation.
bool IsAbbreviatedYear(std::string_view s, size_t i, size_t end) {
  return i + 1 < end && IsAsciiDigit(At(s, i)) && IsAsciiDigit(At(s, i + 1)) &&
         (i + 2 >= end || !IsAsciiDigit(At(s, i + 2)));
}

size_t TrimEnd(std::string_view s, size_t begin, size_t end) {
  while (end > begin) {
    const uchar c = At(s, end - 1);
    if (IsAsciiSpace(c)) {
      --end;
    } else if (c == 0xA0 && end - begin >= 2 && At(s, end - 2) == 0xC2) {
      end -= 2;
    } else {
      break;
    }
  }
  return end;
}

constexpr std::array<bool, 256> kMarkLead = [] {
  std::array<bool, 256> t{};
  t['"'] = t['\''] = t[0xE2] = t[0xC2] = true;
  return t;
}();

constexpr size_t kDropped = std::numeric_limits<size_t>::max();

class QuotePairer {
 public:
  explicit QuotePairer(std::string_view body) : s_(body) {}

  std::vector<Quotation> Pair() {
    const std::vector<TextSpan> paragraphs = SplitParagraphs(s_);
    bool continuing = false;
    for (size_t k = 0; k < paragraphs.size(); ++k) {
      const TextSpan p = paragraphs[k];
      size_t i = p.start;
      // The mark reopening a continued quotation is not a new quotation.
      if (continuing) i += MarkAt(s_, i, p.end).len;
      Scan(i, p);
      continuing = false;
      if (!stack_.empty() && k + 1 < paragraphs.size()) {
        const TextSpan q = paragraphs[k + 1];
        continuing = ContinuesQuotation(MarkAt(s_, q.start, q.end).type, stack_.front().is_double);
      }
      while (stack_.size() > (continuing ? 1u : 0u)) EndTop(p.end);
    }
    std::erase_if(out_, [](const Quotation& q) { return q.outer.end == kDropped; });
    return std::move(out_);
  }

 private:
  struct Open {
    size_t index;  // into out_
    size_t mark_start;
    size_t mark_end;
    MarkType type;
    bool is_double;
  };

  void Scan(size_t i, TextSpan p) {
    while (i < p.end) {
      if (!kMarkLead[At(s_, i)]) {
        ++i;
        continue;
      }
      const Mark m = MarkAt(s_, i, p.end);
      if (m.type != MarkType::kNone) Handle(m, i, p);
      i += m.len;
    }
  }

  void Handle(Mark m, size_t i, TextSpan p) {
    const char32_t prev = CharBefore(s_, p.start, i);
    const char32_t next = CharAt(s_, i + m.len, p.end);
    const bool opening = OpensAfter(prev) && next != kEdge && !IsSpace(next);
    const bool closing = prev != kEdge && !IsSpace(prev) && ClosesBefore(next);
    const bool apostrophe = IsWord(prev) && IsWord(next);
    const bool single_on_top = !stack_.empty() && !stack_.back().is_double;
    switch (m.type) {
      case MarkType::kStraightDouble:
        if (opening && !closing) {
          Push(m, i, /*is_double=*/true);
        } else if (open_doubles_ > 0) {
          CloseDouble(i, m.len, p.start);
        } else if (!closing) {
          Push(m, i, /*is_double=*/true);
        }
        break;
      case MarkType::kOpenDouble:
        // German style: „…“.
        if (!stack_.empty() && stack_.back().type == MarkType::kLowDouble) {
          CloseDouble(i, m.len, p.start);
        } else {
          Push(m, i, /*is_double=*/true);
        }
        break;
      case MarkType::kLowDouble:
      case MarkType::kOpenGuillemet:
        Push(m, i, /*is_double=*/true);
        break;
      case MarkType::kCloseDouble:
        if (open_doubles_ > 0) {
          CloseDouble(i, m.len, p.start);
        } else if (opening) {
          Push(m, i, /*is_double=*/true);
        }
        break;
      case MarkType::kCloseGuillemet:
        if (open_doubles_ > 0) CloseDouble(i, m.len, p.start);
        break;
      case MarkType::kOpenSingle:
        if (!IsWord(prev) && !IsAbbreviatedYear(s_, i + m.len, p.end)) {
          Push(m, i, /*is_double=*/false);
        }
        break;
      case MarkType::kCloseSingle:
        if (!apostrophe && closing && single_on_top) Close(i, m.len);
        break;
      case MarkType::kStraightSingle:
        if (apostrophe) break;
        if (opening && !closing) {
          if (!IsAbbreviatedYear(s_, i + m.len, p.end)) Push(m, i, /*is_double=*/false);
        } else if (closing && single_on_top) {
          Close(i, m.len);
        }
        break;
      case MarkType::kNone:
        break;
    }
  }

  void Push(Mark m, size_t i, bool is_double) {
    stack_.push_back(Open{out_.size(), i, i + m.len, m.type, is_double});
    out_.push_back(Quotation{TextSpan{i, i + m.len}, TextSpan{i + m.len, i + m.len}, is_double,
                             /*closed=*/true});
    if (is_double) ++open_doubles_;
  }

  Open Pop() {
    const Open o = stack_.back();
    stack_.pop_back();
    if (o.is_double) --open_doubles_;
    return o;
  }

  // Closes the innermost open quotation with the mark at [i, i + len).
  void Close(size_t i, size_t len) {
    const Open o = Pop();
    Quotation& q = out_[o.index];
    q.outer = TextSpan{o.mark_start, i + len};
    q.inner = TextSpan{o.mark_end, i};
    q.closed = true;
  }

  // Closes the innermost open double quotation; single quotations still open
  // inside it end where it ends.
  void CloseDouble(size_t i, size_t len, size_t para_start) {
    if (!stack_.back().is_double) {
      const size_t end = TrimEnd(s_, para_start, i);
      while (!stack_.back().is_double) EndTop(end);
    }
    Close(i, len);
  }

  // Ends the innermost open quotation, unclosed, at end (already trimmed).
  void EndTop(size_t end) {
    const Open o = Pop();
    Quotation& q = out_[o.index];
    if (o.type == MarkType::kStraightSingle || end <= o.mark_end) {
      q.outer.end = kDropped;
      return;
    }
    q.outer = TextSpan{o.mark_start, end};
    q.inner = TextSpan{o.mark_end, end};
    q.closed = false;
  }

  std::string_view s_;
  std::vector<Quotation> out_;
  std::vector<Open> stack_;
  size_t open_doubles_ = 0;
};

}  // namespace

std::vector<Quotation> FindQuotations(std::string_view body) { return QuotePairer(body).Pair(); }

}  // namespace parallax
