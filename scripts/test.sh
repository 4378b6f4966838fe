#!/usr/bin/env bash
# Sets up, then runs the whole test suite on the system Node (20; the real-model corpus is
# generated on first run), the action's end-to-end tests and the CLI tests again on Node 24
# (the runtime action.yml declares), and actionlint over every workflow shipped or documented.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "test: node $(node --version): the whole suite" >&2
npm test

# Node 24 first on PATH: vitest, the action and CLI processes the tests start, and npm all run on it.
NODE24_BIN="$PWD/.cache/node24/bin"
echo "test: node $("$NODE24_BIN/node" --version): the action and CLI end-to-end tests" >&2
NODE_RUNTIME=declared PATH="$NODE24_BIN:$PATH" node node_modules/vitest/vitest.mjs run \
  test/action-e2e.test.ts test/action-validate.test.ts test/cli-baseline.test.ts test/load-errors.test.ts test/node-runtime.test.ts

node scripts/lint-workflows.mjs
