#!/usr/bin/env bash
# Starts (or stops) every subgraph and the gateway on the scale databases (lianxin_scale_<service>),
# beside the dev stack:
#
#   bash tools/scale/start-scale-stack.sh [start|stop]
#
# STACK_NAME=scale and DATABASE_PREFIX=lianxin_scale with tools/stack.sh's own stack_start/stack_stop
# (pids in .lianxin/run/scale, logs in .lianxin/logs/scale-*.log). Ports are the dev ports plus
# SCALE_PORT_OFFSET (default 1000: gateway 5000, subgraphs 5101…), and events go to a NATS server of
# the scale stack's own (port 54224, data in .lianxin/nats-scale), so its consumers never take the dev
# stack's messages. The people service must use the PEOPLE_DATA_KEY the data was sealed with (unset
# for both = the development key). Environment passes through (e.g. CASES_SCHEDULER_INTERVAL_MS=0 to
# keep the deadline scheduler from changing cases while you measure).
set -euo pipefail

ROOT="${LIANXIN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
STATE="$ROOT/.lianxin"
INFRA="$ROOT/tools/infra/infra.sh"
# shellcheck source=../stack.sh
source "$ROOT/tools/stack.sh"
if [ -x "$STATE/node-24.21.0/bin/node" ]; then export PATH="$STATE/node-24.21.0/bin:$ROOT/node_modules/.bin:$PATH"; fi

export STACK_NAME=scale DATABASE_PREFIX=lianxin_scale
# Measured as deployed (deploy/base sets it): graphql-js, for one, checks every instanceof in development.
export NODE_ENV="${NODE_ENV:-production}"
# The k6 scenarios send their own documents from one address at measured rates: production's trusted
# documents and rate limits would refuse them (gateway/src/trusted-documents.ts, rate-limit.ts).
export GATEWAY_ALLOW_ARBITRARY_OPERATIONS="${GATEWAY_ALLOW_ARBITRARY_OPERATIONS:-all}"
export GATEWAY_RATE_LIMIT_USER="${GATEWAY_RATE_LIMIT_USER:-off}" GATEWAY_RATE_LIMIT_ADDRESS="${GATEWAY_RATE_LIMIT_ADDRESS:-off}"
export SCALE_PORT_OFFSET="${SCALE_PORT_OFFSET:-1000}"
SCALE_NATS_PORT="${SCALE_NATS_PORT:-54224}"
export NATS_URL="nats://127.0.0.1:$SCALE_NATS_PORT"

# stack.sh shifts ports only for STACK_NAME=test; until its stack_start knows SCALE_PORT_OFFSET, shift them here.
if ! declare -f stack_start | grep -q SCALE_PORT_OFFSET; then
  stack_port() {
    echo $(($(node -p "require('$ROOT/services/$1/package.json').lianxin.port") + SCALE_PORT_OFFSET))
  }
  GATEWAY_PORT=$((GATEWAY_PORT + SCALE_PORT_OFFSET))
fi
# grids hands synced case reports to cases' own reportCase (services/grids/src/field-sync/cases-client.ts).
export CASES_GRAPHQL_URL="${CASES_GRAPHQL_URL:-http://127.0.0.1:$(stack_port cases)/graphql}"

start_scale_nats() {
  start_nats_server "$SCALE_NATS_PORT" "$STATE/nats-scale"
}

case "${1:-start}" in
  start)
    stack_load_infra_env
    # The infra settings name the dev NATS; the scale stack's events stay on its own server.
    export NATS_URL="nats://127.0.0.1:$SCALE_NATS_PORT"
    # Only the services that have a scale database (seed-scale.sh skips services not built yet).
    services=()
    for service in $(stack_services); do
      [ "$(psql_admin -c "select 1 from pg_database where datname = '${DATABASE_PREFIX}_$service'")" = 1 ] && services+=("$service")
    done
    [ "${#services[@]}" -gt 0 ] || die "no scale databases: run bash tools/scale/seed-scale.sh --scale township|county first"
    export LIANXIN_SERVICES="${services[*]}"
    start_scale_nats
    stack_start
    cat <<TXT
[lianxin] scale stack up (${services[*]}), logs .lianxin/logs/scale-*.log
  check it:  node tools/scale/verify.ts --graphql --gateway http://127.0.0.1:$((4000 + SCALE_PORT_OFFSET))/graphql
  stop it:   bash tools/scale/start-scale-stack.sh stop
TXT
    ;;
  stop) stack_stop ;;
  *) die "usage: start-scale-stack.sh [start|stop]" ;;
esac
