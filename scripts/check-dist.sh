#!/usr/bin/env bash
# dist/ is committed: builds it and fails when the build differs from what is committed
# (a changed, added or removed file under dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = "--no-build" ] || npm run build --silent
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ is stale: run 'npm run build' and commit dist/" >&2
  git status --short -- dist >&2
  exit 1
fi
echo "dist/ matches the build"
