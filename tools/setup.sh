#!/usr/bin/env bash
# Installs the Debian 12 packages tlslint needs (only those missing) and
# builds it into build/; with --tests, the test suite too. Run from
# anywhere; needs root or sudo for apt-get when a package is missing.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build="${TLSLINT_BUILD_DIR:-$top/build}"

packages=(
  build-essential cmake pkg-config
  tao-pegtl-dev libcli11-dev libfmt-dev libtomlplusplus-dev libssl-dev
  nlohmann-json3-dev googletest libgtest-dev
  # Tests: openssl builds test PKIs and nginx-light checks fixed configs.
  # python3-jsonschema validates SARIF output against the OASIS schema.
  # pre-commit runs the hook in .pre-commit-hooks.yaml. ansible-core runs
  # the playbook of docs/ansible.md, which needs only ansible.builtin, so
  # the 250 MB "ansible" collection bundle is not installed. man-db (with
  # groff-base) renders the generated man page and zsh runs the generated
  # zsh completion. git applies diffs and hosts the pre-commit test's
  # repositories; Debian's pre-commit does not depend on it.
  openssl ca-certificates nginx-light python3-jsonschema pre-commit
  ansible-core man-db zsh git
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  apt_get=(apt-get)
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || {
      echo "setup: error: missing packages (${missing[*]}) and no sudo;" \
        "install them as root" >&2
      exit 1
    }
    apt_get=(sudo apt-get)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Exit status 101 from policy-rc.d makes invoke-rc.d skip starting
  # services, so installing nginx-light does not start a server on port 80.
  policy=/usr/sbin/policy-rc.d
  if [[ $(id -u) -eq 0 && ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  "${apt_get[@]}" update -qq
  "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null
fi

cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if [[ "${1:-}" == "--tests" ]]; then
  # The test binary is most of the build time, so only --tests builds it.
  cmake --build "$build" -j "$(nproc)"
  echo "setup: built $build/tlslint and the tests"
else
  # tlslint_docs: the man page and completions that cmake --install needs.
  cmake --build "$build" -j "$(nproc)" --target tlslint tlslint_docs
  echo "setup: built $build/tlslint"
fi
