#!/usr/bin/env bash
# Loads a county-scale (or township-scale) data set into its own databases, lianxin_scale_<service>,
# leaving the dev demo data alone:
#
#   bash tools/scale/seed-scale.sh [--scale] county|township [--seed N] [--as-of YYYY-MM-DD] [--keep-indexes] [--no-verify] [--prefix NAME]
#   (./lianxin seed --scale county … runs it with the arguments after --scale)
#
# --prefix loads into NAME_<service> instead (e.g. lianxin_scratch, to try a loader while the scale
# stack serves lianxin_scale_*): that stack is then left running, and the summary goes to
# .lianxin/scale/last-run.NAME.json (verify.ts reads it with DATABASE_PREFIX=NAME).
#
# Stops a running scale stack, drops and recreates every service's scale database, migrates it with
# the service's own `dist/migrate.js up` (DATABASE_PREFIX=lianxin_scale), loads the data with
# tools/scale/seed-scale.ts (COPY through psql, deterministic from --seed; --as-of pins the day the
# data ends, default today in Asia/Shanghai), then checks it with tools/scale/verify.ts --db.
# Needs the infrastructure up (./lianxin infra up) and the services built (./lianxin build).
set -euo pipefail

ROOT="${LIANXIN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
STATE="$ROOT/.lianxin"
INFRA="$ROOT/tools/infra/infra.sh"
# shellcheck source=../stack.sh
source "$ROOT/tools/stack.sh"
if [ -x "$STATE/node-24.21.0/bin/node" ]; then export PATH="$STATE/node-24.21.0/bin:$ROOT/node_modules/.bin:$PATH"; fi

verify=1
prefix=lianxin_scale
args=()
previous=
for arg in "$@"; do
  if [ "$previous" = --prefix ]; then prefix="$arg"; previous=; continue; fi
  case "$arg" in
    --no-verify) verify=0 ;;
    --prefix) ;;
    --prefix=*) prefix="${arg#--prefix=}" ;;
    # The scale may come without --scale (./lianxin seed --scale county passes "county …").
    county | township) if [ "$previous" = --scale ]; then args+=("$arg"); else args+=(--scale "$arg"); fi ;;
    *) args+=("$arg") ;;
  esac
  previous="$arg"
done
[[ " ${args[*]-} " == *" --scale"* ]] || die "usage: seed-scale.sh [--scale] county|township [--seed N] [--as-of YYYY-MM-DD] [--keep-indexes] [--no-verify] [--prefix NAME]"
[ "$previous" != --prefix ] || die "--prefix needs a name"
# The dev and test databases are lianxin_<service> and lianxin_test_<service>: never those.
[[ "$prefix" =~ ^[a-z][a-z0-9_]*$ && "$prefix" != lianxin && "$prefix" != lianxin_test ]] || die "--prefix must be lower-case letters, digits and _, and not lianxin or lianxin_test (got $prefix)"

stack_load_infra_env
# The scale stack (start-scale-stack.sh) serves lianxin_scale_*; another prefix has no stack of its own.
if [ "$prefix" = lianxin_scale ]; then stack_name=scale; else stack_name="scale-$prefix"; fi
export DATABASE_PREFIX="$prefix" STACK_NAME="$stack_name"
# Services not built yet (being written) get no scale database; the rest must be built.
built=()
for service in $(stack_services); do
  if [ -f "$ROOT/services/$service/dist/migrate.js" ]; then built+=("$service"); else say "warning: services/$service is not built; no scale database for it"; fi
done
for required in organizations grids people cases; do
  [[ " ${built[*]} " == *" $required "* ]] || die "services/$required is not built (run ./lianxin build)"
done
export LIANXIN_SERVICES="${built[*]}"

say "stopping the $STACK_NAME stack if it runs"
stack_stop
say "recreating the scale databases and migrating them"
for service in "${built[@]}"; do
  psql_admin -c "drop database if exists ${DATABASE_PREFIX}_$service with (force)" -c "create database ${DATABASE_PREFIX}_$service" >/dev/null
  node "$ROOT/services/$service/dist/migrate.js" up >/dev/null || die "migrate up failed for $service"
done

node "$ROOT/tools/scale/seed-scale.ts" "${args[@]}"
if [ "$verify" = 1 ]; then node "$ROOT/tools/scale/verify.ts" --db; fi
