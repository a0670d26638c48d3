#include "rules/rule_file.h"

#include <cctype>
#include <set>

#include "util/strings.h"

namespace parallax {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool IsName(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

bool IsIdent(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

// Removes a comment: '#' at the start of the line or after whitespace, when
// it is not inside "..." or a /raw/ pattern.
std::string_view StripComment(std::string_view line) {
  bool in_quote = false, in_raw = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const bool token_start = i == 0 || std::isspace(static_cast<unsigned char>(line[i - 1])) ||
                             std::string_view("({|:=").find(line[i - 1]) != std::string_view::npos;
    if (in_quote) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_quote = false;
      }
    } else if (in_raw) {
      if (c == '\\') {
        ++i;
      } else if (c == '/') {
        in_raw = false;
      }
    } else if (c == '"') {
      in_quote = true;
    } else if (c == '/' && token_start && line.find('/', i + 1) != std::string_view::npos) {
      in_raw = true;  // a lone '/' ("1 / 2") is just a character
    } else if (c == '#' && (i == 0 || std::isspace(static_cast<unsigned char>(line[i - 1])))) {
      return line.substr(0, i);
    }
  }
  return line;
}

class Parser {
 public:
  Parser(std::string display_path, std::string path, Diagnostics& diagnostics)
      : diagnostics_(diagnostics) {
    file_.display_path = std::move(display_path);
    file_.path = std::move(path);
  }

