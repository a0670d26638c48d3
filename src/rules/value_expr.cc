#include "rules/value_expr.h"

#include <algorithm>
#include <cctype>

#include "rules/pattern_compiler.h"
#include "util/strings.h"

namespace parallax {
namespace {

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class ExprParser {
 public:
  ExprParser(const Located& line, const ValueScope& scope, Diagnostics& diagnostics)
      : text_(line.text), line_(line), scope_(scope), diagnostics_(diagnostics) {}

  std::vector<FieldAssignment> Parse() {
    std::vector<FieldAssignment> fields;
    while (!failed_) {
      SkipSpaces();
      if (pos_ >= text_.size()) break;
      const size_t start = pos_;
      while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
      const std::string field(text_.substr(start, pos_ - start));
      if (field.empty() || pos_ >= text_.size() || text_[pos_] != '=') {
        Error(start, "expected 'field=expression', e.g. 'value=number(n)'");
        break;
      }
      if (std::find(scope_.allowed_fields.begin(), scope_.allowed_fields.end(), field) ==
          scope_.allowed_fields.end()) {
        std::string allowed;
        for (std::string_view f : scope_.allowed_fields) {
          StrAppend(&allowed, allowed.empty() ? "" : ", ", f);
        }
        Error(start,
              StrCat("field '", field, "' is not part of this kind of claim; use ", allowed));
        break;
      }
      for (const FieldAssignment& seen : fields) {
        if (seen.field == field) Error(start, StrCat("field '", field, "' is set twice"));
      }
      ++pos_;
      ValueExpr expr = Expression();
      if (failed_) break;
      fields.push_back({field, std::move(expr), Location(start)});
    }
    return failed_ ? std::vector<FieldAssignment>{} : fields;
  }

 private:
  SourceLocation Location(size_t offset) const { return line_.LocationOf(offset); }

  void Error(size_t offset, std::string message) {
    if (failed_) return;
    diagnostics_.Error(Location(offset), std::move(message));
    failed_ = true;
  }

  void SkipSpaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }

  bool IsCapture(std::string_view name) const {
    return std::find(scope_.captures->begin(), scope_.captures->end(), name) !=
           scope_.captures->end();
  }

  ValueExpr Expression() {
    ValueExpr expr;
    const size_t start = pos_;
    if (pos_ >= text_.size()) {
      Error(start, "expected an expression");
      return expr;
    }
    const char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '"') expr.name += text_[pos_++];
      if (pos_ >= text_.size()) Error(start, "string is never closed with '\"'");
      ++pos_;
      return expr;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+') {
      ++pos_;
      while (pos_ < text_.size() &&
             (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) {
        ++pos_;
      }
      expr.name = std::string(text_.substr(start, pos_ - start));
      return expr;
    }
    if (!IsNameStart(c)) {
      Error(start, StrCat("unexpected '", c, "' in expression"));
      return expr;
    }
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    expr.name = std::string(text_.substr(start, pos_ - start));
    if (pos_ < text_.size() && text_[pos_] == '(') {
      ++pos_;
      expr.type = ValueExpr::kCall;
      const NormalizerInfo* info = FindNormalizer(expr.name);
      expr.normalizer = info;
      if (info == nullptr) {
        std::string names;
        for (std::string_view n : NormalizerNames())
          StrAppend(&names, names.empty() ? "" : ", ", n);
        Error(start, StrCat("unknown normalizer '", expr.name, "'; known: ", names));
        return expr;
      }
      SkipSpaces();
      while (!failed_ && pos_ < text_.size() && text_[pos_] != ')') {
        const size_t arg_start = pos_;
        ValueExpr arg = Expression();
        if (IsTableArg(*info, expr.args.size())) {
          // This argument names a table rather than a value.
          if (arg.type != ValueExpr::kLiteral && arg.type != ValueExpr::kCapture) {
            Error(arg_start, StrCat(info->usage, ": expected a table name here"));
          } else if (!scope_.has_table(arg.name)) {
            Error(arg_start, StrCat("unknown table '", arg.name, "'"));
          }
          arg.type = ValueExpr::kLiteral;
        }
        expr.args.push_back(std::move(arg));
        SkipSpaces();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          SkipSpaces();
        } else {
          break;
        }
      }
      if (pos_ >= text_.size() || text_[pos_] != ')') {
        Error(start, StrCat("'", expr.name, "(' is never closed with ')'"));
        return expr;
      }
      ++pos_;
      const int n = static_cast<int>(expr.args.size());
      if (n < info->min_args || n > info->max_args) {
        Error(start, StrCat(expr.name, "() takes ",
                            info->min_args == info->max_args
                                ? StrCat(info->min_args)
                                : StrCat(info->min_args, " to ", info->max_args),
                            " arguments, got ", n, ": ", info->usage));
      }
      return expr;
    }
    if (pos_ < text_.size() && text_[pos_] == '[') {
      ++pos_;
      expr.type = ValueExpr::kLookup;
      if (!scope_.has_table(expr.name)) Error(start, StrCat("unknown table '", expr.name, "'"));
      expr.args.push_back(Expression());
      if (pos_ >= text_.size() || text_[pos_] != ']') {
        Error(start, StrCat("'", expr.name, "[' is never closed with ']'"));
      }
      ++pos_;
      return expr;
    }
    expr.type = IsCapture(expr.name) ? ValueExpr::kCapture : ValueExpr::kLiteral;
    return expr;
  }

  std::string_view text_;
  const Located& line_;
  const ValueScope& scope_;
  Diagnostics& diagnostics_;
  size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace

std::vector<FieldAssignment> ParseValueLine(const Located& line, const ValueScope& scope,
                                            Diagnostics& diagnostics) {
  return ExprParser(line, scope, diagnostics).Parse();
}

absl::StatusOr<std::string> EvaluateValue(const ValueExpr& expr, const CaptureLookup& captures,
                                          const NormalizerContext& context) {
  switch (expr.type) {
    case ValueExpr::kLiteral:
      return expr.name;
    case ValueExpr::kCapture:
      return std::string(captures(expr.name).value_or(""));
    case ValueExpr::kLookup: {
      absl::StatusOr<std::string> key = EvaluateValue(expr.args[0], captures, context);
      if (!key.ok() || key->empty()) return key;
      const std::string* value =
          context.lookup ? context.lookup(expr.name, FoldKey(*key)) : nullptr;
      if (value == nullptr) {
        return absl::InvalidArgumentError(
            StrCat("table ", expr.name, " has no key \"", FoldKey(*key), "\""));
      }
      return *value;
    }
    case ValueExpr::kCall: {
      std::vector<std::string> args;
      args.reserve(expr.args.size());
      for (const ValueExpr& arg : expr.args) {
        absl::StatusOr<std::string> value = EvaluateValue(arg, captures, context);
        if (!value.ok()) return value;
        args.push_back(std::move(*value));
      }
      return expr.normalizer->fn(args, context);
    }
  }
  return absl::InternalError("bad expression");
}

}  // namespace parallax
