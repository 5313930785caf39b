// End to end: VS Code's Disassembly view requests over the real adapter — disassemble around
// the current instruction, an instruction breakpoint that stops, stepping by instruction — on
// examples/fib.stfa and on the binary tests/conformance/upstream/fizzbuzz.stflb, checked against
// the exact text and addresses. Addresses count instructions from 0x1000 in load order:
// fib.stfa's main is 0x1000–0x1003 (LDI r1, 20 / PUSHARG r1 / CALL fib / RET r0), fib starts at
// 0x1004 (MOV r3, r0 on line 12).
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { conformancePath, examplePath } from '../support/repoPaths';
import { runStoffel } from '../support/stoffelCli';
import { StopPoint, StoffelSession, withSession } from '../support/stoffelSession';

const FIB = examplePath('fib.stfa');
const FIZZBUZZ = conformancePath('fizzbuzz.stflb');
const TEST_TIMEOUT_MS = 60000;

function hex(address: number): string {
    return '0x' + address.toString(16).toUpperCase().padStart(8, '0');
}

async function disassemble(session: StoffelSession, memoryReference: string, instructionOffset: number, instructionCount: number): Promise<DebugProtocol.DisassembledInstruction[]> {
    const response = await session.request<DebugProtocol.DisassembleResponse>('disassemble', { memoryReference, instructionOffset, instructionCount, resolveSymbols: true });
    assert.ok(response.body, 'disassemble answers with instructions');
    return response.body.instructions;
}

async function setInstructionBreakpoints(session: StoffelSession, references: readonly string[]): Promise<DebugProtocol.Breakpoint[]> {
    const response = await session.request<DebugProtocol.SetInstructionBreakpointsResponse>('setInstructionBreakpoints', {
        breakpoints: references.map(instructionReference => ({ instructionReference })),
    });
    return response.body.breakpoints;
}

/** `stoffel disasm` of a binary: its lines, and for each instruction (in address order) its 1-based line. */
function disasm(file: string): { lines: string[]; instructionLines: number[]; functionStart: Map<string, number> } {
    const lines = runStoffel(['disasm', file]).split('\n');
    const instructionLines: number[] = [];
    const functionStart = new Map<string, number>();
    let current = '';
    lines.forEach((text, index) => {
        const header = /^\.function\s+("[^"]*"|[^\s(]+)/.exec(text);
        if (header) {
            current = header[1];
            functionStart.set(current, instructionLines.length);
        } else if (/^\s+[A-Z]/.test(text)) {
            instructionLines.push(index + 1); // indented mnemonics; directives (.upvalues, .parent) start with a dot
        }
    });
    return { lines, instructionLines, functionStart };
}

