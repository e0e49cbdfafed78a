#!/usr/bin/env bash
# Measures Coffer under load on this machine and prints a markdown table:
#   builds target/coffer.jar, starts `coffer dev` on a free loopback port with a temporary data
#   directory, runs `coffer bench load` for GetSecretValue and PutSecretValue, and stops the server.
#   By default the server and the harness share every CPU, as issue #2's targets are set ("the
#   harness on the same machine"); with --pin the server runs on CPU 0 and the harness on CPU 1
#   (taskset; needs two or more CPUs), which shows what one core of server does.
#
#   bench/run-load.sh [--connections 64] [--warmup 60s] [--duration 20s] [--pin]
#
# Extra JVM options for the server: COFFER_SERVER_JAVA_OPTS (e.g. a JFR recording).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

connections=64 warmup=60s duration=20s pin=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --pin) pin=1; shift ;;
    *) echo "usage: $0 [--connections N] [--warmup 60s] [--duration 20s] [--pin]" >&2; exit 2 ;;
  esac
done

echo "run-load: building target/coffer.jar" >&2
./build package >&2

# A free port: bind port 0 and read what the kernel chose (the jar's JDK does it; no python needed).
source bin/jdk.sh
coffer_find_jdk
port="$("$JAVA_HOME/bin/jshell" -R-Xshare:auto -q - <<<'try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { System.out.println(s.getLocalPort()); }
/exit' 2>/dev/null | tr -dc '0-9')"
[[ -n "$port" ]] || { echo "run-load: cannot find a free port" >&2; exit 1; }

data="$(mktemp -d)"
server_pin=() harness_pin=()
if [[ $pin -eq 1 ]]; then
  command -v taskset >/dev/null 2>&1 && [[ "$(nproc)" -ge 2 ]] ||
    { echo "run-load: --pin needs taskset and two or more CPUs" >&2; exit 2; }
  server_pin=(taskset -c 0)
  harness_pin=(taskset -c 1)
fi
export COFFER_ROOT_ACCESS_KEY_ID="AKIDBENCH$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n' | tr a-f A-F)"
export COFFER_ROOT_SECRET_ACCESS_KEY="$(od -An -N30 -tx1 /dev/urandom | tr -d ' \n')"

COFFER_JAVA_OPTS="${COFFER_SERVER_JAVA_OPTS:-}" "${server_pin[@]}" \
  ./coffer dev --port "$port" --data "$data" >"$data/server.log" 2>&1 &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  grep -q "Coffer is listening" "$data/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "Coffer is listening" "$data/server.log" || { echo "run-load: the server did not start" >&2; exit 1; }

pins="unpinned"
[[ ${#server_pin[@]} -gt 0 ]] && pins="server on CPU 0, harness on CPU 1"
echo "Coffer load test: $(nproc) CPUs ($pins), $connections connections, $warmup warm-up, $duration measured, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
first=1
for op in GetSecretValue PutSecretValue; do
  echo "run-load: $op..." >&2
  out="$(AWS_ACCESS_KEY_ID="$COFFER_ROOT_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$COFFER_ROOT_SECRET_ACCESS_KEY" \
    "${harness_pin[@]}" ./coffer bench load --endpoint-url "http://127.0.0.1:$port" \
    --operation "$op" --connections "$connections" --warmup "$warmup" --duration "$duration" \
    --server-pid "$server_pid" --markdown)"
  if [[ $first -eq 1 ]]; then echo "$out"; first=0; else echo "$out" | tail -n 1; fi
done
