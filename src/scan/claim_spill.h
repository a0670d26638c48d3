// A temporary file that holds every article's claims between extraction and
// comparison, so that a scan's memory does not grow with the claims of the
// whole corpus: comparison loads one cluster's claims at a time.
//
// Claims are stored without their text, which is the body's own bytes
// [start, end) and comes back from the body when they are loaded.
#ifndef PARALLAX_SCAN_CLAIM_SPILL_H_
#define PARALLAX_SCAN_CLAIM_SPILL_H_

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "extract/claim.h"

namespace parallax {

// The claims as bytes, and back. Decoding checks every length and offset:
// bytes that are not an encoding, or spans outside `body`, are an error.
std::string EncodeClaims(const std::vector<Claim>& claims);
absl::StatusOr<std::vector<Claim>> DecodeClaims(std::string_view bytes, std::string_view body);

class ClaimSpill {
 public:
  // Where one article's claims are in the file.
  struct Ref {
    uint64_t offset = 0;
    uint64_t bytes = 0;
  };

  // A new, empty spill in the system's temporary folder; the file has no
  // name and is gone when the spill is destroyed or the process exits.
  static absl::StatusOr<std::unique_ptr<ClaimSpill>> Create();
  ~ClaimSpill();
  ClaimSpill(const ClaimSpill&) = delete;
  ClaimSpill& operator=(const ClaimSpill&) = delete;

  // Both are safe to call from several threads at once. Append takes an
  // article's claims as EncodeClaims gives them.
  absl::StatusOr<Ref> Append(std::string_view encoded);
  absl::StatusOr<std::vector<Claim>> Load(Ref ref, std::string_view body) const;
  // The claims as Append took them, for decoding where the body is.
  absl::StatusOr<std::string> Read(Ref ref) const;

  uint64_t bytes() const;

 private:
  explicit ClaimSpill(std::FILE* file);
  std::FILE* file_;
  std::atomic<uint64_t> end_{0};
};

}  // namespace parallax

#endif  // PARALLAX_SCAN_CLAIM_SPILL_H_
