#!/usr/bin/env bash
# compare.sh: whole-process timings of `stoffel run` against lua5.4 on the six programs in
# bench/programs (bench/README.md, "Whole-process: compare.sh"). Not part of the test suite: the
# default sizes take minutes.
#
#   bench/compare.sh [--runs K] [--timeout SECONDS] [--cold-runs M] [--no-cold-start] [--no-build]
#                    [PROGRAM[=N] ...]
#   bench/compare.sh --check [--no-build] [PROGRAM ...]
#
# Publishes the CLI (dotnet publish Stoffel.Cli -c Release -r linux-x64 -o bench/out/stoffel),
# then for each program runs `stoffel run bench/programs/X.stfa --arg N` and `lua5.4
# bench/programs/X.lua N` alternately, K times each, checks that both print the same last line,
# and prints a markdown table of median wall times and peak RSS on stdout (progress on stderr).
# --check instead runs each program once per side at the small size of its `; args:` line and
# compares with its `; expect-result:` line (seconds, not minutes).
# Environment: STOFFEL=/path/to/stoffel skips the publish; LUA=lua5.4 picks the interpreter.
# Exit status: 0 when every program agreed (timeouts included), 1 on a mismatch or a failed run,
# 2 on a usage error.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
source "$ROOT/bench/lib.sh"
readonly PROGRAMS_DIR="$ROOT/bench/programs"
readonly PUBLISH_DIR="$ROOT/bench/out/stoffel"
readonly ORDER=(fib loop calls object closure array)
# Whole-process sizes: each takes lua5.4 about a second or more on the reference machine.
declare -A DEFAULT_SIZE=([fib]=36 [loop]=50000000 [calls]=30000000 [object]=30000000 [closure]=25000000 [array]=13000000)

runs=3
timeout_seconds=120
cold_runs=10
cold_start=true
build=true
check=false
selected=()
declare -A size=()

usage() {
  print_header_usage "${BASH_SOURCE[0]}"
  echo "Programs and default N: $(for p in "${ORDER[@]}"; do printf '%s=%s ' "$p" "${DEFAULT_SIZE[$p]}"; done)"
}

fail_usage() {
  echo "compare.sh: $1" >&2
  echo "run 'bench/compare.sh --help' for usage" >&2
  exit 2
}

is_positive_integer() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }

