#include "extract/claim.h"

#include "extract/references.h"
#include "util/json_writer.h"

namespace parallax {

std::vector<Claim> ExtractClaims(const Article& article, const Matcher& matcher) {
  MatchOptions options;
  options.ref = article.date;
  std::vector<Claim> claims;
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
    claim.type = found.Field("type");
    if (const CaptureSpan* speaker = found.Capture("speaker")) {
      claim.speaker_start = speaker->start;
      claim.speaker_end = speaker->end;
    }
    claim.rule = found.rule->provenance;
    claim.rule_id = found.rule->id;
    claims.push_back(std::move(claim));
  }
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
  json.Key("rule");
  json.String(claim.rule);
  json.EndObject();
  return out;
}

}  // namespace parallax
