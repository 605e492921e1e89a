#!/usr/bin/env bash
# The load bench: k6 scenarios from test/load/ against the running dev stack, at a ladder of
# constant arrival rates, with CPU and RSS of every process of the stack per step; area-tree also
# against Hive Gateway (same supergraph, same subgraphs) and against its subgraph directly.
#
#   bash tools/bench/bench.sh [scenario …] [--scale] [--rates 25,50,100] [--duration 20s] [--warmup 5s]
#                             [--targets apollo,hive,direct] [--full-ladder] [--no-retry] [--wait-quiet 60]
#   --scale: against the county-scale stack (./lianxin seed --scale county, then
#            bash tools/scale/start-scale-stack.sh; gateway :5000) instead of the dev stack
#   (environment variables and details: the header of tools/bench/bench.ts; test/load/README.md)
#
# Installs what only the bench needs into the git-ignored .lianxin/: k6 (tools/bench/install-k6.sh,
# Go module proxy) and Hive Gateway (npm, into .lianxin/hive; the project's package.json is not
# touched). Starts the stack with `./lianxin start` when the gateway is not answering (after
# `./lianxin up` once). Results: .lianxin/bench/latest.json and latest.html (and timestamped copies).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.lianxin"
HIVE_DIR="$STATE/hive"
HIVE_VERSION="${HIVE_GATEWAY_VERSION:-2.15.1}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-4000}"

say() { echo "[bench] $*" >&2; }
die() { echo "[bench] error: $*" >&2; exit 1; }

# --scale: against the county-scale stack (tools/scale/start-scale-stack.sh: gateway :5000, lianxin_scale_* databases).
scale=0
args=()
for arg in "$@"; do
  case "$arg" in
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --scale) scale=1 ;;
    *) args+=("$arg") ;;
  esac
done
set -- ${args[@]+"${args[@]}"}
if [ "$scale" = 1 ]; then
  export STACK_NAME=scale DATABASE_PREFIX=lianxin_scale
  GATEWAY_PORT="${BENCH_GATEWAY_PORT:-$((4000 + ${SCALE_PORT_OFFSET:-1000}))}"
fi

cd "$ROOT"
started=$SECONDS

# Node 24 (type stripping runs tools/bench/bench.ts without a build): the project's own when the shell's is older.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  for dir in "$STATE"/node-24.*/bin; do [ -x "$dir/node" ] && export PATH="$dir:$PATH"; done
  [ "$(node_major)" -ge 24 ] || die "Node 24 is needed (run ./lianxin up once, or: eval \"\$(./lianxin env)\")"
fi
# `bench export`: the 1,000,000-person ledger export (issue 19; tools/bench/export-bench.ts), no k6, no stack.
if [ "${1:-}" = export ]; then shift; exec node "$ROOT/tools/bench/export-bench.ts" "$@"; fi

K6="$(bash "$ROOT/tools/bench/install-k6.sh")"
export K6

if [ "$(cat "$HIVE_DIR/.installed" 2>/dev/null)" != "$HIVE_VERSION" ] || [ ! -f "$HIVE_DIR/node_modules/@graphql-hive/gateway/dist/bin.js" ]; then
  say "installing Hive Gateway $HIVE_VERSION into .lianxin/hive (npm install --prefix .lianxin/hive @graphql-hive/gateway@$HIVE_VERSION)"
  mkdir -p "$HIVE_DIR"
  npm install --prefix "$HIVE_DIR" --no-audit --no-fund --loglevel=error "@graphql-hive/gateway@$HIVE_VERSION" >&2 \
    || die "npm could not install @graphql-hive/gateway@$HIVE_VERSION"
  echo "$HIVE_VERSION" >"$HIVE_DIR/.installed"
else
  say "Hive Gateway $HIVE_VERSION already installed (.lianxin/hive)"
fi

# Keycloak, PostgreSQL settings of the stack (KEYCLOAK_URL …, DATABASE_* for the per-request transaction count).
eval "$(bash "$ROOT/tools/infra/infra.sh" env)"
curl -fsS -o /dev/null "${KEYCLOAK_URL:?}/realms/${KEYCLOAK_REALM:-lianxin}" \
  || die "Keycloak is not answering at $KEYCLOAK_URL (./lianxin up, or ./lianxin infra up)"

if ! curl -fsS -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/health/ready" 2>/dev/null; then
  if [ "$scale" = 1 ]; then
    say "the scale gateway is not answering on :$GATEWAY_PORT; starting the scale stack"
    bash "$ROOT/tools/scale/start-scale-stack.sh" start >&2 || die "the scale stack did not start; load it first: ./lianxin seed --scale county"
  else
    say "the gateway is not answering on :$GATEWAY_PORT; starting the stack (./lianxin start)"
    "$ROOT/lianxin" start >&2 || die "./lianxin start failed; run ./lianxin up first"
  fi
fi

export LIANXIN_ROOT="$ROOT" CLK_TCK="$(getconf CLK_TCK)" K6_NO_USAGE_REPORT=true
export GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:$GATEWAY_PORT/graphql}"
status=0
node "$ROOT/tools/bench/bench.ts" "$@" || status=$?
say "bench.sh took $((SECONDS - started))s"
exit $status
