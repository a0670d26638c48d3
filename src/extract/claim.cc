#include "extract/claim.h"

#include <algorithm>
#include <map>
#include <utility>

#include "extract/references.h"
#include "text/quotes.h"
#include "text/sentences.h"
#include "util/json_writer.h"

namespace parallax {
namespace {

// A quotation over several paragraphs (“...  ¶ “... ,” he said.) is one
// quote: rules see one paragraph, so their quote claim starts at the last
// paragraph's opening mark; it is moved back to the first's.
void JoinParagraphQuotes(std::string_view body, std::vector<Claim>* claims) {
  const auto is_quote = [](const Claim& c) { return c.kind == ClaimKind::kQuote; };
  if (std::none_of(claims->begin(), claims->end(), is_quote)) return;
  std::vector<TextSpan> spanning;  // inner spans of multi-paragraph quotations
  for (const Quotation& q : FindQuotations(body)) {
    const std::string_view inner = body.substr(q.inner.start, q.inner.end - q.inner.start);
    if (q.closed && inner.find('\n') != std::string_view::npos) spanning.push_back(q.inner);
  }
  for (Claim& c : *claims) {
    if (!is_quote(c)) continue;
    for (const TextSpan& q : spanning) {
      if (q.end != c.end || q.start >= c.start) continue;
      const bool value_is_text = c.value == c.text;
      c.start = q.start;
      c.text = std::string(body.substr(q.start, q.end - q.start));
      if (value_is_text) c.value = c.text;
      break;
    }
  }
}

// A source named in a chain is written as the entity it is: "AFP" in "...,
// as cited by AFP" is Agence France-Presse when the entities say so.
void NameSources(const std::vector<std::pair<size_t, TextSpan>>& via_spans,
                 std::vector<Claim>* claims) {
  if (via_spans.empty()) return;
  std::map<std::pair<size_t, size_t>, const std::string*> entities;
  for (const Claim& c : *claims) {
    if (c.kind == ClaimKind::kEntity) entities[{c.start, c.end}] = &c.value;
  }
  for (const auto& [index, span] : via_spans) {
    auto it = entities.find({span.start, span.end});
    if (it != entities.end()) (*claims)[index].via = *it->second;
  }
}

}  // namespace

std::vector<Claim> ExtractClaims(const Article& article, const Matcher& matcher) {
  MatchOptions options;
  options.ref = article.date;
  std::vector<Claim> claims;
  std::vector<std::pair<size_t, TextSpan>> via_spans;  // claim index, the source's words
  for (const RuleClaim& found : matcher.Extract(article.body, options)) {
    Claim claim;
    claim.kind = found.rule->kind;
    claim.start = found.start;
    claim.end = found.end;
    claim.text = article.body.substr(found.start, found.end - found.start);
    claim.value = found.Field("value");
    claim.unit = found.Field("unit");
    claim.role = found.Field("role");
    claim.hedge = found.Field("hedge");
    claim.subject = found.Field("subject");
    claim.speaker = found.Field("speaker");
    claim.cue = found.Field("cue");
    claim.via = found.Field("via");
    if (const CaptureSpan* via = found.Capture("via"); via && !claim.via.empty()) {
      via_spans.push_back({claims.size(), {via->start, via->end}});
    }
    claim.type = found.Field("type");
    if (const CaptureSpan* speaker = found.Capture("speaker")) {
      claim.speaker_start = speaker->start;
      claim.speaker_end = speaker->end;
    }
    claim.rule = found.rule->provenance;
    claim.rule_id = found.rule->id;
    claims.push_back(std::move(claim));
  }
  NameSources(via_spans, &claims);
  JoinParagraphQuotes(article.body, &claims);
  ResolveReferences(matcher.rules(), article.body, &claims);
  return claims;
}

std::string ClaimToJson(std::string_view article_id, const Claim& claim) {
  std::string out;
  JsonWriter json(&out, JsonWriter::kCompact);
  json.BeginObject();
  json.Key("article");
  json.String(article_id);
  json.Key("kind");
  json.String(ClaimKindName(claim.kind));
  json.Key("text");
  json.String(claim.text);
  json.Key("start");
  json.Int(static_cast<int64_t>(claim.start));
  json.Key("end");
  json.Int(static_cast<int64_t>(claim.end));
  json.Key("value");
  json.String(claim.value);
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"unit", &claim.unit},
                                   {"role", &claim.role},
                                   {"hedge", &claim.hedge},
                                   {"subject", &claim.subject},
                                   {"type", &claim.type}}) {
    if (value->empty()) continue;
    json.Key(key);
    json.String(*value);
  }
  if (claim.kind == ClaimKind::kQuote || claim.kind == ClaimKind::kAttribution) {
    json.Key("speaker");
    if (claim.speaker.empty()) {
      json.Null();
    } else {
      json.String(claim.speaker);
    }
    if (claim.speaker_start) {
      json.Key("speaker_start");
      json.Int(static_cast<int64_t>(*claim.speaker_start));
      json.Key("speaker_end");
      json.Int(static_cast<int64_t>(*claim.speaker_end));
    }
  }
  if (!claim.cue.empty()) {
    json.Key("cue");
    json.String(claim.cue);
  }
  if (!claim.via.empty()) {
    json.Key("via");
    json.String(claim.via);
  }
  json.Key("rule");
  json.String(claim.rule);
  json.EndObject();
  return out;
}

}  // namespace parallax
