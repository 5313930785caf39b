// The validator the e2e tests rely on, checked on hand-written messages.
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { DapSchema } from '../support/dapSchema';
import { FrameReader } from '../support/frameReader';
import { ProtocolAudit } from '../support/protocolAudit';
import { dapSchemaPath } from '../support/repoPaths';

const schema = DapSchema.fromFile(dapSchemaPath());

const stackTrace = (frame: Record<string, unknown>) => ({
    seq: 5, type: 'response', request_seq: 4, command: 'stackTrace', success: true,
    body: { stackFrames: [frame], totalFrames: 1 },
});
const frame = { id: 1, name: 'fib', line: 13, column: 1, source: { path: '/x/fib.stfa' } };

function framed(json: object): string {
    const body = JSON.stringify(json);
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('DapSchema', () => {
    it('picks the most specific definition', () => {
        assert.strictEqual(schema.definitionFor({ type: 'response', command: 'stackTrace', success: true }), 'StackTraceResponse');
        assert.strictEqual(schema.definitionFor({ type: 'response', command: 'stackTrace', success: false }), 'ErrorResponse');
        assert.strictEqual(schema.definitionFor({ type: 'event', event: 'stopped' }), 'StoppedEvent');
        assert.strictEqual(schema.definitionFor({ type: 'event', event: 'stoffelCustom' }), 'Event');
        assert.strictEqual(schema.definitionFor({ type: 'response', command: 'stoffelCustom', success: true }), 'Response');
        assert.strictEqual(schema.definitionFor({ type: 'request', command: 'runInTerminal' }), 'RunInTerminalRequest');
    });

    it('accepts a valid stack trace response', () => {
        assert.deepStrictEqual(schema.validate(stackTrace(frame)), { definition: 'StackTraceResponse', errors: [] });
    });

    it('rejects a stack frame without a column', () => {
        const { column: _column, ...noColumn } = frame;
        const verdict = schema.validate(stackTrace(noColumn));
        assert.ok(verdict.errors.some(e => e.includes('column')), verdict.errors.join('\n'));
    });

    it('rejects a frame id outside int32', () => {
        const verdict = schema.validate(stackTrace({ ...frame, id: 2 ** 31 }));
        assert.ok(verdict.errors.some(e => e.includes('/body/stackFrames/0/id') && e.includes('int32')), verdict.errors.join('\n'));
        assert.deepStrictEqual(schema.validate(stackTrace({ ...frame, id: 2 ** 31 - 1 })).errors, []);
    });

    it('rejects a fractional line', () => {
        assert.notDeepStrictEqual(schema.validate(stackTrace({ ...frame, line: 1.5 })).errors, []);
    });

    it('requires a body on a failed response', () => {
        const failed = { seq: 3, type: 'response', request_seq: 2, command: 'evaluate', success: false, message: 'no such register' };
        assert.notDeepStrictEqual(schema.validate(failed).errors, []);
        assert.deepStrictEqual(schema.validate({ ...failed, body: { error: { id: 1, format: 'no such register' } } }).errors, []);
    });

    it('checks event bodies: a stopped event needs a reason', () => {
        assert.deepStrictEqual(schema.validate({ seq: 9, type: 'event', event: 'stopped', body: { reason: 'breakpoint', threadId: 1 } }).errors, []);
        assert.notDeepStrictEqual(schema.validate({ seq: 9, type: 'event', event: 'stopped', body: { threadId: 1 } }).errors, []);
        assert.notDeepStrictEqual(schema.validate({ seq: 9, type: 'event', event: 'exited', body: {} }).errors, []);
    });

    it('rejects seq 0, a missing type and non-objects', () => {
        assert.notDeepStrictEqual(schema.validate({ seq: 0, type: 'event', event: 'initialized' }).errors, []);
        assert.notDeepStrictEqual(schema.validate({ seq: 1 }).errors, []);
        assert.notDeepStrictEqual(schema.validate([]).errors, []);
    });
});

describe('ProtocolAudit', () => {
    const initialized = (seq: number) => JSON.stringify({ seq, type: 'event', event: 'initialized' });

    it('accepts seq 1, 2, 3', () => {
        const audit = new ProtocolAudit(schema);
        [1, 2, 3].forEach(seq => audit.check(initialized(seq)));
        assert.deepStrictEqual(audit.violations, []);
        assert.strictEqual(audit.messages.length, 3);
    });

    it('reports a first seq other than 1 and a seq that does not increase', () => {
        const audit = new ProtocolAudit(schema);
        [2, 3, 3, 1].forEach(seq => audit.check(initialized(seq)));
        assert.strictEqual(audit.violations.length, 3, audit.violations.join('\n'));
        assert.match(audit.violations[0], /first message has seq 2/);
    });

    it('reports schema violations and text that is not JSON', () => {
        const audit = new ProtocolAudit(schema);
        audit.check(JSON.stringify({ seq: 1, type: 'event', event: 'stopped', body: {} }));
        audit.check('{oops');
        assert.strictEqual(audit.violations.length, 2, audit.violations.join('\n'));
        assert.match(audit.violations[0], /^StoppedEvent: /);
        assert.match(audit.violations[1], /^not JSON/);
    });

    it('finds a message that arrived before or after waitFor was called', async () => {
        const audit = new ProtocolAudit(schema);
        audit.check(initialized(1));
        const withSeq = (seq: number) => (m: DebugProtocol.ProtocolMessage): m is DebugProtocol.ProtocolMessage => m.seq === seq;
        assert.strictEqual((await audit.waitFor('early', withSeq(1), 100)).seq, 1);
        const later = audit.waitFor('late', withSeq(2), 1000);
        audit.check(initialized(2));
        assert.strictEqual((await later).seq, 2);
        await assert.rejects(audit.waitFor('never', withSeq(99), 20), /no never within 20 ms/);
    });
});

describe('FrameReader', () => {
    it('splits messages across and within chunks, counting UTF-8 bytes', () => {
        const seen: string[] = [];
        const problems: string[] = [];
        const reader = new FrameReader(json => seen.push(json), p => problems.push(p));
        const bytes = Buffer.from(framed({ seq: 1, text: 'café ✓' }) + framed({ seq: 2 }) + framed({ seq: 3 }));
        for (let i = 0; i < bytes.length; i += 7) {
            reader.push(bytes.subarray(i, i + 7));
        }
        assert.deepStrictEqual(seen.map(s => JSON.parse(s)), [{ seq: 1, text: 'café ✓' }, { seq: 2 }, { seq: 3 }]);
        assert.deepStrictEqual(problems, []);
    });

    it('reports a header without Content-Length', () => {
        const problems: string[] = [];
        const reader = new FrameReader(() => undefined, p => problems.push(p));
        reader.push(Buffer.from('Content-Type: x\r\n\r\n'));
        assert.strictEqual(problems.length, 1);
    });
});
