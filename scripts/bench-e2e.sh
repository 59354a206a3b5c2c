#!/usr/bin/env bash
# End-to-end throughput: axum hello-world with no CORS, with ours, with tower-http's,
# each driven by wrk on loopback for a bounded time, for actual requests and preflights.
# Server pinned to CPU 0, wrk to CPU 1. Prints requests/s and the ratio to no-CORS.
#
#   bash scripts/bench-e2e.sh [seconds-per-run]     (needs: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
port=8090
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p cors-runtime --all-features --example bench_server
server=target/release/examples/bench_server
lua_dir=$(mktemp -d)
trap 'rm -rf "$lua_dir"; kill $(jobs -p) 2>/dev/null || true' EXIT
cat > "$lua_dir/actual.lua" <<'LUA'
wrk.method = "GET"
wrk.headers["Origin"] = "https://app.example.com"
LUA
cat > "$lua_dir/preflight.lua" <<'LUA'
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "https://app.example.com"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type,x-api-key"
LUA
declare -A rps
for mode in none ours tower-http; do
  taskset -c 0 "$server" "$mode" "127.0.0.1:$port" 2>/dev/null &
  pid=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  for load in actual preflight; do
    out=$(taskset -c 1 wrk -t1 -c32 -d"${seconds}s" -s "$lua_dir/$load.lua" "http://127.0.0.1:$port/items")
    rps[$mode,$load]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
    echo "$mode $load: ${rps[$mode,$load]} req/s ${errors:+($errors)}"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
echo
echo "| load | no CORS | ours | tower-http | ours / no CORS | tower-http / no CORS |"
echo "|---|---|---|---|---|---|"
for load in actual preflight; do
  base=${rps[none,$load]}
  awk -v l="$load" -v b="$base" -v o="${rps[ours,$load]}" -v t="${rps[tower-http,$load]}" \
    'BEGIN { printf "| %s | %.0f | %.0f | %.0f | %.3f | %.3f |\n", l, b, o, t, o/b, t/b }'
done
