// Date and entity extraction throughput of the tools a user would otherwise reach for, on the
// same article bodies as Parallax, on one core.
//
//   node yardsticks.mjs CORPUS.jsonl [--parallax BINARY] [--rules DIR]
//                       [--min-seconds S] [--runs N] [--json FILE]
//
// CORPUS.jsonl: one article a line, {"id","text","date",...} (to-jsonl.mjs converts .txt
// articles). Timed, single-threaded:
//   chrono-node  chrono.parse(text, refDate) on every body (refDate: the article's date)
//   wink-nlp     nlp.readDoc(text).entities().out() on every body (wink-eng-lite-web-model)
//   parallax     `parallax extract --jobs 1 CORPUS.jsonl` (every claim kind in one pass), as
//                a child process; its CPU time less that of a run on a one-sentence corpus
//                (reading the rules) is "extraction"; the whole run is "end to end".
// Loading chrono and the wink model is not timed; each JS tool first runs once over the first
// 20 articles (warm-up), then passes over the whole corpus until --min-seconds (default 2) have
// gone by. Times are CPU seconds (user + system) of this process or of the child; wall seconds
// are printed too. MB = 10^6 bytes of UTF-8 body text.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) process.stderr.write(`yardsticks: ${message}\n`);
  process.stderr.write(
    'usage: node yardsticks.mjs CORPUS.jsonl [--parallax BINARY] [--rules DIR]\n' +
      '                           [--min-seconds S] [--runs N] [--json FILE]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { corpus: null, parallax: null, rules: resolve(here, '../../rules'),
                 minSeconds: 2, runs: 3, json: null };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--parallax') opts.parallax = resolve(value());
    else if (a === '--rules') opts.rules = resolve(value());
    else if (a === '--min-seconds') opts.minSeconds = Number(value());
    else if (a === '--runs') opts.runs = Math.max(1, Number.parseInt(value(), 10));
    else if (a === '--json') opts.json = value();
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (opts.corpus === null) opts.corpus = resolve(a);
    else usage('one corpus only');
  }
  if (opts.corpus === null) usage('no corpus');
  return opts;
}

function readCorpus(path) {
  const articles = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const a = JSON.parse(line);
    if (typeof a.text !== 'string' || a.text === '') continue;
    articles.push({ id: a.id, text: a.text, date: a.date ?? null,
                    ref: a.date ? new Date(a.date) : undefined });
  }
  return articles;
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// Installed version of a package (not every package exports its package.json).
const versionOf = (name) =>
  JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Runs `pass` (which returns a result count) once over the first articles, then over the
// whole corpus until minSeconds of wall time have passed. `results` is the first pass's count;
// wink-nlp's can differ by a few between passes over the same text (on the State of the Union
// addresses: 11,156 then 11,148), so the range is kept rather than taken for an error.
function timePasses(articles, bytes, minSeconds, pass) {
  pass(articles.slice(0, 20));
  let passes = 0;
  let results = null;
  let fewest = Infinity;
  let most = -Infinity;
  const cpu0 = cpuSeconds();
  const wall0 = performance.now();
  do {
    const n = pass(articles);
    results ??= n;
    fewest = Math.min(fewest, n);
    most = Math.max(most, n);
    ++passes;
  } while ((performance.now() - wall0) / 1e3 < minSeconds);
  const wall = (performance.now() - wall0) / 1e3;
  const cpu = cpuSeconds() - cpu0;
  return { passes, results, fewest, most, cpu, wall, mbPerS: (passes * bytes) / 1e6 / cpu };
}

const perPass = (t) => (t.fewest === t.most ? `${t.results}` : `${t.fewest} to ${t.most}`);

function chronoYardstick(articles, bytes, minSeconds) {
  const chrono = require('chrono-node');
  return timePasses(articles, bytes, minSeconds, (list) => {
    let n = 0;
    for (const a of list) n += chrono.parse(a.text, a.ref).length;
    return n;
  });
}

function winkYardstick(articles, bytes, minSeconds) {
  const winkNLP = require('wink-nlp');
  const model = require('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const timing = timePasses(articles, bytes, minSeconds, (list) => {
    let n = 0;
    for (const a of list) n += nlp.readDoc(a.text).entities().out().length;
    return n;
  });
  // Not timed: what the entities are.
  const types = {};
  for (const a of articles) {
    for (const t of nlp.readDoc(a.text).entities().out(nlp.its.type)) types[t] = (types[t] ?? 0) + 1;
  }
  return { ...timing, types };
}

// One run of `parallax extract --jobs 1` under bash's `time`: {wall, cpu, kinds, claims}.
function runParallax(binary, rules, corpus, scratch) {
  const out = join(scratch, 'claims.jsonl');
  const err = join(scratch, 'stderr.txt');
  const script = 'TIMEFORMAT="%3R %3U %3S"; out=$1; err=$2; shift 2; { time "$@" >"$out" 2>"$err"; } 2>&1';
  const r = spawnSync('bash', ['-c', script, 'time', out, err, binary, 'extract', '--jobs', '1',
                               '--rules', rules, corpus], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`parallax extract exited ${r.status}: ${readFileSync(err, 'utf8').slice(0, 2000)}`);
  }
  const [wall, user, sys] = r.stdout.trim().split(/\s+/).slice(-3).map(Number);
  const kinds = {};
  let claims = 0;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (line === '') continue;
    const kind = JSON.parse(line).kind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    ++claims;
  }
  return { wall, cpu: user + sys, kinds, claims };
}

