#!/usr/bin/env bash
# End to end, in instructions: the axum hello-world of bench-e2e.sh (no CORS, the same
# headers with no CORS logic, ours, tower-http's) under `valgrind --tool=callgrind`,
# sent N1 and then N2 requests one after another on one keep-alive connection; the
# server's user-space instructions per request are (Ir(N2) - Ir(N1)) / (N2 - N1), which
# cancels start-up and shutdown. Deterministic where wrk's requests/s on a shared 2-core
# machine are not: the same ratio, no CORS to ours, without the noise of the rounds.
# Kernel work (sockets) is not counted, so the ratio shows the server's own share.
#
#   bash scripts/bench-e2e-callgrind.sh            (needs: apt-get install -y valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 1; }
n1=${E2E_CALLGRIND_N1:-500}
n2=${E2E_CALLGRIND_N2:-2500}
cargo build --release -q -p cors-benches --bin bench_server
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
server="$target_dir/release/bench_server"
work=$(mktemp -d)
pid=
trap 'rm -rf "$work"; [ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT
cat > "$work/client.py" <<'PY'
import http.client, sys
address, load, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = address.rsplit(":", 1)
headers = {"Origin": "https://app.example.com"}
method = "GET"
if load == "preflight":
    method = "OPTIONS"
    headers["Access-Control-Request-Method"] = "PUT"
    headers["Access-Control-Request-Headers"] = "content-type,x-api-key"
connection = http.client.HTTPConnection(host, int(port))
for _ in range(count):
    connection.request(method, "/items", headers=headers)
    connection.getresponse().read()
PY
instructions() { # mode load count -> the server's total Ir
  rm -f "$work/out" "$work/address"
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$server" "$1" 127.0.0.1:0 > "$work/address" 2>"$work/log" &
  pid=$!
  for _ in $(seq 300); do [ -s "$work/address" ] && break; sleep 0.1; done
  [ -s "$work/address" ] || { echo "bench_server $1 did not start:" >&2; cat "$work/log" >&2; exit 1; }
  python3 "$work/client.py" "$(head -1 "$work/address")" "$2" "$3"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=
  awk '/^summary:/ {print $2}' "$work/out"
}
tsv="$work/ir.tsv"
for load in actual preflight; do
  for mode in none headers ours tower-http; do
    a=$(instructions "$mode" "$load" "$n1")
    b=$(instructions "$mode" "$load" "$n2")
    printf '%s\t%s\t%s\n' "$load" "$mode" $(( (b - a) / (n2 - n1) )) | tee -a "$tsv" >&2
  done
done
python3 - "$tsv" "$n1" "$n2" <<'PY'
import sys, collections
ir = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    load, mode, v = line.split()
    ir[load][mode] = int(v)
print(f"Server instructions per request ((Ir({sys.argv[3]}) - Ir({sys.argv[2]})) / {int(sys.argv[3]) - int(sys.argv[2])}, user space)")
print()
print("| load | no CORS | same headers, no CORS logic | ours | tower-http | no CORS / ours | no CORS / tower-http | same headers / ours |")
print("|---|---|---|---|---|---|---|---|")
for load in ["actual", "preflight"]:
    r = ir[load]
    print(f"| {load} | {r['none']:,} | {r['headers']:,} | {r['ours']:,} | {r['tower-http']:,} | "
          f"{r['none'] / r['ours']:.3f} | {r['none'] / r['tower-http']:.3f} | {r['headers'] / r['ours']:.3f} |")
PY
