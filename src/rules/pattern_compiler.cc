#include "rules/pattern_compiler.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "util/strings.h"
#include "util/utf8.h"

namespace parallax {
namespace {

bool StartsWithWord(std::string_view s) { return IsWordCodePoint(DecodeUtf8At(s, 0)); }
bool EndsWithWord(std::string_view s) { return IsWordCodePoint(DecodeUtf8Before(s, s.size())); }
// RE2's \b knows ASCII word characters only.
bool IsAsciiWord(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool EndsWithAsciiWord(std::string_view s) { return !s.empty() && IsAsciiWord(s.back()); }
bool StartsWithAsciiWord(std::string_view s) { return !s.empty() && IsAsciiWord(s.front()); }

// A guard for a literal: all of it, edges from its first and last letters.
Guard LiteralGuard(std::string re, int score, std::string_view literal) {
  return Guard{std::move(re), score, true, StartsWithAsciiWord(literal),
               EndsWithAsciiWord(literal)};
}

// Escapes one literal word; straight and curly quote marks match each other.
std::string EscapeLiteral(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    if (text[i] == '\'' || rest.starts_with("\u2019") || rest.starts_with("\u2018")) {
      out += "(?:'|\u2019|\u2018)";
      if (text[i] != '\'') i += 2;
    } else if (text[i] == '"' || rest.starts_with("\u201C") || rest.starts_with("\u201D")) {
      out += "(?:\"|\u201C|\u201D)";
      if (text[i] != '"') i += 2;
    } else if (std::isspace(static_cast<unsigned char>(text[i]))) {
      while (i + 1 < text.size() && std::isspace(static_cast<unsigned char>(text[i + 1]))) ++i;
      out += "\\s+";
    } else {
      out += RE2::QuoteMeta(std::string_view(&text[i], 1));
    }
  }
  return out;
}

}  // namespace

std::string FoldKey(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : StripWhitespace(text)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string TableKeysRegex(const std::vector<std::string>& folded_keys) {
  std::vector<std::string> keys = folded_keys;
  // RE2 alternation is leftmost-first: "fourteen" must come before "four".
  std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  std::string out;
  for (const std::string& key : keys) {
    if (!out.empty()) out += '|';
    out += EscapeLiteral(key);
  }
  return out;
}

// How seldom a literal occurs in text, guessed from its letters and digits:
// "killed" is a better guard than "on". A sign prose uses only for what it
// means ("%", "$", "€" and the other currency signs) is as rare as a short
// word, where punctuation ("-", "“") counts nothing. Capped, so that a long
// word does not outweigh a table of medium ones.
int LiteralScore(std::string_view literal) {
  constexpr std::string_view kRareAsciiSigns = "%$#@&+=<>|~^*\\";
  constexpr size_t npos = std::string_view::npos;
  int score = 0;
  for (size_t i = 0; i < literal.size();) {
    const char32_t c = DecodeUtf8At(literal, i);
    i += Utf8Length(c);
    const bool rare_sign = c < 0x80 ? kRareAsciiSigns.find(static_cast<char>(c)) != npos
                                    : c == U'£' || c == U'¥' || (c >= 0x20A0 && c <= 0x20CF);
    if (rare_sign) {
      score += 3;
    } else if (IsWordCodePoint(c)) {
      score += 1;
    }
  }
  return std::min(score, 8);
}

CompiledPattern TablePattern(const std::vector<std::string>& folded_keys) {
  CompiledPattern pattern{TableKeysRegex(folded_keys), true, true, std::nullopt};
  int score = 8;
  bool ascii_left = true, ascii_right = true;
  for (const std::string& key : folded_keys) {
    pattern.wordy_left &= StartsWithWord(key);
    pattern.wordy_right &= EndsWithWord(key);
    ascii_left &= StartsWithAsciiWord(key);
    ascii_right &= EndsWithAsciiWord(key);
    score = std::min(score, LiteralScore(key));
  }
  if (!folded_keys.empty()) {
    pattern.guard = Guard{pattern.re, score, true, ascii_left, ascii_right};
  }
  return pattern;
}

// Recursive-descent parser over one pattern's text, producing RE2 syntax.
class PatternParser {
 public:
  PatternParser(PatternCompiler& compiler, const Located& pattern, bool in_piece,
                std::vector<std::string>* captures)
      : compiler_(compiler),
        text_(pattern.text),
        pattern_(pattern),
        in_piece_(in_piece),
        captures_(captures) {}

  std::optional<CompiledPattern> Parse() {
    std::string re = Alternation();
    if (!failed_ && pos_ < text_.size()) {
      Error(pos_, StrCat("unexpected '", text_[pos_], "'"));
    }
    if (!failed_ && re.empty()) Error(0, "empty pattern");
    if (failed_) return std::nullopt;
    return CompiledPattern{std::move(re), wordy_left_, wordy_right_, std::move(guard_)};
  }

 private:
  struct Item {
    std::string re;
    bool wordy_left = true;
    bool wordy_right = true;
    bool optional = false;
    bool repeated = false;  // "item*": optional, and may repeat
    bool glued = false;     // written "~ item": no space before it
    // A literal ending in an ASCII word character gets \b after it, so that
    // RE2 itself goes on to "fourteen" in "four | fourteen" rather than stop
    // inside the word (which the matcher would then drop).
    bool ends_word = false;
    std::optional<Guard> guard;
  };

  void Error(size_t offset, std::string message) {
    compiler_.diagnostics_.Error(LocationOf(offset), std::move(message));
    failed_ = true;
  }

  SourceLocation LocationOf(size_t offset) const { return pattern_.LocationOf(offset); }

  void SkipSpaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // Sets wordy_left_/wordy_right_: a side is wordy when every alternative
  // is, so that "( - | to )" joins with optional space.
  // Sets guard_ too: the alternatives' guards joined, when each has one.
  std::string Alternation() {
    bool left = true, right = true;
    std::string re = Sequence();
    left &= wordy_left_;
    right &= wordy_right_;
    std::optional<Guard> guard = std::move(guard_);
    if (guard) guard->re = StrCat("(?:", guard->re, ")");
    while (!failed_ && pos_ < text_.size() && text_[pos_] == '|') {
      ++pos_;
      const size_t start = pos_;
      std::string next = Sequence();
      if (next.empty() && !failed_) Error(start, "empty alternative after '|'");
      left &= wordy_left_;
      right &= wordy_right_;
      re += '|';
      re += next;
      if (guard && guard_) {
        StrAppend(&guard->re, "|(?:", guard_->re, ")");
        guard->score = std::min(guard->score, guard_->score);
        guard->whole = guard->whole && guard_->whole;
        guard->ascii_left = guard->ascii_left && guard_->ascii_left;
        guard->ascii_right = guard->ascii_right && guard_->ascii_right;
      } else {
        guard.reset();
      }
    }
    wordy_left_ = left;
    wordy_right_ = right;
    guard_ = std::move(guard);
    return re;
  }

  static const char* Separator(const Item& left, const Item& right) {
    return left.wordy_right && right.wordy_left ? "\\s+" : "\\s*";
  }

  std::string Sequence() {
    std::vector<Item> items;
    std::optional<size_t> glue_at;  // a '~' waiting for its item
    while (!failed_) {
      SkipSpaces();
      if (pos_ >= text_.size() || text_[pos_] == '|' || text_[pos_] == ')' || text_[pos_] == '}') {
        break;
      }
      if (text_[pos_] == '~') {
        if (items.empty() || glue_at) {
          Error(pos_, "'~' joins two items: it needs an item before it");
          break;
        }
        glue_at = pos_++;
        continue;
      }
      std::optional<Item> item = ParseItem();
      if (!item) break;
      item->glued = glue_at.has_value();
      glue_at.reset();
      items.push_back(std::move(*item));
    }
    if (glue_at && !failed_) Error(*glue_at, "'~' joins two items: it needs an item after it");
    // The sequence's own sides: those of its items up to the first one that
    // must be there.
    wordy_left_ = wordy_right_ = true;
    for (size_t i = 0; i < items.size(); ++i) {
      wordy_left_ &= items[i].wordy_left;
      if (!items[i].optional) break;
    }
    for (size_t i = items.size(); i-- > 0;) {
      wordy_right_ &= items[i].wordy_right;
      if (!items[i].optional) break;
    }
    guard_ = SequenceGuard(items, !in_piece_ && depth_ == 0);
    std::string re;
    bool skip_separator = false;
    bool leading = true;  // only optional items so far
    for (size_t i = 0; i < items.size(); ++i) {
      Item item = items[i];
      if (item.ends_word && !(i + 1 < items.size() && items[i + 1].glued)) item.re += "\\b";
      std::string separator =
          i == 0 || skip_separator || item.glued ? "" : Separator(items[i - 1], item);
      skip_separator = false;
      leading = leading && item.optional;
      if (leading && i + 1 < items.size()) {
        // Leading optional items carry the separator after them, so that a
        // pattern whose optional start is absent needs no space before it.
        const Item& next = items[i + 1];
        re += StrCat("(?:", item.re, next.glued ? "" : Separator(item, next), ")",
                     item.repeated ? "*" : "?");
        skip_separator = true;
      } else if (item.optional) {
        re += StrCat("(?:", separator, "(?:", item.re, "))", item.repeated ? "*" : "?");
      } else {
        re += separator;
        re += item.re;
      }
    }
    return re;
  }

  // The best guard of a sequence: its rarest required item, or run of
  // adjacent required items whose guards are whole (joined as the pattern
  // joins them), which is rarer than any of its items. `top_level`: the
  // sequence's ends are the match's, where the matcher wants token
  // boundaries.
  static std::optional<Guard> SequenceGuard(const std::vector<Item>& items, bool top_level) {
    // Beyond this size a whole guard is not worth joining: the prefilter's
    // set is meant to stay small.
    constexpr size_t kLargestJoined = 2048;
    auto joinable = [&](const Item& item) {
      return !item.optional && item.guard && item.guard->whole &&
             item.guard->re.size() <= kLargestJoined;
    };
    // Items rank by score, then by the word edges they get: of two table
    // guards "day|...|h", the one that can be "\b(?:...)\b" is the rarer.
    std::optional<Guard> best;
    int best_edges = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& item = items[i];
      if (item.optional || !item.guard) continue;
      const Guard& guard = *item.guard;
      const WordEdges edges = guard.whole ? EdgesOf(items, i, i, top_level, guard) : WordEdges{};
      if (!best || guard.score > best->score ||
          (guard.score == best->score && edges.count() > best_edges)) {
        best = guard;
        PutWordEdges(edges, &*best);
        best->whole = guard.whole && items.size() == 1;
        best_edges = edges.count();
      }
    }
    for (size_t i = 0; i < items.size();) {
      if (!joinable(items[i])) {
        ++i;
        continue;
      }
      Guard run{StrCat("(?:", items[i].guard->re, ")"), items[i].guard->score, true,
                items[i].guard->ascii_left, false};
      size_t j = i + 1;
      for (; j < items.size() && joinable(items[j]); ++j) {
        StrAppend(&run.re, items[j].glued ? "" : Separator(items[j - 1], items[j]),
                  "(?:", items[j].guard->re, ")");
        run.score += items[j].guard->score;
      }
      run.ascii_right = items[j - 1].guard->ascii_right;
      // A run is rarer than its items even when they add nothing to the
      // score (a number beside a word), so it wins ties.
      if (j - i > 1 && (!best || run.score >= best->score)) {
        const WordEdges edges = EdgesOf(items, i, j - 1, top_level, run);
        PutWordEdges(edges, &run);
        best_edges = edges.count();
        run.whole = i == 0 && j == items.size();
        best = std::move(run);
      }
      i = j;
    }
    return best;
  }

  // The edges of the guard of items [first, last] that may be \b: those
  // where every match of the sequence has a character that is not an ASCII
  // word character (or the match's token boundary) beside them, so that the
  // guard stays true of every match.
  struct WordEdges {
    bool left = false;
    bool right = false;
    int count() const { return int{left} + int{right}; }
  };
  static WordEdges EdgesOf(const std::vector<Item>& items, size_t first, size_t last,
                           bool top_level, const Guard& guard) {
    auto spaced = [&](size_t left, size_t right) {
      return !items[right].glued &&
             std::string_view(Separator(items[left], items[right])) == "\\s+";
    };
    bool left = guard.ascii_left && !items[first].glued;
    if (left) {
      // Leading optional items carry the separator after them, each to the
      // next item; without them the sequence starts with this one.
      bool leading = true;
      for (size_t k = 0; k < first; ++k) leading = leading && items[k].optional;
      if (leading) {
        for (size_t k = 0; k < first; ++k) left = left && spaced(k, k + 1);
        left = left && top_level;
      } else {
        left = spaced(first - 1, first);
      }
    }
    bool right = guard.ascii_right;
    if (right) {
      right = last + 1 == items.size() ? top_level
                                       : !items[last + 1].optional && spaced(last, last + 1);
    }
    return {left, right};
  }

  static void PutWordEdges(WordEdges edges, Guard* guard) {
    if (edges.left) guard->re = StrCat("\\b", guard->re);
    if (edges.right) guard->re = StrCat(guard->re, "\\b");
  }

  // Letters, digits and '_' from pos_ on: a capture, piece or table name.
  std::string TakeName() {
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  // A trailing '?' (optional) or '*' (any number of times, also none).
  void TakeRepeatMark(Item* item) {
    if (pos_ < text_.size() && (text_[pos_] == '?' || text_[pos_] == '*')) {
      item->optional = true;
      item->repeated = text_[pos_] == '*';
      ++pos_;
    }
  }

  std::optional<Item> ParseItem() {
    const size_t start = pos_;
    const char c = text_[pos_];
    Item item;
    if (c == '(') {
      ++pos_;
      ++depth_;
      std::string inner = Alternation();
      --depth_;
      if (failed_) return std::nullopt;
      if (pos_ >= text_.size() || text_[pos_] != ')') {
        Error(start, "'(' is never closed");
        return std::nullopt;
      }
      ++pos_;
      item.re = StrCat("(?:", inner, ")");
      item.wordy_left = wordy_left_;
      item.wordy_right = wordy_right_;
      item.guard = std::move(guard_);
    } else if (c == '{') {
      ++pos_;
      const std::string name = TakeName();
      if (name.empty() || pos_ >= text_.size() || text_[pos_] != ':') {
        Error(start, "a capture reads '{name: pattern}'");
        return std::nullopt;
      }
      ++pos_;
      if (in_piece_) {
        Error(start, StrCat("capture '{", name,
                            ":' inside a piece; pieces are shared, so "
                            "capture where the piece is used"));
        return std::nullopt;
      }
      if (std::find(captures_->begin(), captures_->end(), name) != captures_->end()) {
        Error(start, StrCat("capture '", name, "' is used twice in this pattern"));
        return std::nullopt;
      }
      captures_->push_back(name);
      ++depth_;
      std::string inner = Alternation();
      --depth_;
      if (failed_) return std::nullopt;
      if (pos_ >= text_.size() || text_[pos_] != '}') {
        Error(start, StrCat("capture '{", name, ":' is never closed with '}'"));
        return std::nullopt;
      }
      ++pos_;
      item.re = StrCat("(?P<", name, ">", inner, ")");
      item.wordy_left = wordy_left_;
      item.wordy_right = wordy_right_;
      item.guard = std::move(guard_);
    } else if (c == '@') {
      ++pos_;
      const std::string name = TakeName();
      if (name.empty()) {
        Error(start, "'@' must be followed by a piece or table name");
        return std::nullopt;
      }
      std::optional<CompiledPattern> piece =
          compiler_.CompilePieceWithSides(name, LocationOf(start));
      if (!piece) {
        failed_ = true;
        return std::nullopt;
      }
      item.re = StrCat("(?:", piece->re, ")");
      item.wordy_left = piece->wordy_left;
      item.wordy_right = piece->wordy_right;
      item.guard = piece->guard;
    } else if (c == '/') {
      ++pos_;
      std::string raw;
      bool closed = false;
      while (pos_ < text_.size()) {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
          raw += '/';
          pos_ += 2;
        } else if (text_[pos_] == '/') {
          closed = true;
          ++pos_;
          break;
        } else {
          raw += text_[pos_++];
        }
      }
      if (!closed) {
        Error(start, "raw pattern '/...' is never closed with '/'");
        return std::nullopt;
      }
      RE2::Options options;
      options.set_log_errors(false);
      RE2 check(raw, options);
      if (!check.ok()) {
        const size_t arg = raw.find(check.error_arg());
        Error(start + 1 + (arg == std::string::npos ? 0 : arg),
              StrCat("bad raw pattern: ", check.error()));
        return std::nullopt;
      }
      if (check.NumberOfCapturingGroups() > 0) {
        Error(start,
              "raw pattern has a capturing group; use (?:...) inside /.../ and "
              "{name: ...} to capture");
        return std::nullopt;
      }
      item.re = StrCat("(?:", raw, ")");
      // A raw pattern may match almost anything ("\d+"): the weakest guard.
      item.guard = Guard{item.re, 0, true};
    } else if (c == '"') {
      ++pos_;
      std::string literal;
      bool closed = false;
      while (pos_ < text_.size()) {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
          literal += text_[pos_ + 1];
          pos_ += 2;
        } else if (text_[pos_] == '"') {
          closed = true;
          ++pos_;
          break;
        } else {
          literal += text_[pos_++];
        }
      }
      if (!closed || literal.empty()) {
        Error(start, closed ? "empty quoted literal" : "quoted literal is never closed");
        return std::nullopt;
      }
      item.re = EscapeLiteral(literal);
      item.wordy_left = StartsWithWord(literal);
      item.wordy_right = EndsWithWord(literal);
      item.ends_word = EndsWithAsciiWord(literal);
      item.guard = LiteralGuard(item.re, LiteralScore(literal), literal);
    } else if (c == ')' || c == '}' || c == '|' || c == '?' || c == '*') {
      Error(start, StrCat("unexpected '", c, "'"));
      return std::nullopt;
    } else {
      while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) &&
             std::string_view("(){}|").find(text_[pos_]) == std::string_view::npos) {
        ++pos_;
      }
      std::string_view word = text_.substr(start, pos_ - start);
      // A trailing '?' marks the word optional; "?" alone is a literal.
      if (word.size() > 1 && word.back() == '?') {
        word.remove_suffix(1);
        item.optional = true;
      }
      item.re = EscapeLiteral(word);
      item.wordy_left = StartsWithWord(word);
      item.wordy_right = EndsWithWord(word);
      item.ends_word = EndsWithAsciiWord(word);
      item.guard = LiteralGuard(item.re, LiteralScore(word), word);
      return item;
    }
    TakeRepeatMark(&item);
    return item;
  }

  PatternCompiler& compiler_;
  std::string_view text_;
  const Located& pattern_;
  bool in_piece_;
  std::vector<std::string>* captures_;
  size_t pos_ = 0;
  bool failed_ = false;
  int depth_ = 0;  // groups and captures the parser is inside
  // The sides and guard of what Sequence() or Alternation() parsed last.
  bool wordy_left_ = true;
  bool wordy_right_ = true;
  std::optional<Guard> guard_;
};

