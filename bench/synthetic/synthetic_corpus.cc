#include "synthetic/synthetic_corpus.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <unordered_map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
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
// Made-up countries, so that no real place is named beside the made-up
// towns. Their capitals go unnamed: a dozen names shared by every event
// would link the events of a small corpus.
constexpr std::string_view kCountries[] = {"Veldoria", "Marenia",  "Tarvosk", "Ostrelia",
                                           "Kaldun",   "Serravia", "Norvale", "Belmora",
                                           "Zentaria", "Lusovia",  "Dravnik", "Corvenna"};

struct Cause {
  std::string_view clause;  // after "when"
  std::string_view noun;    // the subject of a sentence, capitalised
  std::string_view name;    // in a title
  std::string_view site;    // where it happened
  std::string_view before;  // one like it, years ago
};
constexpr Cause kCauses[] = {
    {"a gas explosion tore through a crowded market", "A gas explosion at a crowded market",
     "explosion", "the market", "a smaller explosion"},
    {"flash floods swept through the lower town", "Flash floods in the lower town", "floods",
     "the riverbank", "smaller floods"},
    {"a passenger bus overturned on a mountain road", "A passenger bus crash on a mountain road",
     "bus crash", "the mountain road", "a similar crash"},
    {"gunmen opened fire at a checkpoint", "A shooting by gunmen at a checkpoint", "shooting",
     "the checkpoint", "a similar shooting"},
    {"a fire spread through a textile factory", "A fire at a textile factory", "factory fire",
     "the factory", "another factory fire"},
    {"a road bridge collapsed during the rush hour",
     "The collapse of a road bridge during the rush hour", "bridge collapse", "the bridge",
     "the collapse of an older bridge"},
    {"a landslide buried a row of houses", "A landslide on the edge of the town", "landslide",
     "the hillside", "a smaller landslide"},
    {"a passenger train derailed near the central station",
     "The derailment of a passenger train near the central station", "derailment", "the station",
     "an earlier derailment"}};
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
constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kJobs[] = {"shopkeeper", "teacher", "taxi driver", "pensioner",
                                      "nurse",      "farmer",  "student",     "baker"};
