// Linking names, pronouns and speakers across an article's sentences
// (extract/references.h), through ExtractClaims with the shipped rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/claim.h"
#include "extract/references.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "testing/shipped_rules.h"
#include "util/strings.h"

namespace parallax {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<Claim> Extract(std::string body) { return ExtractWithShippedRules(std::move(body)); }

// "kind "text" -> value" for entities, "quote "text" by speaker" for quotes
// and attributions.
std::vector<std::string> Describe(const std::vector<Claim>& claims, ClaimKind kind) {
  std::vector<std::string> out;
  for (const Claim& c : claims) {
    if (c.kind != kind) continue;
    if (kind == ClaimKind::kEntity) {
      out.push_back(StrCat("\"", c.text, "\" -> ", c.value));
    } else {
      out.push_back(StrCat("\"", c.text, "\" by ", c.speaker.empty() ? "(unknown)" : c.speaker));
    }
  }
  return out;
}

TEST(References, ASurnameIsThePersonNamedInFull) {
  const auto claims =
      Extract("Foreign Minister Sergey Lavrov arrived in Baku. Later, Lavrov met the president.");
  EXPECT_THAT(Describe(claims, ClaimKind::kEntity), Contains("\"Lavrov\" -> Sergei Lavrov"));
}

TEST(References, AnOrganizationWithoutItsCountryIsTheOneNamedInFull) {
  const auto claims = Extract(
      "Russia's Foreign Ministry summoned the envoy. The Foreign Ministry later said the talks "
      "were over. The European Union declined to comment; the Union's envoy left.");
  EXPECT_THAT(Describe(claims, ClaimKind::kEntity),
              ElementsAre("\"Russia's Foreign Ministry\" -> Russian Foreign Ministry",
                          "\"Foreign Ministry\" -> Russian Foreign Ministry",
                          "\"European Union\" -> European Union"));
}

TEST(References, ASurnameBeforeTheFullNameLooksAhead) {
  const auto claims = Extract("Peskov spoke first. Kremlin spokesman Dmitry Peskov said more.");
  EXPECT_THAT(Describe(claims, ClaimKind::kEntity), Contains("\"Peskov\" -> Dmitry Peskov"));
}

TEST(References, APronounSpeakerIsThePersonLastNamed) {
  const std::string body =
      "Prime Minister Nikol Pashinian spoke in Yerevan. “We will not give up,” he said.";
  const auto claims = Extract(body);
  EXPECT_THAT(Describe(claims, ClaimKind::kQuote),
              ElementsAre("\"We will not give up,\" by Nikol Pashinyan"));
  // The speaker's span still points at the words written: "he".
  for (const Claim& c : claims) {
    if (c.kind != ClaimKind::kQuote) continue;
    ASSERT_TRUE(c.speaker_start.has_value());
    EXPECT_EQ(body.substr(*c.speaker_start, *c.speaker_end - *c.speaker_start), "he");
  }
}

TEST(References, APronounWithNoOneNamedBeforeStaysUnknown) {
  const auto claims = Extract("“We will not give up,” he said.");
  EXPECT_THAT(Describe(claims, ClaimKind::kQuote),
              ElementsAre("\"We will not give up,\" by (unknown)"));
}

TEST(References, ATitledSpeakerIsTheCanonicalPerson) {
  const auto claims =
      Extract("“The mission is a provocation,” said Foreign Minister Sergey Lavrov.");
  EXPECT_THAT(Describe(claims, ClaimKind::kQuote),
              ElementsAre("\"The mission is a provocation,\" by Sergei Lavrov"));
}

TEST(References, TheShortDescriptionIsTheEarlierSpeaker) {
  const auto claims = Extract(
      "“It can only bring confrontation,” Russia's Foreign Ministry said. “It is a pretext,” "
      "the Foreign Ministry said.");
  EXPECT_THAT(Describe(claims, ClaimKind::kQuote),
              ElementsAre("\"It can only bring confrontation,\" by Russian Foreign Ministry",
                          "\"It is a pretext,\" by Russian Foreign Ministry"));
}

TEST(References, ADescriptionWithNothingEarlierStaysAsWritten) {
  const auto claims = Extract("“We are ready,” the minister said.");
  EXPECT_THAT(Describe(claims, ClaimKind::kQuote),
              ElementsAre("\"We are ready,\" by the minister"));
}

TEST(References, WithoutTheTableOnlyNamesAreLinked) {
  RuleSetLoad load = LoadRuleSetFromTexts({{"rules/t.rules", R"(version 1
table PERSON
  Ilse Varanova | Varanova = Ilse Varanova

rule entity.person
  kind:     entity
  match:    {name:@PERSON}
  value:    value=alias(name, PERSON) type=person
  example:  "Varanova" -> Ilse Varanova

rule quote.q
  kind:     quote
  match:    "“" {quote:/[^“”]+/} "”" {speaker:(he | Varanova)} said
  value:    value=quote speaker=speaker
  span:     quote
  example:  "“Yes,” he said" -> speaker=he
)"}},
                                          {});
  ASSERT_NE(load.rules, nullptr);
  Article article;
  article.body = "Ilse Varanova spoke. “Yes,” he said. “No,” Varanova said.";
  const std::vector<Claim> claims = ExtractClaims(article, Matcher(*load.rules));
  EXPECT_THAT(Describe(claims, ClaimKind::kQuote),
              ElementsAre("\"Yes,\" by he", "\"No,\" by Ilse Varanova"));
}

TEST(References, TheSourceOfAChainIsTheEntityItNames) {
  const auto claims = Extract(
      "Russia's Foreign Ministry said the talks had failed, as cited by AFP. Lavrov said that "
      "the mission was a provocation, according to Interfax-Ukraine. According to AFP, the "
      "Foreign Ministry said the border would stay closed.");
  std::vector<std::string> chains;
  for (const Claim& c : claims) {
    if (c.kind == ClaimKind::kAttribution) {
      chains.push_back(StrCat(c.speaker, " / ", c.value, " / via ", c.via));
    }
  }
  // A source the entities do not know stays as written; the chain may come
  // first.
  EXPECT_THAT(chains, ElementsAre("Russian Foreign Ministry / the talks had failed / via "
                                  "Agence France-Presse",
                                  "Sergei Lavrov / the mission was a provocation / via "
                                  "Interfax-Ukraine",
                                  "Russian Foreign Ministry / the border would stay closed / via "
                                  "Agence France-Presse"));
}

TEST(References, NoPersonsNoChange) {
  EXPECT_THAT(Describe(Extract("The toll rose to 52 on Tuesday."), ClaimKind::kEntity), IsEmpty());
}

}  // namespace
}  // namespace parallax
