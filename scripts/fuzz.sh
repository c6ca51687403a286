#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz", clang) and runs each for SECONDS seconds
# (default 10), starting from a seed corpus made of tests/data: flow decoding, the
# engine, the core's JSON codec against nlohmann/json, compiled flows (the widget's
# runtime) and the implicit-profile fold (fold_events). Exits non-zero when a
# target finds a crash, a sanitizer report or a timeout; the reproducer is left in
# build/fuzz/artifacts/.
#
#   scripts/fuzz.sh 10     # what scripts/test.sh runs
#   scripts/fuzz.sh 3600   # a long run (see bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh SECONDS" >&2; exit 2; }

dir=build/fuzz
mkdir -p "$dir"
if ! { cmake --preset fuzz && cmake --build --preset fuzz -j2; } >"$dir/build.log" 2>&1; then
  echo "building the fuzz targets failed; last lines of $dir/build.log:" >&2
  tail -n 30 "$dir/build.log" >&2
  exit 1
fi

rm -rf "$dir/seeds"
"$dir/tests/fuzz/leadq_fuzz_seeds" "$dir/seeds" >/dev/null
mkdir -p "$dir/artifacts"

status=0
for target in flow_decode engine json compiled_flow events; do
  corpus=$dir/corpus/$target
  mkdir -p "$corpus"
  echo "fuzzing $target for ${seconds}s"
  # -max_total_time bounds the run; timeout(1) is a second guard should it hang.
  if ! timeout --signal=KILL $((seconds + 120)) "$dir/tests/fuzz/leadq_fuzz_$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$dir/artifacts/$target-" \
      "$corpus" "$dir/seeds/$target" >"$dir/$target.log" 2>&1; then
    echo "fuzz target $target failed; see $dir/$target.log and $dir/artifacts/" >&2
    tail -n 30 "$dir/$target.log" >&2
    status=1
  else
    grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$dir/$target.log" | tail -n 2 || true
  fi
done
exit $status
