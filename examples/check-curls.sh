#!/usr/bin/env bash
# Runs the curl commands written in an example's doc comment against the running
# example and compares their output with the answers written under them, so that the
# comments stay true. The `date` header changes with every answer, so the comments leave
# it out and so does the comparison.
#
# Usage: examples/check-curls.sh examples/src/bin/axum.rs   (with the axum example up)
#
# In the doc comment, a ```text fence holds transcripts: a line starting with `$ ` is a
# command (continued by a trailing `\`), and the lines after it, up to the next command
# or the fence's end, are its expected output.
set -euo pipefail

file=${1:?usage: $0 examples/src/bin/NAME.rs}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One NAME.cmd / NAME.expected pair per transcript.
sed -n 's|^//! \{0,1\}||p' "$file" | awk -v dir="$work" '
    /^```text$/ { fence = 1; next }
    /^```$/     { fence = 0; cont = 0; next }
    !fence      { next }
    cont        { print > cmd; cont = /\\$/; next }
    /^\$ /      { n++; cmd = sprintf("%s/%02d.cmd", dir, n); out = sprintf("%s/%02d.expected", dir, n)
                  print substr($0, 3) > cmd; printf "" > out; cont = /\\$/; next }
    n           { print > out }
'

failed=0
total=0
for cmd in "$work"/*.cmd; do
    [ -e "$cmd" ] || { echo "no transcripts in $file" >&2; exit 1; }
    total=$((total + 1))
    expected=${cmd%.cmd}.expected
    actual=${cmd%.cmd}.actual
    # curl prints CRLF header lines and no newline after a body that has none.
    { bash "$cmd"; echo; } | tr -d '\r' | grep -iv '^date:' >"$actual" || true
    # Blank lines at the end carry no meaning on either side.
    for f in "$expected" "$actual"; do
        sed -i -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' "$f"
        # Status line, header lines sorted, then the rest as it is.
        { head -1 "$f"; { sed -n '2,/^$/p' "$f" | grep -v '^$' || true; } | sort; sed -n '/^$/,$p' "$f"; } >"$f.sorted"
    done
    if diff -u "$expected.sorted" "$actual.sorted" >"$actual.diff"; then
        echo "ok: $(head -1 "$cmd")"
    else
        failed=$((failed + 1))
        echo "DIFFERS: $(cat "$cmd")"
        sed 's/^/    /' "$actual.diff"
    fi
done
echo "$((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
