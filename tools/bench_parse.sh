#!/bin/sh
# Times `tlslint parse` on the large generated config (2,001 files, about
# 6 MB) and reports its peak memory.
#
# Usage: tools/bench_parse.sh [PARSE_COMMAND]
#   PARSE_COMMAND defaults to "build/tlslint parse".
#   TLSLINT_GEN_LARGE names the generator script gen_large.py. The script is
#   copied to a temporary folder before it runs, because it writes beside
#   itself.
#   BENCH_RUNS sets the number of timed runs (default 10).
# Needs python3. Uses hyperfine when it is installed, else a shell loop, and
# /usr/bin/time (Debian package "time") for peak memory.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
parse_command=${1:-"$root/build/tlslint parse"}
generator=${TLSLINT_GEN_LARGE:-"$root/../shared/corpus/gen_large.py"}
runs=${BENCH_RUNS:-10}

work=$(mktemp -d "${TMPDIR:-/tmp}/tlslint-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

cp "$generator" "$work/gen_large.py"
python3 "$work/gen_large.py" "$work/big" --servers 2000 >/dev/null
input_bytes=$(find "$work/big" -type f -exec cat {} + | wc -c)

cd "$work/big"
output_bytes=$($parse_command nginx.conf | wc -c)
echo "input: $input_bytes bytes in $(find . -type f | wc -l) files"
echo "output: $output_bytes bytes of JSON"

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs "$runs" "$parse_command nginx.conf"
else
  # Wall time of each run in milliseconds, then the median.
  times=""
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    $parse_command nginx.conf >/dev/null
    end=$(date +%s%N)
    times="$times $(( (end - start) / 1000000 ))"
    i=$((i + 1))
  done
  echo "wall time (ms) of $runs runs:$times"
  echo "$times" | tr ' ' '\n' | grep . | sort -n |
    awk '{ v[NR] = $1 } END { printf "median: %d ms\n", v[int((NR + 1) / 2)] }'
fi

if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak memory: %M KiB, user %U s, system %S s" \
    $parse_command nginx.conf >/dev/null
fi
