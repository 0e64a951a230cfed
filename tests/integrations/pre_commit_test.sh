#!/usr/bin/env bash
# Runs the repository's .pre-commit-hooks.yaml through Debian's pre-commit:
# a commit of a site file with a finding must be rejected with the finding
# in the output, and a clean one must go through, although the certificate
# files it names are not in the repository.
# Usage: pre_commit_test.sh SOURCE_DIR TLSLINT_BINARY
set -euo pipefail

source_dir=$1
tlslint_binary=$2

command -v pre-commit >/dev/null || {
  echo "error: pre-commit is not installed; run tools/setup.sh" >&2
  exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/tlslint-pre-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT

# pre-commit and git must not read or write the user's configuration.
export HOME=$work/home PRE_COMMIT_HOME=$work/cache
export GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME=$work/home/.config
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME"

# The hook runs the tlslint on PATH, as it does for users.
mkdir -p "$work/bin"
ln -s "$(realpath "$tlslint_binary")" "$work/bin/tlslint"
export PATH=$work/bin:$PATH

# pre-commit clones a hook repository at a revision, so the hook file goes
# into a repository of its own. The source tree need not be a git checkout.
hooks_repo=$work/hooks
git init -q "$hooks_repo"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks_repo/"
git -C "$hooks_repo" add .pre-commit-hooks.yaml
git -C "$hooks_repo" commit -q -m "Add the tlslint hook"
rev=$(git -C "$hooks_repo" rev-parse HEAD)

project=$work/project
git init -q "$project"
cd "$project"
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks_repo
    rev: $rev
    hooks:
      - id: tlslint
YAML
# The hook's own args stay in force; the target nginx comes from the
# repository's settings file.
printf 'nginx-version = "1.24.0"\n' >.tlslint.toml
git add .pre-commit-config.yaml .tlslint.toml
git commit -q -m "Configure pre-commit"
pre-commit install >/dev/null

mkdir -p nginx/sites-available
# A catch-all server that rejects handshakes needs no certificate, so the
# only finding is the missing TLSv1.2.
cat >nginx/sites-available/default <<'NGINX'
server {
    listen 443 ssl default_server;
    ssl_reject_handshake on;
    ssl_protocols TLSv1.3;
}
NGINX
git add nginx/sites-available/default
if git commit -q -m "Add a site with TLSv1.3 only" >"$work/bad.log" 2>&1; then
  cat "$work/bad.log"
  echo "FAIL: the commit of a site without TLSv1.2 went through" >&2
  exit 1
fi
grep -q '^- hook id: tlslint$' "$work/bad.log" || {
  cat "$work/bad.log"
  echo "FAIL: the output does not name the tlslint hook" >&2
  exit 1
}
grep -q 'nginx/sites-available/default:4:5: error: .*\[ssl-protocols-missing-tls12\]' \
  "$work/bad.log" || {
  cat "$work/bad.log"
  echo "FAIL: the output lacks the ssl-protocols-missing-tls12 finding" >&2
  exit 1
}

# The clean site serves a Let's Encrypt certificate that exists only on the
# server; with --certs=optional from the hook that is a note, not an error.
cat >nginx/sites-available/default <<'NGINX'
server {
    listen 443 ssl;
    server_name example.org;
    ssl_certificate /etc/letsencrypt/live/example.org/fullchain.pem;
    ssl_certificate_key /etc/letsencrypt/live/example.org/privkey.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
}
NGINX
git add nginx/sites-available/default
if ! git commit -q -m "Add a site with TLSv1.2 and TLSv1.3" >"$work/good.log" 2>&1; then
  cat "$work/good.log"
  echo "FAIL: the commit of a clean site was rejected" >&2
  exit 1
fi
grep -q '^tlslint (nginx TLS configuration)\.*Passed$' "$work/good.log" || {
  cat "$work/good.log"
  echo "FAIL: the tlslint hook did not run on the clean site" >&2
  exit 1
}
[[ -z $(git status --porcelain) ]] || {
  git status --short
  echo "FAIL: the work tree is not clean after the commit" >&2
  exit 1
}
echo "pre-commit: the hook rejected the bad site and passed the clean one"
