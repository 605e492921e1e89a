#!/usr/bin/env bash
# Prints the rendered Kubernetes manifests of an overlay (deploy/overlays/<overlay>) on stdout.
#
#   tools/deploy/render.sh <dev|prod> [--check]
#
# First brings deploy/'s generated files up to date with their sources (tools/deploy/sync.ts:
# the per-service folders from tools/deploy/apps.tsv, the supergraph, the realm import); with
# --check it changes nothing and fails when they are stale (CI). Installs kustomize into
# .lianxin/tools/bin on first use (tools/deploy/install.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
overlay="${1:-}"
mode="${2:-}"
if [ -z "$overlay" ] || [ ! -f "$ROOT/deploy/overlays/$overlay/kustomization.yaml" ]; then
  echo "usage: tools/deploy/render.sh <overlay> [--check]   (overlays: $(ls "$ROOT/deploy/overlays" | tr '\n' ' '))" >&2
  exit 2
fi

# Node 24 runs sync.ts (type stripping); ./lianxin puts it first on PATH, else use the project's copy.
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' 2>/dev/null; then
  for dir in "$ROOT"/.lianxin/node-24*/bin; do [ -x "$dir/node" ] && PATH="$dir:$PATH"; done
fi

if [ "$mode" = "--check" ]; then
  node "$ROOT/tools/deploy/sync.ts" --check
else
  node "$ROOT/tools/deploy/sync.ts"
fi
bash "$ROOT/tools/deploy/install.sh" tools
"$ROOT/.lianxin/tools/bin/kustomize" build "$ROOT/deploy/overlays/$overlay"
