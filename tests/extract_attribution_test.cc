// Quotes, reported speech and the people who speak, through ExtractClaims
// with the shipped rules: the forms news prose uses beyond "“...,” X said."
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/claim.h"
#include "testing/shipped_rules.h"
#include "util/strings.h"

namespace parallax {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// "text" by speaker, for the claims of one kind.
std::vector<std::string> Said(const std::vector<Claim>& claims, ClaimKind kind) {
  std::vector<std::string> out;
  for (const Claim& c : claims) {
    if (c.kind != kind) continue;
    out.push_back(StrCat("\"", c.text, "\" by ", c.speaker.empty() ? "(unknown)" : c.speaker));
  }
  return out;
}

// "text" -> canonical name, for person entities.
std::vector<std::string> Persons(const std::vector<Claim>& claims) {
  std::vector<std::string> out;
  for (const Claim& c : claims) {
    if (c.kind == ClaimKind::kEntity && c.type == "person") {
      out.push_back(StrCat("\"", c.text, "\" -> ", c.value));
    }
  }
  return out;
}

TEST(Quotes, AQuoteOfSeveralSentencesIsOneQuote) {
  const auto claims = ExtractWithShippedRules(
      "Prime Minister Nikol Pashinyan spoke in Yerevan. “We will not give up. We will fight "
      "on,” he said.");
  EXPECT_THAT(Said(claims, ClaimKind::kQuote),
              ElementsAre("\"We will not give up. We will fight on,\" by Nikol Pashinyan"));
}

TEST(Quotes, AQuoteOverParagraphsSpansThemAll) {
  const std::string body =
      "Sergei Lavrov spoke on Thursday.\n\n“The mission is a provocation.\n\n“It serves Western "
      "interests,” Lavrov told reporters.\n";
  const auto claims = ExtractWithShippedRules(body);
  ASSERT_THAT(Said(claims, ClaimKind::kQuote),
              ElementsAre("\"The mission is a provocation.\n\n“It serves Western interests,\" by "
                          "Sergei Lavrov"));
  for (const Claim& c : claims) {
    if (c.kind != ClaimKind::kQuote) continue;
    // The span runs from inside the first opening mark to the closing one.
    EXPECT_EQ(body.substr(c.start, c.end - c.start), c.text);
    EXPECT_EQ(body.substr(c.start - 3, 3), "“");
    EXPECT_EQ(body.substr(c.end, 3), "”");
  }
}

TEST(Quotes, AParagraphLeftOpenWithoutAContinuationIsNotJoined) {
  // The second paragraph does not open with a quote mark: the first quote
  // ended with its paragraph, and the later quote stands alone.
  const auto claims = ExtractWithShippedRules(
      "“The mission is a provocation.\n\nLavrov spoke later. “It serves Western interests,” "
      "Lavrov said.");
  EXPECT_THAT(Said(claims, ClaimKind::kQuote),
              ElementsAre("\"It serves Western interests,\" by Sergei Lavrov"));
}

TEST(Quotes, PartialQuotesInsideASentence) {
  const auto claims = ExtractWithShippedRules(
      "Foreign Minister Sergei Lavrov called the mission “a geopolitical provocation” on "
      "Thursday.");
  EXPECT_THAT(Said(claims, ClaimKind::kQuote),
              ElementsAre("\"a geopolitical provocation\" by Sergei Lavrov"));
}

TEST(Quotes, ASpeakerWithADescriptionBetweenCommas) {
  EXPECT_THAT(Said(ExtractWithShippedRules(
                       "“The talks are over,” Lavrov, the foreign minister, said on Friday."),
                   ClaimKind::kQuote),
              ElementsAre("\"The talks are over,\" by Sergei Lavrov"));
  EXPECT_THAT(
      Said(ExtractWithShippedRules("The spokesman, Peter Stano, said: “We regret this decision.”"),
           ClaimKind::kQuote),
      ElementsAre("\"We regret this decision.\" by Peter Stano"));
}

TEST(ReportedSpeech, WithAndWithoutThat) {
  const auto claims = ExtractWithShippedRules(
      "Anna Hakobyan, a nurse in Stepanakert, said the shelling began at dawn. The ministry said "
      "on Monday that talks would resume. Moscow said the U.S. had no role.");
  EXPECT_THAT(Said(claims, ClaimKind::kAttribution),
              ElementsAre("\"Anna Hakobyan, a nurse in Stepanakert, said the shelling began at "
                          "dawn\" by Anna Hakobyan",
                          "\"The ministry said on Monday that talks would resume\" by The ministry",
                          "\"Moscow said the U.S. had no role\" by Moscow"));
}

TEST(ReportedSpeech, SaidWithoutAClauseIsNotReportedSpeech) {
  EXPECT_THAT(Said(ExtractWithShippedRules("Lavrov said on Monday. He told a newly appointed "
                                           "ambassador about the plan."),
                   ClaimKind::kAttribution),
              IsEmpty());
}

TEST(Persons, NamesOutsideTheTablesAreFoundByWhatTheSentenceSays) {
  const auto claims = ExtractWithShippedRules(
      "Davit Sargsyan, 61, fled with his family. “We left everything,” said Lilit Avetisyan. "
      "Health Minister Anahit Avanesyan told reporters the hospitals were full. Sargsyan said he "
      "would not return.");
  EXPECT_THAT(
      Persons(claims),
      ElementsAre("\"Davit Sargsyan\" -> Davit Sargsyan", "\"Lilit Avetisyan\" -> Lilit Avetisyan",
                  "\"Anahit Avanesyan\" -> Anahit Avanesyan", "\"Sargsyan\" -> Davit Sargsyan"));
  // The quote's speaker is the person, and a later surname is the same one.
  EXPECT_THAT(Said(claims, ClaimKind::kQuote),
              ElementsAre("\"We left everything,\" by Lilit Avetisyan"));
  EXPECT_THAT(Said(claims, ClaimKind::kAttribution),
              Contains("\"Sargsyan said he would not return\" by Davit Sargsyan"));
}

TEST(Persons, CapitalisedRunsThatAreNotPeople) {
  const auto claims = ExtractWithShippedRules(
      "The Kremlin said the talks had failed. The European Union said it regretted the move. "
      "Russia's Foreign Ministry said nothing. On Monday Armenian officials said the border was "
      "closed. Human Rights Watch said it had documented abuses.");
  EXPECT_THAT(Persons(claims), IsEmpty());
  // The organizations the tables know are still found.
  std::vector<std::string> organizations;
  for (const Claim& c : claims) {
    if (c.kind == ClaimKind::kEntity && c.type == "organization") organizations.push_back(c.value);
  }
  EXPECT_THAT(organizations, Contains("Kremlin"));
  EXPECT_THAT(organizations, Contains("European Union"));
}

}  // namespace
}  // namespace parallax
