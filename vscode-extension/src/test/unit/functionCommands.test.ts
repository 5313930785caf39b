import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { debugConfiguration, functionTarget, runTerminal } from '../../functionCommands';
import { fillDefaults, validate } from '../../debugConfiguration';

const PROGRAM = path.resolve('/work/repo/examples/fib.stfa');
const URI = pathToFileURL(PROGRAM).toString();

describe('functionTarget', () => {
    it('reads the lens arguments the server sends: a file URI string and a function name', () => {
        assert.deepStrictEqual(functionTarget([URI, 'fib']), { program: PROGRAM, entry: 'fib' });
    });

    it('takes a URI object too (what toString() makes of a vscode.Uri) and decodes escapes', () => {
        const spaced = path.resolve('/work/my repo/fib.stfa');
        const uri = { toString: () => pathToFileURL(spaced).toString() };
        assert.deepStrictEqual(functionTarget([uri, 'main']), { program: spaced, entry: 'main' });
    });

    it('refuses a missing or blank function name, as from the command palette', () => {
        assert.throws(() => functionTarget([]), /code lens/);
        assert.throws(() => functionTarget([URI]), /no function name/);
        assert.throws(() => functionTarget([URI, '  ']), /no function name/);
        assert.throws(() => functionTarget([URI, 42]), /no function name/);
    });

    it('refuses a document that is not a file (an untitled editor) and says which', () => {
        assert.throws(() => functionTarget(['untitled:Untitled-1', 'main']), /saved Stoffel file.*'untitled:Untitled-1'/);
        assert.throws(() => functionTarget([undefined, 'main']), /'undefined'/);
    });
});

describe('runTerminal', () => {
    const runner = { command: 'dotnet', args: ['/ext/adapter/stoffel.dll', 'run'] };

    it('runs `stoffel run PROGRAM --entry NAME` directly, no shell to quote for, in the workspace folder', () => {
        assert.deepStrictEqual(runTerminal(runner, { program: PROGRAM, entry: 'fib' }, '/work/repo'), {
            name: 'Stoffel: fib',
            shellPath: 'dotnet',
            shellArgs: ['/ext/adapter/stoffel.dll', 'run', PROGRAM, '--entry', 'fib'],
            cwd: '/work/repo',
        });
    });

    it('runs in the program\'s folder outside a workspace', () => {
        assert.strictEqual(runTerminal(runner, { program: PROGRAM, entry: 'main' }).cwd, path.dirname(PROGRAM));
    });
});

describe('debugConfiguration', () => {
    it('launches the program with the function as entry, a configuration the provider completes and accepts', () => {
        const config = debugConfiguration({ program: PROGRAM, entry: 'fib' });
        assert.deepStrictEqual(config, { type: 'stoffel', request: 'launch', name: 'Debug fib (fib.stfa)', program: PROGRAM, entry: 'fib' });
        const filled = fillDefaults(config, { workspaceFolder: '/work/repo' });
        assert.ok(filled.ok);
        const validated = validate(filled.config);
        assert.ok(validated.ok && validated.config.request === 'launch');
        assert.deepStrictEqual(
            validated.ok && validated.config.request === 'launch' && [validated.config.entry, validated.config.args, validated.config.cwd],
            ['fib', [], '/work/repo']);
    });
});
