#!/usr/bin/env bash
# Runs every leadq test: installs what is missing, builds (native, sanitizers, wasm),
# then runs each suite, prints one summary line per suite and a final
# "N passed, N failed" line. Exit status is non-zero when anything failed.
#
#   scripts/test.sh            every suite
#   FUZZ_SECONDS=60 scripts/test.sh   longer fuzzing (default 10 s per target)
set -uo pipefail
cd "$(dirname "$0")/.."
logs=build/test-logs
mkdir -p "$logs"

scripts/setup.sh || exit 1

total_passed=0
total_failed=0
summaries=()

# record NAME PASSED FAILED LOG
record() {
  local name=$1 passed=$2 failed=$3 log=$4
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  summaries+=("$(printf '%-28s %4d passed, %d failed' "$name" "$passed" "$failed")")
  if ((failed)); then
    echo "---- $name failed; last lines of $log:"
    tail -n 40 "$log"
  fi
}

# A step that is one check: it passes or fails as a whole.
run_check() {
  local name=$1 log=$logs/$2.log
  shift 2
  echo "== $name"
  if "$@" >"$log" 2>&1; then record "$name" 1 0 "$log"; else record "$name" 0 1 "$log"; fi
}

run_ctest() {
  local name=$1 dir=$2 log=$logs/$3.log
  echo "== $name"
  ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" --timeout 300 >"$log" 2>&1
  local line total failed
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
  if [[ -z $line ]]; then
    record "$name" 0 1 "$log"
    return
  fi
  failed=$(sed -E 's/.* ([0-9]+) tests? failed.*/\1/' <<<"$line")
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  record "$name" $((total - failed)) "$failed" "$log"
}

run_node_tests() {
  local name=$1 log=$logs/$2.log
  shift 2
  echo "== $name"
  node --test "$@" >"$log" 2>&1
  local status=$? passed failed
  passed=$(grep -E '^# pass [0-9]+' "$log" | tail -n 1 | awk '{print $3}')
  failed=$(grep -E '^# fail [0-9]+' "$log" | tail -n 1 | awk '{print $3}')
  passed=${passed:-0}
  failed=${failed:-0}
  ((status == 0 || failed > 0)) || failed=1
  ((passed + failed > 0)) || failed=1  # a runner that ran nothing has failed
  record "$name" "$passed" "$failed" "$log"
}

build_ok=1
for preset in native asan wasm; do
  echo "== build $preset"
  if ! scripts/build.sh "$preset" >"$logs/build-$preset.log" 2>&1; then
    record "build $preset" 0 1 "$logs/build-$preset.log"
    build_ok=0
  fi
done

if ((build_ok)); then
  run_check "clang-format" format bash -c \
    "git ls-files -z -- '*.cc' '*.h' | xargs -0 clang-format --dry-run -Werror"
  run_ctest "core+server (native)" build/native ctest-native
  run_ctest "core+server (asan+ubsan)" build/asan ctest-asan
  if [[ -x node_modules/.bin/tsc ]]; then
    run_check "widget typecheck" typecheck node_modules/.bin/tsc -p jsconfig.json
  fi
  run_node_tests "wasm (node)" wasm tests/wasm/
  if compgen -G "tests/web/*.test.mjs" >/dev/null; then
    run_node_tests "browser (chromium)" web --test-concurrency=1 tests/web/
  fi
  if [[ -x scripts/fuzz.sh ]]; then
    run_check "fuzz (${FUZZ_SECONDS:-10}s per target)" fuzz scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
  fi
fi

echo
echo "Summary (logs in $logs/):"
printf '  %s\n' "${summaries[@]}"
echo "${total_passed} passed, ${total_failed} failed"
((total_failed == 0))
