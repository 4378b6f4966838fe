#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for modelexport-action development:
# system packages (torch for the model corpus and the exporter, the ONNX conformance corpus,
# Chromium for the HTML report test), npm dependencies, and the build (dist/).
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

# npm ci only when node_modules does not match package-lock.json (demo and tests both set up).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.setup-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: npm ci" >&2
  npm ci --no-fund --no-audit --loglevel=error
  echo "$lock_hash" > node_modules/.setup-lock-hash
fi
echo "setup: build" >&2
npm run build --silent
