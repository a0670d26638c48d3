#include "synthetic/synthetic_corpus.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace parallax {
namespace {

// SplitMix64: a small, fast generator whose output is the same on every
// platform (the standard distributions are not).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  template <size_t N>
  std::string_view Pick(const std::string_view (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

uint64_t Mix(uint64_t a, uint64_t b) { return Random(a * 0x100000001B3ull ^ b).Next(); }

constexpr std::string_view kSyllables[] = {"ka",  "lo",  "mi",  "ra", "ten", "vor", "dan", "sel",
                                           "bru", "ni",  "zo",  "pe", "gar", "lin", "tu",  "mar",
                                           "es",  "dro", "vik", "sa", "hol", "rin", "ba",  "cel"};
constexpr std::string_view kSurnameEnds[] = {"ov", "escu", "sen", "ski", "ez", "ani", "ard"};
constexpr std::string_view kTownEnds[] = {"ville", "grad", "pur", "ton", "ovo", "abad", "field"};
constexpr std::string_view kCauses[] = {"a gas explosion tore through a market",
                                        "floods swept through the lower town",
                                        "a passenger bus overturned on a mountain road",
                                        "gunmen opened fire at a checkpoint",
                                        "a fire spread through a textile factory",
                                        "a bridge collapsed during the rush hour",
                                        "a landslide buried a row of houses",
                                        "a train derailed near the central station"};
constexpr std::string_view kCauseShort[] = {"explosion", "floods",       "bus crash",
                                            "attack",    "factory fire", "bridge collapse",
                                            "landslide", "derailment"};
constexpr std::string_view kBackground[] = {"United Nations", "European Union", "United States",
                                            "Red Cross", "World Health Organization"};
constexpr std::string_view kSources[] = {"Daily Ledger",    "Morning Post", "Wire Service",
                                         "Evening Courier", "Press Agency", "City Herald"};
constexpr std::string_view kQuoteWords[] = {
    "we",      "will",     "not",      "rest",    "until",    "every",   "family",   "knows",
    "what",    "happened", "here",     "the",     "people",   "of",      "this",     "town",
    "deserve", "answers",  "and",      "help",    "now",      "our",     "teams",    "are",
    "working", "through",  "night",    "to",      "reach",    "those",   "still",    "trapped",
    "nobody",  "expected", "water",    "rise",    "so",       "fast",    "houses",   "roads",
    "were",    "gone",     "in",       "minutes", "children", "schools", "hospital", "doctors",
    "need",    "blood",    "power",    "bridges", "warnings", "came",    "too",      "late",
    "mourn",   "rebuild",  "together", "promise", "justice",  "safety",  "truth",    "courage"};
constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};

std::string Capitalised(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = word[0] - 'a' + 'A';
  return word;
}

std::string Syllables(Random& random, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) StrAppend(&out, random.Pick(kSyllables));
  return out;
}

// Builds a body while recording where each claim lies in it.
class BodyBuilder {
 public:
  void Text(std::string_view text) { body_.append(text); }
  void Claim(ClaimKind kind, std::string_view text, std::string_view value) {
    parallax::Claim claim;
    claim.kind = kind;
    claim.start = body_.size();
    body_.append(text);
    claim.end = body_.size();
    claim.text = std::string(text);
    claim.value = std::string(value);
    claims_.push_back(std::move(claim));
  }
  void Entity(std::string_view name) { Claim(ClaimKind::kEntity, name, name); }

  std::string body_;
  std::vector<parallax::Claim> claims_;
};

}  // namespace

struct SyntheticCorpus::Event {
  CivilDate date;
  std::string town;
  std::string person, official, org;
  int killed = 0;
  int cause = 0;
  std::string quote;
};

SyntheticCorpus::SyntheticCorpus(SyntheticOptions options) : options_(options) {
  // Event sizes: a third single articles, the rest spread geometrically
  // around the mean, a few large.
  Random random(Mix(options_.seed, 0x5eed));
  const double tail = std::max(1.0, (options_.mean_event_size - 1) * 1.5);
  event_of_.reserve(options_.articles);
  while (event_of_.size() < options_.articles) {
    size_t size = 1;
    if (random.Unit() > 1.0 / 3) size += static_cast<size_t>(-std::log(1 - random.Unit()) * tail);
    size = std::min(size, options_.articles - event_of_.size());
    first_of_.push_back(static_cast<uint32_t>(event_of_.size()));
    event_of_.insert(event_of_.end(), size, static_cast<uint32_t>(event_count_));
    ++event_count_;
  }
  if (options_.events_per_day <= 0) {
    options_.events_per_day = std::max<int>(2, static_cast<int>(options_.articles / 2000));
  }
}

