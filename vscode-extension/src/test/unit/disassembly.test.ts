import * as assert from 'assert';
import { binaryOf, disassembleCommand, disassemblyPath } from '../../disassembly';

describe('disassembly documents', () => {
    it('names a binary\'s disassembly by appending .stfa, and maps it back', () => {
        assert.strictEqual(disassemblyPath('/work/app/fizzbuzz.stflb'), '/work/app/fizzbuzz.stflb.stfa');
        assert.strictEqual(binaryOf('/work/app/fizzbuzz.stflb.stfa'), '/work/app/fizzbuzz.stflb');
        assert.strictEqual(binaryOf(disassemblyPath('/w/My App/X.STFLB')), '/w/My App/X.STFLB');
    });

    it('refuses what is not a binary or its disassembly, naming it', () => {
        assert.throws(() => disassemblyPath('/work/app/fib.stfa'), /\.stflb.*'\/work\/app\/fib\.stfa'/);
        assert.throws(() => binaryOf('/work/app/fib.stfa'), /'\/work\/app\/fib\.stfa' is not the disassembly/);
    });

    it('runs `stoffel disasm BINARY` with the bundled build', () => {
        assert.deepStrictEqual(
            disassembleCommand({ command: 'dotnet', args: ['/ext/adapter/stoffel.dll', 'disasm'] }, '/work/a b/x.stflb'),
            { command: 'dotnet', args: ['/ext/adapter/stoffel.dll', 'disasm', '/work/a b/x.stflb'] });
    });
});
