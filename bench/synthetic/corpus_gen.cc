// Writes a synthetic corpus (synthetic_corpus.h) for `parallax scan`: one
// JSONL file, or a folder of .txt articles with headers, plus the truth as
// TSV (article id, event) and the planted disagreements as TSV (event,
// finding kind, id of the disagreeing article). Same seed, same bytes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/numbers.h"
#include "synthetic/synthetic_corpus.h"
#include "util/civil_date.h"

namespace parallax {
namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: parallax_corpus_gen --articles N [--seed S] [--planted-share P] "
               "(--out-jsonl FILE | --out-dir DIR) [--truth FILE]\n"
               "                           [--truth-findings FILE]\n");
  return 2;
}

std::string TextArticle(const Article& a) {
  std::string out;
  if (a.date) out += "date " + FormatIsoDate(*a.date) + "\n";
  if (a.source) out += "source " + *a.source + "\n";
  if (a.title) out += "title " + *a.title + "\n";
  return out + "\n" + a.body;
}

int Main(int argc, char** argv) {
  SyntheticOptions options;
  std::string jsonl, dir, truth, truth_findings;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--articles" && absl::SimpleAtoi(value, &options.articles)) continue;
    if (flag == "--seed" && absl::SimpleAtoi(value, &options.seed)) continue;
    if (flag == "--planted-share" && absl::SimpleAtod(value, &options.planted_share)) continue;
    if (flag == "--out-jsonl") {
      jsonl = value;
    } else if (flag == "--out-dir") {
      dir = value;
    } else if (flag == "--truth") {
      truth = value;
    } else if (flag == "--truth-findings") {
      truth_findings = value;
    } else {
      return Usage();
    }
  }
  if (argc % 2 == 0 || options.articles == 0 || jsonl.empty() == dir.empty()) return Usage();

  const SyntheticCorpus corpus(options);
  std::ofstream out_jsonl, out_truth;
  if (!jsonl.empty()) out_jsonl.open(jsonl, std::ios::binary);
  if (!dir.empty()) std::filesystem::create_directories(dir);
  if (!truth.empty()) out_truth.open(truth, std::ios::binary);
  for (size_t i = 0; i < corpus.size(); ++i) {
    const SyntheticArticle a = corpus.Make(i);
    if (out_jsonl.is_open()) {
      out_jsonl << ToJsonl(a.article);
    } else {
      std::ofstream(dir + "/" + a.article.id + ".txt", std::ios::binary) << TextArticle(a.article);
    }
    if (out_truth.is_open()) out_truth << a.article.id << '\t' << a.event << '\n';
  }
  bool findings_ok = true;
  if (!truth_findings.empty()) {
    std::ofstream out(truth_findings, std::ios::binary);
    for (const PlantedFinding& p : corpus.Planted()) {
      out << p.event << '\t' << p.kind << '\t' << p.article << '\n';
    }
    findings_ok = static_cast<bool>(out);
  }
  if ((out_jsonl.is_open() && !out_jsonl) || (out_truth.is_open() && !out_truth) || !findings_ok) {
    std::fprintf(stderr, "parallax_corpus_gen: writing failed\n");
    return 1;
  }
  std::fprintf(stderr, "%zu articles over %zu events\n", corpus.size(), corpus.event_count());
  return 0;
}

}  // namespace
}  // namespace parallax

int main(int argc, char** argv) { return parallax::Main(argc, argv); }
