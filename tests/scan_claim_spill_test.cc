#include <algorithm>
#include <random>
#include <thread>

#include "gtest/gtest.h"
#include "ingest/corpus.h"
#include "scan/claim_spill.h"
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
      refs[i] = *(*spill)->Append(claims[i]);
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

// A batch message holds each article's claims, in order, and nothing else.
TEST(ClaimSpill, ABatchSplitsIntoItsArticlesClaims) {
  const std::vector<Article> articles = DemoArticles();
  std::vector<std::vector<Claim>> claims;
  for (size_t i = 0; i < 3; ++i) {
    claims.push_back(ExtractWithShippedRules(articles[i].body, articles[i].date));
  }
  claims.emplace_back();  // an article without claims
  const std::string bytes = EncodeClaimBatch(claims);
  absl::StatusOr<std::vector<std::string_view>> split = SplitClaimBatch(bytes, claims.size());
  ASSERT_TRUE(split.ok()) << split.status();
  ASSERT_EQ(split->size(), claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    EXPECT_EQ((*split)[i], EncodeClaims(claims[i])) << i;
  }
  EXPECT_FALSE(SplitClaimBatch(bytes, claims.size() - 1).ok());
  EXPECT_FALSE(SplitClaimBatch(bytes + "x", claims.size()).ok());
  for (size_t cut = 0; cut < bytes.size(); cut += 11) {
    EXPECT_FALSE(SplitClaimBatch(bytes.substr(0, cut), claims.size()).ok()) << cut;
  }
}

}  // namespace
}  // namespace parallax
