#!/usr/bin/env bash
# What durable auditing costs GetSecretValue (issue #5: audited >= 80% of unaudited):
#   builds target/coffer.jar and target/benchmarks.jar (./build package -Pbench), starts two servers
#   on free loopback ports with temporary data directories, both pinned to CPU 0 when there are two
#   or more CPUs (the harness runs on CPU 1): `coffer dev` (durable audit trail) and
#   dev.coffer.cli.UnauditedDev (the same server with the audit trail switched off; it exists only
#   in the benchmarks jar). Each gets --warmup of unmeasured load, then the harness measures them in
#   turn, --rounds times (which goes first alternates), so that both see the same machine within the
#   same minute. Prints every round, the medians and their ratio, and the median of the rounds' own
#   ratios (requests/s on this VM vary by 15% or more from minute to minute; a round's two
#   figures, measured back to back, vary together).
#
#   bench/run-audit-ratio.sh [--connections 64] [--warmup 20] [--duration 15] [--rounds 5] [--unpinned]
#
# --unpinned lets both servers and the harness share every CPU, the setting of bench/run-load.sh.
#
# Server JVM options: COFFER_SERVER_JAVA_OPTS, default -Djdk.pollerMode=1 (see README "Performance").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

connections=64 warmup=20 duration=15 rounds=5 unpinned=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --warmup) warmup="${2%s}"; shift 2 ;;
    --duration) duration="${2%s}"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --unpinned) unpinned=1; shift ;;
    *) echo "usage: $0 [--connections N] [--warmup SECONDS] [--duration SECONDS] [--rounds N] [--unpinned]" >&2; exit 2 ;;
  esac
done

echo "run-audit-ratio: building target/coffer.jar and target/benchmarks.jar" >&2
./build package -Pbench >&2

source bench/common.sh
server_pin=() harness_pin=()
if [[ $unpinned -eq 0 ]] && command -v taskset >/dev/null 2>&1 && [[ "$(nproc)" -ge 2 ]]; then
  server_pin=(taskset -c 0)
  harness_pin=(taskset -c 1)
fi
# shellcheck disable=SC2206
jvm_opts=(${COFFER_SERVER_JAVA_OPTS--Djdk.pollerMode=1})

audited_port="$(free_port)"
unaudited_port="$(free_port)"
[[ -n "$audited_port" && -n "$unaudited_port" ]] || { echo "run-audit-ratio: no free port" >&2; exit 1; }
audited_data="$(mktemp -d)" unaudited_data="$(mktemp -d)"
"${server_pin[@]}" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "${jvm_opts[@]}" \
  -jar target/coffer.jar dev --port "$audited_port" --data "$audited_data" \
  >"$audited_data/server.log" 2>&1 &
audited_pid=$!
"${server_pin[@]}" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "${jvm_opts[@]}" \
  -cp target/benchmarks.jar:target/coffer.jar dev.coffer.cli.UnauditedDev "$unaudited_port" \
  "$unaudited_data" >"$unaudited_data/server.log" 2>&1 &
unaudited_pid=$!
cleanup() {
  kill "$audited_pid" "$unaudited_pid" 2>/dev/null || true
  wait "$audited_pid" "$unaudited_pid" 2>/dev/null || true
  rm -rf "$audited_data" "$unaudited_data"
}
trap cleanup EXIT
await_listening "$audited_data" "$unaudited_data"

# One harness run; prints its markdown row.
measure() { # port pid warmup duration
  AWS_ACCESS_KEY_ID="$COFFER_ROOT_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$COFFER_ROOT_SECRET_ACCESS_KEY" \
    "${harness_pin[@]}" ./coffer bench load --endpoint-url "http://127.0.0.1:$1" \
    --operation GetSecretValue --connections "$connections" --warmup "${3}s" --duration "${4}s" \
    --server-pid "$2" --markdown | tail -n 1
}
rate() { awk -F'|' '{gsub(/[ ,]/, "", $4); print $4}'; }

echo "run-audit-ratio: warming up both servers (${warmup} s each)" >&2
measure "$audited_port" "$audited_pid" 0 "$warmup" >/dev/null
measure "$unaudited_port" "$unaudited_pid" 0 "$warmup" >/dev/null

pins="servers on CPU 0, harness on CPU 1"
[[ ${#server_pin[@]} -gt 0 ]] || pins="unpinned"
echo "GetSecretValue, durable audit trail vs none: $(nproc) CPUs ($pins), $connections connections," \
  "$rounds rounds of ${duration} s each, $(date -u +%Y-%m-%dT%H:%MZ), server JVM options: ${jvm_opts[*]:-none}"
echo
a_rates=() u_rates=() ratios=()
first=1
for r in $(seq 1 "$rounds"); do
  # Each round measures both back to back, the order alternating from round to round.
  if (( r % 2 == 1 )); then
    a="$(measure "$audited_port" "$audited_pid" 2 "$duration")"
    u="$(measure "$unaudited_port" "$unaudited_pid" 2 "$duration")"
  else
    u="$(measure "$unaudited_port" "$unaudited_pid" 2 "$duration")"
    a="$(measure "$audited_port" "$audited_pid" 2 "$duration")"
  fi
  if [[ $first -eq 1 ]]; then
    echo "| round | audit | operation | connections | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | failed | server RSS MiB (peak) | server CPU (cores) | server CPU µs/req | server switches/req |"
    echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    first=0
  fi
  echo "| $r | durable $a"
  echo "| $r | off $u"
  a_rates+=("$(rate <<<"$a")")
  u_rates+=("$(rate <<<"$u")")
  ratios+=("$(awk -v a="${a_rates[-1]}" -v u="${u_rates[-1]}" 'BEGIN {printf "%.3f", a / u}')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
ma="$(median "${a_rates[@]}")" mu="$(median "${u_rates[@]}")"
echo
mr="$(median "${ratios[@]}")"
echo "median req/s: durable audit $ma, no audit $mu, ratio $(awk -v a="$ma" -v u="$mu" 'BEGIN {printf "%.0f%%", 100 * a / u}')"
echo "ratio of each round (durable / off, measured back to back): ${ratios[*]}; median $(awk -v r="$mr" 'BEGIN {printf "%.0f%%", 100 * r}')"
