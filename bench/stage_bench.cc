// Google Benchmark microbenchmarks of the pipeline's stages after the
// per-article ones of micro_bench.cc: ingest (a folder of text articles and
// a JSONL file), each normalizer the shipped rules call, event clustering,
// comparison and the three report writers. Every benchmark gives its input
// once and processes the same input on every iteration. Run:
//   build/release/bench/parallax_bench_stages --benchmark_min_time=1
// What each one measures: bench/README.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "cluster/cluster_report.h"
#include "cluster/clustering.h"
#include "cluster/evidence.h"
#include "compare/claim_context.h"
#include "compare/comparison.h"
#include "extract/claim.h"
#include "ingest/corpus.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/markdown_report.h"
#include "report/report.h"
#include "rules/diagnostics.h"
#include "rules/matcher.h"
#include "rules/normalizers.h"
#include "rules/rule_set.h"
#include "rules/value_expr.h"
#include "scan/scan.h"
#include "synthetic/synthetic_corpus.h"
#include "text/sentences.h"
#include "util/strings.h"

namespace parallax {
namespace {

namespace fs = std::filesystem;

constexpr char kDemoDir[] = PARALLAX_SOURCE_DIR "/corpus/demo";
constexpr char kRulesDir[] = PARALLAX_SOURCE_DIR "/rules";

// Stops the program when a benchmark's input cannot be made: a figure over
// the wrong input is worse than none.
[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "parallax_bench_stages: %s\n", message.c_str());
  std::exit(1);
}

// The shipped rules, loaded once (their examples are not run, as in a scan).
const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    RuleSetOptions options;
    options.check_examples = false;
    RuleSetLoad load = LoadRuleSet(kRulesDir, options);
    if (load.rules == nullptr) {
      std::string message = StrCat("the rules in ", kRulesDir, " do not load:");
      for (const Diagnostic& d : load.diagnostics) StrAppend(&message, "\n  ", FormatDiagnostic(d));
      Die(message);
    }
    return load.rules.release();
  }();
  return *rules;
}

// The demo corpus, read once.
const std::vector<Article>& DemoArticles() {
  static const std::vector<Article>* articles = [] {
    Corpus corpus = ReadCorpus({kDemoDir}, {});
    if (corpus.articles.empty() || !corpus.problems.empty()) {
      Die(StrCat(kDemoDir, ": expected the demo articles and no problems, got ",
                 corpus.articles.size(), " articles and ", corpus.problems.size(), " problems"));
    }
    return new std::vector<Article>(std::move(corpus.articles));
  }();
  return *articles;
}

// ---------------------------------------------------------------------------
// Ingest

constexpr size_t kIngestBytes = size_t{4} << 20;

// The demo corpus copied to a temporary folder until it holds kIngestBytes,
// once as .txt files (the demo's own files, NAME-K.txt) and once as one
// JSONL file of every demo article (ids NAME-K). Removed at exit.
class IngestInput {
 public:
  IngestInput() {
    std::error_code error;
    root_ = fs::temp_directory_path(error) / StrCat("parallax-stage-bench-", getpid());
    fs::remove_all(root_, error);
    if (!fs::create_directories(root_ / "txt", error)) {
      Die(StrCat("cannot create ", (root_ / "txt").string(), ": ", error.message()));
    }
    std::vector<std::pair<std::string, std::string>> texts;  // stem, bytes
    for (const fs::directory_entry& entry : fs::directory_iterator(kDemoDir)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      texts.emplace_back(entry.path().stem().string(),
                         std::string(std::istreambuf_iterator<char>(in), {}));
    }
    if (texts.empty()) Die(StrCat(kDemoDir, ": no .txt articles"));
    for (int copy = 0; txt_bytes_ < kIngestBytes; ++copy) {
      for (const auto& [stem, bytes] : texts) {
        Write(root_ / "txt" / StrCat(stem, "-", copy, ".txt"), bytes);
        txt_bytes_ += bytes.size();
        ++txt_articles_;
      }
    }
    std::string jsonl;
    for (int copy = 0; jsonl.size() < kIngestBytes; ++copy) {
      for (const Article& demo : DemoArticles()) {
        Article article = demo;
        article.id = StrCat(demo.id, "-", copy);
        jsonl += ToJsonl(article);
        ++jsonl_articles_;
      }
    }
    Write(jsonl_path(), jsonl);
    jsonl_bytes_ = jsonl.size();
  }
  ~IngestInput() {
    std::error_code error;
    fs::remove_all(root_, error);
  }

