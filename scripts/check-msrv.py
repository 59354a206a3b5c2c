#!/usr/bin/env python3
"""The workspace's `rust-version` is stated, not compiled with that toolchain (this
machine has one toolchain). What can be checked without it is checked here: no crate
that the published crates depend on, with every feature on, declares a newer
`rust-version` than ours. (Std APIs newer than ours are refused by clippy's
`incompatible_msrv` lint, in CI's `clippy -D warnings`.)

    python3 scripts/check-msrv.py        (run by .ci/run)
"""
import json, subprocess, sys

PUBLISHED = {"cors-policy-core", "cors-macro-core", "cors-macro", "cors-runtime"}

def version(text):
    return tuple(int(part) for part in text.split("."))

metadata = json.loads(subprocess.run(
    ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
    check=True, capture_output=True, text=True).stdout)
packages = {p["id"]: p for p in metadata["packages"]}
nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
ours = {p["name"]: p for p in metadata["packages"] if p["id"] in metadata["workspace_members"]}
msrv = {ours[name]["rust_version"] for name in PUBLISHED}
if len(msrv) != 1 or None in msrv:
    sys.exit(f"the published crates must share one rust-version, found {msrv}")
msrv = msrv.pop()

# Everything a user's build of the published crates compiles: normal and build
# dependencies (dev-dependencies stay in this repository), every feature on.
seen, todo = set(), [ours[name]["id"] for name in PUBLISHED]
while todo:
    node = nodes[todo.pop()]
    for dep in node["deps"]:
        if any(kind["kind"] in (None, "build") for kind in dep["dep_kinds"]) and dep["pkg"] not in seen:
            seen.add(dep["pkg"])
            todo.append(dep["pkg"])

newer = sorted(
    f'{packages[id]["name"]} {packages[id]["version"]} (rust-version {packages[id]["rust_version"]})'
    for id in seen
    if packages[id]["rust_version"] and version(packages[id]["rust_version"]) > version(msrv)
)
if newer:
    sys.exit(f"rust-version {msrv} is stated, but these dependencies need a newer Rust:\n  " + "\n  ".join(newer))
print(f"rust-version {msrv}: none of the {len(seen)} crates the published crates build with needs a newer Rust")
