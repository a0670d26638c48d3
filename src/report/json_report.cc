#include "report/json_report.h"

#include "util/civil_date.h"
#include "util/json_writer.h"

namespace parallax {
namespace {

void WriteArticle(JsonWriter& json, const ArticleEntry& article) {
  json.BeginObject();
  json.Key("id");
  json.String(article.id);
  json.Key("path");
  json.String(article.path);
  json.Key("source");
  json.OptionalString(article.source);
  json.Key("date");
  json.OptionalDate(article.date);
  json.Key("date_origin");
  json.String(DateOriginName(article.date_origin));
  json.Key("title");
  json.OptionalString(article.title);
  json.Key("url");
  json.OptionalString(article.url);
  json.Key("bytes");
  json.Int(static_cast<int64_t>(article.body_bytes));
  json.Key("paragraphs");
  json.Int(article.paragraphs);
  json.Key("sentences");
  json.Int(article.sentences);
  json.Key("quotations");
  json.Int(article.quotations);
  json.Key("claims");
  json.BeginObject();
  for (int kind = 0; kind < kClaimKindCount; ++kind) {
    json.Key(ClaimKindName(static_cast<ClaimKind>(kind)));
    json.Int(article.claim_counts[kind]);
  }
  json.EndObject();
  json.EndObject();
}

void WriteProblem(JsonWriter& json, const Problem& problem) {
  json.BeginObject();
  json.Key("path");
  json.String(problem.path);
  json.Key("line");
  if (problem.line) {
    json.Int(*problem.line);
  } else {
    json.Null();
  }
  json.Key("message");
  json.String(problem.message);
  json.EndObject();
}

void WriteStrings(JsonWriter& json, const std::vector<std::string>& strings) {
  json.BeginArray();
  for (const std::string& s : strings) json.String(s);
  json.EndArray();
}

void WriteCluster(JsonWriter& json, const Cluster& cluster) {
  json.BeginObject();
  json.Key("id");
  json.String(cluster.id);
  json.Key("articles");
  WriteStrings(json, cluster.articles);
  json.Key("date_range");
  json.BeginArray();
  json.OptionalDate(cluster.first_date);
  json.OptionalDate(cluster.last_date);
  json.EndArray();
  json.Key("entities");
  WriteStrings(json, cluster.entities);
  json.Key("why");
  json.String(cluster.why);
  json.Key("undated");
  WriteStrings(json, cluster.undated);
  json.Key("links");
  json.BeginArray();
  for (const ClusterLink& link : cluster.links) {
    json.BeginObject();
    json.Key("articles");
    WriteStrings(json, {link.a, link.b});
    json.Key("score");
    json.Number(link.score);
    json.Key("days_apart");
    if (link.days_apart) {
      json.Int(*link.days_apart);
    } else {
      json.Null();
    }
    json.Key("shared");
    json.BeginObject();
    for (const ClusterLink::Shared& shared : link.shared) {
      json.Key(shared.signal);
      json.BeginObject();
      json.Key("score");
      json.Number(shared.score);
      json.Key("count");
      json.Int(shared.count);
      json.Key("keys");
      WriteStrings(json, shared.keys);
      json.EndObject();
    }
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
}

void WriteFinding(JsonWriter& json, const Finding& finding) {
  json.BeginObject();
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"id", &finding.id},
                                   {"kind", &finding.kind},
                                   {"severity", &finding.severity},
                                   {"cluster", &finding.cluster},
                                   {"subject", &finding.subject},
                                   {"message", &finding.message},
                                   {"rule", &finding.rule}}) {
    json.Key(key);
    json.String(*value);
  }
  if (!finding.aspect.empty()) {
    json.Key("aspect");
    json.String(finding.aspect);
  }
  json.Key("claims");
  json.BeginArray();
  for (const ClaimRef& claim : finding.claims) {
    json.BeginObject();
    json.Key("article");
    json.String(claim.article);
    json.Key("text");
    json.String(claim.text);
    json.Key("start");
    json.Int(static_cast<int64_t>(claim.start));
    json.Key("end");
    json.Int(static_cast<int64_t>(claim.end));
    json.Key("value");
    json.OptionalString(claim.value);
    json.Key("sentence");
    json.String(claim.sentence);
    json.Key("side");
    json.Int(claim.side);
    json.EndObject();
  }
  json.EndArray();
  if (finding.review) {
    json.Key("review");
    json.BeginObject();
    for (const auto& [key, value] :
         {std::pair<const char*, const std::string*>{"status", &finding.review->status},
          {"reason", &finding.review->reason},
          {"reviewer", &finding.review->reviewer},
          {"at", &finding.review->at}}) {
      json.Key(key);
      json.String(*value);
    }
    json.EndObject();
  }
  if (!finding.diff.empty()) {
    json.Key("diff");
    json.BeginArray();
    for (const Finding::DiffPart& part : finding.diff) {
      json.BeginObject();
      json.Key("op");
      json.String(part.op);
      json.Key("a");
      json.String(part.a);
      json.Key("b");
      json.String(part.b);
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
}

}  // namespace

void WriteProvenance(JsonWriter& json, const Report& report) {
  json.Key("generated_by");
  json.String(GeneratedBy());
  json.Key("rules");
  json.BeginObject();
  json.Key("dir");
  json.String(report.rules.dir);
  json.Key("digest");
  json.String(report.rules.digest);
  json.Key("files");
  json.Int(report.rules.files);
  json.EndObject();
  json.Key("inputs");
  WriteStrings(json, report.inputs);
}

void WriteJsonReport(const Report& report, TextOut* out) {
  JsonWriter json(&out->buffer(), JsonWriter::kPretty);
  json.BeginObject();
  json.Key("schema");
  json.String(kReportSchema);
  WriteProvenance(json, report);
  json.Key("articles");
  json.BeginArray();
  for (const ArticleEntry& article : report.articles) {
    WriteArticle(json, article);
    out->Checkpoint();
  }
  json.EndArray();
  json.Key("problems");
  json.BeginArray();
  for (const Problem& problem : report.problems) {
    WriteProblem(json, problem);
    out->Checkpoint();
  }
  json.EndArray();
  json.Key("clusters");
  json.BeginArray();
  for (const Cluster& cluster : report.clusters) {
    WriteCluster(json, cluster);
    out->Checkpoint();
  }
  json.EndArray();
  json.Key("findings");
  json.BeginArray();
  for (const Finding& finding : report.findings) {
    WriteFinding(json, finding);
    out->Checkpoint();
  }
  json.EndArray();
  json.EndObject();
  out->buffer().push_back('\n');
}

std::string RenderJsonReport(const Report& report) {
  StringOut out;
  WriteJsonReport(report, &out);
  return std::move(out.buffer());
}

}  // namespace parallax
