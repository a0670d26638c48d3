#include "scan/article_record.h"

#include <functional>

#include "util/byte_codec.h"
#include "util/strings.h"

namespace parallax {
namespace {

const CivilDate kEpoch(1970, 1, 1);

void PutOptionalString(std::string* out, const std::optional<std::string>& text) {
  PutVarint(out, text.has_value());
  if (text) PutString(out, *text);
}

// Dates as days from 1970 zigzagged (earlier dates are small too), 0 for none.
void PutOptionalDate(std::string* out, const std::optional<CivilDate>& date) {
  if (!date) {
    PutVarint(out, 0);
    return;
  }
  const int64_t days = *date - kEpoch;
  PutVarint(out, ((static_cast<uint64_t>(days) << 1) ^ static_cast<uint64_t>(days >> 63)) + 1);
}

void PutKey(std::string* out, const EvidenceKey& key) {
  PutVarint(out, static_cast<uint64_t>(key.signal));
  PutFixed64(out, key.hash);
}

// Reads the encoding back; each method fails softly on bytes that do not fit.
class RecordReader : public ByteReader {
 public:
  using ByteReader::ByteReader;

  bool OptionalString(std::optional<std::string>* text) {
    uint64_t present;
    if (!Varint(&present) || present > 1) return false;
    if (present == 0) return true;
    return String(&text->emplace());
  }
  bool OptionalDate(std::optional<CivilDate>* date) {
    uint64_t v;
    if (!Varint(&v)) return false;
    if (v == 0) return true;
    --v;
    const int64_t days = static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
    // Years far outside any article's are not an encoded date.
    if (days < -1'000'000 || days > 1'000'000) return false;
    *date = kEpoch + days;
    return true;
  }
  bool Int(int* value) {
    uint64_t v;
    if (!Varint(&v) || v > static_cast<uint64_t>(INT32_MAX)) return false;
    *value = static_cast<int>(v);
    return true;
  }
  bool Key(EvidenceKey* key) {
    uint64_t signal;
    if (!Varint(&signal) || signal >= kSignalCount) return false;
    key->signal = static_cast<Signal>(signal);
    return Fixed64(&key->hash);
  }
  // A count of items of at least `least_bytes` each, bounded by what is left.
  bool Count(uint64_t* count, size_t least_bytes) {
    return Varint(count) && *count <= left() / least_bytes;
  }
};

void PutRecord(std::string* out, const ArticleRecord& record) {
  const ArticleEntry& e = record.entry;
  PutString(out, e.id);
  PutString(out, e.path);
  PutOptionalString(out, e.source);
  PutOptionalDate(out, e.date);
  PutVarint(out, static_cast<uint64_t>(e.date_origin));
  PutOptionalString(out, e.title);
  PutOptionalString(out, e.url);
  PutVarint(out, e.body_bytes);
  PutVarint(out, static_cast<uint64_t>(e.paragraphs));
  PutVarint(out, static_cast<uint64_t>(e.sentences));
  PutVarint(out, static_cast<uint64_t>(e.quotations));
  for (int count : e.claim_counts) PutVarint(out, static_cast<uint64_t>(count));
  PutOptionalDate(out, record.evidence.date);
  PutVarint(out, record.evidence.keys.size());
  for (const EvidenceKey& key : record.evidence.keys) PutKey(out, key);
  PutVarint(out, record.evidence.labels.size());
  for (const auto& [key, label] : record.evidence.labels) {
    PutKey(out, key);
    PutString(out, label);
  }
  PutVarint(out, static_cast<uint64_t>(record.body_line));
  PutVarint(out, record.record_offset);
  PutVarint(out, record.record_bytes);
  PutFixed64(out, record.body_hash);
  PutString(out, record.claims);
}

bool GetRecord(RecordReader& in, ArticleRecord* record) {
  ArticleEntry& e = record->entry;
  uint64_t origin, body_bytes, keys, labels;
  if (!in.String(&e.id) || !in.String(&e.path) || !in.OptionalString(&e.source) ||
      !in.OptionalDate(&e.date) || !in.Varint(&origin) ||
      origin > static_cast<uint64_t>(DateOrigin::kUnknown) || !in.OptionalString(&e.title) ||
      !in.OptionalString(&e.url) || !in.Varint(&body_bytes) || !in.Int(&e.paragraphs) ||
      !in.Int(&e.sentences) || !in.Int(&e.quotations)) {
    return false;
  }
  e.date_origin = static_cast<DateOrigin>(origin);
  e.body_bytes = body_bytes;
  for (int& count : e.claim_counts) {
    if (!in.Int(&count)) return false;
  }
  ArticleEvidence& evidence = record->evidence;
  evidence.id = e.id;
  if (!in.OptionalDate(&evidence.date) || !in.Count(&keys, 9)) return false;
  evidence.keys.resize(keys);
  for (EvidenceKey& key : evidence.keys) {
    if (!in.Key(&key)) return false;
  }
  if (!in.Count(&labels, 10)) return false;
  evidence.labels.resize(labels);
  for (auto& [key, label] : evidence.labels) {
    if (!in.Key(&key) || !in.String(&label)) return false;
  }
  return in.Int(&record->body_line) && in.Varint(&record->record_offset) &&
         in.Varint(&record->record_bytes) && in.Fixed64(&record->body_hash) &&
         in.String(&record->claims);
}

}  // namespace

uint64_t BodyHash(std::string_view body) {
  // libstdc++'s hash of a string is unseeded: the same on every process
  // built alike.
  return std::hash<std::string_view>()(body);
}

std::string EncodeRecordBatch(const RecordBatch& batch) {
  std::string out;
  PutVarint(&out, static_cast<uint64_t>(batch.lines));
  PutVarint(&out, batch.articles.size());
  for (const ArticleRecord& record : batch.articles) PutRecord(&out, record);
  PutVarint(&out, batch.problems.size());
  for (const auto& [position, problem] : batch.problems) {
    PutVarint(&out, position);
    PutString(&out, problem.path);
    PutVarint(&out, problem.line ? static_cast<uint64_t>(*problem.line) + 1 : 0);
    PutString(&out, problem.message);
  }
  return out;
}

absl::StatusOr<RecordBatch> DecodeRecordBatch(std::string_view bytes) {
  const auto damaged = [](std::string_view what) {
    return absl::DataLossError(StrCat("a batch of article records is damaged: ", what));
  };
  RecordReader in(bytes);
  RecordBatch batch;
  uint64_t articles, problems;
  // An encoded article takes at least 32 bytes, a problem 4.
  if (!in.Int(&batch.lines) || !in.Count(&articles, 32)) return damaged("bad article count");
  batch.articles.resize(articles);
  for (ArticleRecord& record : batch.articles) {
    if (!GetRecord(in, &record)) return damaged("an article record does not fit");
  }
  if (!in.Count(&problems, 4)) return damaged("bad problem count");
  batch.problems.resize(problems);
  size_t last_position = 0;
  for (auto& [position, problem] : batch.problems) {
    uint64_t at, line;
    if (!in.Varint(&at) || at < last_position || at > articles || !in.String(&problem.path) ||
        !in.Varint(&line) || line > static_cast<uint64_t>(INT32_MAX) ||
        !in.String(&problem.message)) {
      return damaged("a problem does not fit");
    }
    position = last_position = at;
    if (line > 0) problem.line = static_cast<int>(line - 1);
  }
  if (!in.done()) return damaged("bytes after the last problem");
  return batch;
}

}  // namespace parallax
