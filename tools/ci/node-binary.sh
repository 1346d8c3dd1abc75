#!/usr/bin/env bash
# Prints the path of a Node binary of the given npm range (default: Node 24, the one .nvmrc and the Docker image
# use), fetched once from the npm registry and kept in ~/.cache/partner-admin-center. The binary is the one the
# registry's `node` package installs (`npx node@24`): its platform package node-<os>-<arch> carries bin/node, so
# nothing but the registry is needed. .ci/run runs the unit tests again with it.
set -euo pipefail
range="${1:-^24.11.0}"
major="$(sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"$range")"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/partner-admin-center/node-${major}"
binary="$cache/package/bin/node"
if [ ! -x "$binary" ]; then
  platform="$(node -p 'process.platform + "-" + process.arch')"
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  tarball="$(cd "$download" && npm pack --silent "node-${platform}@${range}" | tail -n 1)"
  mkdir -p "$cache"
  tar -xzf "$download/$tarball" -C "$cache"
  echo "node-binary: Node $("$binary" --version) kept in $cache" >&2
fi
echo "$binary"
