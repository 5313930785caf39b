// @ts-check
// Publishes the Stoffel CLI (which holds the debug adapter: `stoffel dap`) into adapter/ twice:
// the Native AOT executable for this machine's platform, adapter/<rid>/stoffel, which the
// extension runs directly there (it starts in milliseconds and needs no .NET), and the
// framework-dependent adapter/stoffel.dll, which it runs with `dotnet` on every other platform.
// Native AOT links with the platform's C toolchain: clang or gcc and zlib on Linux
// (https://aka.ms/nativeaot-prerequisites).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { nativeAdapterPath, runtimeIdentifier } = require('../out/adapterCommand');

const extensionRoot = path.resolve(__dirname, '..');
const project = path.resolve(extensionRoot, '..', 'Stoffel.Cli', 'Stoffel.Cli.csproj');
const output = path.join(extensionRoot, 'adapter');

/** Runs `dotnet publish` of the CLI with `options`, and checks that it made `expected`. */
function publish(options, expected) {
    const result = spawnSync(
        'dotnet',
        ['publish', project, '--configuration', 'Release', ...options, '--nologo'],
        { stdio: 'inherit', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' } });
    if (result.error) {
        console.error(`dotnet publish could not start: ${result.error.message}`);
        process.exit(1);
    }
    if (result.status !== 0) {
        process.exit(result.status ?? 1);
    }
    if (!fs.existsSync(expected)) {
        console.error(`dotnet publish did not produce ${expected}`);
        process.exit(1);
    }
    console.log(`Published ${expected}`);
}

fs.rmSync(output, { recursive: true, force: true });
// Native first: its restore (with the runtime identifier) is the one `dotnet publish -r` before
// this left, so an unchanged CLI is not compiled to native code again (test.sh publishes it first).
const rid = runtimeIdentifier(process.platform, process.arch);
const native = nativeAdapterPath(process.platform, process.arch);
if (rid === undefined || native === undefined) {
    console.log(`No Native AOT adapter for ${process.platform}-${process.arch}: the extension runs stoffel.dll there`);
} else {
    const executable = path.join(extensionRoot, native);
    publish(['--runtime', rid, '--output', path.dirname(executable)], executable);
}
publish(['--self-contained', 'false', '--output', output], path.join(output, 'stoffel.dll'));
