#!/usr/bin/env bash
# Runs tlslint on the bundled example site (fixtures/example/site.conf) with
# a test PKI made now by tests/data/e2e/make-pki.sh, in a temporary folder.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tlslint="${TLSLINT_BUILD_DIR:-$top/build}/tlslint"
[[ -x "$tlslint" ]] || {
  echo "demo: error: $tlslint not found; run tools/setup.sh first" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/tlslint-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
bash "$top/tests/data/e2e/make-pki.sh" "$work/pki" >/dev/null
sed "s|@PKI@|$work/pki|g" "$top/fixtures/example/site.conf" >"$work/site.conf"

echo "\$ tlslint --ca-file PKI/root/root.pem --nginx-version 1.22.1 site.conf"
status=0
(cd "$work" && "$tlslint" --ca-file pki/root/root.pem \
  --nginx-version 1.22.1 site.conf) || status=$?
echo "exit status: $status (1: findings at or above --fail-on)"
