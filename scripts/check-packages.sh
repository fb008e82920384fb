#!/usr/bin/env bash
# Checks every package the way it would be published: builds, packs it with pnpm (which rewrites
# `workspace:` ranges, as publishing does), then lints the tarball with publint (warnings are errors)
# and @arethetypeswrong/cli (types resolve for node10, node16 CJS/ESM and bundlers).
# Usage: scripts/check-packages.sh            (SKIP_BUILD=1 to reuse dist/ from a build just made)
set -uo pipefail
cd "$(dirname "$0")/.."
PNPM="npx -y pnpm@10"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  $PNPM run build >/dev/null || { echo "check-packages: build failed"; exit 1; }
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=()
for dir in packages/*/; do
  pkg=$(basename "$dir")
  dest="$out/$pkg"
  mkdir -p "$dest"
  if ! (cd "$dir" && $PNPM pack --pack-destination "$dest" >/dev/null); then
    failed+=("$pkg (pack)")
    continue
  fi
  tarball=$(ls "$dest"/*.tgz)
  echo "== $pkg: $(basename "$tarball")"
  npx --no-install publint run "$tarball" --strict || failed+=("$pkg (publint)")
  npx --no-install attw "$tarball" --format table-flipped || failed+=("$pkg (attw)")
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "check-packages: failed: ${failed[*]}"
  exit 1
fi
echo "check-packages: every package passes publint and attw"
