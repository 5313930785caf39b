import * as assert from 'assert';
import { traceLine, tracesProtocol } from '../../protocolTrace';

describe('protocol trace', () => {
    const at = new Date(Date.UTC(2026, 10, 30, 5, 30, 0, 123));

    it('is on only for "trace": true', () => {
        assert.strictEqual(tracesProtocol({ trace: true }), true);
        assert.strictEqual(tracesProtocol({ trace: false }), false);
        assert.strictEqual(tracesProtocol({}), false);
        assert.strictEqual(tracesProtocol({ trace: 'yes' }), false);
    });

    it('logs each message as one line: time, direction, session, compact JSON', () => {
        const request = { seq: 3, type: 'request', command: 'next', arguments: { threadId: 1 } };
        const event = { seq: 9, type: 'event', event: 'stopped', body: { reason: 'step', threadId: 1 } };

        assert.strictEqual(traceLine('to adapter', 'Debug fib', request, at),
            '2026-11-30T05:30:00.123Z -> [Debug fib] {"seq":3,"type":"request","command":"next","arguments":{"threadId":1}}');
        assert.strictEqual(traceLine('from adapter', 'Debug fib', event, at),
            '2026-11-30T05:30:00.123Z <- [Debug fib] {"seq":9,"type":"event","event":"stopped","body":{"reason":"step","threadId":1}}');
    });

    it('logs a message JSON cannot serialise by its text instead of dropping it', () => {
        const cyclic: { self?: unknown } = {};
        cyclic.self = cyclic;

        assert.strictEqual(traceLine('from adapter', 's', cyclic, at), '2026-11-30T05:30:00.123Z <- [s] [object Object]');
        assert.strictEqual(traceLine('to adapter', 's', undefined, at), '2026-11-30T05:30:00.123Z -> [s] undefined');
    });
});
