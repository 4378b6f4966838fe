#!/usr/bin/env bash
# Sets up, then runs the main job on the bundled example models: analysis with the JSON report,
# the HTML report and the badge, as the action would in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p out
node dist/cli.js analyze examples/*.onnx --json out/report.json --html out/report.html --badge out/badge.json
echo "wrote out/report.json, out/report.html, out/badge.json" >&2
