#!/usr/bin/env bash
# Builds leadq incrementally: `scripts/build.sh [preset...]` (default: native wasm).
# Presets are those of CMakePresets.json: native, asan, wasm, fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
presets=("$@")
((${#presets[@]})) || presets=(native wasm)
export NODE_PATH=/usr/share/nodejs
for preset in "${presets[@]}"; do
  if [[ ! -f build/$preset/build.ninja ]]; then
    cmake --preset "$preset" >/dev/null
  fi
  cmake --build --preset "$preset" -- -j"$(nproc)" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
  test "${PIPESTATUS[0]}" -eq 0
done
