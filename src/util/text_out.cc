#include "util/text_out.h"

namespace parallax {

void ScriptSafeJsonOut::Checkpoint() {
  std::string& out = to_->buffer();
  size_t run = 0;
  for (size_t i = buffer_.find('<'); i != std::string::npos; i = buffer_.find('<', run)) {
    out.append(buffer_, run, i - run);
    out += "\\u003c";
    run = i + 1;
  }
  out.append(buffer_, run);
  buffer_.clear();
  to_->Checkpoint();
}

}  // namespace parallax
