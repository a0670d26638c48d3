// The whole pipeline at size: generates synthetic corpora (synthetic/) of the
// given sizes, runs the full scan on each with each thread count, and prints
// per stage the wall time, articles/s, MB/s and peak memory, with accuracy
// against the generated answers (cluster B-cubed F1, findings recall and
// precision). Beside it, in the same run on the same text, the yardsticks:
// reading the corpus and counting lines, and one bare RE2::Set of every
// extraction pattern over every sentence. Writes scale.json, scale.md and
// scale.svg into --out. What it measures and the figures: bench/README.md.
//
//   parallax_scale_bench --sizes 10000,100000,1000000 --jobs 1,2
//       --full-up-to 100000 --out reports/bench
//
// Each measurement runs in a child process of its own, so its peak memory is
// its own.
#include <re2/re2.h>
#include <re2/set.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#ifdef PARALLAX_HAVE_HYPERSCAN
#include "hyperscan_scan.h"
#endif
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "ingest/corpus.h"
#include "rules/rule_set.h"
#include "scan/scan.h"
#include "synthetic/synthetic_corpus.h"
#include "text/sentences.h"
#include "util/file.h"
#include "util/json_writer.h"
#include "util/resources.h"
#include "util/strings.h"

namespace parallax {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "parallax_scale_bench: %s\n", message.c_str());
  std::exit(1);
}

// What one child measured: named figures, in order.
using Figures = std::vector<std::pair<std::string, double>>;

double Get(const Figures& figures, std::string_view name) {
  for (const auto& [key, value] : figures) {
    if (key == name) return value;
  }
  return std::nan("");
}

// Runs `measure` in a child process and returns its figures, plus
// "peak_rss_mib": the child's peak resident memory.
template <typename Measure>
Figures InChild(Measure measure) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) Die("pipe failed");
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) Die("fork failed");
  if (pid == 0) {
    close(pipe_fds[0]);
    std::string out;
    for (const auto& [key, value] : measure())
      out += StrCat(key, " ", fmt::format("{:.6g}", value), "\n");
    const char* data = out.data();
    for (size_t left = out.size(); left > 0;) {
      const ssize_t n = write(pipe_fds[1], data, left);
      if (n <= 0) _exit(3);
      data += n;
      left -= static_cast<size_t>(n);
    }
    close(pipe_fds[1]);
    std::fflush(nullptr);
    _exit(0);
  }
  close(pipe_fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof(buffer))) > 0;) text.append(buffer, n);
  close(pipe_fds[0]);
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    Die("a measurement failed (see above)");
  }
  Figures figures;
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    const size_t space = line.find(' ');
    double value = 0;
    if (space == absl::string_view::npos || !absl::SimpleAtod(line.substr(space + 1), &value)) {
      Die(StrCat("bad line from a measurement: ", std::string(line)));
    }
    figures.emplace_back(std::string(line.substr(0, space)), value);
  }
  figures.emplace_back("peak_rss_mib", static_cast<double>(usage.ru_maxrss) / 1024);
  return figures;
}

// Writes the corpus of `size` articles as JSONL, unless a finished one is
// there already (same size and seed: same bytes).
std::string EnsureCorpus(const std::string& work, size_t size, uint64_t seed) {
  const std::string path = StrCat(work, "/corpus-", size, "-s", seed, ".jsonl");
  if (std::filesystem::exists(path)) return path;
  const auto start = Clock::now();
  const SyntheticCorpus corpus(SyntheticOptions{.seed = seed, .articles = size});
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial, std::ios::binary);
    for (size_t i = 0; i < corpus.size(); ++i) out << ToJsonl(corpus.Make(i).article);
    if (!out) Die("cannot write " + partial);
  }
  std::filesystem::rename(partial, path);
  std::fprintf(stderr, "generated %s in %.1f s\n", path.c_str(), SecondsSince(start));
  return path;
}

