#!/usr/bin/env bash
# Instructions per answer (not a test): leadq under callgrind answers a fixed workload, and
# the user-space instructions it executed are divided by the answers it stored. On a quiet
# machine this count repeats far more closely than a rate, so two builds can be compared by
# a few percent (run each twice). Other load on the machine makes the run slower, and
# loops that wake on a timer (cpp-httplib's keep-alive polls, the delivery worker) then
# add instructions: compare on a quiet machine. It leaves out the kernel's share (sockets,
# fsync, scheduling), which the wrk benchmark (server_bench.sh) includes.
#
#   bench/answer_instructions.sh [LEADQ_BINARY]      default: build/native/server/leadq
#
# The workload: 400 sessions of the demo flow over 8 connections; each session's first
# two answers warm up, its next three (need, timing, e-mail: the last one qualifies the
# lead and hands it over) are counted. Takes about five minutes. Needs valgrind and wrk
# (apt-get install -y valgrind wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
leadq=${1:-build/native/server/leadq}
sessions=400
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[[ -x $leadq ]] || { echo "build first: scripts/build.sh native" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

timeout 900 valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$leadq" serve --port 0 --data-dir "$work/data" --seed-flows web/demo/flows --rate-ip 0 \
  --rate-site 0 --threads 16 --admin-key bench-admin-key-0000 >"$work/serve.log" \
  2>"$work/valgrind.log" &
server_pid=$!
for _ in $(seq 300); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.2; done
url=$(sed -n 's/^leadq listening on //p' "$work/serve.log")
[[ -n $url ]] || { cat "$work/serve.log" "$work/valgrind.log"; exit 1; }
valgrind_pid=$(pgrep -P "$server_pid" | head -1)
stored() { curl -s "$url/metrics" | awk '/^leadq_answers_stored_total/ {print $2}'; }

echo "== $sessions sessions, 2 answers each to warm up"
timeout 100 wrk -t1 -c8 -d90s -s bench/wrk/answers.lua "$url" -- start "$sessions" >/dev/null
timeout 100 wrk -t1 -c8 -d90s -s bench/wrk/answers.lua "$url" \
  -- answer "$sessions" $((sessions * 2)) 0 >/dev/null
before=$(stored)
callgrind_control --zero "$valgrind_pid" >/dev/null 2>&1
echo "== 3 answers each, counted"
timeout 300 wrk -t1 -c8 -d290s -s bench/wrk/answers.lua "$url" \
  -- answer "$sessions" $((sessions * 3)) $((sessions * 2)) >/dev/null
callgrind_control --dump "$valgrind_pid" >/dev/null 2>&1
after=$(stored)
dump=$(ls "$work"/callgrind.out.* | head -1)
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
answered=$((after - before))
echo "answers counted $answered, instructions per answer $((total / answered))"