parse_arguments() {
  while (($# > 0)); do
    case $1 in
      --runs) (($# >= 2)) && is_positive_integer "$2" || fail_usage "--runs needs a positive integer"; runs=$2; shift 2 ;;
      --timeout) (($# >= 2)) && is_positive_integer "$2" || fail_usage "--timeout needs a positive number of seconds"; timeout_seconds=$2; shift 2 ;;
      --cold-runs) (($# >= 2)) && is_positive_integer "$2" || fail_usage "--cold-runs needs a positive integer"; cold_runs=$2; shift 2 ;;
      --no-cold-start) cold_start=false; shift ;;
      --no-build) build=false; shift ;;
      --check) check=true; shift ;;
      -h | --help) usage; exit 0 ;;
      -*) fail_usage "unknown option '$1'" ;;
      *)
        local name=${1%%=*}
        [[ -n ${DEFAULT_SIZE[$name]+set} ]] || fail_usage "unknown program '$name' (one of: ${ORDER[*]})"
        if [[ $1 == *=* ]]; then
          is_positive_integer "${1#*=}" || fail_usage "'$1': N must be a positive integer"
          size[$name]=${1#*=}
        fi
        selected+=("$name")
        shift
        ;;
    esac
  done
  ((${#selected[@]} > 0)) || selected=("${ORDER[@]}")
  local name
  for name in "${selected[@]}"; do
    [[ -n ${size[$name]+set} ]] || size[$name]=${DEFAULT_SIZE[$name]}
  done
}

progress() { echo "compare.sh: $*" >&2; }

# The stoffel executable: $STOFFEL, or a fresh publish into bench/out/stoffel (git-ignored).
resolve_stoffel() {
  if [[ -n ${STOFFEL:-} ]]; then
    stoffel=$STOFFEL
  else
    stoffel=$PUBLISH_DIR/stoffel
    if [[ $build == true ]]; then
      progress "publishing Stoffel.Cli to ${PUBLISH_DIR#"$ROOT"/} ..."
      if ! dotnet publish "$ROOT/Stoffel.Cli" -c Release -r linux-x64 -o "$PUBLISH_DIR" -nologo >"$work/publish.log" 2>&1; then
        cat "$work/publish.log" >&2
        echo "compare.sh: dotnet publish failed" >&2
        exit 1
      fi
    fi
  fi
  [[ -x $stoffel ]] || { echo "compare.sh: no stoffel executable at '$stoffel' (set STOFFEL or drop --no-build)" >&2; exit 1; }
}

resolve_lua() {
  lua=${LUA:-lua5.4}
  command -v "$lua" >/dev/null 2>&1 || { echo "compare.sh: '$lua' not found (set LUA)" >&2; exit 1; }
}

# GNU time gives each run's peak RSS. Installed (Debian package `time`) only when missing and
# apt-get is available; without it the RSS columns read n/a and wall times are unaffected.
resolve_gnu_time() {
  gnu_time=/usr/bin/time
  if [[ ! -x $gnu_time ]] && command -v apt-get >/dev/null 2>&1; then
    progress "installing GNU time (apt-get install time) ..."
    { apt-get update && apt-get install -y time; } >/dev/null 2>&1 || progress "could not install GNU time; peak RSS will read n/a"
  fi
  if [[ ! -x $gnu_time ]] || ! "$gnu_time" --version 2>&1 | grep -q 'GNU'; then
    gnu_time=
  fi
}

# run_once NAME COMMAND...: runs COMMAND under the per-run timeout, stdout and stderr to
# $work/NAME.{stdout,stderr}. Sets run_status (ok, timeout or error), run_ns (wall time),
# run_rss_kb (peak RSS, empty without GNU time) and run_result (the last non-empty stdout line).
run_once() {
  local name=$1 code=0 start end
  shift
  start=${EPOCHREALTIME//[!0-9]/}
  if [[ -n $gnu_time ]]; then
    "$gnu_time" -f '%M' -o "$work/$name.time" timeout -k 5 "$timeout_seconds" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" || code=$?
  else
    timeout -k 5 "$timeout_seconds" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" || code=$?
  fi
  end=${EPOCHREALTIME//[!0-9]/}
  run_ns=$(((end - start) * 1000))
  # GNU time writes "Command exited with non-zero status N" before the format line.
  run_rss_kb=
  [[ -n $gnu_time ]] && run_rss_kb=$(tail -n 1 "$work/$name.time")
  finish_run "$name" "$code"
}

# run_bare NAME COMMAND...: as run_once, but COMMAND alone, without GNU time and the per-run
# timeout, whose processes would be most of a cold start's milliseconds on a machine where
# starting one is slow. run_rss_kb is empty (the cold start's first run gives each side's RSS).
run_bare() {
  local name=$1 code=0 start end
  shift
  start=${EPOCHREALTIME//[!0-9]/}
  "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" || code=$?
  end=${EPOCHREALTIME//[!0-9]/}
  run_ns=$(((end - start) * 1000))
  run_rss_kb=
  finish_run "$name" "$code"
}

# finish_run NAME EXIT_CODE: run_result and run_status of the run whose output is $work/NAME.stdout.
finish_run() {
  run_result=$(awk 'NF { last = $0 } END { print last }' "$work/$1.stdout")
  case $2 in
    0) run_status=ok ;;
    124 | 137) run_status=timeout ;;
    *) run_status=error ;;
  esac
}

# median of the numbers on stdin (the mean of the middle two for an even count).
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; m = int((NR + 1) / 2); print (NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2) }'
}

max_of() { sort -g | tail -n 1; }

seconds_cell() { awk -v ns="$1" 'BEGIN { printf "%.2f s", ns / 1e9 }'; }
milliseconds_cell() { awk -v ns="$1" 'BEGIN { printf "%.1f ms", ns / 1e6 }'; }
megabytes_cell() { if [[ -z $1 ]]; then echo "n/a"; else awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; fi; }

# One side of one program: the per-run lists, the verdict and the result it printed.
declare -A side_ns=() side_rss=() side_status=() side_result=()

reset_side() {
  side_ns[$1]=
  side_rss[$1]=
  side_status[$1]=ok
  side_result[$1]=
}

# record SIDE LABEL: folds the last run (run_once or run_bare) into SIDE's lists; a failed run is reported at once.
record() {
  local side=$1 label=$2
  [[ -n $run_rss_kb ]] && side_rss[$side]+="$run_rss_kb"$'\n'
  case $run_status in
    ok)
      side_ns[$side]+="$run_ns"$'\n'
      if [[ -n ${side_result[$side]} && ${side_result[$side]} != "$run_result" ]]; then
        side_status[$side]=unstable
      fi
      side_result[$side]=$run_result
      ;;
    timeout)
      side_status[$side]=timeout
      progress "$label: timed out after ${timeout_seconds} s"
      ;;
    error)
      side_status[$side]=error
      progress "$label failed:"
      tail -n 5 "$work/$side.stderr" >&2
      ;;
  esac
}

