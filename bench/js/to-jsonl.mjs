// Writes articles as JSONL, one {"id","text","date","source","url","title"} a line, so that
// yardsticks.mjs and `parallax extract` read the same bodies.
//
//   node to-jsonl.mjs INPUT... > corpus.jsonl
//
// INPUT is a .txt article, a .jsonl file (copied through) or a folder of them (not recursive,
// in name order). A .txt article is read as `parallax` reads it (src/ingest/text_article.h):
// header lines "key value" or "key: value" (date, source, url, title) ended by a blank line,
// or the inline form " date 2023-01-27 Body...", or no header at all; then the body.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

const HEADER_KEYS = new Set(['date', 'source', 'url', 'title']);

function splitHeaderLine(line) {
  const m = /^([a-z]+):?[ \t](.*)$/.exec(line);
  return m ? { key: m[1], value: m[2].trim() } : null;
}

export function parseTextArticle(id, raw) {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const article = { id, text: '', date: null, source: null, url: null, title: null };
  let body = text;
  const inline = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2}\S*)[ \t]+(?=[^\s])/.exec(text);
  const first = splitHeaderLine(text.split('\n', 1)[0]);
  if (inline && !inline[0].includes('\n')) {
    article.date = inline[1];
    body = text.slice(inline[0].length);
  } else if (first && HEADER_KEYS.has(first.key)) {
    const lines = text.split('\n');
    let i = 0;
    for (; i < lines.length && lines[i].trim() !== ''; ++i) {
      const h = splitHeaderLine(lines[i]);
      if (!h || !HEADER_KEYS.has(h.key)) throw new Error(`${id}: unknown header line ${lines[i]}`);
      article[h.key] = h.value;
    }
    body = lines.slice(i).join('\n');
  }
  article.text = body.replace(/^(?:[ \t]*\n)+/, '');
  return article;
}

function* articlesOf(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name.endsWith('.txt') || name.endsWith('.jsonl')) yield* articlesOf(join(path, name));
    }
  } else if (path.endsWith('.jsonl')) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() !== '') yield JSON.parse(line);
    }
  } else {
    yield parseTextArticle(basename(path, extname(path)), readFileSync(path, 'utf8'));
  }
}

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  process.stderr.write('usage: node to-jsonl.mjs INPUT... > corpus.jsonl\n');
  process.exit(2);
}
for (const input of inputs) {
  for (const article of articlesOf(input)) process.stdout.write(JSON.stringify(article) + '\n');
}