function parallaxYardstick(binary, rules, corpus, bytes, runs) {
  const scratch = mkdtempSync(join(tmpdir(), 'parallax-yardsticks-'));
  try {
    const tiny = join(scratch, 'load.jsonl');
    writeFileSync(tiny, JSON.stringify({ id: 'load', text: 'The rules load.', date: '2024-01-01' }) + '\n');
    runParallax(binary, rules, tiny, scratch);  // warm the page cache
    const load = [];
    const full = [];
    let last = null;
    for (let i = 0; i < runs; ++i) {
      load.push(runParallax(binary, rules, tiny, scratch));
      last = runParallax(binary, rules, corpus, scratch);
      full.push(last);
    }
    const loadCpu = median(load.map((r) => r.cpu));
    const fullCpu = median(full.map((r) => r.cpu));
    const extractCpu = Math.max(fullCpu - loadCpu, 1e-3);
    return {
      runs, loadCpu, fullCpu, extractCpu, wall: median(full.map((r) => r.wall)),
      claims: last.claims, kinds: last.kinds,
      mbPerS: bytes / 1e6 / extractCpu, endToEndMbPerS: bytes / 1e6 / fullCpu,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const f = (x, digits = 2) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
// Significant digits, for throughputs and ratios that span orders of magnitude.
const sig = (x, digits = 3) => (x >= 10 ** digits ? f(x, 0) : Number(x.toPrecision(digits)).toString());
const counts = (o) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');

const opts = parseArgs(process.argv.slice(2));
const articles = readCorpus(opts.corpus);
if (articles.length === 0) usage(`no articles with a body in ${opts.corpus}`);
const bytes = articles.reduce((s, a) => s + Buffer.byteLength(a.text, 'utf8'), 0);
const mb = bytes / 1e6;
console.log(`corpus ${opts.corpus}: ${articles.length} articles, ${f(mb, 3)} MB of body text ` +
            `(${articles.filter((a) => a.ref).length} dated); node ${process.version}`);

const chrono = chronoYardstick(articles, bytes, opts.minSeconds);
console.log(`chrono-node ${versionOf('chrono-node')}: ${chrono.passes} passes x ` +
            `${articles.length} articles, ${f(mb * chrono.passes, 3)} MB in ${f(chrono.cpu, 3)} s CPU ` +
            `(${f(chrono.wall, 3)} s wall): ${f(chrono.mbPerS)} MB/s; ${perPass(chrono)} dates found per pass`);

const wink = winkYardstick(articles, bytes, opts.minSeconds);
console.log(`wink-nlp ${versionOf('wink-nlp')} + wink-eng-lite-web-model ` +
            `${versionOf('wink-eng-lite-web-model')}: ${wink.passes} passes x ` +
            `${articles.length} articles, ${f(mb * wink.passes, 3)} MB in ${f(wink.cpu, 3)} s CPU ` +
            `(${f(wink.wall, 3)} s wall): ${f(wink.mbPerS)} MB/s; ${perPass(wink)} entities found per pass ` +
            `(${counts(wink.types)})`);

let parallax = null;
if (opts.parallax) {
  parallax = parallaxYardstick(opts.parallax, opts.rules, opts.corpus, bytes, opts.runs);
  console.log(`parallax extract --jobs 1 (median of ${parallax.runs} runs): ${articles.length} articles, ` +
              `${f(mb, 3)} MB in ${f(parallax.fullCpu, 3)} s CPU end to end (${f(parallax.wall, 3)} s wall), ` +
              `of which ${f(parallax.loadCpu, 3)} s reading the rules (a run on one sentence): ` +
              `${sig(parallax.mbPerS)} MB/s extracting, ${sig(parallax.endToEndMbPerS)} MB/s end to end; ` +
              `${parallax.claims} claims (${counts(parallax.kinds)})`);
}

const ratio = (tool) => (parallax ? `${sig(parallax.mbPerS / tool.mbPerS, 2)}x` : '–');
console.log('');
console.log('| tool | what it extracts | results | MB/s per core | parallax / tool |');
console.log('| --- | --- | ---: | ---: | ---: |');
if (parallax) {
  console.log(`| parallax extract (rules read, not timed) | every claim kind in one pass: dates, ` +
              `quantities, entities, quotations... | ${parallax.claims} claims, ` +
              `${parallax.kinds.date ?? 0} dates | ${sig(parallax.mbPerS)} | 1 |`);
  console.log(`| parallax extract, end to end | the same, reading the rules included ` +
              `(${f(parallax.loadCpu, 2)} s) | | ${sig(parallax.endToEndMbPerS)} | |`);
}
console.log(`| chrono-node | dates and times | ${perPass(chrono)} | ${sig(chrono.mbPerS)} | ${ratio(chrono)} |`);
console.log(`| wink-nlp (lite web model) | entities: dates, times, numbers, money, ... | ` +
            `${perPass(wink)} | ${sig(wink.mbPerS)} | ${ratio(wink)} |`);

if (opts.json) {
  writeFileSync(opts.json, JSON.stringify({
    corpus: opts.corpus, articles: articles.length, bytes, node: process.version,
    chrono, wink, parallax }, null, 2) + '\n');
}
