#!/usr/bin/env bash
# Runs every test: the .NET test projects, then the VS Code extension's tests when present.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Stoffel.sln --configuration Release

# The VS Code extension: unit tests, end-to-end tests against the adapter built above
# (Stoffel.Cli/bin/Release/net10.0/stoffel.dll), then the .vsix with the adapter bundled.
cd vscode-extension
npm ci --no-audit --no-fund
npm run compile
npm test
npm run package < /dev/null
npm run check-vsix
