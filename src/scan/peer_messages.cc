#include "scan/peer_messages.h"

#include <functional>

#include "util/byte_codec.h"

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
  // A count of items that take at least `least_bytes` each (so a damaged
  // count cannot reserve more than the bytes hold), then the items, each
  // read by `get`.
  template <typename T, typename Get>
  bool List(std::vector<T>* items, size_t least_bytes, Get get) {
    uint64_t count;
    if (!Varint(&count) || count > left() / least_bytes) return false;
    items->resize(count);
    for (T& item : *items) {
      if (!get(item)) return false;
    }
    return true;
  }
};

void PutProblem(std::string* out, const Problem& problem) {
  PutString(out, problem.path);
  PutVarint(out, problem.line ? static_cast<uint64_t>(*problem.line) + 1 : 0);
  PutString(out, problem.message);
}

bool GetProblem(RecordReader& in, Problem* problem) {
  uint64_t line;
  if (!in.String(&problem->path) || !in.Varint(&line) ||
      line > static_cast<uint64_t>(INT32_MAX) + 1 || !in.String(&problem->message)) {
    return false;
  }
  if (line > 0) problem->line = static_cast<int>(line - 1);
  return true;
}

void PutLocation(std::string* out, const RecordLocation& location) {
  PutVarint(out, static_cast<uint64_t>(location.body_line));
  PutVarint(out, location.record_offset);
  PutVarint(out, location.record_bytes);
  PutFixed64(out, location.body_hash);
}

bool GetLocation(RecordReader& in, RecordLocation* location) {
  return in.Int(&location->body_line) && in.Varint(&location->record_offset) &&
         in.Varint(&location->record_bytes) && in.Fixed64(&location->body_hash);
}

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
  PutLocation(out, record.location);
  PutString(out, record.claims);
}

bool GetRecord(RecordReader& in, ArticleRecord* record) {
  ArticleEntry& e = record->entry;
  uint64_t origin, body_bytes;
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
  return in.OptionalDate(&evidence.date) &&
         in.List(&evidence.keys, 9, [&](EvidenceKey& key) { return in.Key(&key); }) &&
         in.List(&evidence.labels, 10,
                 [&](auto& label) { return in.Key(&label.first) && in.String(&label.second); }) &&
         GetLocation(in, &record->location) && in.String(&record->claims);
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
    PutProblem(&out, problem);
  }
  return out;
}

absl::StatusOr<RecordBatch> DecodeRecordBatch(std::string_view bytes) {
  RecordReader in(bytes);
  RecordBatch batch;
  size_t last_position = 0;
  const auto problem = [&](std::pair<size_t, Problem>& p) {
    uint64_t at;
    if (!in.Varint(&at) || at < last_position || at > batch.articles.size()) return false;
    p.first = last_position = at;
    return GetProblem(in, &p.second);
  };
  // An encoded article takes at least 32 bytes, a problem 4 with its position.
  if (!in.Int(&batch.lines) ||
      !in.List(&batch.articles, 32, [&](ArticleRecord& r) { return GetRecord(in, &r); }) ||
      !in.List(&batch.problems, 4, problem) || !in.done()) {
    return absl::DataLossError("a batch of article records is damaged");
  }
  return batch;
}

