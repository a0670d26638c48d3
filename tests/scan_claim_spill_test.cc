#include <algorithm>
#include <random>
#include <thread>
#include <tuple>

#include "cluster/evidence.h"
#include "gtest/gtest.h"
#include "ingest/corpus.h"
#include "scan/claim_spill.h"
#include "scan/peer_messages.h"
#include "testing/shipped_rules.h"

namespace parallax {
namespace {

// Every field of every claim, for comparing claims as a whole.
std::string Describe(const Claim& c) {
  return ClaimToJson("a", c) + " speaker_span=" +
         (c.speaker_start
              ? std::to_string(*c.speaker_start) + "-" + std::to_string(c.speaker_end.value_or(0))
              : "none");
}

std::vector<Article> DemoArticles() {
  Corpus corpus = ReadCorpus({std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo"}, {});
  EXPECT_GE(corpus.articles.size(), 5u);
  return std::move(corpus.articles);
}

TEST(ClaimSpill, DemoClaimsComeBackAsTheyWere) {
  absl::StatusOr<std::unique_ptr<ClaimSpill>> spill = ClaimSpill::Create();
  ASSERT_TRUE(spill.ok()) << spill.status();
  const std::vector<Article> articles = DemoArticles();
  std::vector<std::vector<Claim>> claims(articles.size());
  std::vector<ClaimSpill::Ref> refs(articles.size());
  // Two writers at once, as a scan has.
  auto write = [&](size_t first) {
    for (size_t i = first; i < articles.size(); i += 2) {
      claims[i] = ExtractWithShippedRules(articles[i].body, articles[i].date);
      refs[i] = *(*spill)->Append(EncodeClaims(claims[i]));
    }
  };
  std::thread other(write, 1);
  write(0);
  other.join();
  size_t total = 0;
  for (size_t i = 0; i < articles.size(); ++i) {
    absl::StatusOr<std::vector<Claim>> loaded = (*spill)->Load(refs[i], articles[i].body);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    ASSERT_EQ(loaded->size(), claims[i].size());
    for (size_t c = 0; c < claims[i].size(); ++c) {
      EXPECT_EQ(Describe((*loaded)[c]), Describe(claims[i][c]));
    }
    total += claims[i].size();
  }
  EXPECT_GT(total, 100u);
  EXPECT_GT((*spill)->bytes(), 0u);
}

TEST(ClaimSpill, TheSourceOfAChainComesBack) {
  const std::string body =
      "Russia's Foreign Ministry said the talks had failed, as cited by AFP. Officials said "
      "12 people were detained.";
  const std::vector<Claim> claims = ExtractWithShippedRules(body);
  ASSERT_TRUE(std::any_of(claims.begin(), claims.end(),
                          [](const Claim& c) { return c.via == "Agence France-Presse"; }));
  absl::StatusOr<std::vector<Claim>> decoded = DecodeClaims(EncodeClaims(claims), body);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->size(), claims.size());
  for (size_t c = 0; c < claims.size(); ++c)
    EXPECT_EQ(Describe((*decoded)[c]), Describe(claims[c]));
}

TEST(ClaimSpill, DamagedBytesAreAnErrorNotACrash) {
  const std::vector<Article> articles = DemoArticles();
  const std::string body = articles[0].body;
  const std::string bytes = EncodeClaims(ExtractWithShippedRules(body, articles[0].date));
  ASSERT_TRUE(DecodeClaims(bytes, body).ok());
  // Spans must lie inside the body they are loaded against.
  EXPECT_FALSE(DecodeClaims(bytes, body.substr(0, body.size() / 2)).ok());
  for (size_t cut = 0; cut < bytes.size(); cut += 7) {
    EXPECT_FALSE(DecodeClaims(bytes.substr(0, cut), body).ok()) << cut;
  }
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string damaged = bytes;
    damaged[random() % damaged.size()] = static_cast<char>(random());
    absl::StatusOr<std::vector<Claim>> decoded = DecodeClaims(damaged, body);
    if (!decoded.ok()) continue;
    for (const Claim& claim : *decoded) {
      ASSERT_LE(claim.end, body.size());
      ASSERT_LE(claim.start, claim.end);
    }
  }
}

// What another process sends of a batch comes back as it was: every field
// of every record, the problems with their positions, the lines read.
TEST(PeerMessages, ARecordBatchComesBackAsItWasAndDamageIsAnError) {
  const std::vector<Article> articles = DemoArticles();
  RecordBatch batch;
  batch.lines = 41;
  for (size_t i = 0; i < 4; ++i) {
    const Article& article = articles[i];
    const std::vector<Claim> claims = ExtractWithShippedRules(article.body, article.date);
    ArticleRecord& record = batch.articles.emplace_back();
    record.entry.id = article.id;
    record.entry.path = article.path;
    record.entry.source = article.source;
    record.entry.date = article.date;
    record.entry.date_origin = article.date_origin;
    record.entry.title = article.title;
    record.entry.url = article.url;
    record.entry.body_bytes = article.body.size();
    record.entry.paragraphs = static_cast<int>(i) + 3;
    record.entry.claim_counts[2] = static_cast<int>(claims.size());
    record.evidence = GatherEvidence(article, claims, ShippedRules());
    record.location = {static_cast<int>(i) + 1, uint64_t{1} << (30 + i), article.body.size() + 40,
                       BodyHash(article.body)};
    record.claims = EncodeClaims(claims);
  }
  batch.articles[1].entry.date = CivilDate(1850, 2, 3);  // before 1970
  batch.articles[2].entry.source.reset();
  batch.articles[2].evidence.date.reset();
  batch.problems = {{0, Problem{"a.txt", std::nullopt, "empty"}},
                    {2, Problem{"b.jsonl", 7, "not JSON"}},
                    {4, Problem{"b.jsonl", 0, "at the end"}}};

  const std::string bytes = EncodeRecordBatch(batch);
  const absl::StatusOr<RecordBatch> back = DecodeRecordBatch(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->lines, batch.lines);
  ASSERT_EQ(back->articles.size(), batch.articles.size());
  for (size_t i = 0; i < batch.articles.size(); ++i) {
    const ArticleRecord &a = back->articles[i], &b = batch.articles[i];
    const ArticleEntry &x = a.entry, &y = b.entry;
    EXPECT_EQ(std::tie(x.id, x.path, x.source, x.date, x.date_origin, x.title, x.url, x.body_bytes,
                       x.paragraphs, x.sentences, x.quotations, x.claim_counts),
              std::tie(y.id, y.path, y.source, y.date, y.date_origin, y.title, y.url, y.body_bytes,
                       y.paragraphs, y.sentences, y.quotations, y.claim_counts))
        << i;
    EXPECT_EQ(std::tie(a.evidence.id, a.evidence.date, a.evidence.keys, a.evidence.labels),
              std::tie(b.evidence.id, b.evidence.date, b.evidence.keys, b.evidence.labels))
        << i;
    EXPECT_EQ(std::tie(a.location, a.claims), std::tie(b.location, b.claims)) << i;
  }
  ASSERT_EQ(back->problems.size(), batch.problems.size());
  for (size_t i = 0; i < batch.problems.size(); ++i) {
    const auto& [at_a, a] = back->problems[i];
    const auto& [at_b, b] = batch.problems[i];
    EXPECT_EQ(std::tie(at_a, a.path, a.line, a.message), std::tie(at_b, b.path, b.line, b.message));
  }

  // Cut short or followed by more, it is not a batch; flipped bytes give a
  // batch or an error, never a crash or an allocation of what they claim.
  for (size_t cut = 0; cut < bytes.size(); cut += 7) {
    EXPECT_FALSE(DecodeRecordBatch(bytes.substr(0, cut)).ok()) << cut;
  }
  EXPECT_FALSE(DecodeRecordBatch(bytes + "x").ok());
  std::mt19937 random(7);
  for (int trial = 0; trial < 2000; ++trial) {
    std::string damaged = bytes;
    for (int flips = 0; flips < 3; ++flips) {
      damaged[random() % damaged.size()] = static_cast<char>(random());
    }
    (void)DecodeRecordBatch(damaged);
  }
}

}  // namespace
}  // namespace parallax
