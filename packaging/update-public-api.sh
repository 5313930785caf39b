#!/usr/bin/env bash
# Records public API changes of the library packages in their PublicAPI.Unshipped.txt, so that a
# build with warnings as errors passes again: each symbol the analyzer reports as new (RS0016) is
# appended there, each reported as removed (RS0017) is taken out of the files. Review the diff:
# every line added or removed is a change to what package users see.
#   packaging/update-public-api.sh            # every library
#   packaging/update-public-api.sh Stoffel.Vm # one (and what it depends on)
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(Stoffel.Vm Stoffel.Stdlib Stoffel.Hooks Stoffel.Debugger Stoffel.LanguageServer Stoffel.Testing)
for project in "${projects[@]}"; do
  for file in Shipped Unshipped; do
    [ -f "$project/PublicAPI.$file.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.$file.txt"
  done
  # A project is analysed only once what it depends on builds, so repeat until nothing changes.
  while true; do
    log=$(dotnet build "$project/$project.csproj" -c Release 2>&1 || true)
    changes=$(grep -E "error RS001[67]: Symbol '" <<<"$log" |
      sed -E "s#.*error (RS001[67]): Symbol '(.*)' is (not part of the declared public API|part of the declared API).* \[(.*)/[^/]+\.csproj\]\$#\4\t\1\t\2#" | sort -u || true)
    [ -n "$changes" ] || break
    while IFS=$'\t' read -r dir rule symbol; do
      if [ "$rule" = RS0016 ]; then
        printf '%s\n' "$symbol" >> "$dir/PublicAPI.Unshipped.txt"
      else
        for file in "$dir"/PublicAPI.*.txt; do grep -vxF -- "$symbol" "$file" > "$file.new" || true; mv "$file.new" "$file"; done
      fi
    done <<<"$changes"
  done
  if grep -qE " error " <<<"$log"; then
    grep -E " error " <<<"$log" | sort -u >&2
    exit 1
  fi
done
