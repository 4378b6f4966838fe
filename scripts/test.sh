#!/usr/bin/env bash
# Sets up, then runs the whole test suite twice: on the system Node (20; the real-model corpus is
# generated on first run) and on Node 24, the runtime action.yml declares (the action's
# end-to-end tests and the CLI tests among them; NODE_RUNTIME=declared makes a test check that
# run really is on Node 24). Then actionlint over every workflow shipped or documented.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "test: node $(node --version): the whole suite" >&2
npm test

# Node 24 first on PATH: vitest, the action and CLI processes the tests start, and npm all run on it.
NODE24_BIN="$PWD/.cache/node24/bin"
echo "test: node $("$NODE24_BIN/node" --version): the whole suite again" >&2
NODE_RUNTIME=declared PATH="$NODE24_BIN:$PATH" node node_modules/vitest/vitest.mjs run

node scripts/lint-workflows.mjs
