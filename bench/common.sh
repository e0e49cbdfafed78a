# Shared by bench/run-audit-ratio.sh and bench/run-ab.sh (source it; it finds a JDK 21+ first).
# shellcheck shell=bash
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/jdk.sh"
coffer_find_jdk

# Fresh root credentials for the servers under test and the harness.
export COFFER_ROOT_ACCESS_KEY_ID="AKIDBENCH$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n' | tr a-f A-F)"
export COFFER_ROOT_SECRET_ACCESS_KEY="$(od -An -N30 -tx1 /dev/urandom | tr -d ' \n')"

# A loopback port nothing listens on now.
free_port() {
  "$JAVA_HOME/bin/jshell" -R-Xshare:auto -q - <<<'try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { System.out.println(s.getLocalPort()); }
/exit' 2>/dev/null | tr -dc '0-9'
}

# Waits up to a minute for each server whose log is DIR/server.log to listen; exits with its log
# if one does not.
await_listening() { # DIR...
  local d
  for d in "$@"; do
    for _ in $(seq 1 120); do
      grep -q "Coffer is listening" "$d/server.log" 2>/dev/null && break
      sleep 0.5
    done
    grep -q "Coffer is listening" "$d/server.log" || { cat "$d/server.log" >&2; exit 1; }
  done
}