// Paragraphs that state nothing comparison looks at: no counts, no dated
// events, no speakers. {T} town, {R} region, {C} country, {S}
// site, {E} what happened, {O} the relief committee.
constexpr std::string_view kFillers[] = {
    "Television pictures showed rescuers in orange helmets passing stretchers along a human "
    "chain, while relatives waited behind a police cordon for news.",
    "Heavy rain overnight slowed the work, and engineers warned that what remained of the "
    "buildings near {S} could give way at any moment.",
    "Shops in the centre of {T} stayed shuttered, and streets that are usually crowded with "
    "traders were quiet apart from the sound of sirens.",
    "Volunteers from neighbouring villages arrived in cars and on tractors, bringing blankets, "
    "bottled water and bread.",
    "Local radio stations suspended their regular programmes to read out the names of the people "
    "being treated in hospital.",
    "Residents complained that the emergency services had taken too long to arrive, a charge "
    "that officials in {R} rejected.",
    "It is the worst disaster to hit the province in a generation, and it has renewed questions "
    "about how well {T} is prepared for emergencies.",
    "In the hours after the {E}, mobile networks were overwhelmed as people tried to reach "
    "relatives, and many families gathered outside the town hall to wait for news.",
    "Schools across the district were turned into shelters, and a sports hall near the railway "
    "station was being used to register people looking for relatives.",
    "{T} has grown quickly in recent years as people moved in from the countryside, and many of "
    "its newer buildings were put up with little oversight.",
    "The province of {R} is one of the poorest in {C}, and its roads and hospitals have long been "
    "short of money.",
    "Lawmakers in the capital called for an independent investigation and demanded to know whether "
    "earlier warnings had been acted on.",
    "Blood banks in {T} and the surrounding towns appealed for donors, and long queues formed "
    "outside the main clinic within an hour.",
    "Forecasters expect more rain in the coming days, which could complicate the search.",
    "Footage shared on social media showed clouds of dust rising over {T} as people ran from the "
    "scene.",
    "Many of the victims were local residents, and some were visitors from other parts of {C}, "
    "officials believe.",
    "Rescuers used sniffer dogs and thermal cameras to search for survivors, working in shifts "
    "through the night.",
    "The national football league postponed the weekend's matches as a mark of respect.",
    "Churches and mosques in {T} opened their doors to people who had nowhere else to go, "
    "offering food and a place to sleep.",
    "Insurers have yet to estimate the cost of the damage, but local businesses fear it will take "
    "months to recover.",
    "The central square of {T}, usually busy with market stalls, had become a staging area for "
    "ambulances and fire engines.",
    "Families gathered outside the morgue, where lists of the identified victims were pinned to a "
    "noticeboard.",
    "Engineers from the {O} began checking nearby buildings for structural damage.",
    "The {O}, a volunteer group founded after earlier disasters in the region, has become the "
    "main link between rescuers and the families waiting for news.",
    "Trains to and from {T} were suspended, and traffic on the main highway into the town was "
    "limited to emergency vehicles.",
    "Psychologists were sent to the shelters to help children who had lost parents or siblings.",
    "Power was cut to several neighbourhoods as a precaution, and generators were brought in to "
    "keep the hospital running.",
    "There was anger as well as grief: some residents pointed to years of complaints about {S} "
    "that had gone unanswered.",
    "Officials in the capital promised that the victims' families would receive compensation, "
    "though "
    "they did not say how much.",
    "Candles and flowers were left at makeshift memorials near {S}, and prayers were held in the "
    "town's churches and mosques.",
    "Neighbours described a close-knit community where most families have lived for "
    "generations.",
    "The emergency services in {R} have been stretched by a string of accidents and storms, and "
    "several of their vehicles are decades old.",
    "Doctors at the main clinic in {T} set up extra beds in corridors and asked retired nurses to "
    "come back to work.",
    "Long lines of cars carrying families and their belongings formed on the road out of {T} as "
    "darkness fell.",
    "Teachers and students from the local college joined the volunteers, handing out tea and "
    "sandwiches to rescuers.",
    "The town's only bakery stayed open through the night to feed the people sleeping in the "
    "shelters.",
    "Mobile phone operators offered free calls to subscribers in the province so that families "
    "could stay in touch.",
    "A crisis centre was set up in the town hall, where officials kept a list of the people taken "
    "to hospital.",
    "Local businesses donated generators, tents and fuel, and a nearby quarry sent excavators to "
    "help clear the rubble.",
    "Veteran rescuers described the conditions as among the hardest they had seen, with unstable "
    "ground and little light.",
    "Some residents refused to leave their homes, fearing theft, and spent the night guarding "
    "their property.",
    "The regional newspaper printed a special edition with photographs of the scene and a list of "
    "emergency numbers.",
    "Across {C}, flags flew at half-mast on public buildings, and several concerts were "
    "cancelled.",
    "A fund set up by people from {T} living abroad collected donations from around the world "
    "within hours.",
    "The geology of the valley around {T} makes it especially vulnerable, a warning that planners "
    "have often brushed aside.",
    "Hotels in nearby towns offered free rooms to families who had lost their homes."};

// World figures whose names the shipped entity rules know in two spellings:
// how they are introduced, the canonical name and a respelling.
struct WorldFigure {
  std::string_view title, name, variant;
};
constexpr WorldFigure kWorldFigures[] = {
    {"Russian Foreign Minister", "Sergei Lavrov", "Sergey Lavrov"},
    {"Armenian Prime Minister", "Nikol Pashinyan", "Nikol Pashinian"},
    {"Azerbaijani President", "Ilham Aliyev", "Ilham Aliev"},
    {"U.S. Secretary of State", "Antony Blinken", "Anthony Blinken"}};

