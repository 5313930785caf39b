import * as assert from 'assert';
import * as path from 'path';
import { DOCUMENT_SELECTOR, languageServerExecutable } from '../../languageServer';
import { LANGUAGE_ID } from '../../debugConfiguration';
import { RUN_SUBCOMMAND, resolveStoffelCommand } from '../../adapterCommand';

const EXT = path.resolve('/ext/stoffel');
const BUNDLED = path.join(EXT, 'adapter', 'stoffel.dll');
const NATIVE = path.join(EXT, 'adapter', 'linux-x64', 'stoffel');
const only = (...files: string[]) => (file: string) => files.includes(file);

describe('languageServerExecutable', () => {
    it('starts `stoffel lsp --stdio` from the bundled Native AOT build, as the debug adapter', () => {
        assert.deepStrictEqual(
            languageServerExecutable({ extensionPath: EXT, platform: 'linux', arch: 'x64', fileExists: only(NATIVE, BUNDLED) }),
            { command: NATIVE, args: ['lsp', '--stdio'] });
    });

    it('runs the bundled stoffel.dll with dotnet (or stoffel.dotnetPath) where there is no native build', () => {
        assert.deepStrictEqual(
            languageServerExecutable({ extensionPath: EXT, platform: 'darwin', arch: 'arm64', dotnetPath: '/opt/dotnet', fileExists: only(NATIVE, BUNDLED) }),
            { command: '/opt/dotnet', args: [BUNDLED, 'lsp', '--stdio'] });
    });

    it('uses stoffel.adapterPath like the debugger does', () => {
        const exe = path.resolve('/usr/local/bin/stoffel');
        assert.deepStrictEqual(
            languageServerExecutable({ extensionPath: EXT, adapterPath: exe, fileExists: only(exe, NATIVE, BUNDLED) }),
            { command: exe, args: ['lsp', '--stdio'] });
    });

    it('serves saved and untitled Stoffel assembly documents', () => {
        assert.deepStrictEqual(DOCUMENT_SELECTOR.map(s => [s.scheme, s.language]), [['file', LANGUAGE_ID], ['untitled', LANGUAGE_ID], ['stoffel-disasm', LANGUAGE_ID]]);
    });
});

describe('resolveStoffelCommand', () => {
    it('gives the code lenses `stoffel run` of the same build', () => {
        assert.deepStrictEqual(
            resolveStoffelCommand({ extensionPath: EXT, platform: 'linux', arch: 'x64', fileExists: only(BUNDLED) }, RUN_SUBCOMMAND),
            { command: 'dotnet', args: [BUNDLED, 'run'] });
    });
});
