// The TextMate grammar, tokenized by the engine VS Code uses.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scopeOf, tokenize } from '../support/grammar';
import { repoRoot } from '../support/repoPaths';

const MNEMONICS = ['LD', 'LDI', 'MOV', 'ADD', 'SUB', 'MUL', 'DIV', 'MOD', 'AND', 'OR', 'XOR', 'NOT', 'SHL', 'SHR',
    'JMP', 'JMPEQ', 'JMPNEQ', 'CALL', 'RET', 'PUSHARG', 'CMP', 'JMPLT', 'JMPGT', 'NOP', 'LDS', 'STS'];

async function line(text: string) {
    return (await tokenize(text))[0];
}

async function assertScope(text: string, token: string, scope: RegExp): Promise<void> {
    const tokens = await line(text);
    const actual = scopeOf(tokens, token);
    assert.match(actual ?? '(no such token)', scope,
        `${JSON.stringify(token)} in ${JSON.stringify(text)}: ${JSON.stringify(tokens.map(t => [t.text, t.scopes.slice(1)]))}`);
}

describe('stoffel-asm grammar', () => {
    it('knows all 26 mnemonics, in any case', async () => {
        assert.strictEqual(MNEMONICS.length, 26);
        for (const mnemonic of MNEMONICS) {
            for (const written of [mnemonic, mnemonic.toLowerCase()]) {
                await assertScope(`    ${written} r1`, written, /^keyword\.(other\.instruction|control)\./);
            }
        }
    });

    it('scopes comments starting with ; or #, but not inside strings', async () => {
        await assertScope('; a comment', '; a comment', /^comment\.line\./);
        await assertScope('    NOP   # another', '# another', /^comment\.line\./);
        const tokens = await line('    LDI r1, "a;b#c" ; real');
        assert.ok(tokens.some(t => t.text === 'a;b#c' && t.scopes.some(s => s.startsWith('string.quoted.double'))));
        assert.match(scopeOf(tokens, '; real') ?? '', /^comment/);
    });

    it('scopes a function header with its name, parameters and register count', async () => {
        const text = '.function fib(n, acc) registers 4 ; header';
        await assertScope(text, '.function', /^keyword\.control\.directive/);
        await assertScope(text, 'fib', /^entity\.name\.function/);
        await assertScope(text, 'n', /^variable\.parameter/);
        await assertScope(text, 'acc', /^variable\.parameter/);
        await assertScope(text, 'registers', /^keyword\.other\.registers/);
        await assertScope(text, '4', /^constant\.numeric/);
        await assertScope('.FUNCTION "make counter"(start)', '"make counter"', /^entity\.name\.function/);
    });

    it('scopes the other directives', async () => {
        await assertScope('.end', '.end', /^keyword\.control\.directive/);
        await assertScope('    .upvalues count, step', '.upvalues', /^keyword\.control\.directive/);
        await assertScope('    .upvalues count, step', 'step', /^variable\.other\.upvalue/);
        await assertScope('    .parent make_counter', 'make_counter', /^entity\.name\.function/);
    });

    it('scopes registers, spill slots and argument-stack slots', async () => {
        await assertScope('    ADD r10, r1, R2', 'r10', /^variable\.language\.register/);
        await assertScope('    ADD r10, r1, R2', 'R2', /^variable\.language\.register/);
        await assertScope('    LDS r1, s3', 's3', /^variable\.other\.spill-slot/);
        await assertScope('    LD r1, [sp+0]', 'sp', /^variable\.language\.stack-pointer/);
        await assertScope('    LD r1, [sp-12]', '12', /^constant\.numeric/);
    });

    it('scopes labels where defined and where jumped to, and called functions', async () => {
        await assertScope('base:', 'base', /^entity\.name\.label/);
        await assertScope('top: ADD r1, r1, r2', 'top', /^entity\.name\.label/);
        await assertScope('top: ADD r1, r1, r2', 'ADD', /^keyword\.other\.instruction/);
        await assertScope('    JMPLT base   ; n < 2', 'base', /^entity\.name\.label\.reference/);
        await assertScope('    CALL utils.math.add', 'utils.math.add', /^entity\.name\.function\.call/);
    });

    it('scopes literals with their suffixes', async () => {
        for (const [text, token, scope] of [
            ['LDI r1, 42', '42', /^constant\.numeric\.integer/],
            ['LDI r1, -7', '-7', /^constant\.numeric\.integer/],
            ['LDI r1, 42i32', 'i32', /^storage\.type\.numeric/],
            ['LDI r1, 42i32', '42', /^constant\.numeric\.integer/],
            ['LDI r1, 18446744073709551615u64', 'u64', /^storage\.type\.numeric/],
            ['LDI r1, 3.5', '3.5', /^constant\.numeric\.float/],
            ['LDI r1, 1e-3', '1e-3', /^constant\.numeric\.float/],
            ['LDI r1, 7f64', 'f64', /^storage\.type\.numeric/],
            ['LDI r1, -inf', '-inf', /^constant\.numeric\.float/],
            ['LDI r1, nan_0x7ff8000000000001', 'nan_0x7ff8000000000001', /^constant\.numeric\.float/],
            ['LDI r1, true', 'true', /^constant\.language\.boolean/],
            ['LDI r1, FALSE', 'FALSE', /^(?!constant)/],
            ['LDI r1, unit', 'unit', /^constant\.language\.unit/],
        ] as const) {
            await assertScope(text, token, scope);
        }
    });

    it('scopes string escapes, and flags unknown ones', async () => {
        const text = 'LDI r1, "caf\\u{e9}\\n\\"x\\\\ \\q"';
        await assertScope(text, '\\u{e9}', /^constant\.character\.escape/);
        await assertScope(text, '\\n', /^constant\.character\.escape/);
        await assertScope(text, '\\"', /^constant\.character\.escape/);
        await assertScope(text, '\\\\', /^constant\.character\.escape/);
        await assertScope(text, '\\q', /^invalid\.illegal/);
    });

    it('gives every instruction line of the examples a mnemonic scope', async () => {
        const examples = path.join(repoRoot(), 'examples');
        const files = fs.readdirSync(examples).filter(f => f.endsWith('.stfa'));
        assert.ok(files.length >= 3, 'the examples are there');
        for (const file of files) {
            const source = fs.readFileSync(path.join(examples, file), 'utf8');
            const lines = await tokenize(source);
            source.split(/\r?\n/).forEach((text, i) => {
                const word = /^\s*(?:[A-Za-z_][\w.]*:\s*)?([A-Za-z]+)\b/.exec(text.replace(/[;#].*$/, ''))?.[1];
                if (word && !text.trim().startsWith('.') && !/^\s*[A-Za-z_][\w.]*:\s*$/.test(text.replace(/[;#].*$/, ''))) {
                    assert.match(scopeOf(lines[i], word) ?? '', /^keyword\./, `${file}:${i + 1}: ${text}`);
                }
            });
        }
    });
});
