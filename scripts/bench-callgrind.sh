#!/usr/bin/env bash
# Instructions per request, from callgrind: deterministic where times on a shared machine
# are not. For each scenario and library, callgrind_target runs N1 and then N2 requests
# under `valgrind --tool=callgrind`; (Ir(N2) - Ir(N1)) / (N2 - N1) is one request's
# instruction count, start-up and set-up cancelled. Net = library - its bare service.
# Prints a Markdown table (and writes target/bench-callgrind.tsv).
#
#   bash scripts/bench-callgrind.sh [library ...]     (needs: apt-get install -y valgrind)
#   CORS_BENCH_BROWSER_HEADERS=1 bash scripts/bench-callgrind.sh ...   (requests also carry
#   the ten other headers a browser sends: benches/src/lib.rs, BROWSER_HEADERS)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 1; }
n1=${CALLGRIND_N1:-200}
n2=${CALLGRIND_N2:-1200}
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
# CALLGRIND_BIN: an already built target (e.g. a copy made at another commit).
bin=${CALLGRIND_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release -q -p cors-benches --bin callgrind_target
  bin="$target_dir/release/callgrind_target"
fi
libraries=("$@")
if [ ${#libraries[@]} -eq 0 ]; then
  libraries=(bare_tower floor floor_contract tower_ours tower_built tower_http hyper_ours actix_bare actix_ours actix_cors)
fi
scenarios=(actual_allowed actual_disallowed no_origin preflight_1_header preflight_5_headers preflight_rejected preflight_64k_commas)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
instructions() { # library scenario iterations -> total Ir
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$bin" "$1" "$2" "$3" 2>"$work/log" >/dev/null
  awk '/^summary:/ {print $2}' "$work/out"
}
tsv=${CALLGRIND_TSV:-$target_dir/bench-callgrind.tsv}
: > "$tsv"
for scenario in "${scenarios[@]}"; do
  for library in "${libraries[@]}"; do
    a=$(instructions "$library" "$scenario" "$n1")
    b=$(instructions "$library" "$scenario" "$n2")
    per=$(( (b - a) / (n2 - n1) ))
    printf '%s\t%s\t%s\n' "$scenario" "$library" "$per" | tee -a "$tsv" >&2
  done
done
python3 - "$tsv" <<'PY'
import sys, collections
rows = collections.OrderedDict()
libs = []
for line in open(sys.argv[1]):
    scenario, library, ir = line.split()
    rows.setdefault(scenario, {})[library] = int(ir)
    if library not in libs: libs.append(library)
print("| scenario | " + " | ".join(libs) + " |")
print("|---|" + "---|" * len(libs))
for scenario, cells in rows.items():
    print(f"| {scenario} | " + " | ".join(f"{cells[l]:,}" for l in libs) + " |")
PY
