#!/bin/bash
# Writes a self-signed test-only certificate with exact validity dates,
# which `openssl req -x509` cannot set before OpenSSL 3.4:
#   make-dated-cert.sh OUT.pem SUBJECT NOT_BEFORE NOT_AFTER
# e.g. make-dated-cert.sh a.pem "/CN=clock.test" 20270301000000Z 20270601000000Z
# The key is written next to OUT.pem as OUT.key.
set -euo pipefail

out=$1 subject=$2 not_before=$3 not_after=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

touch "$work/index.txt"
echo 01 > "$work/serial"
cat > "$work/ca.cnf" <<CONF
[ca]
default_ca = dated
[dated]
database = $work/index.txt
serial = $work/serial
new_certs_dir = $work
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = optional
organizationName = optional
countryName = optional
CONF

key=${out%.pem}.key
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout "$key" -subj "$subject" -out "$work/req.csr" 2>/dev/null
openssl ca -batch -config "$work/ca.cnf" -selfsign -keyfile "$key" \
  -startdate "$not_before" -enddate "$not_after" -notext \
  -in "$work/req.csr" -out "$out" 2>/dev/null