namespace {

void PutMember(std::string* out, const MemberToCompare& m) {
  PutString(out, m.id);
  PutString(out, m.path);
  PutString(out, m.source);
  PutOptionalDate(out, m.date);
  PutLocation(out, m.location);
  PutString(out, m.claims);
}

bool GetMember(RecordReader& in, MemberToCompare* m) {
  return in.String(&m->id) && in.String(&m->path) && in.String(&m->source) &&
         in.OptionalDate(&m->date) && GetLocation(in, &m->location) && in.String(&m->claims);
}

void PutFinding(std::string* out, const Finding& f) {
  for (const std::string* field :
       {&f.id, &f.kind, &f.severity, &f.cluster, &f.subject, &f.message, &f.rule, &f.aspect}) {
    PutString(out, *field);
  }
  PutVarint(out, f.claims.size());
  for (const ClaimRef& c : f.claims) {
    PutString(out, c.article);
    PutString(out, c.text);
    PutVarint(out, c.start);
    PutVarint(out, c.end);
    PutOptionalString(out, c.value);
    PutString(out, c.sentence);
    PutVarint(out, static_cast<uint64_t>(c.side));
  }
  PutVarint(out, f.diff.size());
  for (const Finding::DiffPart& d : f.diff) {
    PutString(out, d.op);
    PutString(out, d.a);
    PutString(out, d.b);
  }
  PutVarint(out, f.review.has_value());
  if (f.review) {
    for (const std::string* field :
         {&f.review->status, &f.review->reason, &f.review->reviewer, &f.review->at}) {
      PutString(out, *field);
    }
  }
}

bool GetFinding(RecordReader& in, Finding* f) {
  for (std::string* field : {&f->id, &f->kind, &f->severity, &f->cluster, &f->subject, &f->message,
                             &f->rule, &f->aspect}) {
    if (!in.String(field)) return false;
  }
  const auto claim = [&](ClaimRef& c) {
    uint64_t start, end;
    if (!in.String(&c.article) || !in.String(&c.text) || !in.Varint(&start) || !in.Varint(&end) ||
        !in.OptionalString(&c.value) || !in.String(&c.sentence) || !in.Int(&c.side)) {
      return false;
    }
    c.start = start;
    c.end = end;
    return true;
  };
  const auto diff = [&](Finding::DiffPart& d) {
    return in.String(&d.op) && in.String(&d.a) && in.String(&d.b);
  };
  uint64_t review;
  if (!in.List(&f->claims, 7, claim) || !in.List(&f->diff, 3, diff) || !in.Varint(&review) ||
      review > 1) {
    return false;
  }
  if (review == 1) {
    Finding::Review& r = f->review.emplace();
    for (std::string* field : {&r.status, &r.reason, &r.reviewer, &r.at}) {
      if (!in.String(field)) return false;
    }
  }
  return true;
}

}  // namespace

std::string EncodeClusters(const std::vector<ClusterToCompare>& clusters) {
  std::string out;
  PutVarint(&out, clusters.size());
  for (const ClusterToCompare& cluster : clusters) {
    PutString(&out, cluster.id);
    PutVarint(&out, cluster.members.size());
    for (const MemberToCompare& member : cluster.members) PutMember(&out, member);
  }
  return out;
}

absl::StatusOr<std::vector<ClusterToCompare>> DecodeClusters(std::string_view bytes) {
  RecordReader in(bytes);
  std::vector<ClusterToCompare> clusters;
  const auto cluster = [&](ClusterToCompare& c) {
    return in.String(&c.id) &&
           in.List(&c.members, 14, [&](MemberToCompare& m) { return GetMember(in, &m); });
  };
  // A cluster takes at least 2 bytes, a member 14.
  if (!in.List(&clusters, 2, cluster) || !in.done()) {
    return absl::DataLossError("a batch of clusters to compare is damaged");
  }
  return clusters;
}

std::string EncodeClusterResults(const std::vector<ClusterResult>& results) {
  std::string out;
  PutVarint(&out, results.size());
  for (const ClusterResult& result : results) {
    PutVarint(&out, result.findings.size());
    for (const Finding& finding : result.findings) PutFinding(&out, finding);
    PutVarint(&out, result.passages.size());
    for (const Passage& passage : result.passages) {
      PutString(&out, passage.article);
      PutVarint(&out, passage.start);
      PutString(&out, passage.text);
    }
    PutVarint(&out, result.problems.size());
    for (const Problem& problem : result.problems) PutProblem(&out, problem);
  }
  return out;
}

absl::StatusOr<std::vector<ClusterResult>> DecodeClusterResults(std::string_view bytes) {
  RecordReader in(bytes);
  std::vector<ClusterResult> results;
  const auto passage = [&](Passage& p) {
    uint64_t start;
    if (!in.String(&p.article) || !in.Varint(&start) || !in.String(&p.text)) return false;
    p.start = start;
    return true;
  };
  const auto result = [&](ClusterResult& r) {
    return in.List(&r.findings, 11, [&](Finding& f) { return GetFinding(in, &f); }) &&
           in.List(&r.passages, 3, passage) &&
           in.List(&r.problems, 3, [&](Problem& p) { return GetProblem(in, &p); });
  };
  // A result takes at least 3 bytes, a finding 11, a passage 3, a problem 3.
  if (!in.List(&results, 3, result) || !in.done()) {
    return absl::DataLossError("a batch of comparison results is damaged");
  }
  return results;
}

}  // namespace parallax
