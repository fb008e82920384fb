#!/usr/bin/env bash
# Installs the runtimes the runtime matrix (test/runtimes) runs the Fetch cases in, from the npm
# registry, where each ships its binary inside a package: workerd (with wrangler, which bundles a Worker
# the way `wrangler deploy` does), Vercel's edge-runtime, Deno, Bun, and Node.js 22/24/26 (the `node`
# package). Node.js 20 is the Node.js running the tests.
#
# Each goes into its own folder under .tmp/runtimes (outside the workspace and its lockfile), all at
# once, at the pinned versions below; a folder already holding its pinned version is left as it is.
# `nextjs` is examples/nextjs's own `npm ci` (Next.js is kept out of the pnpm workspace: see its README).
#   bash scripts/install-runtimes.sh            # all of them
#   bash scripts/install-runtimes.sh deno bun   # some of them
set -uo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/.tmp/runtimes"

# name → the packages installed into .tmp/runtimes/<name>. Keep the README's runtime table in step.
declare -A PACKAGES=(
  [workerd]="wrangler@4.164.0 workerd@1.20261117.1"
  [edge-runtime]="edge-runtime@4.0.1 esbuild@0.28.2"
  [deno]="deno@2.9.6"
  [bun]="bun@1.4.5"
  [node22]="node@22.23.3"
  [node24]="node@24.21.0"
  [node26]="node@26.10.0"
)

names=("$@")
[ ${#names[@]} -eq 0 ] && names=(workerd edge-runtime deno bun node22 node24 node26 nextjs)

install_nextjs() {
  local target="$PWD/examples/nextjs" stamp start=$SECONDS
  stamp=$(sha256sum "$target/package-lock.json" | cut -d' ' -f1)
  if [ "$(cat "$target/node_modules/.installed" 2>/dev/null)" = "$stamp" ]; then
    echo "install-runtimes: nextjs already installed"
    return 0
  fi
  if (cd "$target" && npm ci --no-audit --no-fund --loglevel=error) >"$dir/nextjs.log" 2>&1; then
    echo "$stamp" >"$target/node_modules/.installed"
    echo "install-runtimes: nextjs installed in $((SECONDS - start)) s (examples/nextjs: npm ci)"
  else
    echo "install-runtimes: nextjs FAILED after $((SECONDS - start)) s; its log:" >&2
    cat "$dir/nextjs.log" >&2
    return 1
  fi
}

install_one() {
  [ "$1" = nextjs ] && { install_nextjs; return; }
  local name=$1 pkgs=${PACKAGES[$1]:-}
  [ -n "$pkgs" ] || { echo "install-runtimes: unknown runtime $name" >&2; return 2; }
  local target="$dir/$name"
  if [ "$(cat "$target/.installed" 2>/dev/null)" = "$pkgs" ]; then
    echo "install-runtimes: $name already installed ($pkgs)"
    return 0
  fi
  rm -rf "$target" && mkdir -p "$target"
  echo '{"private":true}' >"$target/package.json"
  local start=$SECONDS
  # --foreground-scripts: the packages' postinstall scripts put the platform binary in place.
  if (cd "$target" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    $pkgs) >"$target.log" 2>&1; then
    echo "$pkgs" >"$target/.installed"
    echo "install-runtimes: $name installed in $((SECONDS - start)) s ($pkgs)"
  else
    echo "install-runtimes: $name FAILED after $((SECONDS - start)) s; its log:" >&2
    cat "$target.log" >&2
    return 1
  fi
}

mkdir -p "$dir"
pids=()
for name in "${names[@]}"; do
  install_one "$name" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
