#!/usr/bin/env bash
# Runs every test: the .NET test projects, then the VS Code extension's tests when present.
set -euo pipefail
cd "$(dirname "$0")"
# Consumers that check Stoffel.Hooks' exported files (FormatValidationTests): the speedscope
# schema (npm) and genhtml (Debian package lcov; CI runs as root with apt available).
npm ci --prefix tests/format-validation --no-audit --no-fund
if ! command -v genhtml >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  { apt-get update && apt-get install -y lcov; } >/dev/null 2>&1 || echo "warning: could not install lcov; genhtml checks will be inconclusive" >&2
fi
dotnet test Stoffel.sln --configuration Release

# The VS Code extension: unit tests, end-to-end tests against the adapter built above
# (Stoffel.Cli/bin/Release/net10.0/stoffel.dll), then the .vsix with the adapter bundled.
cd vscode-extension
npm ci --no-audit --no-fund
npm run compile
npm test
npm run package < /dev/null
npm run check-vsix
