#!/usr/bin/env bash
# Every benchmark of BENCHMARKS.md, then BENCHMARKS.md itself, regenerated from their
# output (scripts/bench-report.py), stamped with the commit measured. Nothing else
# writes its tables.
#
#   bash scripts/bench-all.sh            (needs valgrind and wrk; ~20 min on 2 cores)
#   env: BENCH_ROUNDS (criterion rounds, 3), E2E_ROUNDS (5), E2E_SECONDS (5),
#        BENCH_COMPILE=0 to skip the compile-cost section, BENCH_LOAD (a sentence on the
#        machine's load, printed in the report)
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
out="$target_dir/bench-results"
rm -rf "$out"; mkdir -p "$out"
git rev-parse --short HEAD > "$out/commit"
git status --porcelain --untracked-files=no | grep -q . && echo "dirty" > "$out/dirty" || true
{ nproc; uname -sr; rustc --version; grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; uptime; } > "$out/machine"
echo "${BENCH_LOAD:-}" > "$out/load"

echo "== build" >&2
cargo build --release -q -p cors-benches --bins
cargo bench -q -p cors-benches --no-run 2>/dev/null

echo "== allocations" >&2
"$target_dir/release/allocations" > "$out/allocations.md"

echo "== callgrind" >&2
CALLGRIND_TSV="$out/callgrind.tsv" bash scripts/bench-callgrind.sh > "$out/callgrind.md"

echo "== callgrind, a browser's request" >&2
CORS_BENCH_BROWSER_HEADERS=1 CALLGRIND_TSV="$out/callgrind-browser.tsv" bash scripts/bench-callgrind.sh \
  bare_tower floor floor_contract tower_ours tower_http actix_bare actix_ours actix_cors > "$out/callgrind-browser.md"

echo "== criterion: requests, ${BENCH_ROUNDS:-3} rounds" >&2
for round in $(seq "${BENCH_ROUNDS:-3}"); do
  rm -rf "$target_dir/criterion"
  cargo bench -q -p cors-benches --bench requests -- --warm-up-time 0.5 --measurement-time 1 --noplot >/dev/null 2>&1
  mkdir -p "$out/requests/$round"
  cp -r "$target_dir/criterion/." "$out/requests/$round/"
done

echo "== criterion: origin sets" >&2
rm -rf "$target_dir/criterion"
cargo bench -q -p cors-benches --bench origin_sets -- --warm-up-time 0.3 --measurement-time 0.7 --noplot >/dev/null 2>&1
cp -r "$target_dir/criterion" "$out/origin_sets"

echo "== threads" >&2
"$target_dir/release/threads" 7 100000 > "$out/threads.md"

echo "== end to end" >&2
bash scripts/bench-e2e.sh "${E2E_ROUNDS:-5}" "${E2E_SECONDS:-5}" > "$out/e2e.md"

echo "== end to end, instructions" >&2
bash scripts/bench-e2e-callgrind.sh > "$out/e2e-callgrind.md"

if [ "${BENCH_COMPILE:-1}" != 0 ]; then
  echo "== compile cost" >&2
  bash scripts/compile-cost.sh > "$out/compile.txt"
fi
uptime >> "$out/machine"

python3 scripts/bench-report.py "$out" > BENCHMARKS.md
echo "BENCHMARKS.md written from $out" >&2
