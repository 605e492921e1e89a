#!/usr/bin/env bash
# Renders every overlay and validates each document OFFLINE with kubeconform against the
# Kubernetes JSON schemas (PyPI kubernetes-validate, made standalone) and the CRDs' schemas
# (CloudNativePG's from its Go module; the Keycloak operator's subset in tools/deploy/crds/, or the
# real CRDs given with LIANXIN_EXTRA_CRDS=<folder>). Strict: unknown fields and documents without a
# schema fail. Downloads happen once, into .lianxin/ (tools/deploy/install.sh).
#
#   tools/deploy/validate.sh [--check]     --check: fail if deploy/'s generated files are stale (CI)
# The rendered manifests are left in .lianxin/deploy/rendered/<overlay>.yaml.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mode="${1:-}"
bash "$ROOT/tools/deploy/install.sh" all
eval "$(bash "$ROOT/tools/deploy/install.sh" env)"

out="$ROOT/.lianxin/deploy/rendered"
mkdir -p "$out"
status=0
for dir in "$ROOT"/deploy/overlays/*/; do
  overlay="$(basename "$dir")"
  bash "$ROOT/tools/deploy/render.sh" "$overlay" $mode >"$out/$overlay.yaml"
  echo "[deploy] $overlay: $(grep -c '^kind:' "$out/$overlay.yaml") documents"
  "$BIN/kubeconform" -strict -summary -output text \
    -kubernetes-version "$KUBERNETES_VERSION" \
    -schema-location "$SCHEMAS/k8s/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -schema-location "$SCHEMAS/crd/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
    "$out/$overlay.yaml" || status=1
done
exit "$status"
