#!/usr/bin/env bash
# The server benchmark (not a test): answers per second and latency of
# POST /api/v1/sessions/{id}/answers with `wrk` on loopback, each answer durably stored
# (WAL, synchronous=FULL, group commit) and re-decided by the core, next to two baselines
# measured in the same run: the floor (the same answer requests parsed and stored as one
# row through leadq's writer, nothing else) and a bare cpp-httplib hello-world endpoint.
# Prints one summary line per endpoint, the ratios, the server's peak RSS and the CPU time
# per request of each.
#
#   bench/server_bench.sh [SECONDS] [CONNECTIONS]      defaults: 30 64
#   LEADQ_BENCH_THREADS=64 (server threads)  LEADQ_BENCH_SESSIONS=20000 (per wrk thread)
#
# Needs the native build (scripts/build.sh native) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
connections=${2:-64}
threads=${LEADQ_BENCH_THREADS:-64}
sessions=${LEADQ_BENCH_SESSIONS:-20000}
leadq=build/native/server/leadq
hello=build/native/bench/leadq_bench_hello
floor=build/native/bench/leadq_bench_floor
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[[ -x $leadq && -x $hello && -x $floor ]] || { echo "build first: scripts/build.sh native" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# leadq, with rate limits off (wrk is one client IP) and a time limit of its own.
timeout $((seconds + 120)) "$leadq" serve --port 0 --data-dir "$work/data" \
  --seed-flows web/demo/flows --rate-ip 0 --rate-site 0 --threads "$threads" \
  --admin-key bench-admin-key-0000 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
url=$(sed -n 's/^leadq listening on //p' "$work/serve.log")
[[ -n $url ]] || { cat "$work/serve.log"; exit 1; }

# Each wrk thread stops once its sessions exist; wrk itself waits out its duration, so
# it is stopped once the server has counted enough starts and no more arrive.
echo "== creating $((sessions * 2)) sessions (two passes)"
started() {
  curl -s "$url/metrics" |
    awk '/^leadq_http_requests_total\{method="POST",route="\/api\/v1\/sessions",status="2xx"\}/ {print $2}'
}
wrk -t2 -c"$connections" -d300s -s bench/wrk/answers.lua "$url" -- start "$sessions" \
  >"$work/start.txt" &
wrk_pid=$!
last=-1
for _ in $(seq 600); do
  n=$(started)
  ((${n:-0} >= sessions * 4 && n == last)) && break
  last=${n:-0}
  sleep 0.5
done
kill "$wrk_pid" 2>/dev/null || true
wait "$wrk_pid" 2>/dev/null || true
echo "sessions started: $(started)"

# CPU time (user + system, in clock ticks) a process has used: divided by the requests
# served it is a cost per request that depends far less on other load than rates do.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# The same for one named thread of a process (leadq names its writer and checkpointer).
thread_ticks() {
  local task total=0
  for task in /proc/"$1"/task/*; do
    if [[ $(cat "$task/comm" 2>/dev/null) == "$2" ]]; then
      total=$((total + $(cpu_ticks "$1/task/${task##*/}")))
    fi
  done
  echo "$total"
}
leadq_pid=$(pgrep -P "$server_pid" leadq || echo "$server_pid")
stored_before=$(curl -s "$url/metrics" | awk '/^leadq_answers_stored_total/ {print $2}')
ticks_before=$(cpu_ticks "$leadq_pid")
writer_before=$(thread_ticks "$leadq_pid" leadq-writer)
checkpointer_before=$(thread_ticks "$leadq_pid" leadq-checkpt)

echo "== answers: ${seconds}s, $connections connections"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/wrk/answers.lua "$url" \
  -- answer "$sessions" | tee "$work/answers.txt"
if grep -q "Non-2xx" "$work/answers.txt"; then
  echo "warning: some answers were refused: $(grep Non-2xx "$work/answers.txt")"
  echo "  (every session's conversation ended: raise LEADQ_BENCH_SESSIONS above $sessions)"
