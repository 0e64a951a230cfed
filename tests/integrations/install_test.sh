#!/usr/bin/env bash
# Installs the build into a temporary prefix and checks the man page and
# the shell completions against the options that "tlslint --help" lists.
# Usage: install_test.sh CMAKE BUILD_DIR
set -euo pipefail

cmake=$1
build_dir=$2

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

prefix=$(mktemp -d "${TMPDIR:-/tmp}/tlslint-install.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build_dir" --prefix "$prefix" >/dev/null

binary=$prefix/bin/tlslint
man_page=$prefix/share/man/man1/tlslint.1
bash_completion=$prefix/share/bash-completion/completions/tlslint
zsh_completion=$prefix/share/zsh/vendor-completions/_tlslint
for file in "$binary" "$man_page" "$bash_completion" "$zsh_completion"; do
  [[ -s $file ]] || fail "cmake --install did not install ${file#"$prefix"/}"
done
[[ -x $binary ]] || fail "bin/tlslint is not executable"

# The long options in the first column of --help, e.g. "--backup" for
# "--backup{~} SUFFIX".
mapfile -t options < <("$binary" --help |
  sed -nE 's/^  (-[a-z],)?(--[a-z][a-z-]*).*/\2/p')
((${#options[@]} >= 10)) ||
  fail "read only ${#options[@]} options from tlslint --help"

# man -l renders the page with groff. Option tags stand at the start of a
# line, where groff does not hyphenate them.
rendered=$prefix/tlslint.txt
LC_ALL=C MANWIDTH=100 man -l "$man_page" 2>"$prefix/man.err" >"$rendered" ||
  fail "man -l failed: $(cat "$prefix/man.err")"
[[ ! -s $prefix/man.err ]] || fail "man -l warned: $(cat "$prefix/man.err")"
LC_ALL=C groff -man -Tascii -ww -z "$man_page" 2>"$prefix/groff.err" ||
  fail "groff failed on the man page"
[[ ! -s $prefix/groff.err ]] ||
  fail "groff warned on the man page: $(cat "$prefix/groff.err")"
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" \
  FILES; do
  grep -q "^$section\$" "$rendered" || fail "the man page lacks $section"
done
for option in "${options[@]}"; do
  grep -Eq -- "^ +$option( |\[|\$)" "$rendered" ||
    fail "the man page does not describe $option"
done
for command in system explain parse build lex format minify; do
  grep -Eq -- "^ +$command " "$rendered" ||
    fail "the man page does not describe the $command command"
done
# The paragraph under each heading, joined into one line.
man_section() {
  sed -n "/^$1\$/,/^[A-Z]/p" "$rendered" | tr -s ' \n' ' '
}
grep -q '^ 3 Usage error.*invalid settings file (\.tlslint\.toml' \
  <<<"$(man_section "EXIT STATUS" | sed 's/.* 3 Usage/ 3 Usage/')" ||
  fail "EXIT STATUS 3 does not name an invalid .tlslint.toml"
files=$(man_section FILES)
for part in '\.tlslint\.toml Settings, read from the current directory' \
  'ROOT/\.tlslint/commands/NAME With --root ROOT' 'iptables-save for iptables-save'; do
  grep -q -- "$part" <<<"$files" ||
    fail "FILES lacks \"$part\": $files"
done

# Completes WORDS... in a fresh bash with the installed completion and
# prints the candidates, one a line. tlslint is not on PATH, so the rule ids
# must come from the script itself.
complete_words() {
  bash --norc --noprofile -c '
    source "$1" || exit 1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _tlslint 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}"' bash "$bash_completion" "$@"
}

registered=$(bash --norc --noprofile -c \
  'source "$1" && complete -p tlslint' bash "$bash_completion") ||
  fail "sourcing the bash completion failed"
[[ $registered == "complete -F _tlslint tlslint" ]] ||
  fail "unexpected registration: $registered"
[[ $(complete_words tlslint --for) == "--format" ]] ||
  fail "completing \"tlslint --for\" gave: $(complete_words tlslint --for)"
[[ $(complete_words tlslint --format '' | tr '\n' ' ') == "text json sarif markdown " ]] ||
  fail "completing \"tlslint --format \" gave: $(complete_words tlslint --format '')"
complete_words tlslint --disable ssl-protocols-l | grep -qx ssl-protocols-legacy ||
  fail "completing --disable does not offer ssl-protocols-legacy"
offered=$(complete_words tlslint --)
for option in "${options[@]}"; do
  grep -Eqx -- "$option=?" <<<"$offered" ||
    fail "the bash completion does not offer $option"
done
offered=$(complete_words tlslint system --)
for option in "${options[@]}"; do
  grep -Eqx -- "$option=?" <<<"$offered" ||
    fail "the bash completion does not offer $option after system"
done

# Every command as the first word, and only there.
commands=(explain system parse build lex format minify)
offered=$(complete_words tlslint '')
for command in "${commands[@]}"; do
  grep -qx "$command" <<<"$offered" ||
    fail "completing \"tlslint \" does not offer $command: $offered"
done
[[ $(complete_words tlslint mi) == minify ]] ||
  fail "completing \"tlslint mi\" gave: $(complete_words tlslint mi)"
! grep -qx parse <<<"$(complete_words tlslint site.conf '')" ||
  fail "completing after a path offers the parse command"

# --disable and explain offer every rule id of this build.
rule_ids=$(sort <<<"$("$binary" --list-rules | cut -d ' ' -f 1)")
((${#rule_ids} > 0)) || fail "tlslint --list-rules printed no rule ids"
[[ $(complete_words tlslint --disable '' | sort) == "$rule_ids" ]] ||
  fail "completing \"--disable \" does not offer exactly the rule ids"
[[ $(complete_words tlslint explain '' | sort) == "$rule_ids" ]] ||
  fail "completing \"explain \" does not offer exactly the rule ids"
[[ $(complete_words tlslint explain chain-inc) == chain-incomplete ]] ||
  fail "completing \"explain chain-inc\" gave: $(complete_words tlslint explain chain-inc)"
[[ -z $(complete_words tlslint explain weak-key '') ]] ||
  fail "explain offers a second rule id"

# Each crossplane command offers exactly its own flags, none of the lint
# options.
expect_flags() {
  local command=$1
  shift
  local offered expected
  offered=$(complete_words tlslint "$command" -- | sort)
  expected=$(printf '%s\n' --help "$@" | sort)
  [[ $offered == "$expected" ]] ||
    fail "completing \"tlslint $command --\" gave: $(tr '\n' ' ' <<<"$offered")"
}
# "--" completes only long names; the short ones are checked after.
expect_flags parse --out --indent --ignore --no-catch --tb-onerror --combine \
  --single-file --include-comments --strict --crossplane-quirks
expect_flags build --verbose --dir --force --indent --tabs --no-headers --stdout
expect_flags lex --out --indent --line-numbers --crossplane-quirks
expect_flags format --out --indent --tabs --crossplane-quirks
expect_flags minify --out --crossplane-quirks
for short in -o -i; do
  grep -qx -- "$short" <<<"$(complete_words tlslint parse -)" ||
    fail "completing \"tlslint parse -\" does not offer $short"
done
[[ -z $(complete_words tlslint parse --indent '') ]] ||
  fail "completing \"parse --indent \" offers words"

for option in "${options[@]}"; do
  grep -Eq -- "^  '$option(=-?)?\[" "$zsh_completion" ||
    fail "the zsh completion does not list $option"
done
head -n 1 "$zsh_completion" | grep -qx '#compdef tlslint' ||
  fail "the zsh completion does not start with #compdef tlslint"

# Types WORDS and two tabs into an interactive zsh with the installed
# completion until the output matches the glob PATTERN, and prints it.
zsh_complete() {
  HOME=$prefix TERM=dumb zsh -f \
    "$(dirname "$0")/zsh_complete.zsh" "${zsh_completion%/*}" "$1" "$2"
}

# The glob waits for the list that the second tab shows. The first grep
# checks what the first tab inserted.
output=$(zsh_complete 'tlslint --for' '*json*markdown*sarif*text*')
grep -q 'tlslint --format=' <<<"$output" ||
  fail "zsh did not complete \"tlslint --for\" to --format=: $output"
grep -Eq '^json +markdown +sarif +text' <<<"$output" ||
  fail "zsh did not list the --format values: $output"
output=$(zsh_complete 'tlslint --disable ssl-protocols-l' '*legacy*')
grep -q 'tlslint --disable ssl-protocols-legacy' <<<"$output" ||
  fail "zsh did not complete a rule id for --disable: $output"
output=$(zsh_complete 'tlslint --fail-on ' '*warning*')
grep -Eq '^error +info +never +warning' <<<"$output" ||
  fail "zsh did not list the --fail-on values: $output"
output=$(zsh_complete 'tlslint mini' '*minify*')
grep -q 'tlslint minify' <<<"$output" ||
  fail "zsh did not complete \"tlslint mini\" to minify: $output"
output=$(zsh_complete 'tlslint explain chain-inc' '*incomplete*')
grep -q 'tlslint explain chain-incomplete' <<<"$output" ||
  fail "zsh did not complete a rule id for explain: $output"
output=$(zsh_complete 'tlslint parse --comb' '*combine*')
grep -q 'tlslint parse --combine' <<<"$output" ||
  fail "zsh did not complete \"tlslint parse --comb\": $output"
# The list is sorted, so --tb-onerror comes last.
output=$(zsh_complete 'tlslint parse --' '*--tb-onerror*')
for flag in --combine --strict --crossplane-quirks --include-comments \
  --single-file --no-catch --ignore --out; do
  grep -Eq -- "^$flag " <<<"$output" ||
    fail "zsh did not list $flag for parse: $output"
done
! grep -q -- '--fail-on' <<<"$output" ||
  fail "zsh listed lint options for parse: $output"
echo "install: binary, man page and completions cover ${#options[@]} options"
