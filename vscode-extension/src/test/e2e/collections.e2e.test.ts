// End to end: examples/collections.stfa. After line 17 r2 holds the array [10, 20, 30];
// after line 50 (CALL print) r6 holds {name: "stoffel", total: 60}.
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { examplePath } from '../support/repoPaths';
import { withSession } from '../support/stoffelSession';

const COLLECTIONS = examplePath('collections.stfa');

describe('e2e: collections.stfa over the real adapter', function () {
    this.timeout(60000);

    it('shows the array in r2 and expands it to its elements', () => withSession(async session => {
        await session.launch({ program: COLLECTIONS, breakpointLines: [18] });
        assert.strictEqual(session.setBreakpointsResponse?.body.breakpoints[0].line, 19, 'the empty line 18 moves to 19');
        const stop = await session.nextStop();
        assert.strictEqual(stop.top.line, 19);

        const registers = await session.scope(stop.top.id, 'Registers');
        const array = registers.get('r2');
        assert.ok(array, 'r2 is listed');
        assert.deepStrictEqual([array.value, array.type, array.indexedVariables], ['[10, 20, 30]', 'array', 3]);
        assert.ok(array.variablesReference > 0, 'an array is expandable');
        const elements = [...(await session.children(array.variablesReference)).values()];
        assert.deepStrictEqual(elements.map(e => [e.name, e.value, e.type, e.evaluateName]), [
            ['0', '10', 'int64', 'r2[0]'], ['1', '20', 'int64', 'r2[1]'], ['2', '30', 'int64', 'r2[2]'],
        ]);
        assert.strictEqual(registers.get('r0')?.value, '3', 'array_push returned the new length');
    }));

    it('evaluates a register holding an array and an object\'s field path', () => withSession(async session => {
        await session.launch({ program: COLLECTIONS, breakpointLines: [52] });
        const stop = await session.nextStop();
        assert.strictEqual(stop.top.line, 52);
        assert.strictEqual((await session.evaluate('r2', stop.top.id)).result, '[10, 20, 30]');
        assert.strictEqual((await session.evaluate('r6', stop.top.id)).result, '{name: stoffel, total: 60}', 'objects read as print writes them');
        assert.strictEqual((await session.evaluate('r6.total', stop.top.id)).result, '60');
        assert.strictEqual((await session.evaluate('r6.name', stop.top.id)).result, '"stoffel"', 'strings read quoted');
        assert.strictEqual((await session.evaluate('r2[1]', stop.top.id)).result, '20');
        const object = (await session.scope(stop.top.id, 'Registers')).get('r6');
        const fields = [...(await session.children(object?.variablesReference ?? 0)).values()];
        assert.deepStrictEqual(fields.map(f => [f.name, f.value]), [['name', '"stoffel"'], ['total', '60']]);
        const vm = await session.scope(stop.top.id, 'VM');
        assert.strictEqual(vm.get('compare flag')?.value, 'Equal', 'CMP r3, r5 found i == length');
        assert.match(session.output(), /\[10, 20, 30\] \{name: stoffel, total: 60\}/, 'print went to an output event');
    }));

    it('lists the arguments pushed for a call in the Argument stack scope', () => withSession(async session => {
        await session.launch({ program: COLLECTIONS, breakpointLines: [50] });
        const stop = await session.nextStop();
        assert.deepStrictEqual(stop.frames.map(f => `${f.name}:${f.line}`), ['main:50']);
        const stack = [...(await session.scope(stop.top.id, 'Argument stack')).values()];
        assert.deepStrictEqual(stack.map(v => [v.name, v.value]), [
            ['[sp+0]', '{name: stoffel, total: 60}'], ['[sp-1]', '[10, 20, 30]'],
        ], 'PUSHARG r2 then PUSHARG r6: the top is r6');
    }));

    it('runs to the end and exits with main\'s result', () => withSession(async session => {
        await session.launch({ program: COLLECTIONS });
        const exited = await session.waitForEvent<DebugProtocol.ExitedEvent>('exited');
        assert.strictEqual(exited.body.exitCode, 0);
        assert.match(session.output(), /^main returned 30$/m);
    }));
});
