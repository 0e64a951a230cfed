# Types WORDS and two tabs into an interactive zsh that loads the completion
# functions in FPATH_DIR, and prints the terminal output (with the first
# tab's insertion and the second tab's list) until it matches PATTERN or ten
# seconds pass.
# Usage: zsh -f zsh_complete.zsh FPATH_DIR WORDS PATTERN
zmodload zsh/zpty
zmodload zsh/datetime
local dir=$1 words=$2 pattern=$3

zpty shell zsh -f -i
zpty -w shell "PS1='>' PROMPT_EOL_MARK=''; fpath=(${(q)dir} \$fpath)"
zpty -w shell "autoload -Uz compinit; compinit -u -d ${(q)dir}/.zcompdump"
zpty -w shell "zstyle ':completion:*' format 'GROUP:%d'; print READY"
local line
zpty -r shell line '*READY*'
zpty -r shell line '*READY*'

# zle shows no list while keys are waiting, so nothing follows the tabs
# until the output has arrived.
zpty -w -n shell "$words"$'\t\t'
local output= chunk
local -F deadline=$((EPOCHREALTIME + 10))
while ((EPOCHREALTIME < deadline)) && [[ $output != $~pattern ]]; do
  if zpty -r -t shell chunk; then
    output+=$chunk
  else
    sleep 0.05
  fi
done
zpty -d shell
print -r -- "${output//$'\r'/}"
