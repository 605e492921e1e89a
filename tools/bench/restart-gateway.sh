#!/usr/bin/env bash
# Restarts the running stack's gateway with the environment it was started with, plus overrides — to
# measure one gateway setting against another on the same stack (the bench reads the gateway's pid file):
#
#   bash tools/bench/restart-gateway.sh [--scale] [NAME=value …]
#   bash tools/bench/restart-gateway.sh --scale GATEWAY_ENTITY_CACHE=off GATEWAY_SUBGRAPH_DEDUP=off
#   bash tools/bench/restart-gateway.sh --scale GATEWAY_ENTITY_CACHE=on GATEWAY_WORKERS=2
#
# Stops the gateway of .lianxin/run/<stack>/gateway.pid (SIGTERM, it drains), starts gateway/dist/main.js
# again with /proc/<pid>/environ + the overrides, writes the new pid and waits for /health/ready.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.lianxin"
stack=dev
overrides=()
for arg in "$@"; do
  case "$arg" in
    --scale) stack=scale ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *=*) overrides+=("$arg") ;;
    *) echo "restart-gateway: unknown argument $arg" >&2; exit 2 ;;
  esac
done
pidfile="$STATE/run/$stack/gateway.pid"
[ -f "$pidfile" ] || { echo "restart-gateway: no $pidfile (is the $stack stack running?)" >&2; exit 1; }
pid="$(cat "$pidfile")"
kill -0 "$pid" 2>/dev/null || { echo "restart-gateway: gateway pid $pid is not running" >&2; exit 1; }

# The old process's environment and command line, read before it goes.
mapfile -d '' environment <"/proc/$pid/environ"
mapfile -d '' command <"/proc/$pid/cmdline"
port=""
for entry in "${environment[@]}"; do [[ "$entry" == PORT=* ]] && port="${entry#PORT=}"; done
[ -n "$port" ] || { echo "restart-gateway: the gateway's environment has no PORT" >&2; exit 1; }

kill -TERM "$pid"
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; sleep 0.5; }

log="$STATE/logs/$stack-gateway.log"
cd "$ROOT"
env -i "${environment[@]}" "${overrides[@]}" nohup "${command[@]}" >>"$log" 2>&1 &
echo $! >"$pidfile"
for _ in $(seq 1 150); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then
    echo "restart-gateway: $stack gateway ready on :$port (pid $(cat "$pidfile"); ${overrides[*]:-no overrides})" >&2
    exit 0
  fi
  sleep 0.2
done
echo "restart-gateway: the gateway did not get ready on :$port (log: $log)" >&2
exit 1