// The floor: read the file and count its lines.
Figures ReadAndCount(const std::string& path) {
  const auto start = Clock::now();
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(size_t{1} << 20);
  size_t lines = 0, bytes = 0;
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    const size_t n = static_cast<size_t>(in.gcount());
    lines += static_cast<size_t>(std::count(buffer.data(), buffer.data() + n, '\n'));
    bytes += n;
  }
  return {
      {"seconds", SecondsSince(start)}, {"lines", double(lines)}, {"file_bytes", double(bytes)}};
}

// The bare RE2::Set of every extraction rule's pattern (as the matcher
// benchmark's BM_SetOnlyScan), on every sentence of every article, one thread.
std::unique_ptr<const RuleSet> LoadRules(const std::string& rules_dir) {
  RuleSetOptions rule_options;
  rule_options.check_examples = false;
  RuleSetLoad load = LoadRuleSet(rules_dir, rule_options);
  if (!load.rules) Die("the rules in " + rules_dir + " do not load");
  return std::move(load.rules);
}

Figures SetScan(const std::string& path, const std::string& rules_dir) {
  const std::unique_ptr<const RuleSet> rules = LoadRules(rules_dir);
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  options.set_max_mem(int64_t{256} << 20);
  RE2::Set set(options, RE2::UNANCHORED);
  for (const CompiledRule& rule : rules->rules()) {
    std::string error;
    if (set.Add(rule.re->pattern(), &error) < 0) Die("rule " + rule.id + ": " + error);
  }
  if (!set.Compile()) Die("the set of every rule does not compile");
  const Corpus corpus = ReadCorpus({path}, {});
  double bytes = 0, hits = 0, failures = 0;
  std::vector<int> matched;
  const auto start = Clock::now();
  for (const Article& a : corpus.articles) {
    const std::string_view body = a.body;
    bytes += static_cast<double>(body.size());
    for (const Sentence& s : SplitSentences(body)) {
      RE2::Set::ErrorInfo error;
      if (set.Match(body.substr(s.span.start, s.span.end - s.span.start), &matched, &error)) {
        hits += static_cast<double>(matched.size());
      } else if (error.kind != RE2::Set::kNoError) {
        ++failures;  // the DFA ran out of memory on this sentence
      }
    }
  }
  return {{"seconds", SecondsSince(start)},
          {"body_bytes", bytes},
          {"hits", hits},
          {"failed_sentences", failures}};
}

#ifdef PARALLAX_HAVE_HYPERSCAN
// The same patterns and sentences through Hyperscan, which compiles them
// (once; the database is cached in `work`) into one automaton.
Figures HyperscanReference(const std::string& path, const std::string& rules_dir,
                           const std::string& work) {
  const std::unique_ptr<const RuleSet> rules = LoadRules(rules_dir);
  std::vector<std::string> patterns;
  for (const CompiledRule& rule : rules->rules()) patterns.push_back(rule.re->pattern());
  const Corpus corpus = ReadCorpus({path}, {});
  std::vector<std::string_view> sentences;
  for (const Article& a : corpus.articles) {
    const std::string_view body = a.body;
    for (const Sentence& s : SplitSentences(body)) {
      sentences.push_back(body.substr(s.span.start, s.span.end - s.span.start));
    }
  }
  std::string digest = rules->digest();
  std::replace(digest.begin(), digest.end(), ':', '-');
  const HyperscanFigures hs =
      HyperscanScan(patterns, sentences, StrCat(work, "/hyperscan-", digest, ".db"));
  if (!hs.error.empty()) std::fprintf(stderr, "Hyperscan: %s\n", hs.error.c_str());
  return {{"seconds", hs.error.empty() ? hs.scan_seconds : std::nan("")},
          {"compile_seconds", hs.compile_seconds},
          {"patterns", double(hs.patterns)},
          {"rejected", double(hs.rejected)},
          {"body_bytes", hs.bytes},
          {"matches", hs.matches}};
}
#endif

