// Google Benchmark of the rule matcher on real-sized news articles: the demo
// corpus, repeated to a few MB and kept as separate articles so that each
// Extract call sees one article, as `parallax scan` does. Every benchmark
// but the pathological one (its own articles, built to be slow) processes
// exactly the same articles and reports their bytes (MiB/s).
// What each benchmark measures, and how to run them: bench/README.md.
//   build/release/bench/parallax_bench_matcher
#include <benchmark/benchmark.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/corpus.h"
#include "rules/diagnostics.h"
#include "rules/matcher.h"
#include "rules/rule_set.h"
#include "synthetic/pathological.h"
#include "text/sentences.h"

namespace parallax {
namespace {

// The bench text is the demo corpus repeated until it holds this many bytes.
constexpr size_t kCorpusBytes = size_t{4} << 20;

struct BenchCorpus {
  std::vector<Article> articles;
  size_t bytes = 0;  // sum of the bodies' sizes
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "parallax_bench_matcher: %s\n", message.c_str());
  std::abort();
}

const BenchCorpus& Articles() {
  static const BenchCorpus* corpus = [] {
    const std::string dir = std::string(PARALLAX_SOURCE_DIR) + "/corpus/demo";
    Corpus demo = ReadCorpus({dir}, {});
    for (const Problem& p : demo.problems) {
      std::fprintf(stderr, "parallax_bench_matcher: %s: %s\n", p.path.c_str(), p.message.c_str());
    }
    if (demo.articles.empty()) Die("no articles in " + dir);
    auto* out = new BenchCorpus;
    while (out->bytes < kCorpusBytes) {
      for (const Article& a : demo.articles) {
        out->articles.push_back(a);
        out->bytes += a.body.size();
      }
    }
    return out;
  }();
  return *corpus;
}

const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    const std::string dir = std::string(PARALLAX_SOURCE_DIR) + "/rules";
    RuleSetLoad load = LoadRuleSet(dir);
    if (!load.rules) {
      for (const Diagnostic& d : load.diagnostics) {
        std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
      }
      Die("the rule set in " + dir + " does not load; run `parallax rules check`");
    }
    return load.rules.release();
  }();
  return *rules;
}

// One RE2::Set of every extraction rule's pattern, compiled like the rule
// set's own prefilters (case-insensitive, 256 MiB of DFA memory).
const RE2::Set& AllRulesSet() {
  static const RE2::Set* set = [] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    options.set_max_mem(int64_t{256} << 20);
    auto* s = new RE2::Set(options, RE2::UNANCHORED);
    for (const CompiledRule& rule : Rules().rules()) {
      std::string error;
      if (s->Add(rule.re->pattern(), &error) < 0) Die("rule " + rule.id + ": " + error);
    }
    if (!s->Compile()) Die("the set of every rule does not compile (out of memory?)");
    return s;
  }();
  return *set;
}

// Runs a set on `piece`; aborts if the DFA ran out of memory, since the
// figure would then measure RE2's fallback, not the scan.
bool SetMatch(const RE2::Set& set, std::string_view piece, std::vector<int>* hits) {
  hits->clear();
  RE2::Set::ErrorInfo error;
  if (set.Match(piece, hits, &error)) return true;
  if (error.kind != RE2::Set::kNoError) {
    Die("RE2::Set::Match failed (error kind " + std::to_string(int(error.kind)) +
        "); raise max_mem");
  }
  return false;
}

// A per-iteration count shown next to the timings (the same in every
// thread, so averaged over threads rather than summed).
void Report(benchmark::State& state, const char* name, size_t value) {
  state.counters[name] =
      benchmark::Counter(static_cast<double>(value), benchmark::Counter::kAvgThreads);
}

void SetUp(benchmark::State& state) {
  // Load outside the timed loop; the first call pays for it.
  Articles();
  Rules();
  Report(state, "articles", Articles().articles.size());
}

void Finish(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Articles().bytes));
}

void RunMatcher(benchmark::State& state, bool use_prefilter) {
  SetUp(state);
  // Shared by every thread, as in `parallax scan`.
  static const Matcher* matcher = new Matcher(Rules());
  const BenchCorpus& corpus = Articles();
  size_t claims = 0;
  for (auto _ : state) {
    claims = 0;
    for (const Article& a : corpus.articles) {
      MatchOptions options;
      options.ref = a.date;
      options.use_prefilter = use_prefilter;
      std::vector<RuleClaim> found = matcher->Extract(a.body, options);
      claims += found.size();
      benchmark::DoNotOptimize(found.data());
    }
  }
  Report(state, "claims", claims);
  Finish(state);
}

// (a) The real engine: sentences, per-kind RE2::Set prefilters, full RE2
// with captures for the rules that hit, values, vetoes, overlaps.
void BM_MatcherWithPrefilter(benchmark::State& state) { RunMatcher(state, true); }
BENCHMARK(BM_MatcherWithPrefilter)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MatcherWithPrefilter)->Unit(benchmark::kMillisecond)->Threads(2)->UseRealTime();

// (b) The same without prefilters: every rule's full regex on every sentence.
void BM_MatcherWithoutPrefilter(benchmark::State& state) { RunMatcher(state, false); }
BENCHMARK(BM_MatcherWithoutPrefilter)->Unit(benchmark::kMillisecond);

