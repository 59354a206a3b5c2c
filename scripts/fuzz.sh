#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, on stable Rust.
#
#   scripts/fuzz.sh [seconds-per-target]      (default 60; .ci/run uses a short budget)
#
# cargo-fuzz (libFuzzer) works on the stable toolchain when no sanitizer is asked for:
# `cargo fuzz run --sanitizer none TARGET` needs no nightly flag (no -Zsanitizer, no
# -Zbuild-std) and no RUSTC_BOOTSTRAP; the targets are built in release mode with debug
# assertions and overflow checks on, so an overflow is a crash too. By hand:
#
#   cargo install cargo-fuzz --locked --version 0.13.2
#   cd fuzz && cargo fuzz run --sanitizer none engine corpus/engine seeds/engine -- -max_total_time=60
#
# Each target starts from its committed seeds (fuzz/seeds/TARGET) and keeps what it
# finds in fuzz/corpus/TARGET (not committed); a crash is saved under fuzz/artifacts/
# and fails this script. Replay one with `cargo fuzz run --sanitizer none TARGET FILE`.
#
# Input lengths: libFuzzer grows its length limit slowly from short inputs by default,
# so in two minutes the engine and acrh targets never got near the 8 KiB
# request-header cap. Here they run with `-len_control=0` (the limit is -max_len from
# the first input) and -max_len=32768, from seeds just under, at and over the cap
# (fuzz/seeds/engine/acrh_*, fuzz/seeds/acrh/*_9k…), so the cap and the code past it
# are fuzzed from the first second. The summary says, per target, how many inputs ran,
# the largest input the fuzzer added to the corpus, and how many it kept over 8 KiB.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=${1:-60}
targets=(engine parsers acrh macro_pipeline)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "== installing cargo-fuzz (crates.io)"
    cargo install cargo-fuzz --locked --version 0.13.2
fi

echo "== building ${targets[*]} (stable, --sanitizer none, debug assertions on)"
cargo fuzz build --sanitizer none

status=0
summary=()
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    # engine, acrh: up to 32 KiB, at full length at once (past the 8 KiB request-header
    # cap and the 512-byte origin cap); parsers: origins, 4 KiB is past their 512-byte
    # cap; macro_pipeline: token streams, whose length libFuzzer may grow as it likes.
    case $target in
        engine | acrh) length=(-max_len=32768 -len_control=0) ;;
        parsers) length=(-max_len=4096 -len_control=0) ;;
        *) length=(-max_len=16384) ;;
    esac
    log="target/fuzz-$target.log"
    echo "== $target for ${seconds}s (${length[*]})"
    if cargo fuzz run --sanitizer none "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" "${length[@]}" -print_final_stats=1 \
        >"$log" 2>&1; then
        outcome="no crash"
    else
        outcome="CRASH (see $log and artifacts/$target)"
        status=1
        tail -40 "$log"
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    corpus=$(find "corpus/$target" -type f | wc -l)
    # The inputs libFuzzer added this run (`NEW`/`REDUCE` lines say `L: <len>/<max>`).
    largest=$(grep -oE 'L: [0-9]+/' "$log" | grep -oE '[0-9]+' | sort -n | tail -1)
    over_cap=$(find "corpus/$target" -type f -size +8192c | wc -l)
    summary+=("$(printf '%-15s %12s executions  %6s corpus files  largest new input %6s bytes  %4s kept over 8 KiB  %s' \
        "$target" "${runs:-?}" "$corpus" "${largest:-0}" "$over_cap" "$outcome")")
done

echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit "$status"