// The whole scan, as `parallax scan --timings` runs it, then its accuracy.
Figures FullScan(const std::string& path, size_t size, uint64_t seed, int jobs,
                 const std::string& rules_dir, const std::string& report_dir) {
  std::vector<StageCost> costs;
  ScanOptions options;
  options.inputs = {path};
  options.rules_dir = rules_dir;
  options.jobs = jobs;
  options.costs = &costs;
  absl::StatusOr<Report> report = Scan(options);
  if (!report.ok()) Die(std::string(report.status().message()));
  const auto writing = Clock::now();
  if (absl::Status written = WriteReportFiles(*report, report_dir); !written.ok()) {
    Die(std::string(written.message()));
  }
  costs.push_back({"write", SecondsSince(writing), PeakRssMiB()});
  Figures figures;
  double total = 0, bytes = 0;
  for (const StageCost& c : costs) {
    figures.emplace_back(c.stage + "_seconds", c.seconds);
    figures.emplace_back(c.stage + "_rss_mib", c.peak_rss_mib);
    total += c.seconds;
  }
  figures.emplace_back("total_seconds", total);
  for (const ArticleEntry& a : report->articles) bytes += static_cast<double>(a.body_bytes);
  figures.emplace_back("body_bytes", bytes);
  figures.emplace_back("articles", static_cast<double>(report->articles.size()));
  figures.emplace_back("problems", static_cast<double>(report->problems.size()));
  figures.emplace_back("clusters", static_cast<double>(report->clusters.size()));
  figures.emplace_back("findings", static_cast<double>(report->findings.size()));
  // Accuracy against the generated answers (not part of the timings).
  const SyntheticCorpus corpus(SyntheticOptions{.seed = seed, .articles = size});
  const BCubedScore clusters = corpus.ScoreClusters(report->clusters);
  const FindingScore findings = corpus.ScoreFindings(report->findings);
  figures.emplace_back("cluster_precision", clusters.precision);
  figures.emplace_back("cluster_recall", clusters.recall);
  figures.emplace_back("cluster_f1", clusters.f1());
  figures.emplace_back("planted", static_cast<double>(findings.planted));
  figures.emplace_back("findings_recall", findings.recall());
  figures.emplace_back("findings_precision", findings.precision());
  return figures;
}

struct Run {
  size_t size = 0;
  int jobs = 0;
  Figures scan;
};

struct Reference {
  size_t size = 0;
  Figures read, set, hyperscan;  // hyperscan: empty when not built with it
};

constexpr std::string_view kStages[] = {"rules",   "ingest",  "extract",
                                        "cluster", "compare", "write"};

std::string Fixed(double value, int decimals) {
  return std::isnan(value) ? "–" : fmt::format("{:.{}f}", value, decimals);
}

