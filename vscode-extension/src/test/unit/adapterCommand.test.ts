import * as assert from 'assert';
import * as path from 'path';
import {
    AdapterNotFoundError, nativeAdapterPath, resolveAdapterCommand, resolveAdapterEndpoint, runtimeIdentifier,
} from '../../adapterCommand';

const EXT = path.resolve('/ext/stoffel');
const BUNDLED = path.join(EXT, 'adapter', 'stoffel.dll');
const NATIVE = path.join(EXT, 'adapter', 'linux-x64', 'stoffel');
const LINUX_X64 = { platform: 'linux', arch: 'x64' };
const only = (...files: string[]) => (file: string) => files.includes(file);

describe('runtimeIdentifier and nativeAdapterPath', () => {
    it('name the .NET runtime identifier and the executable of each platform Native AOT compiles for', () => {
        assert.strictEqual(runtimeIdentifier('linux', 'x64'), 'linux-x64');
        assert.strictEqual(runtimeIdentifier('darwin', 'arm64'), 'osx-arm64');
        assert.strictEqual(runtimeIdentifier('win32', 'x64'), 'win-x64');
        assert.strictEqual(nativeAdapterPath('linux', 'x64'), path.join('adapter', 'linux-x64', 'stoffel'));
        assert.strictEqual(nativeAdapterPath('win32', 'arm64'), path.join('adapter', 'win-arm64', 'stoffel.exe'));
    });

    it('have none for other platforms and CPUs', () => {
        assert.strictEqual(runtimeIdentifier('freebsd', 'x64'), undefined);
        assert.strictEqual(runtimeIdentifier('linux', 'ia32'), undefined);
        assert.strictEqual(runtimeIdentifier('constructor', 'x64'), undefined);
        assert.strictEqual(nativeAdapterPath('aix', 'ppc64'), undefined);
    });
});

describe('resolveAdapterCommand', () => {
    it('runs the bundled Native AOT adapter directly on its platform', () => {
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, ...LINUX_X64, fileExists: only(NATIVE, BUNDLED) }),
            { command: NATIVE, args: ['dap'] });
    });

    it('falls back to the bundled stoffel.dll with dotnet where no native adapter is bundled', () => {
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, ...LINUX_X64, fileExists: only(BUNDLED) }),
            { command: 'dotnet', args: [BUNDLED, 'dap'] });
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, platform: 'darwin', arch: 'arm64', fileExists: only(NATIVE, BUNDLED) }),
            { command: 'dotnet', args: [BUNDLED, 'dap'] }, 'the linux-x64 executable does not run on macOS');
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, platform: 'freebsd', arch: 'x64', fileExists: only(NATIVE, BUNDLED) }),
            { command: 'dotnet', args: [BUNDLED, 'dap'] });
    });

    it('prefers stoffel.adapterPath: a dll runs with dotnet (or stoffel.dotnetPath)', () => {
        const dll = path.resolve('/build/stoffel.dll');
        assert.deepStrictEqual(
            resolveAdapterCommand({
                extensionPath: EXT, adapterPath: dll, dotnetPath: '/opt/dotnet/dotnet', ...LINUX_X64, fileExists: only(dll, NATIVE, BUNDLED),
            }),
            { command: '/opt/dotnet/dotnet', args: [dll, 'dap'] });
    });

    it('runs an executable adapterPath directly', () => {
        const exe = path.resolve('/usr/local/bin/stoffel');
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, adapterPath: exe, fileExists: only(exe) }),
            { command: exe, args: ['dap'] });
    });

    it('treats the .DLL extension case-insensitively', () => {
        const dll = path.resolve('/build/Stoffel.DLL');
        assert.strictEqual(resolveAdapterCommand({ extensionPath: EXT, adapterPath: dll, fileExists: only(dll) }).command, 'dotnet');
    });

    it('resolves a relative adapterPath against the workspace folder', () => {
        const ws = path.resolve('/work/repo');
        const dll = path.join(ws, 'Stoffel.Cli', 'bin', 'Debug', 'net10.0', 'stoffel.dll');
        const command = resolveAdapterCommand({
            extensionPath: EXT, adapterPath: 'Stoffel.Cli/bin/Debug/net10.0/stoffel.dll', workspaceFolder: ws, fileExists: only(dll),
        });
        assert.deepStrictEqual(command.args, [dll, 'dap']);
    });

    it('ignores a blank adapterPath', () => {
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, adapterPath: '  ', ...LINUX_X64, fileExists: only(NATIVE, BUNDLED) }).command, NATIVE);
    });

    it('names the missing file when adapterPath does not exist', () => {
        assert.throws(
            () => resolveAdapterCommand({ extensionPath: EXT, adapterPath: '/nowhere/stoffel.dll', fileExists: only(BUNDLED) }),
            (e: Error) => e instanceof AdapterNotFoundError && e.message.includes('stoffel.adapterPath') && e.message.includes('nowhere'));
    });

    it('explains how to set adapterPath when nothing is bundled', () => {
        assert.throws(
            () => resolveAdapterCommand({ extensionPath: EXT, ...LINUX_X64, fileExists: only() }),
            (e: Error) => e instanceof AdapterNotFoundError && e.message.includes(NATIVE) && e.message.includes(BUNDLED) &&
                e.message.includes('stoffel.adapterPath'));
    });
});

describe('resolveAdapterEndpoint', () => {
    it('connects to a running adapter for attach, on 127.0.0.1 by default', () => {
        assert.deepStrictEqual(
            resolveAdapterEndpoint({ request: 'attach', port: 4711 }, { extensionPath: EXT, fileExists: only() }),
            { kind: 'server', port: 4711, host: '127.0.0.1' });
        assert.deepStrictEqual(
            resolveAdapterEndpoint({ request: 'attach', port: 4711, host: 'localhost' }, { extensionPath: EXT, fileExists: only() }),
            { kind: 'server', port: 4711, host: 'localhost' });
    });

    it('starts the adapter process for launch', () => {
        assert.deepStrictEqual(
            resolveAdapterEndpoint({ request: 'launch' }, { extensionPath: EXT, ...LINUX_X64, fileExists: only(NATIVE, BUNDLED) }),
            { kind: 'executable', command: NATIVE, args: ['dap'] });
    });

    it('refuses attach without a port', () => {
        assert.throws(() => resolveAdapterEndpoint({ request: 'attach' }, { extensionPath: EXT, fileExists: only() }), /port/);
    });
});