SyntheticCorpus::Event SyntheticCorpus::EventAt(uint32_t event) const {
  Random random(Mix(options_.seed, event));
  Event e;
  e.date = CivilDate(2020, 1, 1) + static_cast<int>(event / options_.events_per_day);
  // Some events happen in the town of an event two to ten weeks earlier.
  uint32_t town_event = event;
  const uint32_t weeks_back = options_.events_per_day * 7 * (2 + random.Below(9));
  if (random.Unit() < options_.same_town_share && event >= weeks_back) {
    town_event = event - weeks_back;
  }
  Random town_random(Mix(options_.seed ^ 0x70, town_event));
  // Three syllables and an ending: some 100,000 towns, so that two events
  // share a town by design (above) far more often than by chance.
  e.town = Capitalised(Syllables(town_random, 3)) + std::string(town_random.Pick(kTownEnds));
  e.person = Capitalised(Syllables(random, 2)) + " " +
             Capitalised(Syllables(random, 2) + std::string(random.Pick(kSurnameEnds)));
  e.official = Capitalised(Syllables(random, 2)) + " " +
               Capitalised(Syllables(random, 3) + std::string(random.Pick(kSurnameEnds)));
  e.org = Capitalised(Syllables(random, 3)) + " Relief Committee";
  e.killed = 3 + static_cast<int>(random.Below(250));
  e.cause = static_cast<int>(random.Below(std::size(kCauses)));
  for (int i = 0; i < 9; ++i) {
    if (i) e.quote += ' ';
    e.quote += random.Pick(kQuoteWords);
  }
  e.quote = Capitalised(e.quote);
  return e;
}

SyntheticArticle SyntheticCorpus::Make(size_t i) const {
  const uint32_t event_id = event_of_[i];
  const Event e = EventAt(event_id);
  Random random(Mix(options_.seed ^ 0xa7, i));
  // A wire copy repeats the story of the event's first article, under
  // another source's name.
  const size_t first = first_of_[event_id];
  const bool copy = i != first && random.Unit() < options_.wire_copy_share;
  Random story(Mix(options_.seed ^ 0x57, copy ? first : i));

  SyntheticArticle out;
  out.event = event_id;
  Article& a = out.article;
  a.id = absl::StrFormat("a%07u", i);
  a.path = a.id + ".txt";
  a.source = std::string(random.Pick(kSources));
  if (random.Unit() >= options_.undated_share) {
    a.date = e.date + static_cast<int>(story.Below(3));
    a.date_origin = DateOrigin::kHeader;
  }
  // Reports disagree a little on the toll, as they do.
  const int killed = e.killed + static_cast<int>(story.Below(3));
  a.title = StrCat(killed, " killed as ", kCauseShort[e.cause], " hits ", e.town);

  BodyBuilder b;
  b.Entity(e.town);
  b.Text(StrCat(" (", *a.source, ") - "));
  b.Claim(ClaimKind::kQuantity, StrCat("At least ", killed, " people"), "");
  b.Text(StrCat(" were killed on ", story.Pick(kWeekdays), " when ", kCauses[e.cause], " in "));
  b.Entity(e.town);
  b.Text(", the ");
  b.Entity(e.org);
  b.Text(" said.\n\n");
  // Not every report carries the quote.
  if (story.Unit() < 0.7) {
    b.Text("\"");
    b.Claim(ClaimKind::kQuote, e.quote, "");
    b.Text(",\" said ");
  } else {
    b.Text("Survivors were taken to hospital, said ");
  }
  b.Entity(e.person);
  b.Text(", who leads the rescue effort.\n\n");
  b.Text("Regional governor ");
  b.Entity(e.official);
  b.Text(" declared three days of mourning and asked the ");
  b.Entity(std::string(story.Pick(kBackground)));
  b.Text(" for help");
  if (story.Unit() < 0.5) {
    b.Text(", while the ");
    b.Entity(std::string(story.Pick(kBackground)));
    b.Text(" sent a team");
  }
  b.Text(
      ".\n\nRescue work was continuing late into the night, and officials said the toll "
      "could rise.\n");
  a.body = std::move(b.body_);
  out.claims = std::move(b.claims_);
  return out;
}

