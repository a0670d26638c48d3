#include "report/markdown_report.h"

#include <algorithm>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_join.h"
#include "util/civil_date.h"
#include "util/strings.h"

namespace parallax {
namespace {

std::string DateOrDash(const std::optional<CivilDate>& date) {
  return date ? FormatIsoDate(*date) : "unknown";
}

std::string OrDash(const std::optional<std::string>& text) {
  return text ? MarkdownEscape(*text) : "–";
}

void AppendSummary(const Report& report, std::string* out) {
  std::set<std::string> sources;
  std::optional<CivilDate> first, last;
  int undated = 0;
  for (const ArticleEntry& article : report.articles) {
    if (article.source) sources.insert(*article.source);
    if (!article.date) {
      ++undated;
      continue;
    }
    if (!first || *article.date < *first) first = article.date;
    if (!last || *article.date > *last) last = article.date;
  }
  StrAppend(out, "## Corpus\n\n");
  StrAppend(out, "- **Articles:** ", report.articles.size(), " from ", sources.size(),
            sources.size() == 1 ? " source" : " sources");
  if (first) StrAppend(out, ", published ", FormatIsoDate(*first), " to ", FormatIsoDate(*last));
  if (undated > 0) StrAppend(out, " (", undated, " without a date)");
  StrAppend(out, "\n- **Inputs:** ",
            report.inputs.empty() ? "none" : MarkdownEscape(absl::StrJoin(report.inputs, ", ")),
            "\n");
  StrAppend(out, "- **Problems:** ", report.problems.size(),
            report.problems.empty() ? " (every input was read)" : " (listed at the end)", "\n");
  StrAppend(out, "- **Clusters:** ", report.clusters.size(), "\n");
  StrAppend(out, "- **Findings:** ", report.findings.size(), "\n");
  StrAppend(out, "- **Rules:** ", MarkdownEscape(report.rules.dir), " (", report.rules.files,
            report.rules.files == 1 ? " file" : " files", ", ", report.rules.digest, ")\n\n");
}

void AppendFindings(const Report& report, TextOut* text) {
  std::string* out = &text->buffer();
  StrAppend(out, "## Findings\n\n");
  if (report.findings.empty()) {
    StrAppend(out, "No findings.\n\n");
    return;
  }
  absl::flat_hash_map<std::string, const ArticleEntry*> by_id;
  for (const ArticleEntry& article : report.articles) by_id[article.id] = &article;
  for (const Finding& finding : report.findings) {
    StrAppend(out, "### ", MarkdownEscape(finding.kind), " (", finding.severity,
              "): ", MarkdownEscape(finding.subject), "\n\n");
    StrAppend(out, MarkdownEscape(finding.message));
    if (!finding.aspect.empty()) StrAppend(out, " (", MarkdownEscape(finding.aspect), ")");
    StrAppend(out, "\n\n");
    if (!finding.diff.empty()) {
      // Dropped words struck through, added ones in bold.
      StrAppend(out, "- Wording:");
      for (const Finding::DiffPart& part : finding.diff) {
        if (part.op == "same") StrAppend(out, " ", MarkdownEscape(part.a));
        if (part.op != "same" && !part.a.empty())
          StrAppend(out, " ~~", MarkdownEscape(part.a), "~~");
        if (part.op != "same" && !part.b.empty())
          StrAppend(out, " **", MarkdownEscape(part.b), "**");
      }
      StrAppend(out, "\n");
    }
    if (finding.review) {
      StrAppend(out, "- Review: **", MarkdownEscape(finding.review->status), "** by ",
                MarkdownEscape(finding.review->reviewer), " at ", finding.review->at);
      if (!finding.review->reason.empty()) {
        StrAppend(out, ": ", MarkdownEscape(finding.review->reason));
      }
      StrAppend(out, "\n");
    }
    StrAppend(out, "- Finding `", finding.id, "` in cluster ", MarkdownEscape(finding.cluster),
              ", rule ", MarkdownEscape(finding.rule), "\n");
    for (const ClaimRef& claim : finding.claims) {
      auto it = by_id.find(claim.article);
      const std::string source =
          it != by_id.end() && it->second->source ? *it->second->source : claim.article;
      StrAppend(out, "- ", static_cast<char>('A' + std::min(claim.side, 25)), ": **",
                MarkdownEscape(source), "** (", MarkdownEscape(claim.article), ", bytes ",
                claim.start, "–", claim.end, "): “", MarkdownEscape(claim.text), "”");
      if (claim.value) StrAppend(out, " → ", MarkdownEscape(*claim.value));
      StrAppend(out, "\n  > ", MarkdownEscape(claim.sentence), "\n");
    }
    StrAppend(out, "\n");
    text->Checkpoint();
  }
}

void AppendClusters(const Report& report, TextOut* text) {
  std::string* out = &text->buffer();
  StrAppend(out, "## Clusters\n\n");
  if (report.clusters.empty()) {
    StrAppend(out, "No clusters.\n\n");
    return;
  }
  StrAppend(out, "| cluster | dates | articles | entities | why |\n|---|---|---|---|---|\n");
  for (const Cluster& cluster : report.clusters) {
    StrAppend(out, "| ", MarkdownEscape(cluster.id), " | ", DateOrDash(cluster.first_date), " – ",
              DateOrDash(cluster.last_date), " | ",
              MarkdownEscape(absl::StrJoin(cluster.articles, ", ")), " | ",
              MarkdownEscape(absl::StrJoin(cluster.entities, ", ")), " | ",
              MarkdownEscape(cluster.why), " |\n");
    text->Checkpoint();
  }
  StrAppend(out, "\n");
}

void AppendArticles(const Report& report, TextOut* text) {
  std::string* out = &text->buffer();
  StrAppend(out, "## Articles\n\n");
  if (report.articles.empty()) {
    StrAppend(out, "No articles were read.\n\n");
    return;
  }
  StrAppend(out,
            "| id | source | date | title | sentences | quotations | claims |\n"
            "|---|---|---|---|---:|---:|---:|\n");
  for (const ArticleEntry& article : report.articles) {
    std::string date = DateOrDash(article.date);
    if (article.date) StrAppend(&date, " (", DateOriginName(article.date_origin), ")");
    int claims = 0;
    for (int count : article.claim_counts) claims += count;
    StrAppend(out, "| ", MarkdownEscape(article.id), " | ", OrDash(article.source), " | ", date,
              " | ", OrDash(article.title), " | ", article.sentences, " | ", article.quotations,
              " | ", claims, " |\n");
    text->Checkpoint();
  }
  StrAppend(out, "\n");
}

void AppendProblems(const Report& report, TextOut* text) {
  std::string* out = &text->buffer();
  StrAppend(out, "## Problems\n\n");
  if (report.problems.empty()) {
    StrAppend(out, "No problems: every input was read.\n");
    return;
  }
  StrAppend(out, "These inputs could not be used; everything else was read.\n\n");
  for (const Problem& problem : report.problems) {
    StrAppend(out, "- **", MarkdownEscape(problem.path));
    if (problem.line) StrAppend(out, ":", *problem.line);
    StrAppend(out, "**: ", MarkdownEscape(problem.message), "\n");
    text->Checkpoint();
  }
}

}  // namespace

std::string MarkdownEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '&':
        out.append("&amp;");
        break;
      case '\n':
      case '\r':
      case '\t':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

void WriteMarkdownReport(const Report& report, TextOut* out) {
  StrAppend(&out->buffer(), "# Parallax report\n\nGenerated by ", GeneratedBy(), ".\n\n");
  AppendSummary(report, &out->buffer());
  AppendFindings(report, out);
  AppendClusters(report, out);
  AppendArticles(report, out);
  AppendProblems(report, out);
}

std::string RenderMarkdownReport(const Report& report) {
  StringOut out;
  WriteMarkdownReport(report, &out);
  return std::move(out.buffer());
}

}  // namespace parallax
