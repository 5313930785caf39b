#!/usr/bin/env bash
# hookpath.sh: whole-process cost of a no-op instruction hook and of an attached debugger, as a
# C# host program meets it (bench/README.md, "Hooks from a host, whole process"): runs the host
# bench/Stoffel.HookPath on bench/programs/PROGRAM.stfa with argument N plain and in each MODE,
# alternating, and prints the minimum and median wall time of each and their ratios to plain.
# Not part of the test suite.
#
#   bench/hookpath.sh [--runs K] [--jit] PROGRAM N [MODE ...]
#
# MODEs: hook (one no-op BeforeInstructionExecute hook, a HookCallback delegate: the issue's bound
# is at most 2x plain), struct-hook (the same no-op hook as an IInstructionHook struct, registered
# with RegisterInstructionHook: the tracing loop's copy for its type calls it directly) and
# debugger (a debug session with line breakpoints in a function nothing calls: at most 1.1x); all
# three by default. K runs of each, alternating (default 7).
# The host is built the two ways a host program ships: Native AOT by default (published to
# bench/out/hookpath first unless HOOKPATH=/path/to/Stoffel.HookPath names one, as
# pathlength.sh --hook does), or with --jit framework-dependent under the JIT with tiered PGO,
# which `dotnet run` and `dotnet build` give a host (built to bench/out/hookpath-jit).
# Needs GNU time (/usr/bin/time). Exit status: 0, 1 when a run fails, 2 for a usage error.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
source "$ROOT/bench/lib.sh"
runs=7
jit=false
while (($# > 0)); do
  case $1 in
    --runs)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "hookpath.sh: --runs needs a positive integer" >&2; exit 2; }
      runs=$2
      shift 2
      ;;
    --jit)
      jit=true
      shift
      ;;
    *) break ;;
  esac
done
if (($# < 2)); then
  print_header_usage "${BASH_SOURCE[0]}" >&2
  exit 2
fi
program=$1 size=$2
shift 2
modes=("$@")
((${#modes[@]} > 0)) || modes=(hook struct-hook debugger)
for mode in "${modes[@]}"; do
  [[ $mode == hook || $mode == struct-hook || $mode == debugger ]] || { echo "hookpath.sh: no mode '$mode' (hook, struct-hook or debugger)" >&2; exit 2; }
done
source=$ROOT/bench/programs/$program.stfa
[[ -f $source ]] || { echo "hookpath.sh: no bench/programs/$program.stfa" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "hookpath.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }

if $jit; then
  dotnet build "$ROOT/bench/Stoffel.HookPath" -c Release -p:PublishAot=false -o "$ROOT/bench/out/hookpath-jit" > /dev/null
  host=(dotnet "$ROOT/bench/out/hookpath-jit/Stoffel.HookPath.dll") build="JIT (framework-dependent)"
else
  if [[ -z ${HOOKPATH:-} ]]; then
    dotnet publish "$ROOT/bench/Stoffel.HookPath" -c Release -r linux-x64 -o "$ROOT/bench/out/hookpath" > /dev/null
  fi
  host=("${HOOKPATH:-$ROOT/bench/out/hookpath/Stoffel.HookPath}") build="Native AOT"
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
declare -A wall
labels=(plain "${modes[@]}")
for ((run = 0; run < runs; run++)); do
  for label in "${labels[@]}"; do
    /usr/bin/time -o "$out" -f '%e' "${host[@]}" "$label" "$source" "$size" > /dev/null ||
      { echo "hookpath.sh: the $label run of $program($size) failed" >&2; exit 1; }
    wall[$label]+="$(< "$out") "
  done
  echo "run $((run + 1))/$runs done" >&2
done

plain_min=$(minimum_of "${wall[plain]}") plain_median=$(median_of "${wall[plain]}")
if awk -v m="$plain_min" 'BEGIN { exit !(m < 0.05) }'; then
  echo "hookpath.sh: the plain run of $program($size) took ${plain_min} s, too short to time: raise N" >&2
  exit 2
fi
printf '| %s(%s), %s host, %d runs each | wall minimum | ratio | wall median | ratio |\n|---|---:|---:|---:|---:|\n' "$program" "$size" "$build" "$runs"
for label in "${labels[@]}"; do
  awk -v l="$label" -v m="$(minimum_of "${wall[$label]}")" -v pm="$plain_min" -v d="$(median_of "${wall[$label]}")" -v pd="$plain_median" \
    'BEGIN { printf "| %s | %.2f s | %.2f | %.2f s | **%.2f** |\n", l, m, m / pm, d, d / pd }'
done
