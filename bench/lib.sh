# lib.sh: helpers the bench scripts share; sourced by compare.sh, overhead.sh and hookpath.sh, not
# run on its own.

# print_header_usage SCRIPT: SCRIPT's header comment (its second line up to `set -euo`), the
# usage text each script keeps at its top.
print_header_usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$1"; }

# sorted_numbers WORDS: the whitespace-separated numbers in WORDS, one a line, smallest first.
sorted_numbers() { tr ' ' '\n' <<< "$1" | grep . | sort -g; }

# median_of WORDS: the median of the numbers in WORDS (the lower middle one of an even count).
median_of() { sorted_numbers "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# minimum_of WORDS: the smallest of the numbers in WORDS.
minimum_of() { sorted_numbers "$1" | head -n 1; }
