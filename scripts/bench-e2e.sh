#!/usr/bin/env bash
# End-to-end throughput: axum hello-world with no CORS, with the same response headers as
# ours but no CORS logic (what the headers cost on the wire), with ours, with tower-http's,
# each driven by wrk on loopback, for actual requests and preflights. Rounds are
# interleaved (every server and load once per round, in turn), so that a change of the
# machine's load hits all of them alike; reported: the median over rounds and the
# spread (min–max), and the ratio to no-CORS per round (median and spread).
# Server pinned to CPU 0, wrk to CPU 1 (CPUs configurable). Ports: ephemeral.
#
#   bash scripts/bench-e2e.sh [rounds=5] [seconds-per-run=5]   (needs: apt-get install -y wrk)
#   env: E2E_SERVER_CPU (0), E2E_WRK_CPU (1), E2E_CONNECTIONS (32)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
seconds="${2:-5}"
server_cpu=${E2E_SERVER_CPU:-0}
wrk_cpu=${E2E_WRK_CPU:-1}
connections=${E2E_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p cors-benches --bin bench_server
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
server="$target_dir/release/bench_server"
work=$(mktemp -d)
pid=
trap 'rm -rf "$work"; [ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT
cat > "$work/actual.lua" <<'LUA'
wrk.method = "GET"
wrk.headers["Origin"] = "https://app.example.com"
LUA
cat > "$work/preflight.lua" <<'LUA'
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "https://app.example.com"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type,x-api-key"
LUA
tsv="$work/rounds.tsv"
for round in $(seq "$rounds"); do
  for mode in none headers ours tower-http; do
    taskset -c "$server_cpu" "$server" "$mode" 127.0.0.1:0 > "$work/address" 2>"$work/server.log" &
    pid=$!
    # A loaded machine can take seconds to start a process: wait up to 30 s.
    for _ in $(seq 300); do [ -s "$work/address" ] && break; sleep 0.1; done
    address=$(head -1 "$work/address")
    [ -n "$address" ] || { echo "bench_server $mode did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
    for load in actual preflight; do
      out=$(taskset -c "$wrk_cpu" wrk -t1 -c"$connections" -d"${seconds}s" -s "$work/$load.lua" "http://$address/items")
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      errors=$(awk '/Socket errors/' <<<"$out")
      [ -n "$errors" ] && echo "round $round $mode $load: $errors" >&2
      printf '%s\t%s\t%s\t%s\n' "$round" "$mode" "$load" "$rps" >> "$tsv"
      echo "round $round: $mode $load $rps req/s" >&2
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done
done
python3 - "$tsv" "$rounds" <<'PY'
import sys, statistics, collections
rps = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    r, mode, load, v = line.split()
    rps[(mode, load)][int(r)] = float(v)
def cell(values):
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"
print(f"{sys.argv[2]} interleaved rounds; requests/s, median (min–max); ratio = per round, to the same round's no-CORS server")
print()
print("| load | no CORS | same headers, no CORS logic | ours | tower-http | ours / no CORS | tower-http / no CORS | ours / same headers | same headers / no CORS |")
print("|---|---|---|---|---|---|---|---|---|")
for load in ["actual", "preflight"]:
    base = rps[("none", load)]
    cells = [cell(list(rps[(m, load)].values())) for m in ["none", "headers", "ours", "tower-http"]]
    ratios = []
    for m, against in [("ours", base), ("tower-http", base), ("ours", rps[("headers", load)]), ("headers", base)]:
        rs = [rps[(m, load)][r] / against[r] for r in against]
        ratios.append(f"{statistics.median(rs):.3f} ({min(rs):.3f}–{max(rs):.3f})")
    print(f"| {load} | " + " | ".join(cells + ratios) + " |")
PY
