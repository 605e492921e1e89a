#!/usr/bin/env bash
set -euo pipefail
cmd="${1:-help}"; shift || true
case "$cmd" in
  node|npm|npx|nx) exec "$cmd" "$@" ;;
  *) echo "todo $cmd" ;;
esac
