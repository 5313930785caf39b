#!/usr/bin/env bash
# pathlength.sh: machine instructions per unit of work of `stoffel run` and lua5.4 on the
# programs in bench/programs, counted by valgrind (bench/README.md, "Path length:
# pathlength.sh"). Unlike timings, the counts are the same from run to run, so a change of a
# few percent shows; they are a complement to compare.sh, not a replacement (equal counts can
# still take different times).
#
#   bench/pathlength.sh [PROGRAM ...]
#
# Each side runs each program at two sizes under `valgrind --tool=cachegrind --cache-sim=no`;
# the difference of the two totals, divided by the units of work between them, leaves out
# start-up. Units: a call for fib (fib(20) to fib(25): 220,894 calls), a loop iteration for the
# others (100,000 to 200,000). Prints a markdown table on stdout.
# Environment: STOFFEL=/path/to/stoffel (default: bench/out/stoffel/stoffel, which compare.sh
# publishes); LUA=lua5.4. Needs valgrind (apt-get install valgrind).
# Exit status: 0, or 1 when a run fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly STOFFEL=${STOFFEL:-$ROOT/bench/out/stoffel/stoffel}
readonly LUA=${LUA:-lua5.4}
readonly ORDER=(fib loop calls object closure array)

# Native AOT's separate debug file (stoffel.dbg) is more than valgrind's reader takes: run a
# copy of the executable alone in a directory of its own.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$STOFFEL" "$work/stoffel"

# instructions COMMAND...: the instructions the command executed, by cachegrind's count.
instructions() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    awk '/I[[:space:]]+refs:/ { gsub(",", "", $NF); print $NF }'
}

# per_unit SMALL LARGE UNITS: (LARGE - SMALL) / UNITS, one decimal.
per_unit() { awk -v a="$1" -v b="$2" -v u="$3" 'BEGIN { printf "%.1f", (b - a) / u }'; }

programs=("$@")
((${#programs[@]} > 0)) || programs=("${ORDER[@]}")

echo "| program | unit | Stoffel instructions | Lua 5.4 instructions | Stoffel / Lua |"
echo "|---|---|---:|---:|---:|"
for program in "${programs[@]}"; do
  if [[ $program == fib ]]; then
    small=20 large=25 units=220894 unit=call
  else
    small=100000 large=200000 units=100000 unit=iteration
  fi
  stoffel_small=$(instructions "$work/stoffel" run "$ROOT/bench/programs/$program.stfa" --arg "$small")
  stoffel_large=$(instructions "$work/stoffel" run "$ROOT/bench/programs/$program.stfa" --arg "$large")
  lua_small=$(instructions "$LUA" "$ROOT/bench/programs/$program.lua" "$small")
  lua_large=$(instructions "$LUA" "$ROOT/bench/programs/$program.lua" "$large")
  for count in "$stoffel_small" "$stoffel_large" "$lua_small" "$lua_large"; do
    [[ -n $count ]] || { echo "pathlength.sh: a run of $program failed under valgrind" >&2; exit 1; }
  done
  stoffel=$(per_unit "$stoffel_small" "$stoffel_large" "$units")
  lua=$(per_unit "$lua_small" "$lua_large" "$units")
  ratio=$(awk -v s="$stoffel" -v l="$lua" 'BEGIN { printf "%.2f", s / l }')
  echo "| $program | $unit | $stoffel | $lua | $ratio |"
done
