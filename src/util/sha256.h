// SHA-256 (FIPS 180-4), for the rule-set digest in report.json.
#ifndef PARALLAX_UTIL_SHA256_H_
#define PARALLAX_UTIL_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace parallax {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest as 64 lowercase hex digits. Call once; the object is spent.
  std::string HexDigest();

 private:
  void Compress(const uint8_t* block);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, 64> buffer_;
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

// One-shot convenience.
std::string Sha256Hex(std::string_view data);

}  // namespace parallax

#endif  // PARALLAX_UTIL_SHA256_H_
