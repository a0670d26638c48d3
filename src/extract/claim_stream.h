// Reading the claims stream (`parallax extract`, schema parallax.claim/1)
// back into claims: what ClaimToJson wrote, or another tool wrote to the
// same contract.
#ifndef PARALLAX_EXTRACT_CLAIM_STREAM_H_
#define PARALLAX_EXTRACT_CLAIM_STREAM_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "extract/claim.h"

namespace parallax {

// Holds parser buffers that are reused from line to line: keep one per
// thread.
class ClaimLineParser {
 public:
  ClaimLineParser();
  ~ClaimLineParser();
  ClaimLineParser(const ClaimLineParser&) = delete;
  ClaimLineParser& operator=(const ClaimLineParser&) = delete;

  // The article id and the claim of one line (without its newline). Fails,
  // naming the field and what was expected, on a line that is not a claim.
  // Unknown keys are ignored; `rule_id` is not in the stream and stays empty.
  absl::StatusOr<std::pair<std::string, Claim>> Parse(std::string_view line);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parallax

#endif  // PARALLAX_EXTRACT_CLAIM_STREAM_H_