std::string Markdown(const std::vector<Run>& runs, const std::vector<Reference>& references) {
  std::string md =
      "# Parallax at scale\n\nWritten by `parallax_scale_bench` (bench/scale_bench.cc); what it "
      "measures: bench/README.md.\n\n## The scan, stage by stage\n\n"
      "| articles | jobs | stage | seconds | articles/s | MB/s | peak RSS MiB |\n"
      "| ---: | ---: | --- | ---: | ---: | ---: | ---: |\n";
  for (const Run& r : runs) {
    const double articles = Get(r.scan, "articles"), mb = Get(r.scan, "body_bytes") / 1e6;
    for (std::string_view stage : kStages) {
      const double s = Get(r.scan, StrCat(stage, "_seconds"));
      StrAppend(&md, "| ", r.size, " | ", r.jobs, " | ", stage, " | ", Fixed(s, 2), " | ",
                Fixed(articles / s, 0), " | ", Fixed(mb / s, 2), " | ",
                Fixed(Get(r.scan, StrCat(stage, "_rss_mib")), 0), " |\n");
    }
    const double total = Get(r.scan, "total_seconds");
    StrAppend(&md, "| ", r.size, " | ", r.jobs, " | **total** | **", Fixed(total, 2), "** | ",
              Fixed(articles / total, 0), " | ", Fixed(mb / total, 2), " | ",
              Fixed(Get(r.scan, "peak_rss_mib"), 0), " |\n");
  }
  md +=
      "\n## Accuracy against the generated answers\n\n"
      "| articles | jobs | clusters | B-cubed P | B-cubed R | B-cubed F1 | planted | findings | "
      "recall | precision |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
      "---: |\n";
  for (const Run& r : runs) {
    StrAppend(&md, "| ", r.size, " | ", r.jobs, " | ", Fixed(Get(r.scan, "clusters"), 0), " | ",
              Fixed(Get(r.scan, "cluster_precision"), 3), " | ",
              Fixed(Get(r.scan, "cluster_recall"), 3), " | ", Fixed(Get(r.scan, "cluster_f1"), 3),
              " | ", Fixed(Get(r.scan, "planted"), 0), " | ", Fixed(Get(r.scan, "findings"), 0),
              " | ", Fixed(Get(r.scan, "findings_recall"), 3), " | ",
              Fixed(Get(r.scan, "findings_precision"), 3), " |\n");
  }
  md +=
      "\n## Against the yardsticks (one thread, same text)\n\n"
      "| articles | read + count lines MB/s | RE2::Set MB/s | set: failed sentences | "
      "Hyperscan MB/s | Hyperscan: patterns rejected | extract, 1 job, MB/s | extract / set | "
      "extract / Hyperscan | extract, 2 jobs / 1 job |\n"
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const Reference& ref : references) {
    const double bytes = Get(ref.set, "body_bytes");
    const double set_mbs = bytes / 1e6 / Get(ref.set, "seconds");
    double one = std::nan(""), two = std::nan("");
    for (const Run& r : runs) {
      if (r.size != ref.size) continue;
      const double s = Get(r.scan, "extract_seconds");
      if (r.jobs == 1) one = s;
      if (r.jobs == 2) two = s;
    }
    const double hs_mbs = Get(ref.hyperscan, "body_bytes") / 1e6 / Get(ref.hyperscan, "seconds");
    StrAppend(&md, "| ", ref.size, " | ",
              Fixed(Get(ref.read, "file_bytes") / 1e6 / Get(ref.read, "seconds"), 0), " | ",
              Fixed(set_mbs, 2), " | ", Fixed(Get(ref.set, "failed_sentences"), 0), " | ",
              Fixed(hs_mbs, 2), " | ", Fixed(Get(ref.hyperscan, "rejected"), 0), " of ",
              Fixed(Get(ref.hyperscan, "patterns"), 0), " | ", Fixed(bytes / 1e6 / one, 2), " | ",
              Fixed(bytes / 1e6 / one / set_mbs, 3), " | ", Fixed(bytes / 1e6 / one / hs_mbs, 3),
              " | ", Fixed(one / two, 2), " |\n");
  }
  md += "\n## Growth\n\n| from | to | jobs | articles x | time x | peak RSS x |\n";
  md += "| ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const Run& a : runs) {
    for (const Run& b : runs) {
      if (a.jobs != b.jobs || b.size <= a.size) continue;
      StrAppend(&md, "| ", a.size, " | ", b.size, " | ", a.jobs, " | ",
                Fixed(double(b.size) / double(a.size), 1), " | ",
                Fixed(Get(b.scan, "total_seconds") / Get(a.scan, "total_seconds"), 2), " | ",
                Fixed(Get(b.scan, "peak_rss_mib") / Get(a.scan, "peak_rss_mib"), 2), " |\n");
    }
  }
  md += "\n![Scan time by corpus size](scale.svg)\n";
  return md;
}

