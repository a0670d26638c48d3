#include "scan/claim_spill.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "util/byte_codec.h"
#include "util/file.h"
#include "util/status_macros.h"
#include "util/strings.h"

namespace parallax {
namespace {

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
  ByteReader in(bytes);
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

absl::StatusOr<ClaimSpill::Ref> ClaimSpill::Append(std::string_view bytes) {
  // Each writer takes its own range, so writes never overlap.
  const Ref ref{end_.fetch_add(bytes.size()), bytes.size()};
  if (!WriteAt(::fileno(file_), ref.offset, bytes.data(), bytes.size())) {
    return absl::ResourceExhaustedError(
        StrCat("cannot write claims to the temporary file: ", std::strerror(errno)));
  }
  return ref;
}

absl::StatusOr<std::string> ClaimSpill::Read(Ref ref) const {
  std::string bytes(ref.bytes, '\0');
  if (!ReadAt(::fileno(file_), ref.offset, bytes.data(), bytes.size())) {
    return absl::DataLossError("cannot read claims back from the temporary file");
  }
  return bytes;
}

absl::StatusOr<std::vector<Claim>> ClaimSpill::Load(Ref ref, std::string_view body) const {
  PARALLAX_ASSIGN_OR_RETURN(const std::string bytes, Read(ref));
  return DecodeClaims(bytes, body);
}

}  // namespace parallax
