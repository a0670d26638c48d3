// Google Benchmark microbenchmarks of the per-article stages, on the demo
// corpus repeated to a realistic size. Run:
//   build/release/bench/parallax_bench_micro
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "ingest/corpus.h"
#include "ingest/jsonl_article.h"
#include "ingest/text_article.h"
#include "report/json_report.h"
#include "text/quotes.h"
#include "text/sentences.h"
#include "util/json_writer.h"
#include "util/utf8.h"

namespace parallax {
namespace {

// The demo corpus bodies, read once.
const std::vector<Article>& DemoArticles() {
  static const std::vector<Article>* articles = [] {
    Corpus corpus = ReadCorpus({std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo"}, {});
    return new std::vector<Article>(std::move(corpus.articles));
  }();
  return *articles;
}

// About 1 MiB of news text made of the demo bodies.
const std::string& NewsText() {
  static const std::string* text = [] {
    auto* s = new std::string;
    while (s->size() < (1u << 20)) {
      for (const Article& a : DemoArticles()) s->append(a.body).append("\n");
    }
    return s;
  }();
  return *text;
}

void BM_ValidateUtf8(benchmark::State& state) {
  const std::string& text = NewsText();
  for (auto _ : state) benchmark::DoNotOptimize(FindInvalidUtf8(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_ValidateUtf8);

void BM_SplitSentences(benchmark::State& state) {
  const std::string& text = NewsText();
  for (auto _ : state) benchmark::DoNotOptimize(SplitSentences(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_SplitSentences);

void BM_FindQuotations(benchmark::State& state) {
  const std::string& text = NewsText();
  for (auto _ : state) benchmark::DoNotOptimize(FindQuotations(text));
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK(BM_FindQuotations);

void BM_ParseTextArticle(benchmark::State& state) {
  const std::string file =
      "date 2023-09-20\nsource Meridian Wire\ntitle A title\n\n" + DemoArticles()[0].body;
  for (auto _ : state) benchmark::DoNotOptimize(ParseTextArticle("a.txt", "a", file));
  state.SetBytesProcessed(state.iterations() * file.size());
}
BENCHMARK(BM_ParseTextArticle);

void BM_ParseJsonlRecord(benchmark::State& state) {
  std::string line = R"({"id": "a", "date": "2023-09-20", "source": "Meridian Wire", "text": )";
  AppendJsonString(&line, DemoArticles()[0].body);
  line += "}";
  JsonlParser parser;
  for (auto _ : state) benchmark::DoNotOptimize(parser.Parse("f.jsonl", 1, line));
  state.SetBytesProcessed(state.iterations() * line.size());
}
BENCHMARK(BM_ParseJsonlRecord);

}  // namespace
}  // namespace parallax

BENCHMARK_MAIN();
