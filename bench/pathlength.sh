#!/usr/bin/env bash
# pathlength.sh: machine instructions per unit of work of `stoffel run` and lua5.4 on the
# programs in bench/programs, counted by valgrind (bench/README.md, "Path length:
# pathlength.sh"). Unlike timings, the counts are the same from run to run, so a change of a
# few percent shows; they are a complement to compare.sh, not a replacement (equal counts can
# still take different times).
#
#   bench/pathlength.sh [PROGRAM ...]
#   bench/pathlength.sh --hook [PROGRAM ...]
#   bench/pathlength.sh --struct-hook [PROGRAM ...]
#   bench/pathlength.sh --debugger [PROGRAM ...]
#
# Each side runs each program at two sizes under `valgrind --tool=cachegrind --cache-sim=no`;
# the difference of the two totals, divided by the units of work between them, leaves out
# start-up. Units: a call for fib (fib(20) to fib(25): 220,894 calls), a loop iteration for the
# others (100,000 to 200,000). Prints a markdown table on stdout.
# With --hook: Stoffel alone, plain against one no-op BeforeInstructionExecute hook (the issue's
# bound: at most 2x), run by the Native AOT host bench/Stoffel.HookPath, which it publishes to
# bench/out/hookpath first unless HOOKPATH=/path/to/Stoffel.HookPath names one.
# With --struct-hook: the same, the no-op hook an IInstructionHook struct (RegisterInstructionHook).
# With --debugger: the same host, plain against a debug session attached with line breakpoints
# in a function nothing calls (programs/uncalled.stfa; the issue's bound: at most 1.1x).
# Environment: STOFFEL=/path/to/stoffel (default: bench/out/stoffel/stoffel, which compare.sh
# publishes); LUA=lua5.4. Needs valgrind (apt-get install valgrind).
# Exit status: 0, or 1 when a run fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly STOFFEL=${STOFFEL:-$ROOT/bench/out/stoffel/stoffel}
readonly LUA=${LUA:-lua5.4}
readonly ORDER=(fib loop calls object closure array)
use_host=false
mode=hook # the host's mode measured against plain: hook, struct-hook or debugger
if [[ ${1:-} == --hook || ${1:-} == --struct-hook || ${1:-} == --debugger ]]; then
  use_host=true
  mode=${1#--}
  shift
fi
readonly use_host mode

# Native AOT's separate debug file (stoffel.dbg) is more than valgrind's reader takes: run a
# copy of the executable alone in a directory of its own.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if $use_host; then
  hookpath=${HOOKPATH:-$ROOT/bench/out/hookpath/Stoffel.HookPath}
  if [[ -z ${HOOKPATH:-} ]]; then
    dotnet publish "$ROOT/bench/Stoffel.HookPath" -c Release -r linux-x64 -o "$ROOT/bench/out/hookpath" >&2
  fi
  cp "$hookpath" "$work/hookpath"
else
  cp "$STOFFEL" "$work/stoffel"
fi

# instructions COMMAND...: the instructions the command executed, by cachegrind's count.
instructions() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    awk '/I[[:space:]]+refs:/ { gsub(",", "", $NF); print $NF }'
}

# per_unit SMALL LARGE UNITS: (LARGE - SMALL) / UNITS, one decimal.
per_unit() { awk -v a="$1" -v b="$2" -v u="$3" 'BEGIN { printf "%.1f", (b - a) / u }'; }

programs=("$@")
((${#programs[@]} > 0)) || programs=("${ORDER[@]}")

# Each row: the first command's instructions per unit, the second's, and their ratio.
if [[ $use_host == true && $mode == debugger ]]; then
  echo "| program | unit | debugger attached, breakpoints elsewhere | plain | debugger / plain |"
elif $use_host; then
  echo "| program | unit | no-op instruction hook ($mode) | plain | hook / plain |"
else
  echo "| program | unit | Stoffel instructions | Lua 5.4 instructions | Stoffel / Lua |"
fi
echo "|---|---|---:|---:|---:|"
for program in "${programs[@]}"; do
  if [[ $program == fib ]]; then
    small=20 large=25 units=220894 unit=call
  else
    small=100000 large=200000 units=100000 unit=iteration
  fi
  source=$ROOT/bench/programs/$program.stfa
  if $use_host; then
    first=("$work/hookpath" "$mode" "$source") second=("$work/hookpath" plain "$source")
  else
    first=("$work/stoffel" run "$source" --arg) second=("$LUA" "$ROOT/bench/programs/$program.lua")
  fi
  first_small=$(instructions "${first[@]}" "$small")
  first_large=$(instructions "${first[@]}" "$large")
  second_small=$(instructions "${second[@]}" "$small")
  second_large=$(instructions "${second[@]}" "$large")
  for count in "$first_small" "$first_large" "$second_small" "$second_large"; do
    [[ -n $count ]] || { echo "pathlength.sh: a run of $program failed under valgrind" >&2; exit 1; }
  done
  first_per_unit=$(per_unit "$first_small" "$first_large" "$units")
  second_per_unit=$(per_unit "$second_small" "$second_large" "$units")
  ratio=$(awk -v a="$first_per_unit" -v b="$second_per_unit" 'BEGIN { printf "%.2f", a / b }')
  echo "| $program | $unit | $first_per_unit | $second_per_unit | $ratio |"
done