# The median cell of a side: its median time, or why there is none.
time_cell() {
  local side=$1 format=$2
  case ${side_status[$side]} in
    ok | unstable) "$format" "$(printf '%s' "${side_ns[$side]}" | median)" ;;
    timeout) echo "timeout (> ${timeout_seconds} s)" ;;
    *) echo "${side_status[$side]}" ;;
  esac
}

ratio_cell() {
  case ${side_status[stoffel]}/${side_status[lua]} in
    ok/ok)
      awk -v s="$(printf '%s' "${side_ns[stoffel]}" | median)" -v l="$(printf '%s' "${side_ns[lua]}" | median)" 'BEGIN { printf "**%.2f**", s / l }'
      ;;
    timeout/ok)
      awk -v s="$timeout_seconds" -v l="$(printf '%s' "${side_ns[lua]}" | median)" 'BEGIN { printf "> %.0f", s * 1e9 / l }'
      ;;
    *) echo "–" ;;
  esac
}

rss_cell() { megabytes_cell "$(printf '%s' "${side_rss[$1]}" | max_of)"; }

verdict() {
  local stoffel_status=${side_status[stoffel]} lua_status=${side_status[lua]}
  if [[ $stoffel_status == error || $lua_status == error ]]; then
    echo "a run failed"
  elif [[ $stoffel_status == unstable || $lua_status == unstable ]]; then
    echo "results differ between runs"
  elif [[ $stoffel_status == ok && $lua_status == ok && ${side_result[stoffel]} != "${side_result[lua]}" ]]; then
    echo "Stoffel printed '${side_result[stoffel]}', Lua '${side_result[lua]}'"
  fi
}

rows=()
failed=false

compare_program() {
  local program=$1 n=${size[$1]} run problem
  reset_side stoffel
  reset_side lua
  for ((run = 1; run <= runs; run++)); do
    # After a timeout that side is not run again: another would only time out too.
    if [[ ${side_status[stoffel]} != timeout ]]; then
      progress "$program($n) run $run/$runs: stoffel"
      run_once stoffel "$stoffel" run "$PROGRAMS_DIR/$program.stfa" --arg "$n"
      record stoffel "stoffel $program($n)"
    fi
    if [[ ${side_status[lua]} != timeout ]]; then
      progress "$program($n) run $run/$runs: lua"
      run_once lua "$lua" "$PROGRAMS_DIR/$program.lua" "$n"
      record lua "lua $program($n)"
    fi
  done
  problem=$(verdict)
  if [[ -n $problem ]]; then
    progress "$program($n): $problem"
    failed=true
  fi
  rows+=("| $program${problem:+ (**$problem**)} | $n | $(time_cell stoffel seconds_cell) | $(time_cell lua seconds_cell) | $(ratio_cell) | $(rss_cell stoffel) | $(rss_cell lua) |")
}

# hyperfine_medians_ns STOFFEL_COMMAND LUA_COMMAND: both medians in ns, or nothing without hyperfine.
hyperfine_medians_ns() {
  command -v hyperfine >/dev/null 2>&1 || return 0
  hyperfine --shell=none --warmup 1 --runs "$cold_runs" --style none --export-json "$work/cold.json" "$1" "$2" >/dev/null 2>&1 || return 0
  grep -o '"median": *[0-9.eE+-]*' "$work/cold.json" | awk -F: '{ printf "%.0f\n", $2 * 1e9 }'
}

