#!/usr/bin/env bash
# A scan shared by 1, 2 and 4 MPI processes (each extracting and comparing
# its share) writes the reports one process writes, byte for byte, with the same exit status and problems, on the demo
# corpus (plus bad input) and on a generated corpus; a process that fails or
# dies fails the whole job loudly and no report is written.
#
# usage: mpi_scan_test.sh PARALLAX CORPUS_GEN SOURCE_DIR WORK_DIR
# Exits 77 (skipped) when mpirun is missing.
set -uo pipefail
parallax=$1 corpus_gen=$2 source_dir=$3 work=$4

if ! command -v mpirun >/dev/null; then
  echo "SKIPPED: mpirun not found (apt-get install openmpi-bin libopenmpi-dev, then rebuild)"
  exit 77
fi
mpirun=(mpirun --oversubscribe)
if [ "$(id -u)" -eq 0 ]; then mpirun+=(--allow-run-as-root); fi
# Open MPI's own allocations outlive the process; they are not leaks of ours.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

rm -rf "$work"
mkdir -p "$work/demo"
cp "$source_dir"/corpus/demo/*.txt "$work/demo/"
printf 'date 2023-13-45\n\nA body.\n' >"$work/demo/broken.txt"
record='{"id": "feed-1", "date": "2023-01-27", "text": "Officials said 40 people were killed."}'
printf '%s\nnot json\n\n%s\n{"id": "ep-harbor", "text": "A file'"'"'s id again."}\n' "$record" "$record" \
  >"$work/demo/feed.jsonl"
"$corpus_gen" --articles 600 --seed 11 --out-jsonl "$work/generated.jsonl" >/dev/null

# scan NAME INPUT FILES BYTES [PROCESSES]: batches of FILES files or BYTES
# of JSONL, and of 2 clusters to compare; reports in $work/NAME, stderr in
# $work/NAME.err, exit status in $work/NAME.status.
scan() {
  local name=$1 input=$2 files=$3 bytes=$4 processes=${5:-}
  local command=("$parallax" scan "$input" --out "$work/$name" --quiet --jobs 1
    --rules "$source_dir/rules" --batch-articles "$files" --batch-bytes "$bytes"
    --batch-clusters 2)
  if [ -n "$processes" ]; then command=("${mpirun[@]}" -np "$processes" "${command[@]}"); fi
  "${command[@]}" 2>"$work/$name.err"
  echo $? >"$work/$name.status"
}

same_as_alone() {  # ALONE SHARED
  cmp -s "$work/$1.status" "$work/$2.status" ||
    fail "$2 exited $(cat "$work/$2.status"), alone $(cat "$work/$1.status"): $(cat "$work/$2.err")"
  for report in report.json report.md report.html; do
    cmp -s "$work/$1/$report" "$work/$2/$report" || fail "$2/$report differs from $1/$report"
  done
}

# The feed is cut every 40 bytes, mid-line, so its lines and ids come from
# several processes.
scan demo-alone "$work/demo" 3 40
[ "$(cat "$work/demo-alone.status")" = 1 ] || fail "the demo with bad input should exit 1"
grep -q "broken.txt" "$work/demo-alone/report.json" || fail "the bad input is not a problem"
grep -q 'duplicate article id \\"ep-harbor\\"' "$work/demo-alone/report.json" ||
  fail "the reused id is not a problem"
for n in 1 2 4; do
  scan "demo-np$n" "$work/demo" 3 40 "$n"
  same_as_alone demo-alone "demo-np$n"
done

scan generated-alone "$work/generated.jsonl" 64 65536
for n in 2 4; do
  scan "generated-np$n" "$work/generated.jsonl" 64 65536 "$n"
  same_as_alone generated-alone "generated-np$n"
done

# A process that cannot go on (its rules do not load) ends the job.
"${mpirun[@]}" -np 1 "$parallax" scan "$work/demo" --out "$work/failed" --quiet --jobs 1 \
  --rules "$source_dir/rules" : \
  -np 1 "$parallax" scan "$work/demo" --out "$work/failed" --quiet --jobs 1 \
  --rules "$work/no-rules" >"$work/failed.err" 2>&1
status=$?
[ "$status" -ne 0 ] || fail "a job with a failing process exited 0"
grep -q "process 1 of 2: the rules in $work/no-rules do not load" "$work/failed.err" ||
  fail "the failing process did not say why: $(cat "$work/failed.err")"
[ ! -e "$work/failed/report.json" ] || fail "a failed job wrote a report"

# Processes given different rules would mix claims of two rule sets.
cp -r "$source_dir/rules" "$work/other-rules"
echo "# changed" >>"$work/other-rules/cluster.rules"
"${mpirun[@]}" -np 1 "$parallax" scan "$work/demo" --out "$work/mixed" --quiet --jobs 1 \
  --rules "$source_dir/rules" : \
  -np 1 "$parallax" scan "$work/demo" --out "$work/mixed" --quiet --jobs 1 \
  --rules "$work/other-rules" >"$work/mixed.err" 2>&1
[ "$?" -ne 0 ] || fail "a job whose processes have different rules exited 0"
grep -q "process 1 of 2: this process and process 0 were given different rules" "$work/mixed.err" ||
  fail "different rules were not named: $(cat "$work/mixed.err")"
[ ! -e "$work/mixed/report.json" ] || fail "a job with different rules wrote a report"

# A process killed mid-scan ends the job, and process 0 names the batch it
# was at. Process 1 is killed 5 s in, long after both processes
# started, and long before it could have extracted half of 10,000 articles.
"$corpus_gen" --articles 10000 --seed 12 --out-jsonl "$work/large.jsonl" >/dev/null
args=(scan "$work/large.jsonl" --out "$work/killed" --quiet --jobs 1 --rules "$source_dir/rules"
  --batch-bytes 262144)
"${mpirun[@]}" -np 1 "$parallax" "${args[@]}" : \
  -np 1 bash -c '"$@" & p=$!; sleep 5; kill -9 $p; wait $p' killer "$parallax" "${args[@]}" \
  >"$work/killed.err" 2>&1
status=$?
[ "$status" -ne 0 ] || fail "a job with a killed process exited 0"
grep -q "the job stopped while process 0 was at batch .* of process [01]; no report" \
  "$work/killed.err" ||
  fail "process 0 did not name the batch in flight: $(cat "$work/killed.err")"
[ ! -e "$work/killed/report.json" ] || fail "a job with a killed process wrote a report"

if [ "$failures" -gt 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "mpirun -np 1/2/4: the same reports as one process; failures end the job"