PatternCompiler::PatternCompiler(
    const absl::flat_hash_map<std::string, const PieceDef*>& pieces,
    const absl::flat_hash_map<std::string, CompiledPattern>& table_patterns,
    Diagnostics& diagnostics)
    : pieces_(pieces), table_patterns_(table_patterns), diagnostics_(diagnostics) {}

std::optional<CompiledPattern> PatternCompiler::CompileRule(const Located& pattern,
                                                            std::vector<std::string>* captures) {
  return PatternParser(*this, pattern, /*in_piece=*/false, captures).Parse();
}

std::optional<std::string> PatternCompiler::CompilePiece(const std::string& name,
                                                         const SourceLocation& used_at) {
  std::optional<CompiledPattern> compiled = CompilePieceWithSides(name, used_at);
  if (!compiled) return std::nullopt;
  return std::move(compiled->re);
}

std::optional<CompiledPattern> PatternCompiler::CompilePieceWithSides(
    const std::string& name, const SourceLocation& used_at) {
  used_names_.push_back(name);
  if (auto table = table_patterns_.find(name); table != table_patterns_.end()) {
    return table->second;
  }
  auto piece = pieces_.find(name);
  if (piece == pieces_.end()) {
    // Suggest a name that differs by little, for typos like @MONHT.
    std::string suggestion;
    size_t best = 3;
    auto consider = [&](const std::string& candidate) {
      const size_t n = name.size(), m = candidate.size();
      std::vector<size_t> row(m + 1);
      for (size_t j = 0; j <= m; ++j) row[j] = j;
      for (size_t i = 1; i <= n; ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; ++j) {
          const size_t next = std::min(
              {row[j] + 1, row[j - 1] + 1, diagonal + (name[i - 1] != candidate[j - 1] ? 1 : 0)});
          diagonal = row[j];
          row[j] = next;
        }
      }
      if (row[m] < best || (row[m] == best && candidate < suggestion && !suggestion.empty())) {
        best = row[m];
        suggestion = candidate;
      }
    };
    for (const auto& [candidate, unused] : pieces_) consider(candidate);
    for (const auto& [candidate, unused] : table_patterns_) consider(candidate);
    diagnostics_.Error(
        used_at, StrCat("unknown piece or table '@", name, "'",
                        suggestion.empty() ? "" : StrCat("; did you mean '@", suggestion, "'?")));
    return std::nullopt;
  }
  if (auto done = compiled_.find(name); done != compiled_.end()) return done->second;
  if (auto state = state_.find(name); state != state_.end()) {
    if (state->second == State::kVisiting) {
      diagnostics_.Error(used_at, StrCat("piece @", name, " refers to itself (a cycle of pieces)"));
      diagnostics_.Note(piece->second->name.at, StrCat("@", name, " is defined here"));
    }
    return std::nullopt;
  }
  state_[name] = State::kVisiting;
  std::vector<std::string> no_captures;
  std::optional<CompiledPattern> re =
      PatternParser(*this, piece->second->pattern, /*in_piece=*/true, &no_captures).Parse();
  state_[name] = re ? State::kDone : State::kFailed;
  if (re) compiled_[name] = *re;
  return re;
}

}  // namespace parallax