std::string Json(const std::vector<Run>& runs, const std::vector<Reference>& references) {
  std::string out;
  JsonWriter json(&out, JsonWriter::kPretty);
  const auto figures = [&json](const Figures& f) {
    json.BeginObject();
    for (const auto& [key, value] : f) {
      json.Key(key);
      json.Number(value, 6);
    }
    json.EndObject();
  };
  json.BeginObject();
  json.Key("runs");
  json.BeginArray();
  for (const Run& r : runs) {
    json.BeginObject();
    json.Key("articles");
    json.Int(static_cast<int64_t>(r.size));
    json.Key("jobs");
    json.Int(r.jobs);
    json.Key("scan");
    figures(r.scan);
    json.EndObject();
  }
  json.EndArray();
  json.Key("references");
  json.BeginArray();
  for (const Reference& ref : references) {
    json.BeginObject();
    json.Key("articles");
    json.Int(static_cast<int64_t>(ref.size));
    json.Key("read_and_count_lines");
    figures(ref.read);
    json.Key("re2_set");
    figures(ref.set);
    json.Key("hyperscan");
    figures(ref.hyperscan);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  out += '\n';
  return out;
}

// Total scan time against corpus size, log-log, one line per thread count.
std::string Svg(const std::vector<Run>& runs) {
  constexpr double kW = 640, kH = 400, kLeft = 70, kRight = 20, kTop = 30, kBottom = 50;
  double min_n = 1e300, max_n = 0, min_t = 1e300, max_t = 0;
  for (const Run& r : runs) {
    const double t = Get(r.scan, "total_seconds");
    min_n = std::min(min_n, double(r.size));
    max_n = std::max(max_n, double(r.size));
    min_t = std::min(min_t, t);
    max_t = std::max(max_t, t);
  }
  const double n0 = std::floor(std::log10(std::max(1.0, min_n)));
  const double n1 = std::max(n0 + 1, std::ceil(std::log10(std::max(1.0, max_n))));
  const double t0 = std::floor(std::log10(std::max(1e-3, min_t)));
  const double t1 = std::max(t0 + 1, std::ceil(std::log10(std::max(1e-3, max_t))));
  const auto x = [&](double n) {
    return kLeft + (std::log10(n) - n0) / (n1 - n0) * (kW - kLeft - kRight);
  };
  const auto y = [&](double t) {
    return kH - kBottom - (std::log10(t) - t0) / (t1 - t0) * (kH - kTop - kBottom);
  };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"white\"/>\n<text x=\"{}\" y=\"18\" font-size=\"14\">parallax scan: wall time by "
      "corpus size (log-log)</text>\n",
      kW, kH, kLeft);
  for (double e = n0; e <= n1; ++e) {
    StrAppend(&svg, fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
                                "stroke=\"#ddd\"/><text x=\"{0:.1f}\" y=\"{3}\" "
                                "text-anchor=\"middle\">{4:.0f}</text>\n",
                                x(std::pow(10, e)), kTop, kH - kBottom, kH - kBottom + 18,
                                std::pow(10, e)));
  }
  for (double e = t0; e <= t1; ++e) {
    StrAppend(&svg, fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" "
                                "stroke=\"#ddd\"/><text x=\"{3}\" y=\"{4:.1f}\" "
                                "text-anchor=\"end\">{5:g} s</text>\n",
                                kLeft, y(std::pow(10, e)), kW - kRight, kLeft - 6,
                                y(std::pow(10, e)) + 4, std::pow(10, e)));
  }
  StrAppend(&svg, fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">articles</text>\n",
                              (kLeft + kW - kRight) / 2, kH - 12));
  std::map<int, std::vector<const Run*>> by_jobs;
  for (const Run& r : runs) by_jobs[r.jobs].push_back(&r);
  constexpr std::string_view kColors[] = {"#1d4f91", "#d92d20", "#2e7d32", "#8a4b00"};
  int line = 0;
  for (auto& [jobs, list] : by_jobs) {
    std::sort(list.begin(), list.end(),
              [](const Run* a, const Run* b) { return a->size < b->size; });
    const std::string_view color = kColors[line % 4];
    std::string points;
    for (const Run* r : list) {
      StrAppend(&points, fmt::format("{:.1f},{:.1f} ", x(double(r->size)),
                                     y(Get(r->scan, "total_seconds"))));
      StrAppend(&svg, fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"/>\n",
                                  x(double(r->size)), y(Get(r->scan, "total_seconds")), color));
    }
    StrAppend(&svg, fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
                                "stroke-width=\"2\"/>\n<text x=\"{}\" y=\"{}\" fill=\"{}\">{} "
                                "job{}</text>\n",
                                points, color, kLeft + 10, kTop + 16 + 16 * line, color, jobs,
                                jobs == 1 ? "" : "s"));
    ++line;
  }
  svg += "</svg>\n";
  return svg;
}

