#!/usr/bin/env bash
# Builds k6 from the Go module proxy into the git-ignored .lianxin/tools/bin:
#
#   GOBIN=.lianxin/tools/bin go install go.k6.io/k6@v1.8.1
#
# Idempotent: skipped when .lianxin/tools/bin/k6 reports the pinned version (a second run is offline
# and takes well under a second). Prints the path of k6 on stdout; progress goes to stderr.
# Env: K6_VERSION overrides the pinned version (tested with v1.8.1); K6_BIN_DIR the folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.lianxin"
BIN="${K6_BIN_DIR:-$STATE/tools/bin}"
STAMPS="$BIN/../stamps"
K6_VERSION="${K6_VERSION:-v1.8.1}"
K6="$BIN/k6"

say() { echo "[bench] $*" >&2; }
die() { echo "[bench] error: $*" >&2; exit 1; }

installed_version() { # "v1.8.1" from "k6 v1.8.1 (commit/..., go1.26.8, linux/amd64)"
  [ -x "$K6" ] || return 0
  "$K6" version 2>/dev/null | awk 'NR == 1 { print $2 }'
}

if [ "$(installed_version)" = "$K6_VERSION" ] && [ "$(cat "$STAMPS/k6" 2>/dev/null)" = "$K6_VERSION" ]; then
  say "k6 $K6_VERSION already installed ($K6)"
  echo "$K6"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "Go is needed to build k6 (go install from the Go module proxy); install Go >= 1.25"
# Module and build caches of its own: tools/deploy/install.sh removes the shared .lianxin/go/cache
# after its builds, which breaks a concurrent build using it. The build cache (hundreds of MB) is
# removed after a successful build; the module cache stays for the next version bump.
GOCACHE_DIR="$STATE/bench/go-build"
export GOBIN="$BIN" GOMODCACHE="$STATE/bench/go-mod" GOCACHE="$GOCACHE_DIR" GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:-} -modcacherw"
mkdir -p "$BIN" "$STAMPS"
say "building k6 $K6_VERSION with $(go version | awk '{ print $3 }') (go install go.k6.io/k6@$K6_VERSION, GOBIN=$BIN)"
say "this downloads k6's modules from $(go env GOPROXY | cut -d, -f1) and compiles them; the first build takes a few minutes"
started=$SECONDS
(cd "$STATE" && go install "go.k6.io/k6@$K6_VERSION") || die "go install go.k6.io/k6@$K6_VERSION failed"
[ "$(installed_version)" = "$K6_VERSION" ] || die "built $K6 but it reports '$("$K6" version 2>&1 | head -1)'"
rm -rf "$GOCACHE_DIR"
echo "$K6_VERSION" >"$STAMPS/k6"
say "k6 $K6_VERSION installed in $((SECONDS - started))s: $K6"
echo "$K6"
