import * as assert from 'assert';
import * as path from 'path';
import { fillDefaults, isStoffelProgram, RawConfiguration, validate } from '../../debugConfiguration';

const FILE = path.resolve('/ws/examples/fib.stfa');
const WS = path.resolve('/ws');
const active = { path: FILE, languageId: 'stoffel-asm' };

function filled(config: RawConfiguration, context: Parameters<typeof fillDefaults>[1]): RawConfiguration {
    const result = fillDefaults(config, context);
    assert.ok(result.ok, result.ok ? '' : result.error);
    return result.config;
}

describe('fillDefaults', () => {
    it('launches the active .stfa file when there is no launch.json (F5)', () => {
        assert.deepStrictEqual(filled({}, { activeFile: active, workspaceFolder: WS }), {
            type: 'stoffel', request: 'launch', name: 'Debug fib.stfa', program: FILE,
            entry: 'main', args: [], stopOnEntry: false, cwd: WS,
        });
    });

    it('uses the program\'s folder as cwd without a workspace', () => {
        assert.strictEqual(filled({}, { activeFile: active }).cwd, path.dirname(FILE));
    });

    it('refuses F5 without launch.json when the active file is not a Stoffel program', () => {
        const result = fillDefaults({}, { activeFile: { path: '/ws/a.txt', languageId: 'plaintext' } });
        assert.ok(!result.ok && /\.stfa/.test(result.error));
        assert.ok(!fillDefaults({}, {}).ok);
    });

    it('keeps what launch.json says and fills only the rest', () => {
        const config = filled(
            { type: 'stoffel', request: 'launch', name: 'fib 25', program: '${file}', entry: 'fib', args: ['25'], cwd: '/tmp' },
            { activeFile: active, workspaceFolder: WS });
        assert.deepStrictEqual(config, {
            type: 'stoffel', request: 'launch', name: 'fib 25', program: '${file}', entry: 'fib', args: ['25'],
            cwd: '/tmp', stopOnEntry: false,
        });
    });

    it('fills program from the active Stoffel file when launch.json leaves it out', () => {
        assert.strictEqual(filled({ type: 'stoffel', request: 'launch', name: 'x' }, { activeFile: active }).program, FILE);
    });

    it('defaults attach to 127.0.0.1 and adds no launch fields', () => {
        assert.deepStrictEqual(filled({ type: 'stoffel', request: 'attach', name: 'a', port: 4711 }, {}),
            { type: 'stoffel', request: 'attach', name: 'a', port: 4711, host: '127.0.0.1' });
    });
});

describe('validate', () => {
    const launch = { type: 'stoffel', request: 'launch', name: 'x', program: FILE };

    it('accepts a minimal launch and completes its defaults', () => {
        const result = validate(launch);
        assert.ok(result.ok);
        assert.deepStrictEqual(result.config, { ...launch, entry: 'main', args: [], stopOnEntry: false });
    });

    const invalid: Array<[string, RawConfiguration, RegExp]> = [
        ['a missing program', { ...launch, program: undefined }, /'program'/],
        ['an empty program', { ...launch, program: ' ' }, /'program'/],
        ['non-string args', { ...launch, args: [20] }, /'args'/],
        ['args that are not an array', { ...launch, args: '20' }, /'args'/],
        ['an empty entry', { ...launch, entry: '' }, /'entry'/],
        ['a non-boolean stopOnEntry', { ...launch, stopOnEntry: 'yes' }, /'stopOnEntry'/],
        ['a non-boolean trace', { ...launch, trace: 1 }, /'trace'/],
        ['a non-string cwd', { ...launch, cwd: 3 }, /'cwd'/],
        ['another debug type', { ...launch, type: 'node' }, /'type'/],
        ['an unknown request', { ...launch, request: 'run' }, /'request'/],
        ['attach without a port', { type: 'stoffel', request: 'attach', name: 'a' }, /'port'/],
        ['attach to port 0', { type: 'stoffel', request: 'attach', name: 'a', port: 0 }, /'port'/],
        ['attach to a fractional port', { type: 'stoffel', request: 'attach', name: 'a', port: 47.5 }, /'port'/],
        ['attach to an empty host', { type: 'stoffel', request: 'attach', name: 'a', port: 1, host: '' }, /'host'/],
    ];
    for (const [what, config, message] of invalid) {
        it(`rejects ${what}`, () => {
            const result = validate(config);
            assert.ok(!result.ok, 'should be rejected');
            assert.match(result.error, message);
        });
    }

    it('accepts attach and defaults its host', () => {
        const result = validate({ type: 'stoffel', request: 'attach', name: 'a', port: 4711 });
        assert.ok(result.ok);
        assert.strictEqual(result.config.request === 'attach' && result.config.host, '127.0.0.1');
    });
});

describe('isStoffelProgram', () => {
    it('knows .stfa by language and .stflb by extension', () => {
        assert.ok(isStoffelProgram({ path: '/a/x.txt', languageId: 'stoffel-asm' }));
        assert.ok(isStoffelProgram({ path: '/a/x.STFLB', languageId: 'plaintext' }));
        assert.ok(!isStoffelProgram({ path: '/a/x.js', languageId: 'javascript' }));
    });
});
