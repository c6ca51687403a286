#!/usr/bin/env bash
# Runs leadq: installs what is missing, builds native + wasm (and the shipped widget),
# and serves the demo site, the widget and the API on http://127.0.0.1:${PORT:-8080}
# with the SQLite database in ./data. Ctrl-C stops the server cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh native wasm
exec build/native/server/leadq serve \
  --port "${PORT:-8080}" --bind "${BIND:-127.0.0.1}" --data-dir "${DATA_DIR:-data}" \
  --web-root web --widget-dir build/widget --seed-flows web/demo/flows "$@"
