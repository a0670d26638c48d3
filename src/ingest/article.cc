#include "ingest/article.h"

namespace parallax {

std::string_view DateOriginName(DateOrigin origin) {
  switch (origin) {
    case DateOrigin::kHeader:
      return "header";
    case DateOrigin::kJsonl:
      return "jsonl";
    case DateOrigin::kInferred:
      return "inferred";
    case DateOrigin::kUnknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace parallax