  std::string txt_dir() const { return (root_ / "txt").string(); }
  std::string jsonl_path() const { return (root_ / "articles.jsonl").string(); }
  size_t txt_bytes() const { return txt_bytes_; }
  size_t txt_articles() const { return txt_articles_; }
  size_t jsonl_bytes() const { return jsonl_bytes_; }
  size_t jsonl_articles() const { return jsonl_articles_; }

 private:
  static void Write(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    if (!out.flush()) Die(StrCat("cannot write ", path.string()));
  }

  fs::path root_;
  size_t txt_bytes_ = 0, txt_articles_ = 0;
  size_t jsonl_bytes_ = 0, jsonl_articles_ = 0;
};

const IngestInput& Ingest() {
  static const IngestInput input;  // destroyed, and so removed, at exit
  return input;
}

// Reads `input` once to check that every article comes back without a
// problem, then times ReadCorpus on it.
void ReadAndCheck(benchmark::State& state, const std::string& input, size_t articles,
                  size_t bytes) {
  const Corpus check = ReadCorpus({input}, {});
  if (check.articles.size() != articles || !check.problems.empty()) {
    Die(StrCat(input, ": expected ", articles, " articles and no problems, got ",
               check.articles.size(), " articles and ", check.problems.size(), " problems"));
  }
  for (auto _ : state) {
    Corpus corpus = ReadCorpus({input}, {});
    benchmark::DoNotOptimize(corpus.articles.data());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["articles"] = static_cast<double>(articles);
}

void BM_ReadCorpusTextFolder(benchmark::State& state) {
  const IngestInput& input = Ingest();
  ReadAndCheck(state, input.txt_dir(), input.txt_articles(), input.txt_bytes());
}
BENCHMARK(BM_ReadCorpusTextFolder)->Unit(benchmark::kMillisecond);

void BM_ReadCorpusJsonl(benchmark::State& state) {
  const IngestInput& input = Ingest();
  ReadAndCheck(state, input.jsonl_path(), input.jsonl_articles(), input.jsonl_bytes());
}
BENCHMARK(BM_ReadCorpusJsonl)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------------------
// Normalizers

// One normalizer call as the matcher made it: the evaluated arguments and
// what the context held (the ref date, the unit of text and the claim in it).
struct NormalizerCall {
  std::vector<std::string> args;
  std::optional<CivilDate> ref;
  std::string sentence;
  size_t claim_start = 0, claim_end = 0;
};

void WireTables(NormalizerContext& context, const RuleSet& rules) {
  context.table = [&rules](std::string_view table) { return rules.Table(table); };
  context.lookup = [&rules](std::string_view table, std::string_view key) {
    return rules.Lookup(table, key);
  };
}

// Every call of `expr` and of the calls inside it, with its arguments
// evaluated against the match; calls whose arguments cannot be evaluated
// are left out.
void CollectCalls(const ValueExpr& expr, const CaptureLookup& captures,
                  const NormalizerContext& context, const NormalizerCall& where,
                  std::map<std::string, std::vector<NormalizerCall>>* calls) {
  for (const ValueExpr& arg : expr.args) CollectCalls(arg, captures, context, where, calls);
  if (expr.type != ValueExpr::kCall) return;
  NormalizerCall call = where;
  for (const ValueExpr& arg : expr.args) {
    absl::StatusOr<std::string> value = EvaluateValue(arg, captures, context);
    if (!value.ok()) return;
    call.args.push_back(std::move(*value));
  }
  // Only calls that give a value: the work a claim's value costs.
  if (!expr.normalizer->fn(call.args, context).ok()) return;
  (*calls)[std::string(expr.normalizer->name)].push_back(std::move(call));
}

// The normalizer calls that the shipped rules make on their own examples:
// each positive example of each extraction rule is matched as `parallax
// rules check` does (its file's test-ref as the date), and every call in the
// value of each claim of that rule is recorded. By normalizer name.
const std::map<std::string, std::vector<NormalizerCall>>& NormalizerCalls() {
  static const auto* calls = [] {
    auto* calls = new std::map<std::string, std::vector<NormalizerCall>>;
    const RuleSet& rules = Rules();
    const Matcher matcher(rules);
    for (const CompiledRule& rule : rules.rules()) {
      for (const ExampleDef& example : rule.examples) {
        if (example.negative) continue;
        MatchOptions options;
        options.ref = rule.test_ref;
        const std::string_view text = example.text;
        const std::vector<Sentence> sentences = SplitSentences(text);
        const std::vector<TextSpan> paragraphs = SplitParagraphs(text);
        for (const RuleClaim& claim : matcher.Extract(text, options)) {
          if (claim.rule != &rule || !claim.error.empty()) continue;
          TextSpan unit = SentenceContaining(sentences, claim.start);
          if (rule.paragraph_scope) {
            for (const TextSpan& p : paragraphs) {
              if (p.start <= claim.start && claim.start < p.end) unit = p;
            }
          }
          NormalizerCall where;
          where.ref = rule.test_ref;
          where.sentence = std::string(text.substr(unit.start, unit.end - unit.start));
          where.claim_start = claim.start - unit.start;
          where.claim_end = claim.end - unit.start;
          NormalizerContext context;
          WireTables(context, rules);
          context.ref = where.ref;
          context.sentence = where.sentence;
          context.claim_start = where.claim_start;
          context.claim_end = where.claim_end;
          const CaptureLookup captures =
              [&](std::string_view name) -> std::optional<std::string_view> {
            const CaptureSpan* span = claim.Capture(name);
            if (span == nullptr) return std::nullopt;
            return text.substr(span->start, span->end - span->start);
          };
          for (const FieldAssignment& field : rule.fields) {
            CollectCalls(field.expr, captures, context, where, calls);
          }
        }
      }
    }
    return calls;
  }();
  return *calls;
}

// Calls one normalizer on every call the rules' examples made of it. The
// contexts share one LeanCache, as the claims of one article do in the
// matcher, so lean() builds its cue index once, not per call.
void RunNormalizer(benchmark::State& state, const NormalizerInfo* info,
                   const std::vector<NormalizerCall>* calls) {
  LeanCache lean_cache;
  std::vector<NormalizerContext> contexts(calls->size());
  for (size_t i = 0; i < calls->size(); ++i) {
    const NormalizerCall& call = (*calls)[i];
    NormalizerContext& context = contexts[i];
    WireTables(context, Rules());
    context.ref = call.ref;
    context.sentence = call.sentence;
    context.claim_start = call.claim_start;
    context.claim_end = call.claim_end;
    context.lean_cache = &lean_cache;
  }
  for (auto _ : state) {
    for (size_t i = 0; i < calls->size(); ++i) {
      absl::StatusOr<std::string> value = info->fn((*calls)[i].args, contexts[i]);
      benchmark::DoNotOptimize(value);
    }
  }
  state.SetItemsProcessed(state.iterations() * calls->size());
  state.counters["calls"] = static_cast<double>(calls->size());
}

// One benchmark per normalizer the rules call, BM_Normalizer/NAME. Aborts
// when a normalizer some rule calls has no call in the examples, since its
// figure could not be made.
void RegisterNormalizerBenchmarks() {
  const std::map<std::string, std::vector<NormalizerCall>>& calls = NormalizerCalls();
  std::vector<std::string> used;
  std::vector<const ValueExpr*> pending;
  for (const CompiledRule& rule : Rules().rules()) {
    for (const FieldAssignment& field : rule.fields) pending.push_back(&field.expr);
  }
  while (!pending.empty()) {
    const ValueExpr* expr = pending.back();
    pending.pop_back();
    for (const ValueExpr& arg : expr->args) pending.push_back(&arg);
    if (expr->type == ValueExpr::kCall) used.emplace_back(expr->normalizer->name);
  }
  for (std::string_view name : NormalizerNames()) {
    if (std::find(used.begin(), used.end(), name) == used.end()) continue;
    auto it = calls.find(std::string(name));
    if (it == calls.end()) {
      Die(StrCat("the rules call ", name,
                 "() but none of their examples makes a call of it that gives a value"));
    }
    benchmark::RegisterBenchmark(StrCat("BM_Normalizer/", name).c_str(), RunNormalizer,
                                 FindNormalizer(name), &it->second);
  }
}

// ---------------------------------------------------------------------------
// Clustering

// The evidence of `articles` synthetic articles (seed 1), from the claims
// the generator states for them, as bench/cluster_bench.cc gathers it.
const std::vector<ArticleEvidence>& SyntheticEvidence(size_t articles) {
  static auto* cache = new std::map<size_t, std::vector<ArticleEvidence>>;
  auto [it, inserted] = cache->try_emplace(articles);
  if (inserted) {
    const SyntheticCorpus corpus(SyntheticOptions{.seed = 1, .articles = articles});
    for (size_t i = 0; i < corpus.size(); ++i) {
      const SyntheticArticle a = corpus.Make(i);
      it->second.push_back(GatherEvidence(a.article, a.claims, Rules()));
    }
    if (it->second.size() != articles) Die("the synthetic corpus has the wrong size");
  }
  return it->second;
}

const ClusterSettings& Settings() {
  static const ClusterSettings* settings = [] {
    absl::StatusOr<ClusterSettings> settings = ClusterSettingsFromRules(Rules());
    if (!settings.ok()) Die(std::string(settings.status().message()));
    return new ClusterSettings(*settings);
  }();
  return *settings;
}

// EventClusterer built over the evidence (its inverted index and rarities),
// Cluster() and DescribeClusters(): what the scan's "cluster" stage does.
// The copy of the evidence the clusterer takes is made outside the timing.
void BM_ClusterSynthetic(benchmark::State& state) {
  const std::vector<ArticleEvidence>& evidence = SyntheticEvidence(state.range(0));
  const ClusterSettings& settings = Settings();
  size_t clusters = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<ArticleEvidence> copy = evidence;
    state.ResumeTiming();
    const EventClusterer clusterer(std::move(copy), settings);
    const std::vector<EventCluster> found = clusterer.Cluster();
    const std::vector<Cluster> described = DescribeClusters(clusterer, found);
    clusters = described.size();
    benchmark::DoNotOptimize(described.data());
  }
  state.SetItemsProcessed(state.iterations() * evidence.size());
  state.counters["clusters"] = static_cast<double>(clusters);
}
BENCHMARK(BM_ClusterSynthetic)->Arg(1000)->Arg(5000)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------------------
// Comparison

