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
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
adapters=("$@")
[[ ${#adapters[@]} -gt 0 ]] || adapters=(tower actix hyper)
threads=${SOAK_THREADS:-4}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release -q -p cors-tests --bin soak-server
server_bin=target/release/soak-server

kib() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }

status=0
report=()
port=18080
for adapter in "${adapters[@]}"; do
    port=$((port + 1))
    log=$(mktemp)
    "$server_bin" "$adapter" "$port" >"$log" 2>&1 &
    server=$!
    for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.1; done
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

echo "== soak summary (${seconds}s per adapter, wrk -t$threads -c$threads, 127.0.0.1)"
printf '%s\n' "${report[@]}"
exit "$status"
