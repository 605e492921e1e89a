#!/usr/bin/env bash
# Installs what rendering and validating the Kubernetes manifests need, into the git-ignored .lianxin/:
#
#   .lianxin/tools/bin/kustomize     go install sigs.k8s.io/kustomize/kustomize/v5   (Go module proxy)
#   .lianxin/tools/bin/kubeconform   go install github.com/yannh/kubeconform/cmd/kubeconform
#   .lianxin/deploy/schemas/k8s/     Kubernetes JSON schemas from the PyPI package kubernetes-validate,
#                                    made standalone by tools/deploy/schemas.py
#   .lianxin/deploy/schemas/crd/     CRD schemas: CloudNativePG's CRDs from its Go module
#                                    (config/crd/bases), the Keycloak operator's from
#                                    tools/deploy/crds/ (its header says why a subset), converted by schemas.py
#
# Every step is skipped when its result for the pinned version is already there, so a second run
# is offline and takes well under a second. Usage: install.sh [tools|schemas|all|env] (default all).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.lianxin"
BIN="$STATE/tools/bin"
STAMPS="$STATE/tools/stamps"
DEPLOY_STATE="$STATE/deploy"
SCHEMAS="$DEPLOY_STATE/schemas"

KUSTOMIZE_VERSION="v5.8.1"
KUBECONFORM_VERSION="v0.8.0"
CNPG_VERSION="v1.28.0"
KUBERNETES_VALIDATE_VERSION="1.37.0" # PyPI; ships JSON schemas for Kubernetes 1.25 … 1.37
KUBERNETES_VERSION="${LIANXIN_K8S_VERSION:-1.35.0}" # the Kubernetes version manifests are validated for

say() { echo "[deploy] $*" >&2; }
die() { echo "[deploy] error: $*" >&2; exit 1; }

stamp_ok() { [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]; }
stamp_set() { mkdir -p "$STAMPS" && echo "$2" >"$STAMPS/$1"; }

go_env() {
  command -v go >/dev/null 2>&1 || die "Go is needed to install kustomize and kubeconform (Go module proxy); install Go ≥ 1.24"
  export GOBIN="$BIN" GOMODCACHE="$DEPLOY_STATE/go/mod" GOCACHE="$DEPLOY_STATE/go/cache" GOTOOLCHAIN=local
  export GOFLAGS="${GOFLAGS:-} -modcacherw"
}

install_go_tool() { # name module version
  local name="$1" module="$2" version="$3"
  if [ -x "$BIN/$name" ] && stamp_ok "$name" "$version"; then return 0; fi
  go_env
  say "installing $name $version (go install $module@$version)"
  mkdir -p "$BIN"
  (cd "$STATE" && go install "$module@$version") || die "go install $module@$version failed"
  stamp_set "$name" "$version"
}

# Go's module and build caches (about 1 GB) are not needed once the binaries and schemas are made.
go_cleanup() { [ ! -d "$DEPLOY_STATE/go" ] || { chmod -R u+w "$DEPLOY_STATE/go" && rm -rf "$DEPLOY_STATE/go"; }; }

install_tools() {
  mkdir -p "$STATE"
  install_go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION"
  install_go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"
  go_cleanup
}

python_with_yaml() { # prints a PYTHONPATH under which `import yaml` works
  if python3 -c 'import yaml' 2>/dev/null; then echo ""; return 0; fi
  local lib="$DEPLOY_STATE/pylib"
  if ! PYTHONPATH="$lib" python3 -c 'import yaml' 2>/dev/null; then
    say "installing PyYAML into $lib (PyPI)"
    python3 -m pip install --quiet --disable-pip-version-check --target "$lib" 'PyYAML>=6' >&2 \
      || die "pip could not install PyYAML"
  fi
  echo "$lib"
}

