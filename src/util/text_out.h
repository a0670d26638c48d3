// Where a renderer's text goes: a string, or a file that it reaches in
// chunks (FileOut in file.h), so that a report of any size is written
// without being held whole in memory.
#ifndef PARALLAX_UTIL_TEXT_OUT_H_
#define PARALLAX_UTIL_TEXT_OUT_H_

#include <string>

namespace parallax {

class TextOut {
 public:
  virtual ~TextOut() = default;
  // Text is appended here.
  std::string& buffer() { return buffer_; }
  // Marks a point where the text so far may leave memory.
  virtual void Checkpoint() {}

 protected:
  std::string buffer_;
};

// Keeps everything: the text is buffer().
class StringOut : public TextOut {};

// Passes text on to `to` with every '<' written as "\u003c", which means
// the same inside JSON strings, so that JSON can sit in an HTML <script>.
class ScriptSafeJsonOut : public TextOut {
 public:
  explicit ScriptSafeJsonOut(TextOut* to) : to_(to) {}
  ~ScriptSafeJsonOut() override { Checkpoint(); }
  void Checkpoint() override;

 private:
  TextOut* to_;
};

}  // namespace parallax

#endif  // PARALLAX_UTIL_TEXT_OUT_H_
