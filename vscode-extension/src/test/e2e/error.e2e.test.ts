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
        assert.deepStrictEqual(stop.frames.map(f => f.line), [21, 13], 'in ratio, called from main line 13');
        assert.match(stop.top.name, /^ratio\b/);
        const message = `${stop.event.body.description ?? ''} ${stop.event.body.text ?? ''}`;
        assert.match(message, /division by zero/);

        const info = { body: await session.exceptionInfo(stop) };
        assert.match(`${info.body.exceptionId} ${info.body.description ?? ''}`, /division by zero/);
        assert.strictEqual(info.body.breakMode, 'always');
        const registers = await session.scope(stop.top.id, 'Registers');
        assert.strictEqual(registers.get('r3')?.value, '0');
        assert.strictEqual(registers.get('r2')?.value, '10');
    }));

    it('without the filter, the error ends the program with a non-zero exit code', () => withSession(async session => {
        await session.launch({ program: ERROR });
        const exited = await session.waitForEvent<DebugProtocol.ExitedEvent>('exited');
        assert.notStrictEqual(exited.body.exitCode, 0);
        assert.match(session.output(), /division by zero/);
    }));
});