install_k8s_schemas() {
  local key="kubernetes-validate-$KUBERNETES_VALIDATE_VERSION/k8s-$KUBERNETES_VERSION/$(sha1sum "$ROOT/tools/deploy/schemas.py" | cut -c1-12)"
  if stamp_ok k8s-schemas "$key" && [ -d "$SCHEMAS/k8s/v$KUBERNETES_VERSION-standalone-strict" ]; then return 0; fi
  command -v python3 >/dev/null 2>&1 || die "python3 is needed to prepare the Kubernetes schemas"
  local downloads="$DEPLOY_STATE/downloads"
  local wheel="$downloads/kubernetes_validate-$KUBERNETES_VALIDATE_VERSION-py3-none-any.whl"
  mkdir -p "$downloads"
  if [ ! -s "$wheel" ]; then
    say "downloading kubernetes-validate $KUBERNETES_VALIDATE_VERSION (PyPI) for the Kubernetes JSON schemas"
    python3 -m pip download --quiet --disable-pip-version-check --no-deps \
      "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" -d "$downloads" >&2 \
      || die "pip download kubernetes-validate==$KUBERNETES_VALIDATE_VERSION failed"
  fi
  rm -rf "$SCHEMAS/k8s"
  python3 "$ROOT/tools/deploy/schemas.py" k8s "$wheel" "$KUBERNETES_VERSION" "$SCHEMAS/k8s" >&2
  stamp_set k8s-schemas "$key"
}

cnpg_crd_dir() { # downloads the CloudNativePG Go module (not built) and prints its CRD folder
  go_env
  local dir
  dir="$(cd "$STATE" && go mod download -json "github.com/cloudnative-pg/cloudnative-pg@$CNPG_VERSION" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')" \
    || die "go mod download github.com/cloudnative-pg/cloudnative-pg@$CNPG_VERSION failed"
  [ -d "$dir/config/crd/bases" ] || die "$dir/config/crd/bases missing"
  echo "$dir/config/crd/bases"
}

# CRD files converted after CloudNativePG's: tools/deploy/crds/*.yaml, then any in $LIANXIN_EXTRA_CRDS
# (a folder, e.g. the real Keycloak operator CRDs; a later file replaces an earlier one's schemas).
extra_crd_files() {
  ls "$ROOT"/tools/deploy/crds/*.yaml
  if [ -n "${LIANXIN_EXTRA_CRDS:-}" ]; then
    ls "$LIANXIN_EXTRA_CRDS"/*.yaml "$LIANXIN_EXTRA_CRDS"/*.yml 2>/dev/null || die "no CRD files in LIANXIN_EXTRA_CRDS=$LIANXIN_EXTRA_CRDS"
  fi
}

install_crd_schemas() {
  local extra key cnpg pythonpath
  mapfile -t extra < <(extra_crd_files)
  key="cnpg-$CNPG_VERSION/$(cat "${extra[@]}" "$ROOT/tools/deploy/schemas.py" | sha1sum | cut -c1-12)"
  if stamp_ok crd-schemas "$key" && [ -d "$SCHEMAS/crd" ]; then return 0; fi
  say "preparing CRD schemas (CloudNativePG $CNPG_VERSION; ${extra[*]#"$ROOT/"})"
  cnpg="$(cnpg_crd_dir)"
  pythonpath="$(python_with_yaml)"
  rm -rf "$SCHEMAS/crd"
  PYTHONPATH="$pythonpath" python3 "$ROOT/tools/deploy/schemas.py" crd "$SCHEMAS/crd" "$cnpg"/*.yaml "${extra[@]}" >&2
  go_cleanup
  stamp_set crd-schemas "$key"
}

case "${1:-all}" in
  tools) install_tools ;;
  schemas) install_k8s_schemas && install_crd_schemas ;;
  all) install_tools && install_k8s_schemas && install_crd_schemas ;;
  env) # for the other scripts: where things are
    echo "BIN=$BIN"
    echo "SCHEMAS=$SCHEMAS"
    echo "KUBERNETES_VERSION=$KUBERNETES_VERSION"
    ;;
  *) die "usage: install.sh [tools|schemas|all|env]" ;;
esac