// (c) The ceiling: one RE2::Set of every rule over every sentence, nothing
// else (sentence splitting included, as in (a)).
void BM_SetOnlyScan(benchmark::State& state) {
  SetUp(state);
  const RE2::Set& set = AllRulesSet();
  const BenchCorpus& corpus = Articles();
  std::vector<int> hits;
  size_t hit_count = 0;
  for (auto _ : state) {
    hit_count = 0;
    for (const Article& a : corpus.articles) {
      const std::string_view body = a.body;
      for (const Sentence& s : SplitSentences(body)) {
        if (SetMatch(set, body.substr(s.span.start, s.span.end - s.span.start), &hits)) {
          hit_count += hits.size();
        }
      }
    }
  }
  Report(state, "set_hits", hit_count);
  Report(state, "rules", Rules().rules().size());
  Finish(state);
}
BENCHMARK(BM_SetOnlyScan)->Unit(benchmark::kMillisecond);

// (c2) The prefilter alone: the rule set's own sets (a few per scope, vetoes
// included), each over the units the matcher gives it (sentences, or
// paragraphs for paragraph-scoped rules), nothing else.
void BM_PrefilterOnly(benchmark::State& state) {
  SetUp(state);
  const RuleSet& rules = Rules();
  const BenchCorpus& corpus = Articles();
  std::vector<int> hits;
  std::vector<TextSpan> sentences;
  size_t hit_count = 0;
  for (auto _ : state) {
    hit_count = 0;
    for (const Article& a : corpus.articles) {
      const std::string_view body = a.body;
      sentences.clear();
      for (const Sentence& s : SplitSentences(body)) sentences.push_back(s.span);
      // Like the matcher: paragraphs only for a paragraph-scoped group.
      std::vector<TextSpan> paragraphs;
      for (const RuleSet::PrefilterGroup& group : rules.prefilter_groups()) {
        if (group.paragraph_scope && paragraphs.empty()) paragraphs = SplitParagraphs(body);
        for (const TextSpan& unit : group.paragraph_scope ? paragraphs : sentences) {
          for (const RuleSet::PrefilterGroup::GuardSet& guards : group.sets) {
            if (SetMatch(*guards.set, body.substr(unit.start, unit.end - unit.start), &hits)) {
              hit_count += hits.size();
            }
          }
        }
      }
    }
  }
  Report(state, "set_hits", hit_count);
  Report(state, "groups", rules.prefilter_groups().size());
  Finish(state);
}
BENCHMARK(BM_PrefilterOnly)->Unit(benchmark::kMillisecond);

// The sentence splitter alone, the floor under (a), (c) and (c2).
void BM_SplitSentencesOnly(benchmark::State& state) {
  SetUp(state);
  const BenchCorpus& corpus = Articles();
  size_t count = 0;
  for (auto _ : state) {
    count = 0;
    for (const Article& a : corpus.articles) {
      std::vector<Sentence> sentences = SplitSentences(a.body);
      count += sentences.size();
      benchmark::DoNotOptimize(sentences.data());
    }
  }
  Report(state, "sentences", count);
  Finish(state);
}
BENCHMARK(BM_SplitSentencesOnly)->Unit(benchmark::kMillisecond);

// Pathological articles (synthetic/pathological.h): the matcher must stay
// linear in their size. Shape 0: one endless sentence; 1: quotation marks
// only; 2: deep brackets around one claim. Each at about `bytes`.
std::string PathologicalArticle(int shape, size_t bytes) {
  if (shape == 0) return EndlessSentence(bytes);
  if (shape == 1) return QuotationMarks(bytes * 3 / 10);  // 3.3 bytes a mark
  return NestedBrackets(bytes / 2);
}

void BM_PathologicalArticle(benchmark::State& state) {
  static const Matcher* matcher = new Matcher(Rules());
  const std::string body =
      PathologicalArticle(static_cast<int>(state.range(0)), static_cast<size_t>(state.range(1)));
  MatchOptions options;
  options.ref = CivilDate(2023, 1, 27);
  size_t claims = 0;
  for (auto _ : state) {
    std::vector<RuleClaim> found = matcher->Extract(body, options);
    claims = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  Report(state, "claims", claims);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
  state.SetComplexityN(static_cast<int64_t>(body.size()));
}
// One group per shape, at 1.25, 2.5 and 5 MiB, with a fitted O(n) line: a
// small RMS against it is what "linear" means here.
template <int kShape>
void PathologicalSizes(benchmark::internal::Benchmark* b) {
  b->ArgsProduct({{kShape}, {5 << 18, 5 << 19, 5 << 20}})
      ->Unit(benchmark::kMillisecond)
      ->Complexity(benchmark::oN);
}
BENCHMARK(BM_PathologicalArticle)->Apply(PathologicalSizes<0>);
BENCHMARK(BM_PathologicalArticle)->Apply(PathologicalSizes<1>);
BENCHMARK(BM_PathologicalArticle)->Apply(PathologicalSizes<2>);

}  // namespace
}  // namespace parallax

BENCHMARK_MAIN();