// The planted kinds, with their shares of the planted events.
enum PlantKind {
  kNoPlant = -1,
  kPlantQuantity,
  kPlantDate,
  kPlantAttribution,
  kPlantQuoteVariant,
  kPlantName,
  kPlantKinds
};
constexpr std::string_view kPlantNames[] = {
    "quantity_conflict", "date_conflict", "attribution_conflict", "quote_variant", "name_variant"};
constexpr double kPlantShares[] = {0.3, 0.2, 0.2, 0.15, 0.15};

std::string Capitalised(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = word[0] - 'a' + 'A';
  return word;
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = c - 'a' + 'A';
  }
  return out;
}

std::string Syllables(Random& random, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) StrAppend(&out, random.Pick(kSyllables));
  return out;
}

std::string Name(Random& random, int first, int last) {
  return Capitalised(Syllables(random, first)) + " " +
         Capitalised(Syllables(random, last) + std::string(random.Pick(kSurnameEnds)));
}

std::string Number(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string MonthDay(CivilDate date) { return StrCat(kMonths[date.month() - 1], " ", date.day()); }

std::string_view WeekdayOf(CivilDate date) {
  return kWeekdays[static_cast<int>(absl::GetWeekday(date))];
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
  void Entity(std::string_view text, std::string_view canonical) {
    Claim(ClaimKind::kEntity, text, canonical);
  }
  // Appends `other` as a paragraph of its own.
  void Paragraph(const BodyBuilder& other) {
    const size_t shift = body_.size();
    body_.append(other.body_);
    body_.append("\n\n");
    for (const parallax::Claim& c : other.claims_) {
      claims_.push_back(c);
      claims_.back().start += shift;
      claims_.back().end += shift;
    }
  }
  // `pattern` with its slots ({T}, ...) filled from `slots` (letter, text).
  void Fill(std::string_view pattern,
            std::initializer_list<std::pair<char, std::string_view>> slots) {
    for (size_t i = 0; i < pattern.size();) {
      const size_t open = std::min(pattern.find('{', i), pattern.size());
      body_.append(pattern.substr(i, open - i));
      if (open + 2 >= pattern.size()) {
        body_.append(pattern.substr(open));
        break;
      }
      for (const auto& [letter, text] : slots) {
        if (letter == pattern[open + 1]) body_.append(text);
      }
      i = open + 3;
    }
  }

  std::string body_;
  std::vector<parallax::Claim> claims_;
};

}  // namespace

struct SyntheticCorpus::Plan {
  bool copy = false;
  bool dated = true;
  int day = 0;  // days after the event
  size_t source = 0;
  size_t story = 0;  // the article whose story this one tells
};

struct SyntheticCorpus::Plant {
  int kind = kNoPlant;
  size_t article = 0;
};

