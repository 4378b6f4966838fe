#!/usr/bin/env bash
# Sets up, then runs the whole test suite (the real-model corpus is generated on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
