#!/usr/bin/env bash
# A bounded soak of each adapter on loopback: the soak server (tests/src/bin/
# soak-server.rs, policy `Strict`) driven by wrk with scripts/soak/mix.lua, a mix of
# accepted and refused preflights, allowed and disallowed actual requests and
# malformed ones, each response checked against what its kind must get.
#
#   scripts/soak.sh [seconds-per-adapter] [adapters...]     (default: 20 tower actix hyper)
#
# Reports per adapter: requests/s, checked answers, surprises (a wrong status or a
# wrong Access-Control-Allow-Origin presence), socket errors, and the server's memory
# (VmRSS, and the peak VmHWM) at start, after a 3 s warm-up and at the end. Fails when
# anything is a surprise, a socket errs, or resident memory grows by more than 25%
# (and 8 MiB) between the warm-up and the end. Traffic goes to 127.0.0.1 only, and each
# run stops by itself after its duration.
#
# Beside other services:
#   SOAK_PORT=0 (default)  each adapter's server binds a free port and says which;
#   SOAK_PORT=N            the adapters use N, N+1, … in order (fails if one is taken);
#   CARGO_TARGET_DIR       where cargo builds (default: the workspace's target/);
#   SOAK_SERVER=PATH       a soak-server binary built elsewhere (nothing is built);
#   SOAK_THREADS=N         wrk threads and connections (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
adapters=("$@")
[[ ${#adapters[@]} -gt 0 ]] || adapters=(tower actix hyper)
threads=${SOAK_THREADS:-4}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [[ -n ${SOAK_SERVER:-} ]]; then
    server_bin=$SOAK_SERVER
else
    cargo build --release -q -p cors-tests --bin soak-server
    target_dir=${CARGO_TARGET_DIR:-$(cargo metadata --format-version 1 --no-deps \
        | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)}
    server_bin=$target_dir/release/soak-server
fi
[[ -x $server_bin ]] || { echo "no soak server at $server_bin" >&2; exit 1; }

kib() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }

status=0
report=()
next_port=${SOAK_PORT:-0}
for adapter in "${adapters[@]}"; do
    log=$(mktemp)
    "$server_bin" "$adapter" "$next_port" >"$log" 2>&1 &
    server=$!
    (( next_port == 0 )) || next_port=$((next_port + 1))
    for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
    port=$(grep -m1 -o 'listening on 127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    if [[ -z $port ]] || ! kill -0 $server 2>/dev/null; then
        echo "== $adapter: the soak server did not start:" >&2; cat "$log" >&2
        kill $server 2>/dev/null || true; rm -f "$log"; status=1; continue
    fi
    start_rss=$(kib $server VmRSS); start_hwm=$(kib $server VmHWM)
    wrk -t1 -c1 -d3s -s scripts/soak/mix.lua "http://127.0.0.1:$port/items" >/dev/null
    warm_rss=$(kib $server VmRSS); warm_hwm=$(kib $server VmHWM)
    out=$(wrk -t"$threads" -c"$threads" -d"${seconds}s" --timeout 5s \
        -s scripts/soak/mix.lua "http://127.0.0.1:$port/items")
    end_rss=$(kib $server VmRSS); end_hwm=$(kib $server VmHWM)
    alive=yes
    kill -0 $server 2>/dev/null || alive=no
    kill $server; wait $server 2>/dev/null || true
    rm -f "$log"
    line=$(grep '^SOAK requests' <<<"$out")
    surprises=$(grep -o 'surprises=[0-9]*' <<<"$line" | cut -d= -f2)
    socket=$(grep -o 'socket_errors=[0-9]*' <<<"$line" | cut -d= -f2)
    echo "== $adapter: $line"
    grep '^SOAK surprise' <<<"$out" || true
    verdict=ok
    if [[ $alive != yes || $surprises != 0 || $socket != 0 ]]; then verdict=FAIL; fi
    if (( end_rss > warm_rss * 5 / 4 && end_rss - warm_rss > 8192 )); then verdict="FAIL (memory grew)"; fi
    [[ $verdict == ok ]] || status=1
    report+=("$(printf '%-6s %s | RSS KiB start %s, warm %s, end %s | peak (VmHWM) start %s, warm %s, end %s | %s' \
        "$adapter" "$(sed 's/^SOAK //; s/ (connect[^)]*)//' <<<"$line")" \
        "$start_rss" "$warm_rss" "$end_rss" "$start_hwm" "$warm_hwm" "$end_hwm" "$verdict")")
done

echo "== soak summary (${seconds}s per adapter, wrk -t$threads -c$threads, 127.0.0.1, ports ${SOAK_PORT:-free})"
printf '%s\n' "${report[@]}"
exit "$status"