struct SyntheticCorpus::Event {
  CivilDate date;
  std::string town, town2, region, country;
  std::string person, official, mayor, doctor, witness, org;
  int witness_age = 0, founded = 0, history_year = 0, km = 0;
  std::string_view witness_job;
  int killed = 0, injured = 0, displaced = 0, homes = 0, missing = 0;
  long long population = 0;
  int aid_tenths = 0;  // millions, in tenths
  bool euros = false;
  bool injured_attributed = false;
  bool evacuation_began = false;  // the day as the evacuation's, or the rescue's
  int cause = 0;
  int intl = 0;    // the international body that offers help
  int world = -1;  // the world figure who sends condolences, if any
  std::string quote;
  std::string official_quote, mayor_quote, doctor_quote;
  // What is planted in this event, and how.
  int plant = kNoPlant;
  size_t planted_article = 0;
  int planted_killed = 0;
  int planted_shift = 0;
  std::string planted_quote;
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

size_t SyntheticCorpus::EventEnd(uint32_t event) const {
  return event + 1 < first_of_.size() ? first_of_[event + 1] : event_of_.size();
}

SyntheticCorpus::Plan SyntheticCorpus::PlanOf(size_t i) const {
  const size_t first = first_of_[event_of_[i]];
  Random random(Mix(options_.seed ^ 0xa7, i));
  Plan plan;
  // A wire copy repeats the story of the event's first article, under
  // another source's name.
  plan.copy = random.Unit() < options_.wire_copy_share && i != first;
  plan.source = random.Below(std::size(kSources));
  plan.dated = random.Unit() >= options_.undated_share;
  plan.story = plan.copy ? first : i;
  Random story(Mix(options_.seed ^ 0x57, plan.story));
  plan.day = static_cast<int>(story.Below(3));
  return plan;
}

SyntheticCorpus::Plant SyntheticCorpus::PlantAt(uint32_t event) const {
  Plant plant;
  const size_t first = first_of_[event], end = EventEnd(event);
  if (end - first < 2) return plant;
  Random random(Mix(options_.seed ^ 0x91, event));
  if (random.Unit() >= options_.planted_share) return plant;
  double pick = random.Unit();
  int kind = 0;
  while (kind + 1 < kPlantKinds && pick >= kPlantShares[kind]) pick -= kPlantShares[kind++];
  // The disagreeing report tells its own story (it is neither the first
  // report nor a copy); a date needs it dated, and another dated report to
  // disagree with.
  std::vector<size_t> eligible;
  size_t dated = 0;
  for (size_t i = first; i < end; ++i) {
    const Plan plan = PlanOf(i);
    dated += plan.dated;
    if (i != first && !plan.copy && (kind != kPlantDate || plan.dated)) eligible.push_back(i);
  }
  if (eligible.empty() || (kind == kPlantDate && dated < 2)) return plant;
  plant.kind = kind;
  plant.article = eligible[random.Below(eligible.size())];
  return plant;
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
  e.country = std::string(town_random.Pick(kCountries));
  // The rest from the event, so that two events in one town share no more
  // than their town and country.
  e.region = Capitalised(Syllables(random, 4));
  e.town2 = Capitalised(Syllables(random, 4)) + std::string(random.Pick(kTownEnds));
  e.population = static_cast<long long>(5 + random.Below(400)) * 1000;
  e.km = 20 + static_cast<int>(random.Below(400));
  e.founded = 1650 + static_cast<int>(random.Below(300));
  e.person = Name(random, 2, 2);
  e.official = Name(random, 2, 3);
  e.mayor = Name(random, 2, 2);
  e.doctor = Name(random, 2, 3);
  e.witness = Name(random, 2, 2);
  e.witness_age = 19 + static_cast<int>(random.Below(70));
  e.witness_job = random.Pick(kJobs);
  e.org = Capitalised(Syllables(random, 3)) + " Relief Committee";
  e.killed = 8 + static_cast<int>(random.Below(250));
  e.injured = e.killed + 5 + static_cast<int>(random.Below(3 * e.killed));
  e.displaced = (2 + static_cast<int>(random.Below(60))) * 50;
  e.homes = 20 + static_cast<int>(random.Below(600));
  e.missing = 2 + static_cast<int>(random.Below(40));
  e.aid_tenths = 10 + static_cast<int>(random.Below(190));
  e.euros = random.Unit() < 0.3;
  e.injured_attributed = random.Unit() < 0.4;
  e.evacuation_began = random.Unit() < 0.5;
  e.history_year = 1950 + static_cast<int>(random.Below(66));
  e.cause = static_cast<int>(random.Below(std::size(kCauses)));
  e.intl = static_cast<int>(random.Below(std::size(kBackground)));
  e.world = random.Unit() < 0.08 ? static_cast<int>(random.Below(std::size(kWorldFigures))) : -1;
  for (int i = 0; i < 9; ++i) {
    if (i) e.quote += ' ';
    e.quote += random.Pick(kQuoteWords);
  }
  e.quote = Capitalised(e.quote);
  // The officials' own quotations, as made-up as the main one: words that
  // no other event quotes in a row.
  for (std::string* quote : {&e.official_quote, &e.mayor_quote, &e.doctor_quote}) {
    const size_t words = 7 + random.Below(6);
    for (size_t i = 0; i < words; ++i) {
      if (i) *quote += ' ';
      *quote += random.Pick(kQuoteWords);
    }
    *quote = Capitalised(std::move(*quote));
  }

  // The planted disagreement, if any: its own generator, so that the rest
  // of the event is the same with or without it.
  const Plant plant = PlantAt(event);
  e.plant = plant.kind;
  e.planted_article = plant.article;
  Random planted(Mix(options_.seed ^ 0x92, event));
  // Exact and well below "at least" the toll: the intervals miss.
  e.planted_killed = std::max(1, e.killed / 2 - static_cast<int>(planted.Below(e.killed / 4 + 1)));
  e.planted_shift = -1 - static_cast<int>(planted.Below(2));
  {
    // One word of the quotation changed.
    std::vector<std::string> words = absl::StrSplit(e.quote, ' ');
    const size_t at = 1 + planted.Below(words.size() - 1);
    std::string other;
    do {
      other = std::string(planted.Pick(kQuoteWords));
    } while (other == words[at]);
    words[at] = other;
    e.planted_quote = absl::StrJoin(words, " ");
  }
  if (e.plant == kPlantName && e.world < 0) {
    e.world = static_cast<int>(planted.Below(std::size(kWorldFigures)));
  }
  return e;
}

SyntheticArticle SyntheticCorpus::Make(size_t i) const {
  const uint32_t event_id = event_of_[i];
  const Event e = EventAt(event_id);
  const Plan plan = PlanOf(i);
  const size_t first = first_of_[event_id];
  // This report disagrees with the others (a copy tells the first report's
  // story, which never disagrees).
  const int plant = e.plant != kNoPlant && e.planted_article == i ? e.plant : kNoPlant;
  // The first report carries what a planted quotation is compared with.
  const bool quote_needed =
      plant == kPlantAttribution || plant == kPlantQuoteVariant ||
      (plan.story == first && (e.plant == kPlantAttribution || e.plant == kPlantQuoteVariant));
  Random story(Mix(options_.seed ^ 0x57, plan.story));
  story.Below(3);  // the day (PlanOf)
  const Cause& cause = kCauses[e.cause];

  SyntheticArticle out;
  out.event = event_id;
  Article& a = out.article;
  a.id = absl::StrFormat("a%07u", i);
  a.path = a.id + ".txt";
  a.source = std::string(kSources[plan.source]);
  if (plan.dated) {
    a.date = e.date + plan.day;
    a.date_origin = DateOrigin::kHeader;
  }
  // When the report says it happened: a planted date is a day or two early.
  const CivilDate happened = e.date + (plant == kPlantDate ? e.planted_shift : 0);
  const std::string when =
      story.Unit() < 0.6 ? std::string(WeekdayOf(happened)) : MonthDay(happened);
  const int killed = plant == kPlantQuantity ? e.planted_killed : e.killed;
  const bool at_least = plant != kPlantQuantity && story.Unit() < 0.6;
  const std::string killed_text = StrCat(at_least ? "at least " : "", Number(killed), " people");

  switch (story.Below(4)) {
    case 0:
      a.title = StrCat(Number(killed), " killed as ", cause.name, " hits ", e.town);
      break;
    case 1:
      a.title = StrCat(Capitalised(std::string(cause.name)), " in ", e.town, " kills ",
                       at_least ? "at least " : "", Number(killed));
      break;
    case 2:
      a.title = StrCat(e.town, " ", cause.name, ": ", at_least ? "at least " : "", Number(killed),
                       " dead");
      break;
    default:
      a.title = StrCat("Mourning in ", e.region, " after ", cause.name, " in ", e.town);
  }

  BodyBuilder body;
  {
    // The lead: a dateline or none, the toll, the day, the place.
    BodyBuilder b;
    switch (story.Below(4)) {
      case 0:
        b.Text(StrCat(Upper(e.town), ", ", e.country, " (", *a.source, ") — "));
        break;
      case 1:
        b.Text(StrCat(Upper(e.town), ", ", e.country, " — "));
        break;
      case 2:
        b.Text(StrCat(Upper(e.town), " — "));
        break;
      default:
        break;
    }
    switch (story.Below(3)) {
      case 0:
        b.Claim(ClaimKind::kQuantity, Capitalised(killed_text), "");
        b.Text(StrCat(" were killed on ", when, " when ", cause.clause, " in "));
        b.Entity(e.town);
        break;
      case 1:
        b.Text(StrCat(cause.noun, " in "));
        b.Entity(e.town);
        b.Text(StrCat(" on ", when, " left "));
        b.Claim(ClaimKind::kQuantity, killed_text, "");
        b.Text(" dead");
        break;
      default:
        b.Text(StrCat(cause.noun, " in "));
        b.Entity(e.town);
        b.Text(" killed ");
        b.Claim(ClaimKind::kQuantity, killed_text, "");
        b.Text(StrCat(" on ", when));
    }
    b.Text(", the ");
    b.Entity(e.org);
    b.Text(" said.");
    // The day, in a sentence that comparison reads as the event's.
    // One subject in every report of the event, so that the days are compared.
    const std::string day =
        e.evacuation_began ? StrCat("An evacuation of the surrounding streets began on ", when,
                                    ", and police sealed off the area around ", cause.site, ".")
                           : StrCat("The rescue operation began on ", when,
                                    ", within an hour of the first calls.");
    if (story.Unit() < 0.5) {
      b.Text(" ");
      b.Text(day);
      body.Paragraph(b);
    } else {
      body.Paragraph(b);
      BodyBuilder w;
      w.Text(day);
      body.Paragraph(w);
    }
  }

  // The rest in an order of the report's own, each part in some reports only.
  std::vector<BodyBuilder> parts;
  auto part = [&]() -> BodyBuilder& { return parts.emplace_back(); };
  const std::string_view site = cause.site;
  if (quote_needed || story.Unit() < 0.7) {
    const bool other = plant == kPlantAttribution;
    const std::string& speaker = other ? e.official : e.person;
    const std::string_view role = other ? "the regional governor" : "who leads the rescue effort";
    const std::string& quote = plant == kPlantQuoteVariant ? e.planted_quote : e.quote;
    BodyBuilder& b = part();
    switch (story.Below(4)) {
      case 0:
        b.Text("“");
        b.Claim(ClaimKind::kQuote, quote, "");
        b.Text(",” said ");
        b.Entity(speaker);
        b.Text(StrCat(", ", role, "."));
        break;
      case 1:
        b.Text("“");
        b.Claim(ClaimKind::kQuote, quote, "");
        b.Text(",” ");
        b.Entity(speaker);
        b.Text(StrCat(" said, standing near ", site, "."));
        break;
      case 2:
        b.Entity(speaker);
        b.Text(StrCat(", ", role, ", said: “"));
        b.Claim(ClaimKind::kQuote, quote, "");
        b.Text(".”");
        break;
      default:
        b.Text("“");
        b.Claim(ClaimKind::kQuote, quote, "");
        b.Text(",” ");
        b.Entity(speaker);
        b.Text(" told reporters.");
    }
  }
  if (story.Unit() < 0.8) {
    BodyBuilder& b = part();
    const std::string count =
        StrCat(story.Unit() < 0.5 ? "at least " : "", Number(e.injured), " people");
    // Only the toll is a stated claim: figures match to two significant
    // digits, and more of them would link events that merely share one.
    if (e.injured_attributed) {
      b.Text(StrCat(Capitalised(count), " were injured, according to the ", e.town,
                    " General Hospital, where doctors worked through the night."));
    } else {
      b.Text(StrCat(count[0] == 'a' ? Capitalised(count) : "Another " + count,
                    " were injured, several of them seriously, and were taken to hospitals in ",
                    e.town, " and ", e.town2, "."));
    }
  }
  if (story.Unit() < 0.6) {
    part().Text(StrCat("More than ", Number(e.displaced), " residents",
                       story.Unit() < 0.5 ? " were evacuated" : " have been evacuated",
                       " from the streets around ", site,
                       " and spent the night with relatives or in school buildings."));
  }
  if (story.Unit() < 0.5) {
    part().Text(StrCat("More than ", Number(e.homes), " homes were destroyed or damaged in ",
                       e.town, ", and whole streets were left without power."));
  }
  if (story.Unit() < 0.3) {
    part().Text(StrCat("At least ", Number(e.missing),
                       " people are missing, and their families "
                       "have been asked to give descriptions to the police."));
  }
  if (story.Unit() < 0.5) {
    const std::string money =
        StrCat(e.euros ? "€" : "$", e.aid_tenths / 10, ".", e.aid_tenths % 10, " million");
    if (story.Unit() < 0.5) {
      part().Text(StrCat("The government of ", e.country, " released ", money,
                         " in emergency aid for the province of ", e.region, "."));
    } else {
      BodyBuilder& b = part();
      b.Text("The ");
      b.Entity(e.org);
      b.Text(StrCat(" launched an appeal for ", money, " to pay for shelter and food."));
    }
  }
  {
    BodyBuilder& b = part();
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
    b.Text(".");
    if (story.Unit() < 0.4) {
      b.Text(" “");
      b.Claim(ClaimKind::kQuote, e.official_quote, "");
      b.Text(",” said ");
      b.Entity(e.official);
      b.Text(".");
    }
  }
  if (story.Unit() < 0.4) {
    BodyBuilder& b = part();
    b.Entity(e.mayor);
    b.Text(StrCat(", the mayor of ", e.town, ", said: “"));
    b.Claim(ClaimKind::kQuote, e.mayor_quote, "");
    b.Text(".”");
  }
  if (story.Unit() < 0.4) {
    BodyBuilder& b = part();
    b.Text("“");
    b.Claim(ClaimKind::kQuote, e.doctor_quote, "");
    b.Text(",” said ");
    b.Entity(e.doctor);
    b.Text(StrCat(", the director of the ", e.town, " General Hospital."));
  }
  // Reported words, each always from the same speaker.
  if (story.Unit() < 0.4) {
    BodyBuilder& b = part();
    b.Text("Mayor ");
    b.Entity(e.mayor);
    b.Text(StrCat(" said the water supply to ", e.town, " would be restored within days."));
  }
  if (story.Unit() < 0.4) {
    BodyBuilder& b = part();
    b.Text("The ");
    b.Entity(e.org);
    b.Text(StrCat(" said its volunteers had set up field kitchens and a blood donation point near ",
                  site, "."));
  }
  if (story.Unit() < 0.3) {
    part().Text(
        StrCat("The interior ministry said it had sent extra rescue teams and heavy "
               "equipment from the capital."));
  }
  if (story.Unit() < 0.3) {
    BodyBuilder& b = part();
    b.Entity(e.official);
    b.Text(" said an inquiry would establish whether safety rules had been ignored.");
  }
  if (story.Unit() < 0.3) {
    part().Text(StrCat("Engineers said the buildings around ", site,
                       " would be inspected before residents could return."));
  }
  if (story.Unit() < 0.4) {
    BodyBuilder& b = part();
    b.Entity(e.witness);
    b.Text(StrCat(", ", e.witness_age, ", a ", e.witness_job, " who lives near ", site,
                  ", said people ran into the street as soon as it started and that she had "
                  "lost touch with her neighbours."));
  }
  if (story.Unit() < 0.6) {
    part().Text(StrCat(e.town, ", a town of about ", Number(e.population),
                       " people in the province of ", e.region, ", lies some ", e.km,
                       " kilometres from the capital of ", e.country, "."));
  }
  if (story.Unit() < 0.4) {
    part().Text(StrCat("The town was founded in ", e.founded, " and grew up around ", site, ". In ",
                       e.history_year, ", ", cause.before,
                       " there forced the closure of much of the town for weeks."));
  }
  if (story.Unit() < 0.4) {
    BodyBuilder& b = part();
    b.Text("The ");
    b.Entity(kBackground[e.intl]);
    b.Text(StrCat(" said it was ready to send experts to ", e.country, "."));
  }
  if (e.world >= 0) {
    const WorldFigure& figure = kWorldFigures[e.world];
    BodyBuilder& b = part();
    b.Text(StrCat("Messages of sympathy came from abroad. ", figure.title, " "));
    b.Entity(plant == kPlantName ? figure.variant : figure.name, figure.name);
    b.Text(" offered condolences to the families of the victims.");
  }
  if (plan.day >= 1 && story.Unit() < 0.6) {
    BodyBuilder& b = part();
    b.Text(StrCat("On ", WeekdayOf(e.date + 1), ", "));
    b.Entity(e.official);
    b.Text(" visited the injured in hospital and promised that no family would be left alone.");
  }
  if (story.Unit() < 0.4) {
    part().Text(StrCat("Schools in ", e.town,
                       " will stay closed until next Monday, and a "
                       "memorial service is planned for Sunday. ",
                       Capitalised(std::string(site)),
                       " had been inspected last month and declared safe."));
  }
  for (size_t p = parts.size(); p > 1; --p) std::swap(parts[p - 1], parts[story.Below(p)]);

  // Paragraphs that add length and nothing to compare, up to a length drawn
  // between 2 and 8 KB (most near 3 KB).
  const double u = story.Unit();
  const size_t target = 2150 + static_cast<size_t>(6000 * u * u);
  size_t length = body.body_.size();
  for (const BodyBuilder& p : parts) length += p.body_.size() + 2;
  size_t fillers[std::size(kFillers)];
  for (size_t f = 0; f < std::size(kFillers); ++f) fillers[f] = f;
  for (size_t f = 0; f < std::size(kFillers) && length + 100 < target; ++f) {
    std::swap(fillers[f], fillers[f + story.Below(std::size(kFillers) - f)]);
    BodyBuilder b;
    b.Fill(kFillers[fillers[f]], {{'T', e.town},
                                  {'R', e.region},
                                  {'C', e.country},
                                  {'S', site},
                                  {'E', cause.name},
                                  {'O', e.org}});
    b.body_[0] = Capitalised(b.body_.substr(0, 1))[0];
    length += b.body_.size() + 2;
    parts.insert(parts.begin() + static_cast<ptrdiff_t>(story.Below(parts.size() + 1)),
                 std::move(b));
  }
  for (const BodyBuilder& p : parts) body.Paragraph(p);
  if (story.Unit() < 0.8) {
    BodyBuilder b;
    b.Text(
        "Rescue work was continuing late into the night, and officials said the toll could "
        "rise.");
    body.Paragraph(b);
  }
  body.body_.resize(body.body_.size() - 1);  // one newline at the end
  a.body = std::move(body.body_);
  out.claims = std::move(body.claims_);
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

std::vector<PlantedFinding> SyntheticCorpus::Planted() const {
  std::vector<PlantedFinding> planted;
  for (uint32_t event = 0; event < event_count_; ++event) {
    const Plant plant = PlantAt(event);
    if (plant.kind == kNoPlant) continue;
    planted.push_back(PlantedFinding{event, std::string(kPlantNames[plant.kind]),
                                     absl::StrFormat("a%07u", plant.article)});
  }
  return planted;
}

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
