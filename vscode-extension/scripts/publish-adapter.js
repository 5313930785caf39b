// @ts-check
// Publishes the framework-dependent Stoffel CLI (which holds the debug adapter: `stoffel dap`)
// into adapter/, where the packaged extension runs it with `dotnet adapter/stoffel.dll dap`.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const extensionRoot = path.resolve(__dirname, '..');
const project = path.resolve(extensionRoot, '..', 'Stoffel.Cli', 'Stoffel.Cli.csproj');
const output = path.join(extensionRoot, 'adapter');

fs.rmSync(output, { recursive: true, force: true });
const result = spawnSync(
    'dotnet',
    ['publish', project, '--configuration', 'Release', '--self-contained', 'false', '--output', output, '--nologo'],
    { stdio: 'inherit', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
if (result.error) {
    console.error(`dotnet publish could not start: ${result.error.message}`);
    process.exit(1);
}
if (result.status !== 0) {
    process.exit(result.status ?? 1);
}
if (!fs.existsSync(path.join(output, 'stoffel.dll'))) {
    console.error(`dotnet publish did not produce ${path.join(output, 'stoffel.dll')}`);
    process.exit(1);
}
console.log(`Published the Stoffel debug adapter to ${output}`);