// The demo corpus as the scan leaves it before comparison: every article's
// claims (ExtractClaims with the shipped rules), the clusters, and each
// cluster of two or more articles as the list ClusterComparer takes.
struct DemoClusters {
  std::vector<ArticleClaims> claims;
  std::vector<Cluster> clusters;
  std::vector<std::pair<std::string, std::vector<const ArticleClaims*>>> compared;
  size_t compared_claims = 0;
};

const DemoClusters& Demo() {
  static const DemoClusters* demo = [] {
    auto* demo = new DemoClusters;
    const std::vector<Article>& articles = DemoArticles();
    const Matcher matcher(Rules());
    std::vector<ArticleEvidence> evidence;
    demo->claims.resize(articles.size());
    for (size_t i = 0; i < articles.size(); ++i) {
      std::vector<Claim> claims = ExtractClaims(articles[i], matcher);
      evidence.push_back(GatherEvidence(articles[i], claims, Rules()));
      ArticleClaims& c = demo->claims[i];
      c.id = articles[i].id;
      c.source = articles[i].source.value_or(articles[i].id);
      c.date = articles[i].date;
      c.body = articles[i].body;
      c.claims = std::move(claims);
    }
    const EventClusterer clusterer(std::move(evidence), Settings());
    const std::vector<EventCluster> clusters = clusterer.Cluster();
    demo->clusters = DescribeClusters(clusterer, clusters);
    absl::flat_hash_map<std::string_view, const ArticleClaims*> by_id;
    for (const ArticleClaims& a : demo->claims) by_id.emplace(a.id, &a);
    for (size_t c = 0; c < clusters.size(); ++c) {
      if (clusters[c].members.size() < 2) continue;
      std::vector<const ArticleClaims*> members;
      for (uint32_t m : clusters[c].members) {
        members.push_back(by_id.at(clusterer.evidence()[m].id));
        demo->compared_claims += members.back()->claims.size();
      }
      demo->compared.emplace_back(demo->clusters[c].id, std::move(members));
    }
    if (demo->compared.empty()) Die("the demo corpus gives no cluster of two or more articles");
    return demo;
  }();
  return *demo;
}

