#!/usr/bin/env bash
# Runs every test: the .NET test projects, the Native AOT stoffel, then the VS Code extension's
# tests. Every step runs even after one fails (so one failure does not hide the others); the
# exit code is non-zero if any did.
set -uo pipefail
cd "$(dirname "$0")"

failed_steps=()
step() {
  if ! "$@"; then
    echo "test.sh: step failed: $*" >&2
    failed_steps+=("$*")
  fi
}

# Whether this machine can link native code the way Native AOT does on Linux: a C compiler
# driver (clang, or gcc) that finds zlib (https://aka.ms/nativeaot-prerequisites).
links_native_code() {
  local cc
  cc=$(command -v clang || command -v gcc) || return 1
  echo 'int main(void) { return 0; }' | "$cc" -x c - -lz -o /dev/null >/dev/null 2>&1
}

# Consumers that check Stoffel.Hooks' exported files (FormatValidationTests): the speedscope
# schema (npm) and genhtml (Debian package lcov). Debian packages (CI runs as root with apt
# available): lcov, and what Native AOT links with when the machine lacks it.
step npm ci --prefix tests/format-validation --no-audit --no-fund
packages=()
command -v genhtml >/dev/null 2>&1 || packages+=(lcov)
if ! links_native_code; then
  command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || packages+=(clang)
  packages+=(zlib1g-dev)
fi
if [ ${#packages[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  { apt-get update && apt-get install -y "${packages[@]}"; } >/dev/null 2>&1 ||
    echo "warning: could not install ${packages[*]}: genhtml checks will be inconclusive or the Native AOT publish will fail" >&2
fi
step dotnet test Stoffel.sln --configuration Release

# The README's install command: the Native AOT stoffel, run alone by NativeExecutableTests
# (which the run above left inconclusive) and bundled by the extension below.
rid=$(dotnet --info | awk '$1 == "RID:" && !found { print $2; found = 1 }')
step dotnet publish Stoffel.Cli --configuration Release --runtime "$rid"
step env STOFFEL_NATIVE="$PWD/Stoffel.Cli/bin/Release/net10.0/$rid/publish/stoffel" \
  dotnet test tests/Stoffel.Cli.Tests --configuration Release --no-build \
  --filter "ClassName=Stoffel.Cli.Tests.NativeExecutableTests"
# The hostile programs and the kills during store writes (docs/reliability.md) against it too.
step env STOFFEL_NATIVE="$PWD/Stoffel.Cli/bin/Release/net10.0/$rid/publish/stoffel" \
  dotnet test tests/Stoffel.Stress.Tests --configuration Release --no-build \
  --filter "ClassName=Stoffel.Stress.Tests.HostileTests|ClassName=Stoffel.Stress.Tests.StoreKillTests"

# The VS Code extension: unit tests, end-to-end tests against the adapter built above
# (Stoffel.Cli/bin/Release/net10.0/stoffel.dll), then the .vsix with both adapters bundled, and
# the end-to-end tests again against the Native AOT one it runs on this platform.
extension=vscode-extension
step npm ci --prefix "$extension" --no-audit --no-fund
step npm --prefix "$extension" run compile
step npm --prefix "$extension" test
step npm --prefix "$extension" run package < /dev/null
step npm --prefix "$extension" run check-vsix
step env STOFFEL_ADAPTER="$PWD/$extension/adapter/$rid/stoffel" npm --prefix "$extension" run test:e2e

if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'test.sh: %d step(s) failed:\n' "${#failed_steps[@]}" >&2
  printf '  %s\n' "${failed_steps[@]}" >&2
  exit 1
fi
