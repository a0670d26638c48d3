// A compact byte encoding for what a scan keeps or sends: unsigned varints
// (LEB128), fixed 64-bit words and length-prefixed strings, read back by a reader that never
// reads past its bytes.
#ifndef PARALLAX_UTIL_BYTE_CODEC_H_
#define PARALLAX_UTIL_BYTE_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace parallax {

inline void PutVarint(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

inline void PutString(std::string* out, std::string_view text) {
  PutVarint(out, text.size());
  out->append(text);
}

// Eight bytes, little-endian: for hashes, whose varints would be longer.
inline void PutFixed64(std::string* out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(value >> (8 * i)));
}

// Reads what PutVarint and PutString wrote; every read fails softly (false)
// on bytes that end early or do not fit.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : rest_(bytes) {}
  bool Varint(uint64_t* value) {
    *value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) return false;
      const auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      *value |= uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool Fixed64(uint64_t* value) {
    if (rest_.size() < 8) return false;
    *value = 0;
    for (int i = 0; i < 8; ++i) {
      *value |= uint64_t{static_cast<unsigned char>(rest_[i])} << (8 * i);
    }
    rest_.remove_prefix(8);
    return true;
  }
  bool View(std::string_view* text) {
    uint64_t size;
    if (!Varint(&size) || size > rest_.size()) return false;
    *text = rest_.substr(0, size);
    rest_.remove_prefix(size);
    return true;
  }
  bool String(std::string* text) {
    std::string_view view;
    if (!View(&view)) return false;
    text->assign(view);
    return true;
  }
  size_t left() const { return rest_.size(); }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace parallax

#endif  // PARALLAX_UTIL_BYTE_CODEC_H_