std::string ToJsonl(const Article& article) {
  std::string out;
  JsonWriter json(&out, JsonWriter::kCompact);
  json.BeginObject();
  json.Key("id");
  json.String(article.id);
  json.Key("source");
  json.OptionalString(article.source);
  json.Key("date");
  json.OptionalDate(article.date);
  json.Key("title");
  json.OptionalString(article.title);
  json.Key("text");
  json.String(article.body);
  json.EndObject();
  out += '\n';
  return out;
}

namespace {

// The index of article "a0000042" (Make); aborts on an id of another corpus,
// a programming error.
size_t IndexOf(std::string_view id, size_t size) {
  size_t article = 0;
  if (id.empty() || !absl::SimpleAtoi(absl::string_view(id.data() + 1, id.size() - 1), &article) ||
      article >= size)
    std::abort();
  return article;
}

}  // namespace

BCubedScore SyntheticCorpus::Score(const EventClusterer& clusterer,
                                   const std::vector<EventCluster>& clusters) const {
  std::vector<uint32_t> truth(size()), predicted(size());
  for (size_t i = 0; i < size(); ++i) truth[i] = EventOf(i);
  for (size_t c = 0; c < clusters.size(); ++c) {
    for (uint32_t member : clusters[c].members) {
      predicted[IndexOf(clusterer.evidence()[member].id, size())] = static_cast<uint32_t>(c);
    }
  }
  return BCubed(truth, predicted);
}

BCubedScore SyntheticCorpus::ScoreClusters(const std::vector<Cluster>& clusters) const {
  std::vector<uint32_t> truth(size()), predicted(size());
  for (size_t i = 0; i < size(); ++i) truth[i] = EventOf(i);
  for (size_t c = 0; c < clusters.size(); ++c) {
    for (const std::string& id : clusters[c].articles) {
      predicted[IndexOf(id, size())] = static_cast<uint32_t>(c);
    }
  }
  return BCubed(truth, predicted);
}

// Every report of an event tells the same story: nothing is planted.
std::vector<PlantedFinding> SyntheticCorpus::Planted() const { return {}; }

FindingScore SyntheticCorpus::ScoreFindings(const std::vector<Finding>& findings) const {
  const std::vector<PlantedFinding> planted = Planted();
  FindingScore score;
  score.planted = planted.size();
  score.found = findings.size();
  std::unordered_multimap<std::string_view, size_t> by_article;
  for (size_t p = 0; p < planted.size(); ++p) by_article.emplace(planted[p].article, p);
  std::vector<bool> matched(planted.size());
  for (const Finding& f : findings) {
    bool any = false;
    for (const ClaimRef& c : f.claims) {
      auto [begin, end] = by_article.equal_range(c.article);
      for (auto it = begin; it != end; ++it) {
        if (planted[it->second].kind != f.kind) continue;
        matched[it->second] = any = true;
      }
    }
    if (any) ++score.found_planted;
  }
  score.planted_found = static_cast<size_t>(std::count(matched.begin(), matched.end(), true));
  return score;
}

BCubedScore BCubed(const std::vector<uint32_t>& truth, const std::vector<uint32_t>& predicted) {
  // For each item: the share of its predicted cluster in its true event
  // (precision) and of its true event in its predicted cluster (recall).
  // Counting by (true, predicted) pairs keeps this linear.
  std::vector<std::pair<uint32_t, uint32_t>> pairs(truth.size());
  for (size_t i = 0; i < truth.size(); ++i) pairs[i] = {truth[i], predicted[i]};
  std::sort(pairs.begin(), pairs.end());
  std::vector<size_t> truth_size, predicted_size;
  for (uint32_t t : truth) {
    if (t >= truth_size.size()) truth_size.resize(t + 1);
    ++truth_size[t];
  }
  for (uint32_t p : predicted) {
    if (p >= predicted_size.size()) predicted_size.resize(p + 1);
    ++predicted_size[p];
  }
  double precision = 0, recall = 0;
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const double both = static_cast<double>(j - i);
    precision += both * both / static_cast<double>(predicted_size[pairs[i].second]);
    recall += both * both / static_cast<double>(truth_size[pairs[i].first]);
    i = j;
  }
  const double n = static_cast<double>(std::max<size_t>(1, truth.size()));
  return BCubedScore{precision / n, recall / n};
}

}  // namespace parallax