int Main(int argc, char** argv) {
  std::vector<size_t> sizes = {10000, 100000};
  std::vector<int> jobs = {1, 2};
  uint64_t seed = 1;
  size_t full_up_to = std::numeric_limits<size_t>::max();
  std::string work = "/tmp/parallax-scale", out = "reports/bench";
  std::string rules = std::string(PARALLAX_SOURCE_DIR) + "/rules";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const std::string value = argv[i + 1];
    bool ok = true;
    if (flag == "--sizes" || flag == "--jobs") {
      std::vector<size_t> list;
      for (absl::string_view item : absl::StrSplit(value, ',', absl::SkipEmpty())) {
        size_t n = 0;
        ok = ok && absl::SimpleAtoi(item, &n) && n > 0;
        list.push_back(n);
      }
      if (flag == "--sizes") sizes = list;
      if (flag == "--jobs") jobs.assign(list.begin(), list.end());
    } else if (flag == "--full-up-to") {
      ok = absl::SimpleAtoi(value, &full_up_to);
    } else if (flag == "--seed") {
      ok = absl::SimpleAtoi(value, &seed);
    } else if (flag == "--work") {
      work = value;
    } else if (flag == "--out") {
      out = value;
    } else if (flag == "--rules") {
      rules = value;
    } else {
      ok = false;
    }
    if (!ok) argc = 0;  // falls through to the usage below
  }
  if (argc % 2 == 0 || sizes.empty() || jobs.empty()) {
    std::fprintf(stderr,
                 "usage: parallax_scale_bench [--sizes N,N...] [--jobs J,J...] [--seed S]\n"
                 "                            [--work DIR] [--out DIR] [--rules DIR]\n"
                 "                            [--full-up-to N]\n");
    return 2;
  }
  std::filesystem::create_directories(work);
  std::filesystem::create_directories(out);
  std::sort(sizes.begin(), sizes.end());
  std::vector<Run> runs;
  std::vector<Reference> references;
  for (size_t size : sizes) {
    const std::string corpus = EnsureCorpus(work, size, seed);
    // Beyond --full-up-to, one scan with the most threads and no yardsticks:
    // the largest sizes are about how the scan grows, and a one-thread run
    // or a bare set scan of them would take most of an hour each.
    const bool full = size <= full_up_to;
    const std::vector<int> size_jobs =
        full ? jobs : std::vector<int>{*std::max_element(jobs.begin(), jobs.end())};
    if (full) {
      Reference ref{size,
                    InChild([&] { return ReadAndCount(corpus); }),
                    InChild([&] { return SetScan(corpus, rules); }),
                    {}};
#ifdef PARALLAX_HAVE_HYPERSCAN
      ref.hyperscan = InChild([&] { return HyperscanReference(corpus, rules, work); });
#endif
      std::fprintf(stderr, "%zu articles: read %.2f s, RE2::Set %.2f s, Hyperscan %.2f s\n", size,
                   Get(ref.read, "seconds"), Get(ref.set, "seconds"),
                   Get(ref.hyperscan, "seconds"));
      references.push_back(std::move(ref));
    }
    for (int j : size_jobs) {
      Run run{size, j, InChild([&] {
                return FullScan(corpus, size, seed, j, rules, StrCat(work, "/report-", size));
              })};
      std::fprintf(stderr,
                   "%zu articles, %d jobs: %.2f s (extract %.2f s), peak %.0f MiB, cluster F1 "
                   "%.3f, findings recall %.3f precision %.3f\n",
                   size, j, Get(run.scan, "total_seconds"), Get(run.scan, "extract_seconds"),
                   Get(run.scan, "peak_rss_mib"), Get(run.scan, "cluster_f1"),
                   Get(run.scan, "findings_recall"), Get(run.scan, "findings_precision"));
      runs.push_back(std::move(run));
    }
  }
  const std::filesystem::path dir(out);
  for (const auto& [name, text] :
       {std::pair<std::string, std::string>{"scale.json", Json(runs, references)},
        {"scale.md", Markdown(runs, references)},
        {"scale.svg", Svg(runs)}}) {
    if (absl::Status written = WriteFileAtomically((dir / name).string(), text); !written.ok()) {
      Die(std::string(written.message()));
    }
  }
  std::fputs(Markdown(runs, references).c_str(), stdout);
  return 0;
}

}  // namespace
}  // namespace parallax

int main(int argc, char** argv) { return parallax::Main(argc, argv); }
