// End to end: examples/error.stfa divides by zero on line 21 (DIV r0, r2, r3 in ratio).
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { examplePath } from '../support/repoPaths';
import { withSession } from '../support/stoffelSession';

const ERROR = examplePath('error.stfa');

describe('e2e: error.stfa over the real adapter', function () {
    this.timeout(60000);

    it('stops on the division-by-zero VM error with its message', () => withSession(async session => {
        await session.launch({ program: ERROR, exceptionFilters: ['errors'] });
        const stop = await session.nextStop();
        assert.strictEqual(stop.event.body.reason, 'exception');
        assert.deepStrictEqual(stop.frames.map(f => `${f.name}:${f.line}`), ['ratio:21', 'main:13'], 'in ratio, called from main line 13');
        assert.strictEqual(stop.event.body.text, 'division by zero (int64)');

        const info = { body: await session.exceptionInfo(stop) };
        assert.strictEqual(info.body.exceptionId, 'DivisionByZero');
        assert.strictEqual(info.body.description, 'division by zero (int64)');
        assert.strictEqual(info.body.breakMode, 'always');
        const locals = await session.scope(stop.top.id, 'Locals');
        assert.deepStrictEqual([...locals.values()].map(v => [v.name, v.value]), [['a', '10'], ['b', '0']]);
        const registers = await session.scope(stop.top.id, 'Registers');
        assert.strictEqual(registers.get('r3')?.value, '0');
        assert.strictEqual(registers.get('r2')?.value, '10');

        await session.continue(stop);
        const exited = await session.waitForEvent<DebugProtocol.ExitedEvent>('exited');
        assert.strictEqual(exited.body.exitCode, 1, 'continuing past the error ends the run with the error');
    }));

    it('without the filter, the error ends the program with a non-zero exit code', () => withSession(async session => {
        await session.launch({ program: ERROR });
        const exited = await session.waitForEvent<DebugProtocol.ExitedEvent>('exited');
        assert.strictEqual(exited.body.exitCode, 1);
        assert.match(session.output(), /error: division by zero \(int64\)\n\s+at ratio \(error\.stfa:21, instruction 2\)/);
    }));
});