describe('e2e: the Disassembly view over the real adapter', function () {
    this.timeout(TEST_TIMEOUT_MS);

    it('advertises the bytecode requests', () => withSession(async session => {
        await session.launch({ program: FIB, stopOnEntry: true });
        const capabilities = session.initializeResponse?.body;
        assert.strictEqual(capabilities?.supportsDisassembleRequest, true);
        assert.strictEqual(capabilities?.supportsInstructionBreakpoints, true);
        assert.strictEqual(capabilities?.supportsSteppingGranularity, true);
        assert.strictEqual(capabilities?.supportsBreakpointLocationsRequest, true);
        assert.strictEqual(capabilities?.supportsLoadedSourcesRequest, true);
        assert.strictEqual(capabilities?.supportsCompletionsRequest, true);
        await session.nextStop();
    }));

    it('disassembles fib.stfa around the current instruction with exact text, addresses and lines', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [13] });
        const stop = await session.nextStop();
        assert.deepStrictEqual(stop.frames.map(f => f.instructionPointerReference), ['0x00001005', '0x00001002'], 'fib at LDI r1, 2; main at its CALL');

        const instructions = await disassemble(session, stop.top.instructionPointerReference!, -6, 10);
        assert.deepStrictEqual(instructions.map(i => [i.address, i.instruction, i.symbol, i.line]), [
            ['0x00000FFF', '', undefined, undefined],
            ['0x00001000', 'LDI r1, 20', 'main', 5],
            ['0x00001001', 'PUSHARG r1', 'main', 6],
            ['0x00001002', 'CALL fib', 'main', 7],
            ['0x00001003', 'RET r0', 'main', 8],
            ['0x00001004', 'MOV r3, r0', 'fib', 12],
            ['0x00001005', 'LDI r1, 2', 'fib', 13],
            ['0x00001006', 'CMP r3, r1', 'fib', 14],
            ['0x00001007', 'JMPLT base', 'fib', 15],
            ['0x00001008', 'LDI r1, 1', 'fib', 16],
        ]);
        assert.strictEqual(instructions[0].presentationHint, 'invalid');
        assert.ok(instructions.slice(1).every(i => i.location?.path === FIB), 'each instruction points into fib.stfa');
    }));

    it('stops at an instruction breakpoint in fib.stfa and steps by instruction', () => withSession(async session => {
        await session.launch({ program: FIB, breakpointLines: [12] });
        const first = await session.nextStop();
        await session.clearBreakpoints(FIB);
        const [breakpoint] = await setInstructionBreakpoints(session, ['0x00001007']);
        assert.strictEqual(breakpoint.verified, true);
        assert.strictEqual(breakpoint.line, 15);
        assert.strictEqual(breakpoint.instructionReference, '0x00001007');

        await session.continue(first);
        const hit = await session.nextStop();
        assert.strictEqual(hit.event.body.reason, 'instruction breakpoint');
        assert.deepStrictEqual(hit.event.body.hitBreakpointIds, [breakpoint.id]);
        assert.strictEqual(hit.top.instructionPointerReference, '0x00001007');
        assert.strictEqual(hit.top.line, 15);

        await setInstructionBreakpoints(session, []);
        const next = await session.stepInstruction('next', hit);
        assert.deepStrictEqual([next.event.body.reason, next.top.instructionPointerReference, next.top.line], ['step', '0x00001008', 16]);
        const stepIn = await session.stepInstruction('stepIn', next);
        assert.deepStrictEqual([stepIn.top.instructionPointerReference, stepIn.top.line], ['0x00001009', 17]);
    }));

    it('disassembles fizzbuzz.stflb as `stoffel disasm` prints it, stops at an instruction breakpoint and steps by instruction', () => withSession(async session => {
        const expected = disasm(FIZZBUZZ);
        const mainStart = expected.functionStart.get('main');
        assert.ok(mainStart !== undefined, 'fizzbuzz has a main');
        const addressOf = (k: number): string => hex(0x1000 + k);
        const check = (instruction: DebugProtocol.DisassembledInstruction, reference: number): void => {
            const k = parseInt(instruction.address, 16) - 0x1000;
            assert.ok(k >= 0 && k < expected.instructionLines.length, `${instruction.address} is an instruction`);
            assert.strictEqual(instruction.line, expected.instructionLines[k], `${instruction.address} is on its disasm line`);
            assert.strictEqual(instruction.instruction, expected.lines[expected.instructionLines[k] - 1].trim(), `${instruction.address} reads as disasm prints it`);
            assert.strictEqual(instruction.location?.sourceReference, reference, 'a binary points into its disassembly');
        };

        await session.launch({ program: FIZZBUZZ, stopOnEntry: true });
        const entry = await session.nextStop();
        assert.strictEqual(entry.top.name, 'main');
        assert.strictEqual(entry.top.instructionPointerReference, addressOf(mainStart));
        assert.strictEqual(entry.top.line, expected.instructionLines[mainStart], 'the frame is on main\'s first disasm line');
        const reference = entry.top.source?.sourceReference;
        assert.ok(reference !== undefined && reference > 0);

        const around = await disassemble(session, entry.top.instructionPointerReference!, -3, 12);
        assert.deepStrictEqual(around.map(i => i.address), Array.from({ length: 12 }, (_, i) => addressOf(mainStart - 3 + i)));
        around.filter(i => i.presentationHint !== 'invalid').forEach(i => check(i, reference));

        // main's second instruction: reached by running on from the entry stop.
        const target = addressOf(mainStart + 1);
        const [breakpoint] = await setInstructionBreakpoints(session, [target]);
        assert.strictEqual(breakpoint.verified, true);
        assert.strictEqual(breakpoint.line, expected.instructionLines[mainStart + 1]);
        await session.continue(entry);
        const hit: StopPoint = await session.nextStop();
        assert.deepStrictEqual([hit.event.body.reason, hit.top.instructionPointerReference], ['instruction breakpoint', target]);

        await setInstructionBreakpoints(session, []);
        const step = await session.stepInstruction('stepIn', hit);
        const stepped = await disassemble(session, step.top.instructionPointerReference!, 0, 1);
        check(stepped[0], reference);
        assert.strictEqual(step.top.line, stepped[0].line, 'the frame\'s line is its instruction\'s');
        assert.notStrictEqual(step.top.instructionPointerReference, target, 'one instruction on');
    }));

    it('stops a runaway launch at maxInstructions with the message `stoffel run --max-instructions` prints', () => withSession(async session => {
        const program = examplePath('fib.stfa');
        const cli = (() => {
            try {
                runStoffel(['run', program, '--max-instructions', '100']);
                return '';
            } catch (error) {
                return String((error as { stderr?: string }).stderr ?? '');
            }
        })();
        assert.match(cli, /^error: instruction limit of 100 reached/);
        await session.launch({ program, attributes: { maxInstructions: 100 } });
        const exited = await session.waitForEvent<DebugProtocol.ExitedEvent>('exited');
        assert.strictEqual(exited.body.exitCode, 1);
        const stderr = session.client.audit.messages
            .filter((m): m is DebugProtocol.OutputEvent => m.type === 'event' && (m as DebugProtocol.Event).event === 'output')
            .filter(e => e.body.category === 'stderr')
            .map(e => e.body.output)
            .join('');
        assert.strictEqual(stderr, cli);
    }));
});
