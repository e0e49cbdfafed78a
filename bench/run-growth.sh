#!/usr/bin/env bash
# Whether an audited server slows down as its audit trail grows:
#   builds target/coffer.jar, starts `coffer dev` on a free loopback port with a temporary data
#   directory, then runs `coffer bench load` (GetSecretValue) for --rounds consecutive rounds of
#   --duration seconds without restarting it, and prints each round's markdown row after the size
#   of the data directory (MB) when the round ended. Every answered read adds a durable event of
#   about 1.3 KB, so at 20,000 req/s the database grows by about 400 MB a round.
#
#   bench/run-growth.sh [--connections 64] [--duration 15] [--rounds 7]
set -euo pipefail
cd "$(dirname "$0")/.."

connections=64 duration=15 rounds=7
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="${2%s}"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: $0 [--connections N] [--duration SECONDS] [--rounds N]" >&2; exit 2 ;;
  esac
done

echo "run-growth: building target/coffer.jar" >&2
./build package -q -DskipTests >&2

source bench/common.sh
# shellcheck disable=SC2206
jvm_opts=(${COFFER_SERVER_JAVA_OPTS--Djdk.pollerMode=1})
port="$(free_port)"
[[ -n "$port" ]] || { echo "run-growth: no free port" >&2; exit 1; }
data="$(mktemp -d)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "${jvm_opts[@]}" \
  -jar target/coffer.jar dev --port "$port" --data "$data" >"$data/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
await_listening "$data"

echo "| round | data MB | operation | connections | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | failed | server RSS MiB (peak) | server CPU cores | server CPU µs/req | server switches/req |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
  row="$(AWS_ACCESS_KEY_ID="$COFFER_ROOT_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$COFFER_ROOT_SECRET_ACCESS_KEY" \
    ./coffer bench load --endpoint-url "http://127.0.0.1:$port" --operation GetSecretValue \
    --connections "$connections" --warmup 2s --duration "${duration}s" --server-pid "$pid" \
    --markdown 2>/dev/null | tail -n 1)"
  echo "| $round | $(du -sm "$data" | cut -f1) $row"
done
