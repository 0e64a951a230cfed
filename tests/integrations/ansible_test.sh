#!/usr/bin/env bash
# Runs the playbook of docs/ansible.md with Debian's ansible-core against
# three local hosts, each with its own nginx root: a clean one, one whose
# configuration has a fixable finding, and one with a syntax error.
# Usage: ansible_test.sh SOURCE_DIR TLSLINT_BINARY
set -euo pipefail

source_dir=$1
tlslint_binary=$2
playbook=$source_dir/docs/ansible/tlslint-check.yml

command -v ansible-playbook >/dev/null || {
  echo "error: ansible-playbook is not installed; run tools/setup.sh" >&2
  exit 1
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The doc shows the playbook that this test runs, byte for byte.
python3 - "$source_dir/docs/ansible.md" "$playbook" <<'PY' ||
import sys
doc = open(sys.argv[1], encoding="utf-8").read()
playbook = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if "```yaml\n" + playbook + "```\n" in doc else 1)
PY
  fail "docs/ansible.md does not show docs/ansible/tlslint-check.yml verbatim"

work=$(mktemp -d "${TMPDIR:-/tmp}/tlslint-ansible.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ansible writes only under $work and reads no user or system ansible.cfg.
export HOME=$work/home
export ANSIBLE_CONFIG=$work/ansible.cfg ANSIBLE_HOME=$work/ansible
export ANSIBLE_LOCAL_TEMP=$work/ansible/tmp ANSIBLE_REMOTE_TEMP=$work/ansible/tmp
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0
mkdir -p "$HOME" "$ANSIBLE_LOCAL_TEMP"
: >"$ANSIBLE_CONFIG"

mkdir -p "$work/bin"
ln -s "$(realpath "$tlslint_binary")" "$work/bin/tlslint"
export PATH=$work/bin:$PATH

# Each host's nginx.conf has one catch-all TLS server that rejects
# handshakes, so no certificate is needed.
write_root() {
  local root=$1 protocols=$2 end=$3
  mkdir -p "$root/etc/nginx"
  cat >"$root/etc/nginx/nginx.conf" <<NGINX
events {}
http {
    server {
        listen 443 ssl default_server;
        ssl_reject_handshake on;
        ssl_protocols $protocols;
    }
$end
NGINX
}
write_root "$work/clean" "TLSv1.2 TLSv1.3" "}"
write_root "$work/tls13-only" "TLSv1.3" "}"
write_root "$work/unclosed" "TLSv1.2 TLSv1.3" ""

cat >"$work/inventory.ini" <<INI
[nginx]
clean tlslint_root=$work/clean
tls13-only tlslint_root=$work/tls13-only
unclosed tlslint_root=$work/unclosed

[nginx:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python3)
tlslint_args=["--nginx-version", "1.24.0"]
INI

# Prints the PLAY RECAP line of HOST from LOG.
recap() {
  grep -E "^$2 +: ok=" "$1" || fail "no PLAY RECAP line for $2 in $1"
}

# Checks that HOST's recap line in LOG has FIELD=VALUE.
expect_recap() {
  local log=$1 host=$2 field=$3 value=$4
  recap "$log" "$host" | grep -Eq " $field=$value( |$)" || {
    cat "$log"
    fail "$host: expected $field=$value in: $(recap "$log" "$host")"
  }
}

expect_output() {
  local log=$1 pattern=$2
  grep -Eq -- "$pattern" "$log" || {
    cat "$log"
    fail "no line matches /$pattern/ in the ansible-playbook output"
  }
}

run_playbook() {
  local log=$1
  shift
  status=0
  ansible-playbook -i "$work/inventory.ini" "$@" "$playbook" >"$log" 2>&1 ||
    status=$?
  # ansible-playbook exits with 2 when one or more hosts failed.
  [[ $status -eq 2 ]] || {
    cat "$log"
    fail "ansible-playbook $* exited with $status, expected 2"
  }
}

run_playbook "$work/run.log"
expect_recap "$work/run.log" clean failed 0
expect_recap "$work/run.log" clean changed 0
expect_recap "$work/run.log" tls13-only failed 1
expect_recap "$work/run.log" unclosed failed 1
expect_output "$work/run.log" \
  'tls13-only/etc/nginx/nginx.conf:6: error: .*enables only .*TLSv1\.3.*\[ssl-protocols-missing-tls12\]'
expect_output "$work/run.log" 'findings reached --fail-on'
expect_output "$work/run.log" '\[syntax\]'
expect_output "$work/run.log" 'an input could not be fully checked'

run_playbook "$work/check.log" --check
expect_recap "$work/check.log" clean failed 0
expect_recap "$work/check.log" clean changed 0
expect_recap "$work/check.log" tls13-only changed 1
expect_recap "$work/check.log" tls13-only failed 1
expect_output "$work/check.log" '^changed: \[tls13-only\]'
expect_output "$work/check.log" '"\+        ssl_protocols TLSv1.2 TLSv1.3;"'
expect_output "$work/check.log" '"--- a/etc/nginx/nginx.conf",'

[[ ! -e $work/tls13-only/etc/nginx/nginx.conf~ ]] &&
  grep -q 'ssl_protocols TLSv1.3;' "$work/tls13-only/etc/nginx/nginx.conf" ||
  fail "check mode changed tls13-only's nginx.conf"
echo "ansible: the playbook failed the two faulty hosts and passed the clean one"
