// End to end over stdio against the real adapter: examples/fib.stfa.
//   5-8   main: LDI r1, 20 / PUSHARG r1 / CALL fib / RET r0
//   12-26 fib:  MOV r3, r0 ... CALL fib (19) ... CALL fib (24) / ADD / RET r0
//   27    base:  (label only)      28  RET r3
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { examplePath } from '../support/repoPaths';
import { StopPoint, StoffelSession, withSession } from '../support/stoffelSession';

const FIB = examplePath('fib.stfa');
const TEST_TIMEOUT_MS = 60000;

function frameSummary(stop: StopPoint): string[] {
    return stop.frames.map(f => `${f.name}:${f.line}`);
}

async function value(session: StoffelSession, stop: StopPoint, scope: string, name: string): Promise<string | undefined> {
    return (await session.scope(stop.top.id, scope)).get(name)?.value;
}

describe('e2e: fib.stfa over the real adapter', function () {
    this.timeout(TEST_TIMEOUT_MS);

    it('answers initialize with the capabilities and the `errors` exception filter', () => withSession(async session => {
        await session.launch({ program: FIB, stopOnEntry: true });
        const capabilities = session.initializeResponse?.body;
        assert.strictEqual(capabilities?.supportsConfigurationDoneRequest, true);
        assert.deepStrictEqual(capabilities?.exceptionBreakpointFilters?.map(f => f.filter), ['errors']);
        assert.strictEqual(capabilities?.supportsExceptionInfoRequest, true);
        const stop = await session.nextStop();
        assert.strictEqual(stop.event.body.reason, 'entry');
        assert.strictEqual(stop.top.line, 5, 'stopOnEntry stops on main\'s first instruction');
        assert.strictEqual(stop.top.name, 'main');
    }));

    it('stops at a breakpoint in fib\'s body and reads registers and locals', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [13] });
        const breakpoint = session.setBreakpointsResponse?.body.breakpoints[0];
        assert.strictEqual(breakpoint?.verified, true);
        assert.strictEqual(breakpoint?.line, 13);

        const stop = await session.nextStop();
        assert.strictEqual(stop.event.body.reason, 'breakpoint');
        assert.strictEqual(stop.top.line, 13);
        assert.strictEqual(stop.top.source?.path, FIB);
        assert.deepStrictEqual(frameSummary(stop), ['fib:13', 'main:7'], 'fib(20) called from main line 7');
        assert.ok(stop.frames.every(f => f.column === 1), 'every frame has a column');

        const scopeNames = (await session.scopes(stop.top.id)).map(s => s.name);
        for (const expected of ['Registers', 'Locals', 'VM']) {
            assert.ok(scopeNames.includes(expected), `scopes ${scopeNames.join(', ')} include ${expected}`);
        }
        const registers = await session.scope(stop.top.id, 'Registers');
        assert.strictEqual(registers.get('r0')?.value, '20');
        assert.strictEqual(registers.get('r0')?.type, 'int64');
        assert.strictEqual(registers.get('r3')?.value, '20', 'MOV r3, r0 on line 12 ran');
        const locals = await session.scope(stop.top.id, 'Locals');
        assert.deepStrictEqual([...locals.values()].map(v => [v.name, v.value, v.type]), [['n', '20', 'int64']]);

        await session.continue(stop);
        const again = await session.nextStop();
        assert.deepStrictEqual(frameSummary(again), ['fib:13', 'fib:19', 'main:7'], 'the recursive call fib(19) hits it next');
        assert.strictEqual(await value(session, again, 'Locals', 'n'), '19');
    }));

    it('moves a breakpoint on the `base:` label to the next instruction line and hits it at the bottom of the recursion', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [27] });
        const breakpoint = session.setBreakpointsResponse?.body.breakpoints[0];
        assert.strictEqual(breakpoint?.verified, true);
        assert.strictEqual(breakpoint?.line, 28, 'line 27 holds only a label; RET r3 is on 28');

        const stop = await session.nextStop();
        assert.strictEqual(stop.event.body.reason, 'breakpoint');
        assert.strictEqual(stop.top.line, 28);
        assert.strictEqual(stop.totalFrames, 21, 'main plus fib(20) down to fib(1)');
        assert.strictEqual(await value(session, stop, 'Locals', 'n'), '1');
        assert.strictEqual(await value(session, stop, 'Registers', 'r3'), '1');
    }));

    it('steps in, over and out to the expected lines', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [7] });
        const atCall = await session.nextStop();
        assert.deepStrictEqual(frameSummary(atCall), ['main:7']);
        await session.clearBreakpoints(FIB);

        const intoFib = await session.step('stepIn', atCall);
        assert.strictEqual(intoFib.event.body.reason, 'step');
        assert.deepStrictEqual(frameSummary(intoFib), ['fib:12', 'main:7'], 'step in enters fib at its first line');

        let stop = intoFib;
        for (const expected of [13, 14, 15, 16, 17, 18, 19]) {
            stop = await session.step('next', stop);
            assert.strictEqual(stop.top.line, expected, `line step from ${frameSummary(stop)}`);
        }
        const overCall = await session.step('next', stop);
        assert.deepStrictEqual(frameSummary(overCall), ['fib:20', 'main:7'], 'step over runs fib(19) to the end');
        assert.strictEqual(await value(session, overCall, 'Registers', 'r0'), '4181', 'fib(19)');

        const nested = await session.step('next', overCall);
        assert.strictEqual(nested.top.line, 21);
        const out = await session.step('stepOut', nested);
        assert.deepStrictEqual(frameSummary(out), ['main:8'], 'step out stops at main\'s RET after the call');
        assert.strictEqual(await value(session, out, 'Registers', 'r0'), '6765');
    }));

    it('steps out of a nested call to the caller\'s next instruction', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [19] });
        const atCall = await session.nextStop();
        assert.deepStrictEqual(frameSummary(atCall), ['fib:19', 'main:7']);
        await session.clearBreakpoints(FIB);

        const inner = await session.step('stepIn', atCall);
        assert.deepStrictEqual(frameSummary(inner), ['fib:12', 'fib:19', 'main:7']);
        assert.strictEqual(await value(session, inner, 'Locals', 'n'), '19');

        const back = await session.step('stepOut', inner);
        assert.deepStrictEqual(frameSummary(back), ['fib:20', 'main:7']);
        assert.strictEqual(await value(session, back, 'Registers', 'r0'), '4181');
    }));

    it('evaluates registers, locals and literals in a frame', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [14] });
        const stop = await session.nextStop();
        assert.strictEqual(stop.top.line, 14);
        assert.strictEqual((await session.evaluate('r3', stop.top.id)).result, '20');
        assert.strictEqual((await session.evaluate('n', stop.top.id)).result, '20');
        assert.strictEqual((await session.evaluate('r1', stop.top.id)).result, '2', 'LDI r1, 2 on line 13 ran');
        const literal = await session.evaluate('7u8', stop.top.id);
        assert.deepStrictEqual([literal.result, literal.type], ['7u8', 'uint8']);
        await assert.rejects(session.evaluate('r99', stop.top.id), /r99/, 'an unknown name fails with a message');
    }));

    it('steps back and reverse continues by replaying the run', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [19] });
        assert.strictEqual(session.initializeResponse?.body?.supportsStepBack, true);
        const first = await session.nextStop();
        assert.deepStrictEqual(frameSummary(first), ['fib:19', 'main:7']);
        const second = await (async () => { await session.continue(first); return session.nextStop(); })();
        assert.deepStrictEqual(frameSummary(second), ['fib:19', 'fib:19', 'main:7']);

        const intoFib = await session.step('stepIn', second);
        assert.deepStrictEqual(frameSummary(intoFib), ['fib:12', 'fib:19', 'fib:19', 'main:7']);
        const back = await session.step('stepBack', intoFib);
        assert.strictEqual(back.event.body.reason, 'step');
        assert.deepStrictEqual(frameSummary(back), ['fib:19', 'fib:19', 'main:7'], 'back to the call that entered fib(18)');
        assert.strictEqual(await value(session, back, 'Locals', 'n'), '19');

        const previousHit = await session.reverseContinue(back);
        assert.strictEqual(previousHit.event.body.reason, 'breakpoint');
        assert.deepStrictEqual(frameSummary(previousHit), ['fib:19', 'main:7']);
        assert.strictEqual(await value(session, previousHit, 'Locals', 'n'), '20');

        const start = await session.reverseContinue(previousHit);
        assert.strictEqual(start.event.body.reason, 'entry');
        assert.deepStrictEqual(frameSummary(start), ['main:5']);
        await session.clearBreakpoints(FIB);
        await session.continue(start);
        await session.waitForEvent<DebugProtocol.TerminatedEvent>('terminated');
        assert.strictEqual(session.output().match(/main returned 6765/g)?.length, 1);
    }));

    it('runs to the end and reports main\'s return value with `exited`', () => withSession(async session => {
        await session.launch({ program: FIB });
        const exited = await session.waitForEvent<DebugProtocol.ExitedEvent>('exited');
        assert.strictEqual(exited.body.exitCode, 0);
        await session.waitForEvent<DebugProtocol.TerminatedEvent>('terminated');
        assert.match(session.output(), /^main returned 6765$/m);
    }));
});
