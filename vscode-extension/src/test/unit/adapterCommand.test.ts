import * as assert from 'assert';
import * as path from 'path';
import { AdapterNotFoundError, resolveAdapterCommand, resolveAdapterEndpoint } from '../../adapterCommand';

const EXT = path.resolve('/ext/stoffel');
const BUNDLED = path.join(EXT, 'adapter', 'stoffel.dll');
const only = (...files: string[]) => (file: string) => files.includes(file);

describe('resolveAdapterCommand', () => {
    it('runs the bundled stoffel.dll with dotnet', () => {
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, fileExists: only(BUNDLED) }),
            { command: 'dotnet', args: [BUNDLED, 'dap'] });
    });

    it('prefers stoffel.adapterPath: a dll runs with dotnet (or stoffel.dotnetPath)', () => {
        const dll = path.resolve('/build/stoffel.dll');
        assert.deepStrictEqual(
            resolveAdapterCommand({ extensionPath: EXT, adapterPath: dll, dotnetPath: '/opt/dotnet/dotnet', fileExists: only(dll, BUNDLED) }),
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
            resolveAdapterCommand({ extensionPath: EXT, adapterPath: '  ', fileExists: only(BUNDLED) }).args, [BUNDLED, 'dap']);
    });

    it('names the missing file when adapterPath does not exist', () => {
        assert.throws(
            () => resolveAdapterCommand({ extensionPath: EXT, adapterPath: '/nowhere/stoffel.dll', fileExists: only(BUNDLED) }),
            (e: Error) => e instanceof AdapterNotFoundError && e.message.includes('stoffel.adapterPath') && e.message.includes('nowhere'));
    });

    it('explains how to set adapterPath when nothing is bundled', () => {
        assert.throws(
            () => resolveAdapterCommand({ extensionPath: EXT, fileExists: only() }),
            (e: Error) => e instanceof AdapterNotFoundError && e.message.includes(BUNDLED) && e.message.includes('stoffel.adapterPath'));
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
            resolveAdapterEndpoint({ request: 'launch' }, { extensionPath: EXT, fileExists: only(BUNDLED) }),
            { kind: 'executable', command: 'dotnet', args: [BUNDLED, 'dap'] });
    });

    it('refuses attach without a port', () => {
        assert.throws(() => resolveAdapterEndpoint({ request: 'attach' }, { extensionPath: EXT, fileExists: only() }), /port/);
    });
});