fi
ticks_answers=$(($(cpu_ticks "$leadq_pid") - ticks_before))
ticks_writer=$(($(thread_ticks "$leadq_pid" leadq-writer) - writer_before))
ticks_checkpointer=$(($(thread_ticks "$leadq_pid" leadq-checkpt) - checkpointer_before))
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$leadq_pid/status")
stored=$(curl -s "$url/metrics" | awk '/^leadq_answers_stored_total/ {print $2}')
answered=$((stored - stored_before))
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=

# The two baselines, each on its own port with the same thread pool and connections.
# run_baseline NAME BINARY LUA [BINARY ARGS...]: prints wrk's figures to $work/NAME.txt and
# the server's CPU ticks to $work/NAME.ticks.
run_baseline() {
  local name=$1 binary=$2 script=$3
  shift 3
  local port=$((20000 + RANDOM % 20000))
  "$binary" "$port" "$threads" $((seconds + 10)) "$@" &
  server_pid=$!
  sleep 0.5
  local before
  before=$(cpu_ticks "$server_pid")
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" "http://127.0.0.1:$port" \
    -- answer "$sessions" | tee "$work/$name.txt"
  echo $(($(cpu_ticks "$server_pid") - before)) >"$work/$name.ticks"
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

echo "== floor (answer parsed and stored durably, nothing else): ${seconds}s, $connections connections"
mkdir -p "$work/floor"
run_baseline floor "$floor" bench/wrk/answers.lua "$work/floor"
echo "== bare cpp-httplib hello: ${seconds}s, $connections connections"
run_baseline hello "$hello" bench/wrk/hello.lua

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
hz=$(getconf CLK_TCK)
per_request() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN {printf "%.0f", t / hz / n * 1e6}'; }
answers=$(rate "$work/answers.txt")
floor_rate=$(rate "$work/floor.txt")
bare=$(rate "$work/hello.txt")
echo
echo "answers/s $answers  p50 $(pct "$work/answers.txt" 50%)  p99 $(pct "$work/answers.txt" 99%)" \
  " errors $(grep -E 'Non-2xx|Socket errors' "$work/answers.txt" | tr -s ' ' | paste -sd' ' || true)"
echo "floor/s   $floor_rate  p50 $(pct "$work/floor.txt" 50%)  p99 $(pct "$work/floor.txt" 99%)"
echo "bare/s    $bare  p50 $(pct "$work/hello.txt" 50%)  p99 $(pct "$work/hello.txt" 99%)"
echo "ratio     answers/bare $(awk -v a="$answers" -v b="$bare" 'BEGIN {printf "%.2f", a / b}')" \
  " floor/bare $(awk -v a="$floor_rate" -v b="$bare" 'BEGIN {printf "%.2f", a / b}')" \
  " answers/floor $(awk -v a="$answers" -v b="$floor_rate" 'BEGIN {printf "%.2f", a / b}')"
echo "peak RSS  $((rss_kb / 1024)) MB   answers stored in the run (server count) $answered"
echo "server CPU per answer $(per_request "$ticks_answers" "$answered") us," \
  "per floor answer $(per_request "$(cat "$work/floor.ticks")" "$(requests "$work/floor.txt")") us," \
  "per bare request $(per_request "$(cat "$work/hello.ticks")" "$(requests "$work/hello.txt")") us"
# The writer thread is the one serial part of the answer path: its CPU time per answer
# bounds the answer rate whatever the number of cores.
writer_us=$(per_request "$ticks_writer" "$answered")
echo "of which the writer thread $writer_us us (alone it allows at most" \
  "$(awk -v w="$writer_us" 'BEGIN {printf "%.0f", (w > 0 ? 1e6 / w : 0)}') answers/s)," \
  "the checkpointer $(per_request "$ticks_checkpointer" "$answered") us"
