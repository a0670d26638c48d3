// Sentence splitting policy.
//
// A candidate end is a run of terminators ('.', '?', '!', "...", "…",
// ". . .") plus any closing quotes or brackets right after them, followed by
// whitespace. It is never an end when the next word (after opening quotes or
// brackets) starts with a lowercase letter or with continuing punctuation
// (',', ';', ':', a dash, a closing quote). Otherwise:
//   * '?' and '!' end the sentence, except '"Why?" Lavrov asked.': a closing
//     quote followed by capitalised words and a verb of saying.
//   * An ellipsis ends it only before a capitalised word, and never as an
//     elision mark "[...]".
//   * A single '.' is judged by the word before it:
//       titles (Mr. Dr. Gen. Gov. St.), months (Dec.) and inner abbreviations
//       (vs. e.g. i.e.) never end a sentence: "Dec. 12", "Gen. Smith";
//       "No.", "Vol.", "Fig." do not end one before a number;
//       initials ("V.", "J.R.") do not end one before a capitalised word;
//       abbreviations that often close a sentence (U.S. U.K. etc. a.m. p.m.
//       Inc. Ltd. Co. Jr.) end one before a capitalised word, unless that word
//       usually continues a name ("U.S. Secretary", "U.N. Security Council",
//       "Apple Inc. CEO"), but not before a number;
//       a bare number opening a sentence or following ':' is a list marker;
//       any other word ends the sentence.
// A sentence must hold a letter or digit, so a stray "..." or quote mark
// joins its neighbour instead of standing alone.
#include "text/sentences.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace parallax {
namespace {

using uchar = unsigned char;

inline uchar At(std::string_view s, size_t i) { return static_cast<uchar>(s[i]); }

inline bool IsAsciiSpace(uchar c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
inline bool IsAsciiDigit(uchar c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLower(uchar c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiUpper(uchar c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiAlpha(uchar c) { return IsAsciiLower(c) || IsAsciiUpper(c); }
inline bool IsAsciiAlnum(uchar c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }

// Length of the whitespace character at i, or 0. Whitespace is ASCII
// whitespace plus U+00A0, which HTML extraction leaves all over news text.
inline size_t SpaceLen(std::string_view s, size_t i, size_t end) {
  const uchar c = At(s, i);
  if (IsAsciiSpace(c)) return 1;
  if (c == 0xC2 && i + 1 < end && At(s, i + 1) == 0xA0) return 2;
  return 0;
}

// Length of the whitespace character ending at i (exclusive), or 0.
inline size_t SpaceLenBefore(std::string_view s, size_t begin, size_t i) {
  const uchar c = At(s, i - 1);
  if (IsAsciiSpace(c)) return 1;
  if (c == 0xA0 && i - begin >= 2 && At(s, i - 2) == 0xC2) return 2;
  return 0;
}

size_t SkipSpace(std::string_view s, size_t i, size_t end) {
  while (i < end) {
    const size_t n = SpaceLen(s, i, end);
    if (n == 0) break;
    i += n;
  }
  return i;
}

size_t TrimEnd(std::string_view s, size_t begin, size_t end) {
  while (end > begin) {
    const size_t n = SpaceLenBefore(s, begin, end);
    if (n == 0) break;
    end -= n;
  }
  return end;
}

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

enum class LetterCase { kLower, kUpper, kNone };

// Case of the letters news text actually meets: Latin-1, Latin Extended-A,
// Greek, Cyrillic and Armenian. Anything else counts as uncased.
LetterCase CaseOf(char32_t cp) {
  if (cp < 0x80) {
    if (IsAsciiUpper(static_cast<uchar>(cp))) return LetterCase::kUpper;
    if (IsAsciiLower(static_cast<uchar>(cp))) return LetterCase::kLower;
    return LetterCase::kNone;
  }
  if (cp < 0xC0) return LetterCase::kNone;
  if (cp <= 0xFF) {
    if (cp == 0xD7 || cp == 0xF7) return LetterCase::kNone;
    return cp <= 0xDE ? LetterCase::kUpper : LetterCase::kLower;
  }
  if (cp <= 0x17F) {
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return LetterCase::kLower;
    if (cp == 0x178) return LetterCase::kUpper;
    // Upper/lower pairs; their parity flips in two stretches of the block.
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    return ((cp % 2 == 1) == odd_upper) ? LetterCase::kUpper : LetterCase::kLower;
  }
  if (cp >= 0x386 && cp <= 0x3AB) return cp == 0x387 ? LetterCase::kNone : LetterCase::kUpper;
  if (cp >= 0x3AC && cp <= 0x3CE) return LetterCase::kLower;
  if (cp >= 0x400 && cp <= 0x42F) return LetterCase::kUpper;
  if (cp >= 0x430 && cp <= 0x45F) return LetterCase::kLower;
  if (cp >= 0x460 && cp <= 0x4FF) return cp % 2 == 0 ? LetterCase::kUpper : LetterCase::kLower;
  if (cp >= 0x531 && cp <= 0x556) return LetterCase::kUpper;
  if (cp >= 0x561 && cp <= 0x587) return LetterCase::kLower;
  return LetterCase::kNone;
}

// "…" (U+2026) at i.
inline bool IsEllipsisAt(std::string_view s, size_t i, size_t end) {
  return i + 2 < end && At(s, i) == 0xE2 && At(s, i + 1) == 0x80 && At(s, i + 2) == 0xA6;
}

// Length of an opening quote or bracket at i, or 0.
size_t OpenerLen(std::string_view s, size_t i, size_t end) {
  const uchar c = At(s, i);
  if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{') return 1;
  if (c == 0xE2 && i + 2 < end && At(s, i + 1) == 0x80) {
    const uchar d = At(s, i + 2);
    if (d == 0x9C || d == 0x98 || d == 0x9E) return 3;  // “ ‘ „
  }
  if (c == 0xC2 && i + 1 < end && At(s, i + 1) == 0xAB) return 2;  // «
  return 0;
}

// A letter or digit: ASCII alphanumerics, or any character from U+00C0 up
// except the punctuation and symbol blocks that start with byte E2.
bool HasWordChar(std::string_view s, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    const uchar c = At(s, i);
    if (IsAsciiAlnum(c) || (c >= 0xC3 && c != 0xE2 && c <= 0xF4)) return true;
  }
  return false;
}

enum class NextKind { kEnd, kLower, kUpper, kDigit, kOther, kContinue };

struct NextWord {
  NextKind kind;
  size_t pos;  // first byte after any opening quotes or brackets
};

NextWord ClassifyNext(std::string_view s, size_t i, size_t end) {
  while (i < end) {
    const size_t n = OpenerLen(s, i, end);
    if (n == 0) break;
    i += n;
  }
  if (i >= end) return {NextKind::kEnd, i};
  const uchar c = At(s, i);
  if (c < 0x80) {
    if (IsAsciiLower(c)) return {NextKind::kLower, i};
    if (IsAsciiUpper(c)) return {NextKind::kUpper, i};
    if (IsAsciiDigit(c)) return {NextKind::kDigit, i};
    switch (c) {
      case ',':
      case ';':
      case ':':
      case ')':
      case ']':
      case '}':
      case '-':
      case '/':
      case '&':
      case '%':
        return {NextKind::kContinue, i};
      default:
        return {NextKind::kOther, i};
    }
  }
  const char32_t cp = Decode(s, i, end).cp;
  switch (cp) {
    case 0x2012:  // dashes
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2019:  // ’
    case 0x201D:  // ”
    case 0x00BB:  // »
      return {NextKind::kContinue, i};
    default:
      break;
  }
  switch (CaseOf(cp)) {
    case LetterCase::kLower:
      return {NextKind::kLower, i};
    case LetterCase::kUpper:
      return {NextKind::kUpper, i};
    case LetterCase::kNone:
      break;
  }
  return {NextKind::kOther, i};
}

struct Run {
  size_t end = 0;
  int dots = 0;
  bool strong = false;         // holds '?' or '!'
  bool ellipsis = false;       // "...", "…" or ". . ."
  bool closing_quote = false;  // a closing quote mark follows the terminator
};

// The terminator run starting at i (at '.', '?', '!' or '…').
Run ParseRun(std::string_view s, size_t i, size_t end) {
  Run r;
  size_t j = i;
  if (end - j >= 5 && s.substr(j, 5) == ". . .") {
    j += 5;
    while (j + 1 < end && At(s, j) == ' ' && At(s, j + 1) == '.') j += 2;
    r.ellipsis = true;
  }
  while (j < end) {
    const uchar c = At(s, j);
    if (c == '.') {
      ++r.dots;
      ++j;
    } else if (c == '?' || c == '!') {
      r.strong = true;
      ++j;
    } else if (c == ')' || c == ']' || c == '}') {
      ++j;
    } else if (c == '"' || c == '\'') {
      r.closing_quote = true;
      ++j;
    } else if (c == 0xE2 && j + 2 < end && At(s, j + 1) == 0x80 &&
               (At(s, j + 2) == 0xA6 || At(s, j + 2) == 0x9D || At(s, j + 2) == 0x99)) {
      if (At(s, j + 2) == 0xA6) {
        r.ellipsis = true;
      } else {
        r.closing_quote = true;  // ” ’
      }
      j += 3;
    } else if (c == 0xC2 && j + 1 < end && At(s, j + 1) == 0xBB) {
      r.closing_quote = true;  // »
      j += 2;
    } else {
      break;
    }
  }
  if (r.dots >= 2) r.ellipsis = true;
  r.end = j;
  return r;
}

enum class WordKind {
  kOrdinary,
  kTitle,         // Mr. Dr. Gen. St.: a name follows
  kMonth,         // Dec. 12
  kInner,         // vs. e.g. cf.: never last in a sentence
  kNumberPrefix,  // No. 10, Vol. 3
  kEnder,         // U.S. etc. Inc. a.m.: often last in a sentence
  kInitial,       // V. or J.R.
  kNumber,        // 2. (a list marker when it opens a sentence)
};

struct Abbreviation {
  std::string_view text;
  WordKind kind;
};

constexpr Abbreviation kAbbreviations[] = {
    {"Mr", WordKind::kTitle},         {"Mrs", WordKind::kTitle},
    {"Ms", WordKind::kTitle},         {"Mx", WordKind::kTitle},
    {"Messrs", WordKind::kTitle},     {"Mme", WordKind::kTitle},
    {"Mlle", WordKind::kTitle},       {"Dr", WordKind::kTitle},
    {"Drs", WordKind::kTitle},        {"Prof", WordKind::kTitle},
    {"Gen", WordKind::kTitle},        {"Gens", WordKind::kTitle},
    {"Col", WordKind::kTitle},        {"Lt", WordKind::kTitle},
    {"Sgt", WordKind::kTitle},        {"Maj", WordKind::kTitle},
    {"Capt", WordKind::kTitle},       {"Cmdr", WordKind::kTitle},
    {"Cdr", WordKind::kTitle},        {"Adm", WordKind::kTitle},
    {"Brig", WordKind::kTitle},       {"Cpl", WordKind::kTitle},
    {"Pvt", WordKind::kTitle},        {"Pfc", WordKind::kTitle},
    {"Gov", WordKind::kTitle},        {"Govs", WordKind::kTitle},
    {"Sen", WordKind::kTitle},        {"Sens", WordKind::kTitle},
    {"Rep", WordKind::kTitle},        {"Reps", WordKind::kTitle},
    {"Rev", WordKind::kTitle},        {"Fr", WordKind::kTitle},
    {"Msgr", WordKind::kTitle},       {"Hon", WordKind::kTitle},
    {"Rt", WordKind::kTitle},         {"Pres", WordKind::kTitle},
    {"Supt", WordKind::kTitle},       {"Det", WordKind::kTitle},
    {"Insp", WordKind::kTitle},       {"Amb", WordKind::kTitle},
    {"Atty", WordKind::kTitle},       {"St", WordKind::kTitle},
    {"Ste", WordKind::kTitle},        {"Mt", WordKind::kTitle},
    {"Ft", WordKind::kTitle},         {"Jan", WordKind::kMonth},
    {"Feb", WordKind::kMonth},        {"Mar", WordKind::kMonth},
    {"Apr", WordKind::kMonth},        {"Jun", WordKind::kMonth},
    {"Jul", WordKind::kMonth},        {"Aug", WordKind::kMonth},
    {"Sep", WordKind::kMonth},        {"Sept", WordKind::kMonth},
    {"Oct", WordKind::kMonth},        {"Nov", WordKind::kMonth},
    {"Dec", WordKind::kMonth},        {"vs", WordKind::kInner},
    {"cf", WordKind::kInner},         {"viz", WordKind::kInner},
    {"approx", WordKind::kInner},     {"ca", WordKind::kInner},
    {"incl", WordKind::kInner},       {"esp", WordKind::kInner},
    {"No", WordKind::kNumberPrefix},  {"no", WordKind::kNumberPrefix},
    {"Nos", WordKind::kNumberPrefix}, {"Nr", WordKind::kNumberPrefix},
    {"Vol", WordKind::kNumberPrefix}, {"vol", WordKind::kNumberPrefix},
    {"Fig", WordKind::kNumberPrefix}, {"fig", WordKind::kNumberPrefix},
    {"Art", WordKind::kNumberPrefix}, {"Ch", WordKind::kNumberPrefix},
    {"Sec", WordKind::kNumberPrefix}, {"pp", WordKind::kNumberPrefix},
    {"Tel", WordKind::kNumberPrefix}, {"Ext", WordKind::kNumberPrefix},
    {"etc", WordKind::kEnder},        {"Inc", WordKind::kEnder},
    {"Ltd", WordKind::kEnder},        {"Co", WordKind::kEnder},
    {"Cos", WordKind::kEnder},        {"Corp", WordKind::kEnder},
    {"Bros", WordKind::kEnder},       {"Plc", WordKind::kEnder},
    {"plc", WordKind::kEnder},        {"Jr", WordKind::kEnder},
    {"Sr", WordKind::kEnder},         {"al", WordKind::kEnder},
    {"govt", WordKind::kEnder},       {"Govt", WordKind::kEnder},
    {"Dept", WordKind::kEnder},       {"Ave", WordKind::kEnder},
    {"Blvd", WordKind::kEnder},       {"U.S", WordKind::kEnder},
    {"U.K", WordKind::kEnder},        {"U.N", WordKind::kEnder},
    {"E.U", WordKind::kEnder},        {"U.S.A", WordKind::kEnder},
    {"D.C", WordKind::kEnder},        {"N.Y", WordKind::kEnder},
    {"L.A", WordKind::kEnder},        {"a.m", WordKind::kEnder},
    {"p.m", WordKind::kEnder},        {"A.M", WordKind::kEnder},
    {"P.M", WordKind::kEnder},        {"Ph.D", WordKind::kEnder},
    {"B.C", WordKind::kEnder},        {"e.g", WordKind::kInner},
    {"i.e", WordKind::kInner},
};

// Capitalised words that usually continue a name after an abbreviation that
// could end a sentence: "U.S. Secretary of State", "Apple Inc. CEO",
// "9 a.m. Monday".
constexpr std::string_view kNameContinuations[] = {
    "Administration",
    "Agency",
    "Air",
    "Ambassador",
    "Army",
    "Assembly",
    "Attorney",
    "BST",
    "Bank",
    "Border",
    "CDT",
    "CEO",
    "CET",
    "CST",
    "CT",
    "Capitol",
    "Census",
    "Central",
    "Chairman",
    "Chairwoman",
    "Chamber",
    "Chief",
    "Co",
    "Coast",
    "Command",
    "Commerce",
    "Commission",
    "Commissioner",
    "Congress",
    "Congressman",
    "Congresswoman",
    "Consul",
    "Consulate",
    "Corp",
    "Council",
    "Court",
    "Customs",
    "Defence",
    "Defense",
    "Department",
    "Dept",
    "District",
    "EDT",
    "EST",
    "ET",
    "Eastern",
    "Election",
    "Embassy",
    "Energy",
    "Envoy",
    "Fed",
    "Federal",
    "Food",
    "Force",
    "Forces",
    "Foreign",
    "Friday",
    "GMT",
    "Gen",
    "General",
    "Gov",
    "Government",
    "Governor",
    "Group",
    "Health",
    "High",
    "Holdings",
    "Home",
    "House",
    "Human",
    "Immigration",
    "Inc",
    "Intelligence",
    "Justice",
    "LLC",
    "Labor",
    "Labour",
    "Lt",
    "Ltd",
    "MSK",
    "Marine",
    "Marines",
    "Marshal",
    "Mayor",
    "Military",
    "Minister",
    "Ministry",
    "Mission",
    "Monday",
    "Mountain",
    "National",
    "Navy",
    "Office",
    "Olympic",
    "Open",
    "PDT",
    "PST",
    "PT",
    "Pacific",
    "Parliament",
    "Peacekeeping",
    "Plc",
    "Police",
    "President",
    "Prime",
    "Refugee",
    "Rep",
    "Representative",
    "Saturday",
    "Secretary",
    "Security",
    "Sen",
    "Senate",
    "Senator",
    "Special",
    "State",
    "Steel",
    "Sunday",
    "Supreme",
    "Thursday",
    "Trade",
    "Treasury",
    "Tuesday",
    "UTC",
    "Vice",
    "Wednesday",
};

// Verbs of saying that turn '"Why?" Lavrov asked.' into one sentence.
constexpr std::string_view kSpeechVerbs[] = {
    "added",     "adds",     "answered", "argued",   "asked",     "asks",      "claimed",
    "continued", "cried",    "declared", "demanded", "exclaimed", "explained", "insisted",
    "noted",     "recalled", "remarked", "replied",  "replies",   "responded", "said",
    "says",      "shouted",  "stated",   "stressed", "tells",     "told",      "tweeted",
    "urged",     "warned",   "wondered", "wrote",    "writes",
};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// "J.R", "e.g", "U.S.A": groups of one to three letters joined by dots.
bool IsDotted(std::string_view w) {
  size_t run = 0;
  bool dot = false;
  for (const char ch : w) {
    if (ch == '.') {
      if (run == 0) return false;
      dot = true;
      run = 0;
    } else if (IsAsciiAlpha(static_cast<uchar>(ch))) {
      if (++run > 3) return false;
    } else {
      return false;
    }
  }
  return dot && run > 0;
}

bool IsNumber(std::string_view w) {
  if (w.empty() || !IsAsciiDigit(static_cast<uchar>(w.front()))) return false;
  for (const char ch : w) {
    if (!IsAsciiDigit(static_cast<uchar>(ch)) && ch != ',' && ch != '.') return false;
  }
  return true;
}

WordKind ClassifyWord(std::string_view w) {
  if (w.empty()) return WordKind::kOrdinary;
  if (IsNumber(w)) return WordKind::kNumber;
  for (const Abbreviation& a : kAbbreviations) {
    if (a.text == w) return a.kind;
  }
  if (IsDotted(w)) return WordKind::kInitial;
  if (w.size() == 1) {
    return IsAsciiAlpha(static_cast<uchar>(w[0])) ? WordKind::kInitial : WordKind::kOrdinary;
  }
  if (w.size() <= 4) {
    const CodePoint cp = Decode(w, 0, w.size());
    if (cp.len == w.size() && CaseOf(cp.cp) != LetterCase::kNone) return WordKind::kInitial;
  }
  return WordKind::kOrdinary;
}

// Longest word worth classifying; longer ones (URLs) are ordinary words.
constexpr size_t kMaxWord = 64;

struct WordBefore {
  std::string_view word;  // without leading opening quotes or brackets
  size_t raw_begin = 0;   // where the word starts, openers included
  bool too_long = false;
};

WordBefore FindWordBefore(std::string_view s, size_t para_start, size_t dot) {
  WordBefore w;
  const size_t limit = dot - std::min(dot - para_start, kMaxWord);
  size_t b = dot;
  while (b > limit && SpaceLenBefore(s, para_start, b) == 0) --b;
  if (b == limit && b > para_start && SpaceLenBefore(s, para_start, b) == 0) {
    w.too_long = true;
    return w;
  }
  w.raw_begin = b;
  while (b < dot) {
    const size_t n = OpenerLen(s, b, dot);
    if (n == 0) break;
    b += n;
  }
  w.word = s.substr(b, dot - b);
  return w;
}

bool PrecededByColon(std::string_view s, size_t para_start, size_t i) {
  while (i > para_start) {
    const size_t n = SpaceLenBefore(s, para_start, i);
    if (n == 0) break;
    i -= n;
  }
  return i > para_start && At(s, i - 1) == ':';
}

bool ContinuesName(std::string_view s, size_t pos, size_t end) {
  size_t e = pos;
  while (e < end && e - pos < 16 && IsAsciiAlpha(At(s, e))) ++e;
  return Contains(kNameContinuations, s.substr(pos, e - pos));
}

// '"Why?" Lavrov asked.': up to four capitalised words, then a verb of
// saying.
bool StartsAttribution(std::string_view s, size_t pos, size_t end) {
  constexpr size_t kMaxToken = 32;
  size_t i = pos;
  for (int k = 0; k < 5 && i < end; ++k) {
    size_t e = i;
    while (e < end && e - i <= kMaxToken && SpaceLen(s, e, end) == 0) ++e;
    if (e - i > kMaxToken) return false;
    std::string_view token = s.substr(i, e - i);
    const uchar c = At(s, i);
    if (IsAsciiLower(c)) {
      while (!token.empty() && !IsAsciiAlpha(static_cast<uchar>(token.back()))) {
        token.remove_suffix(1);
      }
      return Contains(kSpeechVerbs, token);
    }
    if (CaseOf(Decode(s, i, end).cp) != LetterCase::kUpper) return false;
    const uchar last = static_cast<uchar>(token.back());
    if (last == ',' || last == ';' || last == ':') return false;
    i = SkipSpace(s, e, end);
  }
  return false;
}

bool ShouldSplit(std::string_view s, size_t para_start, size_t para_end, size_t sentence_start,
                 size_t run_start, const Run& run, const NextWord& next) {
  switch (next.kind) {
    case NextKind::kEnd:
    case NextKind::kLower:
    case NextKind::kContinue:
      return false;
    default:
      break;
  }
  if (run.strong) {
    return !(run.closing_quote && next.kind == NextKind::kUpper &&
             StartsAttribution(s, next.pos, para_end));
  }
  if (run.ellipsis) {
    if (run_start > para_start) {
      const uchar p = At(s, run_start - 1);
      if (p == '(' || p == '[') return false;  // "[...]" marks an elision
    }
    return next.kind == NextKind::kUpper;
  }
  const WordBefore w = FindWordBefore(s, para_start, run_start);
  if (w.too_long) return true;
  switch (ClassifyWord(w.word)) {
    case WordKind::kTitle:
    case WordKind::kMonth:
    case WordKind::kInner:
      return false;
    case WordKind::kNumberPrefix:
      return next.kind != NextKind::kDigit;
    case WordKind::kInitial:
      return next.kind == NextKind::kDigit || next.kind == NextKind::kOther;
    case WordKind::kEnder:
      if (next.kind == NextKind::kDigit) return false;
      if (next.kind == NextKind::kUpper) return !ContinuesName(s, next.pos, para_end);
      return true;
    case WordKind::kNumber:
      return w.raw_begin != sentence_start && !PrecededByColon(s, para_start, w.raw_begin);
    case WordKind::kOrdinary:
      return true;
  }
  return true;
}

constexpr std::array<bool, 256> kMaybeTerminator = [] {
  std::array<bool, 256> t{};
  t['.'] = t['?'] = t['!'] = t[0xE2] = true;
  return t;
}();

void SplitParagraph(std::string_view s, TextSpan p, int index, std::vector<Sentence>& out) {
  const size_t first = out.size();
  size_t start = p.start;
  size_t scanned = start;  // HasWordChar has covered [start, scanned)
  bool has_word = false;
  size_t i = p.start;
  while (i < p.end) {
    const uchar c = At(s, i);
    if (!kMaybeTerminator[c] || (c == 0xE2 && !IsEllipsisAt(s, i, p.end))) {
      ++i;
      continue;
    }
    const size_t run_start = i;
    const Run run = ParseRun(s, i, p.end);
    i = run.end;
    if (i >= p.end || SpaceLen(s, i, p.end) == 0) continue;
    const size_t next_start = SkipSpace(s, i, p.end);
    const NextWord next = ClassifyNext(s, next_start, p.end);
    if (!ShouldSplit(s, p.start, p.end, start, run_start, run, next)) continue;
    if (!has_word) {
      has_word = HasWordChar(s, scanned, run.end);
      scanned = run.end;
      if (!has_word) continue;
    }
    out.push_back(Sentence{TextSpan{start, run.end}, index});
    start = scanned = i = next_start;
    has_word = false;
  }
  if (out.size() > first && !has_word && !HasWordChar(s, scanned, p.end)) {
    out.back().span.end = p.end;
  } else {
    out.push_back(Sentence{TextSpan{start, p.end}, index});
  }
}

}  // namespace

std::vector<TextSpan> SplitParagraphs(std::string_view body) {
  std::vector<TextSpan> out;
  const size_t n = body.size();
  size_t i = 0;
  while (i < n) {
    size_t line_end = i;
    while (line_end < n && body[line_end] != '\n' && body[line_end] != '\r') ++line_end;
    const size_t a = SkipSpace(body, i, line_end);
    const size_t b = TrimEnd(body, a, line_end);
    if (a < b) out.push_back(TextSpan{a, b});
    i = line_end + 1;
  }
  return out;
}

std::vector<Sentence> SplitSentences(std::string_view body) {
  const std::vector<TextSpan> paragraphs = SplitParagraphs(body);
  std::vector<Sentence> out;
  out.reserve(body.size() / 128 + paragraphs.size());
  for (size_t k = 0; k < paragraphs.size(); ++k) {
    SplitParagraph(body, paragraphs[k], static_cast<int>(k), out);
  }
  return out;
}

TextSpan SentenceContaining(const std::vector<Sentence>& sentences, size_t offset) {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                             [](size_t at, const Sentence& s) { return at < s.span.start; });
  return it == sentences.begin() ? TextSpan{offset, offset} : std::prev(it)->span;
}

}  // namespace parallax
