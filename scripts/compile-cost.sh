#!/usr/bin/env bash
# Compile cost: (1) what a 1000-origin `cors!` adds to a crate's build over a 1-origin
# one (the macro's expansion plus compiling what it generates), median of 3 rebuilds;
# (2) clean release-less (dev) build time of cors-runtime alone and with each feature.
#
#   bash scripts/compile-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$work/target"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f\n", e - s }'; }

mkdir -p "$work/probe/src"
cat > "$work/probe/Cargo.toml" <<TOML
[package]
name = "probe"
version = "0.0.0"
edition = "2024"
[dependencies]
cors-runtime = { path = "$root/cors-runtime" }
[workspace]
TOML
write_policy() {
  python3 - "$1" > "$work/probe/src/main.rs" <<'PY'
import sys
n = int(sys.argv[1])
origins = ",\n".join(f'"https://tenant{i}.example.com"' for i in range(n))
print(f"fn main() {{ let p = cors_runtime::cors! {{ origin: [{origins}] }}; println!(\"{{p:?}}\"); }}")
PY
}
write_policy 1
(cd "$work/probe" && cargo build -q)   # dependencies, once
for n in 1 1000; do
  write_policy "$n"
  times=$(for _ in 1 2 3; do touch "$work/probe/src/main.rs"; (cd "$work/probe" && seconds cargo build -q); done)
  echo "probe crate with $n origin(s): $(median <<<"$times") s (median of 3 rebuilds)"
done

echo
for features in "" tower hyper actix-web axum "tower,hyper,actix-web"; do
  cargo clean -q
  t=$(seconds cargo build -q -p cors-runtime --manifest-path "$root/Cargo.toml" ${features:+--features "$features"})
  echo "clean build of cors-runtime --features '${features:-<none>}': ${t} s"
done