// ClusterComparer::Compare on every demo cluster of two or more articles;
// items are the claims of their articles.
void BM_CompareDemoClusters(benchmark::State& state) {
  const DemoClusters& demo = Demo();
  absl::StatusOr<ClusterComparer> comparer = ClusterComparer::Create(Rules());
  if (!comparer.ok()) Die(std::string(comparer.status().message()));
  size_t findings = 0;
  for (auto _ : state) {
    findings = 0;
    for (const auto& [id, members] : demo.compared) {
      const std::vector<Finding> found = comparer->Compare(id, members);
      findings += found.size();
      benchmark::DoNotOptimize(found.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * demo.compared_claims);
  state.counters["clusters"] = static_cast<double>(demo.compared.size());
  state.counters["claims"] = static_cast<double>(demo.compared_claims);
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_CompareDemoClusters)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------------------
// Report writing

constexpr int kReportCopies = 50;

// The report of `parallax scan corpus/demo`, made kReportCopies times as
// large: copy K > 0 of every article, cluster, finding and passage has its
// ids suffixed "~K" (findings get the id their claims give them), so the
// copies are distinct events with the demo's shape.
const Report& ScaledDemoReport() {
  static const Report* report = [] {
    ScanOptions options;
    options.inputs = {kDemoDir};
    options.rules_dir = kRulesDir;
    absl::StatusOr<Report> scanned = Scan(options);
    if (!scanned.ok()) Die(std::string(scanned.status().message()));
    if (scanned->findings.empty()) Die("the scan of the demo corpus gives no findings");
    auto* scaled = new Report(*scanned);
    for (int copy = 1; copy < kReportCopies; ++copy) {
      const std::string suffix = StrCat("~", copy);
      auto rename = [&](std::string& id) { id += suffix; };
      for (ArticleEntry a : scanned->articles) {
        rename(a.id);
        a.path += suffix;
        scaled->articles.push_back(std::move(a));
      }
      for (Cluster c : scanned->clusters) {
        rename(c.id);
        for (std::string& a : c.articles) rename(a);
        for (std::string& a : c.undated) rename(a);
        for (ClusterLink& link : c.links) {
          rename(link.a);
          rename(link.b);
        }
        scaled->clusters.push_back(std::move(c));
      }
      for (Finding f : scanned->findings) {
        rename(f.cluster);
        for (ClaimRef& claim : f.claims) rename(claim.article);
        f.id = FindingId(f, f.rule);  // ids here need only differ
        scaled->findings.push_back(std::move(f));
      }
      for (Passage p : scanned->passages) {
        rename(p.article);
        scaled->passages.push_back(std::move(p));
      }
    }
    std::sort(scaled->passages.begin(), scaled->passages.end(),
              [](const Passage& a, const Passage& b) {
                return std::tie(a.article, a.start) < std::tie(b.article, b.start);
              });
    return scaled;
  }();
  return *report;
}

template <std::string (*Render)(const Report&)>
void BM_Render(benchmark::State& state) {
  const Report& report = ScaledDemoReport();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = Render(report);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["articles"] = static_cast<double>(report.articles.size());
  state.counters["clusters"] = static_cast<double>(report.clusters.size());
  state.counters["findings"] = static_cast<double>(report.findings.size());
  state.counters["output_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK_TEMPLATE(BM_Render, RenderJsonReport)
    ->Name("BM_RenderJsonReport")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Render, RenderMarkdownReport)
    ->Name("BM_RenderMarkdownReport")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_Render, RenderHtmlReport)
    ->Name("BM_RenderHtmlReport")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parallax

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  parallax::RegisterNormalizerBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
