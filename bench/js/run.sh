#!/usr/bin/env bash
# Date and entity extraction of chrono-node and wink-nlp against `parallax extract`, one core,
# on the same articles: prints each tool's figures and a Markdown table.
#
#   bench/js/run.sh CORPUS PARALLAX_BINARY [yardsticks.mjs options...]
#
# CORPUS: a .jsonl file, or .txt articles or folders of them (converted with to-jsonl.mjs).
# Installs the pinned packages (npm ci) on first use.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 CORPUS PARALLAX_BINARY [--min-seconds S] [--runs N] [--json FILE]" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
corpus=$(realpath "$1")
parallax=$(realpath "$2")
shift 2
if [[ ! -d "$here/node_modules/chrono-node" || ! -d "$here/node_modules/wink-nlp" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund >&2)
fi
scratch=
trap '[[ -n "$scratch" ]] && rm -rf "$scratch"' EXIT
if [[ "$corpus" != *.jsonl ]]; then
  scratch=$(mktemp -d)
  node "$here/to-jsonl.mjs" "$corpus" >"$scratch/corpus.jsonl"
  corpus=$scratch/corpus.jsonl
fi
node "$here/yardsticks.mjs" "$corpus" --parallax "$parallax" "$@"
