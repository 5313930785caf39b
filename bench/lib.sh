# lib.sh: helpers the bench scripts share; sourced by compare.sh, overhead.sh and hookpath.sh, not
# run on its own.

# print_header_usage SCRIPT: SCRIPT's header comment (its second line up to `set -euo`), the
# usage text each script keeps at its top.
print_header_usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$1"; }

# median_of WORDS: the median of the whitespace-separated numbers in WORDS (the lower middle one of
# an even count).
median_of() { tr ' ' '\n' <<< "$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
