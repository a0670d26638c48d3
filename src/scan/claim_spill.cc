#include "scan/claim_spill.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "util/file.h"
#include "util/strings.h"

namespace parallax {
namespace {

void PutVarint(std::string* out, uint64_t value) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

void PutString(std::string* out, std::string_view text) {
  PutVarint(out, text.size());
  out->append(text);
}

// Reads what PutVarint and PutString wrote; every Get fails softly (false)
// on bytes that end early or do not fit.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
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
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// The fields that are stored as they are, in order.
std::string Claim::*const kStrings[] = {
    &Claim::value, &Claim::unit, &Claim::role, &Claim::hedge, &Claim::subject, &Claim::speaker,
    &Claim::cue,   &Claim::via,  &Claim::type, &Claim::rule,  &Claim::rule_id};

}  // namespace

std::string EncodeClaims(const std::vector<Claim>& claims) {
  std::string out;
  PutVarint(&out, claims.size());
  for (const Claim& claim : claims) {
    PutVarint(&out, static_cast<uint64_t>(claim.kind));
    PutVarint(&out, claim.start);
    PutVarint(&out, claim.end - claim.start);
    for (std::string Claim::*field : kStrings) PutString(&out, claim.*field);
    // 0 for no speaker span, else 1 + start.
    PutVarint(&out, claim.speaker_start ? *claim.speaker_start + 1 : 0);
    if (claim.speaker_start) PutVarint(&out, claim.speaker_end.value_or(*claim.speaker_start));
  }
  return out;
}

absl::StatusOr<std::vector<Claim>> DecodeClaims(std::string_view bytes, std::string_view body) {
  const auto corrupt = [](std::string_view what) {
    return absl::DataLossError(StrCat("stored claims are damaged: ", what));
  };
  Reader in(bytes);
  uint64_t count;
  // A claim takes at least 14 bytes, which bounds what a bad count reserves.
  if (!in.Varint(&count) || count > bytes.size() / 14) return corrupt("bad claim count");
  std::vector<Claim> claims;
  claims.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    Claim claim;
    uint64_t kind, start, length, speaker;
    if (!in.Varint(&kind) || kind >= kClaimKindCount) return corrupt("bad kind");
    if (!in.Varint(&start) || !in.Varint(&length) || start > body.size() ||
        length > body.size() - start) {
      return corrupt("a span outside the body");
    }
    claim.kind = static_cast<ClaimKind>(kind);
    claim.start = start;
    claim.end = start + length;
    claim.text = std::string(body.substr(start, length));
    for (std::string Claim::*field : kStrings) {
      if (!in.String(&(claim.*field))) return corrupt("a field runs past the end");
    }
    if (!in.Varint(&speaker)) return corrupt("bad speaker span");
    if (speaker > 0) {
      uint64_t speaker_end;
      if (!in.Varint(&speaker_end)) return corrupt("bad speaker span");
      claim.speaker_start = speaker - 1;
      claim.speaker_end = speaker_end;
    }
    claims.push_back(std::move(claim));
  }
  if (!in.done()) return corrupt("bytes after the last claim");
  return claims;
}

std::string EncodeClaimBatch(const std::vector<std::vector<Claim>>& claims) {
  std::string out;
  PutVarint(&out, claims.size());
  for (const std::vector<Claim>& article : claims) PutString(&out, EncodeClaims(article));
  return out;
}

absl::StatusOr<std::vector<std::string_view>> SplitClaimBatch(std::string_view bytes,
                                                              size_t articles) {
  Reader in(bytes);
  uint64_t count;
  if (!in.Varint(&count) || count != articles) {
    return absl::DataLossError(
        StrCat("a batch of claims does not hold the claims of its ", articles, " articles"));
  }
  std::vector<std::string_view> out(articles);
  for (std::string_view& article : out) {
    if (!in.View(&article)) return absl::DataLossError("a batch of claims ends early");
  }
  if (!in.done()) return absl::DataLossError("bytes after a batch's last article");
  return out;
}

absl::StatusOr<std::unique_ptr<ClaimSpill>> ClaimSpill::Create() {
  std::FILE* file = std::tmpfile();
  if (file == nullptr) {
    return absl::FailedPreconditionError(
        StrCat("cannot create a temporary file for claims (set TMPDIR to a writable folder): ",
               std::strerror(errno)));
  }
  return std::unique_ptr<ClaimSpill>(new ClaimSpill(file));
}

ClaimSpill::ClaimSpill(std::FILE* file) : file_(file) {}

ClaimSpill::~ClaimSpill() { std::fclose(file_); }

uint64_t ClaimSpill::bytes() const { return end_.load(); }

absl::StatusOr<ClaimSpill::Ref> ClaimSpill::Append(const std::vector<Claim>& claims) {
  const std::string bytes = EncodeClaims(claims);
  // Each writer takes its own range, so writes never overlap.
  const Ref ref{end_.fetch_add(bytes.size()), bytes.size()};
  if (!WriteAt(::fileno(file_), ref.offset, bytes.data(), bytes.size())) {
    return absl::ResourceExhaustedError(
        StrCat("cannot write claims to the temporary file: ", std::strerror(errno)));
  }
  return ref;
}

absl::StatusOr<std::vector<Claim>> ClaimSpill::Load(Ref ref, std::string_view body) const {
  std::string bytes(ref.bytes, '\0');
  if (!ReadAt(::fileno(file_), ref.offset, bytes.data(), bytes.size())) {
    return absl::DataLossError("cannot read claims back from the temporary file");
  }
  return DecodeClaims(bytes, body);
}

}  // namespace parallax
