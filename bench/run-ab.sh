#!/usr/bin/env bash
# Two builds of Coffer side by side, measured in turn (the A/B runs of README "Performance"):
#   starts `coffer dev` from A_DIR's and from B_DIR's target/coffer.jar (and target/lib), each on a
#   free loopback port with a temporary data directory and its own JVM options, warms both up, then
#   measures them in turn, round after round, with the load harness, so that both see the same
#   machine within the same minute. Build each first (./build package -DskipTests in each worktree).
#
#   A_DIR=../old B_DIR=. [A_OPTS=...] [B_OPTS=...] bench/run-ab.sh [--operation GetSecretValue]
#       [--connections 64] [--warmup 70] [--duration 15] [--rounds 4]
#
# A_DIR and B_DIR may be the same directory, to compare JVM options (for example
# B_OPTS=-Dcoffer.sqlite.commitDelayMicros=0). Prints one markdown row a round and server.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
operation=GetSecretValue connections=64 warmup=70 duration=15 rounds=4
while [[ $# -gt 0 ]]; do
  case "$1" in
    --operation) operation="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --warmup) warmup="${2%s}"; shift 2 ;;
    --duration) duration="${2%s}"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: A_DIR=... B_DIR=... $0 [--operation OP] [--connections N] [--warmup S] [--duration S] [--rounds N]" >&2; exit 2 ;;
  esac
done
: "${A_DIR:?set A_DIR to the worktree of build A}" "${B_DIR:?set B_DIR to the worktree of build B}"
source "$here/bench/common.sh"
pids=() dirs=() ports=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  rm -rf "${dirs[@]}"
}
trap cleanup EXIT
for side in A B; do
  src_var="${side}_DIR" opts_var="${side}_OPTS"
  d="$(mktemp -d)" port="$(free_port)"
  [[ -f "${!src_var}/target/coffer.jar" ]] || { echo "run-ab: no ${!src_var}/target/coffer.jar; build it first" >&2; exit 1; }
  # Copies, so that rebuilding a worktree during the run changes nothing.
  cp "${!src_var}/target/coffer.jar" "$d/coffer.jar"
  cp -r "${!src_var}/target/lib" "$d/lib"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${!opts_var:-} -jar "$d/coffer.jar" dev \
    --port "$port" --data "$d/data" >"$d/server.log" 2>&1 &
  pids+=($!) dirs+=("$d") ports+=("$port")
done
await_listening "${dirs[@]}"
measure() { # index warmup duration
  AWS_ACCESS_KEY_ID="$COFFER_ROOT_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$COFFER_ROOT_SECRET_ACCESS_KEY" \
    "$here/coffer" bench load --endpoint-url "http://127.0.0.1:${ports[$1]}" --operation "$operation" \
    --connections "$connections" --warmup "${2}s" --duration "${3}s" --server-pid "${pids[$1]}" \
    --markdown | tail -n 1
}
echo "run-ab: warming up both servers (${warmup} s each)" >&2
measure 0 "$warmup" 5 >/dev/null
measure 1 "$warmup" 5 >/dev/null
echo "| build | operation | connections | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | failed | server RSS MiB (peak) | server CPU (cores) | server CPU µs/req | server switches/req |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for _ in $(seq 1 "$rounds"); do
  echo "| A $(measure 0 5 "$duration")"
  echo "| B $(measure 1 5 "$duration")"
done
