#!/usr/bin/env bash
# Builds leadq incrementally: `scripts/build.sh [preset...]` (default: native wasm).
# Presets are those of CMakePresets.json: native, asan, wasm, fuzz. After the wasm
# preset, the shipped widget is built into build/widget (scripts/build-widget.mjs; needs
# the npm dev tools that scripts/setup.sh installs).
set -euo pipefail
cd "$(dirname "$0")/.."
presets=("$@")
((${#presets[@]})) || presets=(native wasm)
export NODE_PATH=/usr/share/nodejs
for preset in "${presets[@]}"; do
  if [[ ! -f build/$preset/build.ninja ]]; then
    cmake --preset "$preset" >/dev/null
  fi
  # The progress lines are dropped; the pipeline's status is the build's (pipefail, and
  # the filter itself never fails).
  cmake --build --preset "$preset" -- -j"$(nproc)" | { grep -vE '^\[[0-9]+/[0-9]+\] ' || true; }
  if [[ $preset == wasm ]]; then
    if [[ ! -d node_modules/esbuild ]]; then
      echo "build: node_modules/esbuild is missing; run scripts/setup.sh (npm ci)" >&2
      exit 1
    fi
    node scripts/build-widget.mjs
  fi
done
