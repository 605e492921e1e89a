#!/usr/bin/env bash
# The project's commands, run by ./lianxin with Node 24 first on PATH.
set -euo pipefail

ROOT="${LIANXIN_ROOT:?run through ./lianxin}"
STATE="$ROOT/.lianxin"
INFRA="$ROOT/tools/infra/infra.sh"
source "$ROOT/tools/stack.sh"

usage() {
  cat <<'TXT'
usage: ./lianxin <command>

  up                 install, start infra, build, migrate, load demo data, start services + gateway
  down               stop services, gateway and infra
  test               run every test: lint, unit, integration, migration and supergraph checks, e2e
  install            npm ci (only when package-lock.json changed)
  build              compile libs, services and gateway (Nx, cached)
  lint               ESLint with Nx module boundaries
  infra up|down|status|env
  migrate <up|down|pending|check|create> [service]
  seed               load the demo county into the running databases
  seed --scale county|township [--seed N]
                     generate a county-scale data set into lianxin_scale_* databases (COPY, with progress)
  start | stop       start or stop services and gateway (infra must be up)
  supergraph compose|check [--subgraph name=file.graphql]
  new-subgraph <name> scaffold a department subgraph under services/<name>
  deploy render <dev|prod> | deploy validate
                     print the Kubernetes manifests of an overlay | validate both offline against the schemas
  bench              load-test scenarios with k6 and the side-by-side gateway benchmark (stack must be up)
  env                print the PATH line that puts Node 24 first in your shell
  node|npm|npx|nx …  run the tool with Node 24
TXT
}

cmd="${1:-help}"
shift || true
case "$cmd" in
  node | npm | npx | nx) exec "$cmd" "$@" ;;
  env) echo "export PATH=\"$(dirname "$(command -v node)"):$ROOT/node_modules/.bin:\$PATH\"" ;;
  install) stack_install ;;
  build) stack_install && stack_build ;;
  lint) stack_install && stack_lint ;;
  infra) bash "$INFRA" "${1:-up}" ;;
  migrate) stack_load_infra_env && stack_migrate "${1:-up}" "${2:-}" ;;
  seed)
    stack_load_infra_env
    if [ "${1:-}" = --scale ]; then bash "$ROOT/tools/scale/seed-scale.sh" "${@:2}"; else stack_seed; fi ;;
  start) stack_load_infra_env && stack_start ;;
  stop) stack_stop ;;
  supergraph) stack_install && stack_build && stack_load_infra_env && stack_supergraph "${@:-check}" ;;
  new-subgraph) node "$ROOT/tools/generators/new-subgraph.ts" "$@" ;;
  deploy)
    case "${1:-}" in
      render) bash "$ROOT/tools/deploy/render.sh" "${2:?usage: ./lianxin deploy render <dev|prod>}" ;;
      validate) bash "$ROOT/tools/deploy/validate.sh" ;;
      *) usage >&2; exit 2 ;;
    esac ;;
  bench) stack_load_infra_env && bash "$ROOT/tools/bench/bench.sh" "$@" ;;
  up) stack_up ;;
  down) stack_stop && bash "$INFRA" down ;;
  test) stack_test "$@" ;;
  help | -h | --help) usage ;;
  *) usage >&2; exit 2 ;;
esac