  RuleFile Parse(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
    int line_number = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
      const size_t newline = text.find('\n', pos);
      const size_t end = newline == std::string_view::npos ? text.size() : newline;
      std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ParseLine(line_number, line);
      if (newline == std::string_view::npos) break;
    }
    EndBlock();
    if (!file_.version) {
      diagnostics_.Error(At(1, 1), "missing 'version 1' (every rule file starts with it)");
    }
    return std::move(file_);
  }

 private:
  enum class Block { kNone, kTable, kPiece, kRule, kVeto, kCompare, kFrame };

  SourceLocation At(int line, int column) const { return {file_.display_path, line, column}; }

  void ParseLine(int line_number, std::string_view raw_line) {
    size_t indent = 0;
    while (indent < raw_line.size() && (raw_line[indent] == ' ' || raw_line[indent] == '\t')) {
      if (raw_line[indent] == '\t') {
        diagnostics_.Error(At(line_number, indent + 1),
                           "tab in indentation; indent with spaces so columns stay exact");
        return;
      }
      ++indent;
    }
    std::string_view line = StripComment(raw_line);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) {
      line.remove_suffix(1);
    }
    if (line.size() <= indent) return;  // blank or comment only
    const std::string_view content = line.substr(indent);
    const int column = static_cast<int>(indent) + 1;
    if (indent == 0) {
      EndBlock();
      ParseDirective(line_number, content);
    } else {
      ParseBlockLine(line_number, column, content);
    }
  }

  // Splits "word rest" at the first run of spaces.
  static std::pair<std::string_view, std::string_view> FirstWord(std::string_view s) {
    const size_t space = s.find(' ');
    if (space == std::string_view::npos) return {s, s.substr(s.size())};
    size_t rest = space;
    while (rest < s.size() && s[rest] == ' ') ++rest;
    return {s.substr(0, space), s.substr(rest)};
  }

  void ParseDirective(int line, std::string_view content) {
    auto [word, rest] = FirstWord(content);
    const int rest_column = static_cast<int>(rest.data() - content.data()) + 1;
    const SourceLocation rest_at = At(line, rest.empty() ? content.size() + 1 : rest_column);
    if (word != "version" && !file_.version && !version_error_reported_) {
      diagnostics_.Error(At(line, 1), "the first directive must be 'version 1'");
      version_error_reported_ = true;
    }
    if (word == "version") {
      if (file_.version) {
        diagnostics_.Error(At(line, 1), "'version' given twice");
      } else if (rest != "1") {
        diagnostics_.Error(rest_at, StrCat("unsupported rule language version '", rest,
                                           "'; this parallax reads version 1"));
        file_.version = 1;
      } else {
        file_.version = 1;
      }
    } else if (word == "test-ref") {
      absl::StatusOr<CivilDate> date = ParseIsoDate(rest);
      if (!date.ok()) {
        diagnostics_.Error(rest_at, StrCat("bad test-ref: ", date.status().message()));
      } else {
        file_.test_ref = *date;
      }
    } else if (word == "include") {
      if (rest.empty()) {
        diagnostics_.Error(rest_at, "include needs a file name, e.g. 'include lexicons/x.rules'");
      } else {
        file_.includes.push_back({std::string(rest), rest_at});
      }
    } else if (word == "table") {
      if (!IsName(rest)) {
        diagnostics_.Error(rest_at, StrCat("bad table name '", rest,
                                           "': use letters, digits and '_', e.g. NUMBER_WORD"));
      }
      file_.tables.push_back({{std::string(rest), rest_at}, {}});
      block_ = Block::kTable;
    } else if (word == "piece") {
      ParsePiece(line, content, rest, rest_column);
    } else if (word == "rule" || word == "veto" || word == "compare" || word == "frame") {
      if (!IsIdent(rest)) {
        diagnostics_.Error(rest_at,
                           StrCat("bad ", word, " id '", rest,
                                  "': use letters, digits, '_', '.' and '-', e.g. date.weekday"));
      }
      Located id{std::string(rest), rest_at};
      if (word == "rule") {
        file_.rules.push_back({});
        file_.rules.back().id = std::move(id);
        block_ = Block::kRule;
      } else if (word == "veto") {
        file_.vetoes.push_back({});
        file_.vetoes.back().id = std::move(id);
        block_ = Block::kVeto;
      } else if (word == "compare") {
        file_.compares.push_back({});
        file_.compares.back().id = std::move(id);
        block_ = Block::kCompare;
      } else {
        file_.frames.push_back({});
        file_.frames.back().id = std::move(id);
        block_ = Block::kFrame;
      }
      block_line_ = line;
      seen_fields_.clear();
    } else {
      diagnostics_.Error(At(line, 1),
                         StrCat("unknown directive '", word,
                                "'; expected version, test-ref, include, table, piece, rule, "
                                "veto, compare or frame"));
    }
  }

  void ParsePiece(int line, std::string_view content, std::string_view rest, int rest_column) {
    // piece @NAME = pattern
    const size_t eq = rest.find('=');
    std::string_view name = StripWhitespace(rest.substr(0, eq));
    if (eq == std::string_view::npos || name.empty() || name[0] != '@' || !IsName(name.substr(1))) {
      diagnostics_.Error(At(line, rest_column),
                         "expected 'piece @NAME = pattern', e.g. 'piece @HEDGE = about | nearly'");
      return;
    }
    size_t pattern_start = eq + 1;
    while (pattern_start < rest.size() && rest[pattern_start] == ' ') ++pattern_start;
    const int pattern_column = rest_column + static_cast<int>(pattern_start);
    file_.pieces.push_back({{std::string(name.substr(1)), At(line, rest_column)},
                            {std::string(rest.substr(pattern_start)), At(line, pattern_column)}});
    if (file_.pieces.back().pattern.text.empty()) {
      diagnostics_.Error(At(line, static_cast<int>(content.size()) + 1),
                         StrCat("piece @", name.substr(1), " has an empty pattern"));
    }
    block_ = Block::kPiece;
  }

  void ParseBlockLine(int line, int column, std::string_view content) {
    switch (block_) {
      case Block::kNone:
        diagnostics_.Error(At(line, column),
                           "indented line outside any block; blocks start at column 1 with "
                           "table, piece, rule, veto, compare or frame");
        return;
      case Block::kTable:
        ParseTableRow(line, column, content);
        return;
      case Block::kPiece: {
        // An indented line continues the piece's pattern.
        Located& pattern = file_.pieces.back().pattern;
        if (pattern.text.empty()) {
          pattern = {std::string(content), At(line, column)};
        } else {
          pattern.Continue(content, At(line, column));
        }
        return;
      }
      default:
        ParseField(line, column, content);
    }
  }

  void ParseTableRow(int line, int column, std::string_view content) {
    TableRow row;
    const size_t eq = content.rfind('=');
    const std::string_view keys = eq == std::string_view::npos ? content : content.substr(0, eq);
    size_t start = 0;
    while (start <= keys.size()) {
      size_t bar = keys.find('|', start);
      if (bar == std::string_view::npos) bar = keys.size();
      const std::string_view raw = keys.substr(start, bar - start);
      const size_t lead = raw.find_first_not_of(' ');
      const std::string_view key = StripWhitespace(raw);
      const int key_column =
          column + static_cast<int>(start + (lead == std::string_view::npos ? 0 : lead));
      if (key.empty()) {
        diagnostics_.Error(At(line, key_column), "empty key in table row");
      } else {
        row.keys.push_back({std::string(key), At(line, key_column)});
      }
      start = bar + 1;
    }
    if (eq != std::string_view::npos) {
      std::string_view value = StripWhitespace(content.substr(eq + 1));
      const int value_column =
          column + static_cast<int>(value.empty() ? eq + 1 : value.data() - content.data());
      if (value.empty()) {
        diagnostics_.Error(At(line, value_column), "nothing after '=' in table row");
      }
      row.value = {std::string(value), At(line, value_column)};
    } else if (!row.keys.empty()) {
      row.value = row.keys.front();  // a word list: each key stands for itself
    }
    if (!row.keys.empty()) file_.tables.back().rows.push_back(std::move(row));
  }

  // A field's value may go on over the indented lines that follow it, so a
  // field is processed when the next one starts or the block ends.
  void ParseField(int line, int column, std::string_view content) {
    if (block_ == Block::kFrame && content.starts_with("set ")) {
      // "set NAME: terms" names the set before its colon.
      FlushField();
      pending_ = PendingField{
          "set", At(line, column), {std::string(content.substr(4)), At(line, column + 4)}};
      return;
    }
    size_t colon = 0;
    while (colon < content.size() &&
           (std::islower(static_cast<unsigned char>(content[colon])) || content[colon] == '-')) {
      ++colon;
    }
    if (colon == 0 || colon >= content.size() || content[colon] != ':') {
      if (pending_) {
        Located& value = pending_->value;
        if (value.text.empty()) {
          value = {std::string(content), At(line, column)};  // the value starts here
        } else {
          value.Continue(content, At(line, column));
        }
        return;
      }
      diagnostics_.Error(At(line, column),
                         StrCat("expected 'field: value' in ", BlockName(), ", e.g. 'kind: date'"));
      return;
    }
    FlushField();
    std::string_view value = content.substr(colon + 1);
    size_t lead = 0;
    while (lead < value.size() && value[lead] == ' ') ++lead;
    value.remove_prefix(lead);
    pending_ =
        PendingField{std::string(content.substr(0, colon)),
                     At(line, column),
                     {std::string(value), At(line, column + static_cast<int>(colon + 1 + lead))}};
  }

  void FlushField() {
    if (!pending_) return;
    PendingField field = std::move(*pending_);
    pending_.reset();
    const bool repeatable = field.name == "example" || field.name == "counter" ||
                            field.name == "set" || field.name == "where";
    if (!repeatable && !seen_fields_.insert(field.name).second) {
      diagnostics_.Error(field.at, StrCat("field '", field.name, "' given twice in ", BlockName()));
      return;
    }
    if (field.value.text.empty()) {
      diagnostics_.Error(field.value.at, StrCat("field '", field.name, "' has no value"));
      return;
    }
    switch (block_) {
      case Block::kRule:
        RuleField(field.name, std::move(field.value), field.at);
        break;
      case Block::kVeto:
        VetoField(field.name, std::move(field.value), field.at);
        break;
      case Block::kCompare:
        CompareField(field.name, std::move(field.value), field.at);
        break;
      case Block::kFrame:
        FrameField(field.name, std::move(field.value), field.at);
        break;
      default:
        break;
    }
  }

  void UnknownField(const std::string& field, const SourceLocation& at, std::string_view known) {
    diagnostics_.Error(
        at, StrCat("unknown field '", field, "' in ", BlockName(), "; expected ", known));
  }

  void RuleField(const std::string& field, Located value, const SourceLocation& at) {
    ExtractionRuleDef& rule = file_.rules.back();
    if (field == "kind") {
      rule.kind = std::move(value);
    } else if (field == "match") {
      rule.match = std::move(value);
    } else if (field == "value") {
      rule.value = std::move(value);
    } else if (field == "priority") {
      int priority = 0;
      const std::string& text = value.text;
      size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
      bool ok = i < text.size() && text.size() - i <= 6;
      for (size_t k = i; ok && k < text.size(); ++k) {
        ok = std::isdigit(static_cast<unsigned char>(text[k]));
        priority = priority * 10 + (text[k] - '0');
      }
      if (!ok) {
        diagnostics_.Error(value.at, StrCat("priority must be a whole number, got '", text, "'"));
      }
      rule.priority = text[0] == '-' ? -priority : priority;
    } else if (field == "span") {
      rule.span = std::move(value);
    } else if (field == "scope") {
      rule.scope = std::move(value);
    } else if (field == "removes") {
      rule.removes = SplitList(value);
    } else if (field == "example" || field == "counter") {
      if (auto example = ParseExample(value, field == "counter", /*arrow_required=*/false)) {
        rule.examples.push_back(std::move(*example));
      }
    } else {
      UnknownField(field, at,
                   "kind, match, value, priority, span, scope, removes, example or counter");
    }
  }

  void VetoField(const std::string& field, Located value, const SourceLocation& at) {
    VetoDef& veto = file_.vetoes.back();
    if (field == "removes") {
      veto.removes = SplitList(value);
    } else if (field == "match") {
      veto.match = std::move(value);
    } else if (field == "example") {
      if (auto example = ParseExample(value, false, /*arrow_required=*/true)) {
        // "=> removes RULE"
        auto [word, rule] = FirstWord(example->outcome);
        if (word != "removes" || rule.empty()) {
          diagnostics_.Error(value.at, "a veto example reads '\"text\" => removes RULE_ID'");
        } else {
          example->outcome = std::string(rule);
          veto.examples.push_back(std::move(*example));
        }
      }
    } else {
      UnknownField(field, at, "removes, match or example");
    }
  }

  void CompareField(const std::string& field, Located value, const SourceLocation& at) {
    CompareDef& compare = file_.compares.back();
    if (field == "kind") {
      compare.kind = std::move(value);
    } else if (field == "key") {
      compare.keys = SplitList(value);
    } else if (field == "field") {
      compare.field = std::move(value);
    } else if (field == "similar") {
      compare.similar = std::move(value);
    } else if (field == "where") {
      compare.where.push_back(std::move(value));
    } else if (field == "aspect") {
      compare.aspect = std::move(value);
    } else if (field == "tolerance") {
      compare.tolerance = std::move(value);
    } else if (field == "finding") {
      compare.finding = std::move(value);
    } else if (field == "severity") {
      compare.severity = std::move(value);
    } else if (field == "example") {
      // A vs B => agree | conflict
      const std::string& text = value.text;
      const size_t vs = text.find(" vs ");
      const size_t arrow = text.find("=>");
      if (vs == std::string::npos || arrow == std::string::npos || arrow < vs) {
        diagnostics_.Error(value.at,
                           "a comparison example reads 'A vs B => agree' or '... => conflict'");
        return;
      }
      ExampleDef example;
      example.at = value.at;
      example.text = std::string(StripWhitespace(std::string_view(text).substr(0, vs)));
      example.other_text =
          std::string(StripWhitespace(std::string_view(text).substr(vs + 4, arrow - vs - 4)));
      example.outcome = std::string(StripWhitespace(std::string_view(text).substr(arrow + 2)));
      if (example.outcome != "agree" && example.outcome != "conflict") {
        diagnostics_.Error(value.at, StrCat("a comparison example ends in '=> agree' or "
                                            "'=> conflict', not '=> ",
                                            example.outcome, "'"));
        return;
      }
      compare.examples.push_back(std::move(example));
    } else {
      UnknownField(field, at,
                   "kind, key, field, similar, where, aspect, tolerance, finding, severity or "
                   "example");
    }
  }

  void FrameField(const std::string& field, Located value, const SourceLocation& at) {
    FrameDef& frame = file_.frames.back();
    if (field == "referent") {
      frame.referent = std::move(value);
    } else if (field == "severity") {
      frame.severity = std::move(value);
    } else if (field == "set") {
      // set NAME: term | term
      const size_t colon = value.text.find(':');
      const std::string_view name = StripWhitespace(std::string_view(value.text).substr(0, colon));
      if (colon == std::string::npos || !IsName(name)) {
        diagnostics_.Error(value.at, "a frame set reads 'set NAME: term | term ...'");
        return;
      }
      Located terms{value.text.substr(colon + 1), value.at};
      terms.at.column += static_cast<int>(colon + 1);
      frame.sets.push_back({{std::string(name), value.at}, SplitList(terms, '|')});
    } else if (field == "example") {
      if (auto example = ParseExample(value, false, /*arrow_required=*/true)) {
        frame.examples.push_back(std::move(*example));
      }
    } else {
      UnknownField(field, at, "referent, severity, set or example");
    }
  }

  // Splits "a | b | c" (or "a, b" / "a b" when separator is 0) into located
  // parts.
  std::vector<Located> SplitList(const Located& list, char separator = 0) {
    std::vector<Located> parts;
    const std::string& text = list.text;
    size_t i = 0;
    auto is_separator = [&](char c) {
      return separator ? c == separator : (c == '|' || c == ',' || c == ' ');
    };
    while (i < text.size()) {
      while (i < text.size() && (is_separator(text[i]) || text[i] == ' ')) ++i;
      size_t end = i;
      while (end < text.size() && !is_separator(text[end])) ++end;
      std::string_view part = StripWhitespace(std::string_view(text).substr(i, end - i));
      if (!part.empty()) {
        SourceLocation at = list.at;
        at.column += static_cast<int>(i);
        parts.push_back({std::string(part), at});
      }
      i = end;
    }
    if (parts.empty()) diagnostics_.Error(list.at, "empty list");
    return parts;
  }

  // "text" -> field=value ...   |   "text" => OUTCOME   |   "text"
  std::optional<ExampleDef> ParseExample(const Located& value, bool negative, bool arrow_required) {
    const std::string& s = value.text;
    ExampleDef example;
    example.at = value.at;
    example.negative = negative;
    if (s.empty() || s[0] != '"') {
      diagnostics_.Error(value.at, "an example starts with the text in double quotes");
      return std::nullopt;
    }
    size_t i = 1;
    bool closed = false;
    for (; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        example.text += s[++i];
      } else if (s[i] == '"') {
        closed = true;
        ++i;
        break;
      } else {
        example.text += s[i];
      }
    }
    if (!closed) {
      diagnostics_.Error(value.at, "unterminated example text: a closing '\"' is missing");
      return std::nullopt;
    }
    std::string_view rest = StripWhitespace(std::string_view(s).substr(i));
    if (negative) {
      if (!rest.empty()) {
        diagnostics_.Error(value.at, "a counter-example is only the text that must not match");
        return std::nullopt;
      }
      return example;
    }
    if (rest.substr(0, 2) != "->" && rest.substr(0, 2) != "=>") {
      if (rest.empty() && !arrow_required) {
        diagnostics_.Error(value.at, "an example needs its expected value: '\"text\" -> value'");
      } else {
        diagnostics_.Error(value.at, "expected '->' or '=>' after the example text");
      }
      return std::nullopt;
    }
    rest = StripWhitespace(rest.substr(2));
    if (rest.empty()) {
      diagnostics_.Error(value.at, "nothing after the arrow in the example");
      return std::nullopt;
    }
    example.outcome = std::string(rest);
    // Tokens before the first "name=" form `value`; "name=" starts a field
    // and words without '=' continue the field before them.
    std::string* current = nullptr;
    size_t pos = 0;
    while (pos < rest.size()) {
      size_t end = rest.find(' ', pos);
      if (end == std::string_view::npos) end = rest.size();
      const std::string_view token = rest.substr(pos, end - pos);
      pos = end + 1;
      if (token.empty()) continue;
      const size_t eq = token.find('=');
      bool is_field = eq != std::string_view::npos && eq > 0;
      for (size_t k = 0; is_field && k < eq; ++k) {
        is_field = std::islower(static_cast<unsigned char>(token[k])) || token[k] == '_';
      }
      if (is_field) {
        example.expected.push_back(
            {std::string(token.substr(0, eq)), std::string(token.substr(eq + 1))});
        current = &example.expected.back().second;
      } else if (current != nullptr) {
        *current += ' ';
        *current += token;
      } else {
        example.expected.push_back({"value", std::string(token)});
        current = &example.expected.back().second;
      }
    }
    return example;
  }

  std::string BlockName() const {
    switch (block_) {
      case Block::kRule:
        return StrCat("rule ", file_.rules.back().id.text);
      case Block::kVeto:
        return StrCat("veto ", file_.vetoes.back().id.text);
      case Block::kCompare:
        return StrCat("compare ", file_.compares.back().id.text);
      case Block::kFrame:
        return StrCat("frame ", file_.frames.back().id.text);
      default:
        return "block";
    }
  }

  // Checks that the block just finished has its required fields.
  void EndBlock() {
    FlushField();
    const SourceLocation at = At(block_line_, 1);
    auto require = [&](const Located& field, std::string_view name) {
      if (field.text.empty()) {
        diagnostics_.Error(at, StrCat(BlockName(), " has no '", name, ":' field"));
      }
    };
    switch (block_) {
      case Block::kRule:
        require(file_.rules.back().kind, "kind");
        require(file_.rules.back().match, "match");
        break;
      case Block::kVeto:
        require(file_.vetoes.back().match, "match");
        if (file_.vetoes.back().removes.empty()) {
          diagnostics_.Error(at, StrCat(BlockName(), " has no 'removes:' field"));
        }
        break;
      case Block::kCompare:
        require(file_.compares.back().kind, "kind");
        require(file_.compares.back().tolerance, "tolerance");
        require(file_.compares.back().finding, "finding");
        require(file_.compares.back().severity, "severity");
        break;
      case Block::kFrame:
        if (file_.frames.back().sets.size() < 2) {
          diagnostics_.Error(at, StrCat(BlockName(),
                                        " needs at least two 'set NAME: terms' lines: a frame "
                                        "contrasts word choices"));
        }
        break;
      case Block::kTable:
        if (file_.tables.back().rows.empty()) {
          diagnostics_.Error(file_.tables.back().name.at,
                             StrCat("table ", file_.tables.back().name.text, " has no rows"));
        }
        break;
      default:
        break;
    }
    block_ = Block::kNone;
  }

  Diagnostics& diagnostics_;
  RuleFile file_;
  Block block_ = Block::kNone;
  int block_line_ = 0;
  std::set<std::string> seen_fields_;
  struct PendingField {
    std::string name;
    SourceLocation at;
    Located value;
  };
  std::optional<PendingField> pending_;
  bool version_error_reported_ = false;
};

}  // namespace

void Located::Continue(std::string_view line, const SourceLocation& where) {
  text += ' ';
  continuations.push_back({text.size(), where});
  text += line;
}

SourceLocation Located::LocationOf(size_t offset) const {
  SourceLocation location = at;
  size_t start = 0;
  for (const auto& [line_start, where] : continuations) {
    if (line_start > offset) break;
    location = where;
    start = line_start;
  }
  location.column += static_cast<int>(offset - start);
  return location;
}

RuleFile ParseRuleFile(std::string display_path, std::string path, std::string_view text,
                       Diagnostics& diagnostics) {
  return Parser(std::move(display_path), std::move(path), diagnostics).Parse(text);
}

}  // namespace parallax
