#!/usr/bin/env bash
# Records public API changes of the library packages in their PublicAPI.Unshipped.txt (the
# analyzer's own code fix, RS0016/RS0017), so that a build with warnings as errors passes again.
# Review the diff: every line added or removed there is a change to what package users see.
#   packaging/update-public-api.sh            # every library
#   packaging/update-public-api.sh Stoffel.Vm # one
set -euo pipefail
cd "$(dirname "$0")/.."
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(Stoffel.Vm Stoffel.Stdlib Stoffel.Hooks Stoffel.Debugger Stoffel.LanguageServer Stoffel.Testing)
for project in "${projects[@]}"; do
  for file in Shipped Unshipped; do
    [ -f "$project/PublicAPI.$file.txt" ] || printf '#nullable enable\n' > "$project/PublicAPI.$file.txt"
  done
  dotnet format analyzers "$project/$project.csproj" --diagnostics RS0016 RS0017 --severity warn
done
