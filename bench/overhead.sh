#!/usr/bin/env bash
# overhead.sh: whole-process cost of instrumentation (bench/README.md, "Instrumentation, whole
# process"): runs `stoffel run bench/programs/PROGRAM.stfa --arg N` plain and with each
# instrumentation option, alternating, and prints median wall and user+sys CPU times, their
# ratios to plain, and peak RSS. Not part of the test suite.
#
#   bench/overhead.sh [--runs K] PROGRAM N [LABEL='OPTIONS' ...]
#
# Without LABEL='OPTIONS' arguments: profile (trace mode), profile-sample, coverage. Output files
# go to a temporary directory, traces to /dev/null; the CLI runs there, so an output file an
# OPTIONS names by a relative path (profile='--profile p.json') lands there too. STOFFEL='command' sets the CLI (default
# `dotnet Stoffel.Cli/bin/Release/net10.0/stoffel.dll`, so build it with
# `dotnet build Stoffel.Cli -c Release` first). Needs GNU time (/usr/bin/time).
# Example: bench/overhead.sh --runs 7 fib 30 trace='--trace instr'
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
source "$ROOT/bench/lib.sh"
runs=5
if [[ ${1:-} == --runs ]]; then
  [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || { echo "overhead.sh: --runs needs a positive integer" >&2; exit 2; }
  runs=$2
  shift 2
fi
if (($# < 2)); then
  print_header_usage "${BASH_SOURCE[0]}" >&2
  exit 2
fi
program=$1 size=$2
shift 2
[[ -f $ROOT/bench/programs/$program.stfa ]] || { echo "overhead.sh: no bench/programs/$program.stfa" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "overhead.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if (($# == 0)); then
  set -- "profile=--profile $out/p.speedscope.json" "profile-sample=--profile $out/s.speedscope.json --profile-mode sample" "coverage=--coverage $out/c.lcov"
fi
read -r -a stoffel <<< "${STOFFEL:-dotnet $ROOT/Stoffel.Cli/bin/Release/net10.0/stoffel.dll}"
[[ ${stoffel[0]} != */* ]] || stoffel[0]=$(realpath "${stoffel[0]}") # a path, kept from the temporary directory the runs take place in
labels=(plain) options=("")
for spec in "$@"; do
  labels+=("${spec%%=*}") options+=("${spec#*=}")
done

declare -A wall cpu rss
for ((run = 0; run < runs; run++)); do
  for i in "${!labels[@]}"; do
    read -r -a extra <<< "${options[$i]}"
    (cd "$out" && /usr/bin/time -o "$out/time" -f '%e %U %S %M' "${stoffel[@]}" run "$ROOT/bench/programs/$program.stfa" --arg "$size" "${extra[@]}" > /dev/null 2> /dev/null) || true
    read -r elapsed user system peak < "$out/time"
    wall[${labels[$i]}]+="$elapsed " cpu[${labels[$i]}]+="$(awk "BEGIN { print $user + $system }") " rss[${labels[$i]}]=$peak
  done
  echo "run $((run + 1))/$runs done" >&2
done

plain_wall=$(median_of "${wall[plain]}") plain_cpu=$(median_of "${cpu[plain]}")
printf '| %s(%s) | wall median | ratio | CPU median | ratio | peak RSS MB |\n|---|---:|---:|---:|---:|---:|\n' "$program" "$size"
for label in "${labels[@]}"; do
  w=$(median_of "${wall[$label]}") c=$(median_of "${cpu[$label]}")
  awk -v l="$label" -v w="$w" -v pw="$plain_wall" -v c="$c" -v pc="$plain_cpu" -v m="${rss[$label]}" \
    'BEGIN { printf "| %s | %.2f s | **%.2f** | %.2f s | %.2f | %.1f |\n", l, w, w / pw, c, c / pc, m / 1024 }'
done
