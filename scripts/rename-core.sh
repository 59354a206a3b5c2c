#!/usr/bin/env bash
# Renames the core crate's *package* from `cors-policy-core` (taken on crates.io by an unrelated
# crate) to `cors-policy-core` (free when checked with `cargo info`, 2026-12-01), and its
# library path from `cors_policy_core` to `cors_policy_core`, everywhere: manifests, code, docs,
# tests, fuzz targets, lockfiles. The directory keeps its name (`cors-core/`), so paths
# such as `cors-core/src/check.rs` in the docs stay true.
#
# Mechanical and idempotent; run from anywhere inside the repository, then review the
# diff (`git diff --stat`) and commit. Needs perl and cargo (and the crates.io index for the fuzz lockfile).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

old_pkg=cors-policy-core
new_pkg=cors-policy-core
old_lib=cors_policy_core
new_lib=cors_policy_core

# Every tracked text file (the target directories and the git metadata are not tracked).
mapfile -t files < <(git ls-files -z | xargs -0 grep -IlE "${old_pkg}|${old_lib}" -- 2>/dev/null |
    grep -vE '(^|/)Cargo\.lock$' || true)

for file in "${files[@]}"; do
    [ -L "$file" ] && continue
    case "$file" in
    Cargo.toml | */Cargo.toml)
        # The package name, and each dependency key (`cors-policy-core = {…}`,
        # `cors-policy-core.workspace = true`); `path = "…cors-policy-core"` and the workspace's
        # `members` list name the directory and stay.
        perl -pi -e '
            s/^name = "'"$old_pkg"'"$/name = "'"$new_pkg"'"/;
            s/^'"$old_pkg"'(?=\s*=|\.)/'"$new_pkg"'/;
            s/\b'"$old_lib"'\b/'"$new_lib"'/g;
        ' "$file"
        ;;
    *)
        # The library path in code and docs, and the package name in prose, but not
        # the directory (`cors-core/…`, `../cors-core`).
        perl -pi -e '
            s/\b'"$old_lib"'\b/'"$new_lib"'/g;
            s{(?<![/\w-])'"$old_pkg"'(?![/\w-])}{'"$new_pkg"'}g;
        ' "$file"
        ;;
    esac
done

# Longer paths may need rewrapping; the lockfiles follow the manifests.
cargo fmt --all
cargo fmt --manifest-path fuzz/Cargo.toml --all
cargo metadata --format-version 1 >/dev/null
cargo metadata --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null

if git grep -nI -e "$old_lib" -- . ':!*Cargo.lock'; then
    echo "rename-core.sh: \`$old_lib\` is still named above" >&2
    exit 1
fi
echo "renamed $old_pkg -> $new_pkg ($old_lib -> $new_lib) in ${#files[@]} files"
