#include "report/report.h"

namespace parallax {

std::string GeneratedBy() { return std::string("parallax ") + PARALLAX_VERSION; }

}  // namespace parallax
