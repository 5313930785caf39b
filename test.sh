#!/usr/bin/env bash
# Runs every test: the .NET test projects, then the VS Code extension's tests when present.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Stoffel.sln --configuration Release