# The cold-start row: `stoffel run examples/hello.stfa` against lua5.4 printing the same line.
compare_cold_start() {
  local hello=$ROOT/examples/hello.stfa expected="Hello, Stoffel!" run medians
  local lua_hello=(-e "print(\"$expected\")")
  reset_side stoffel
  reset_side lua
  progress "cold start: checking both print '$expected'"
  run_once stoffel "$stoffel" run "$hello"
  record stoffel "stoffel hello"
  run_once lua "$lua" "${lua_hello[@]}"
  record lua "lua hello"
  if [[ ${side_result[stoffel]} != "$expected" || ${side_result[lua]} != "$expected" ]]; then
    progress "cold start: expected '$expected', Stoffel printed '${side_result[stoffel]}', Lua '${side_result[lua]}'"
    failed=true
    rows+=("| cold start: hello (**wrong output**) | – | – | – | – | – | – |")
    return
  fi
  medians=$(hyperfine_medians_ns "$(printf '%q ' "$stoffel" run "$hello")" "$(printf '%q ' "$lua" "${lua_hello[@]}")")
  if [[ $(printf '%s\n' "$medians" | grep -c .) == 2 ]]; then
    progress "cold start: timed with hyperfine, $cold_runs runs each"
    side_ns[stoffel]=$(printf '%s\n' "$medians" | sed -n 1p)
    side_ns[lua]=$(printf '%s\n' "$medians" | sed -n 2p)
  else
    progress "cold start: $cold_runs runs each, alternately"
    side_ns[stoffel]=
    side_ns[lua]=
    for ((run = 1; run <= cold_runs; run++)); do
      run_bare stoffel "$stoffel" run "$hello"
      record stoffel "stoffel hello"
      run_bare lua "$lua" "${lua_hello[@]}"
      record lua "lua hello"
    done
  fi
  rows+=("| cold start: hello | – | $(time_cell stoffel milliseconds_cell) | $(time_cell lua milliseconds_cell) | $(ratio_cell) | $(rss_cell stoffel) | $(rss_cell lua) |")
}

# check_program NAME: both implementations at the .stfa's `; args:` size give its `; expect-result:`.
check_program() {
  local program=$1 stfa=$PROGRAMS_DIR/$1.stfa n expected side
  n=$(sed -n 's/^; args: *//p' "$stfa")
  expected=$(sed -n 's/^; expect-result: *//p' "$stfa")
  if [[ -z $n || -z $expected ]]; then
    echo "$program: no '; args:' or '; expect-result:' line in ${stfa#"$ROOT"/}" >&2
    failed=true
    return
  fi
  for side in stoffel lua; do
    if [[ $side == stoffel ]]; then
      run_once stoffel "$stoffel" run "$stfa" --arg "$n"
    else
      run_once lua "$lua" "$PROGRAMS_DIR/$program.lua" "$n"
    fi
    if [[ $run_status == ok && $run_result == "$expected" ]]; then
      echo "ok   $side $program($n) = $expected"
    else
      echo "FAIL $side $program($n): $run_status, printed '$run_result', expected '$expected'"
      tail -n 5 "$work/$side.stderr" >&2
      failed=true
    fi
  done
}

print_table() {
  echo "| Program | N | Stoffel median | Lua median | Ratio (Stoffel / Lua) | Stoffel peak RSS MB | Lua peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Runs per side: $runs, alternating; per-run timeout ${timeout_seconds} s; peak RSS is the largest of the runs."
  echo "stoffel: $stoffel; lua: $("$lua" -v 2>&1 | head -n 1)."
}

main() {
  parse_arguments "$@"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  resolve_lua
  resolve_stoffel
  resolve_gnu_time
  local program
  if [[ $check == true ]]; then
    for program in "${selected[@]}"; do
      check_program "$program"
    done
    [[ $failed == false ]] || exit 1
    return
  fi
  for program in "${selected[@]}"; do
    compare_program "$program"
  done
  [[ $cold_start == true ]] && compare_cold_start
  print_table
  [[ $failed == false ]] || exit 1
}

main "$@"
