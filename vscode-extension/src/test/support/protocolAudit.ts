// Checks every message an adapter sends: parseable JSON, valid against the DAP schema, and
// `seq` starting at 1 and strictly increasing. Collects problems instead of throwing, so a
// test can report all of them at its end.
import { EventEmitter } from 'events';
import { DebugProtocol } from '@vscode/debugprotocol';
import { DapSchema } from './dapSchema';

export class ProtocolAudit {
    private readonly arrivals = new EventEmitter();
    private readonly problems: string[] = [];
    private readonly received: DebugProtocol.ProtocolMessage[] = [];
    private lastSeq = 0;

    constructor(private readonly schema: DapSchema) {}

    /** Every message seen so far, in arrival order. */
    get messages(): readonly DebugProtocol.ProtocolMessage[] {
        return this.received;
    }

    get violations(): readonly string[] {
        return this.problems;
    }

    /** Records a framing problem found before JSON parsing. */
    reportFraming(problem: string): void {
        this.problems.push(`framing: ${problem}`);
    }

    check(json: string): void {
        let message: DebugProtocol.ProtocolMessage;
        try {
            message = JSON.parse(json) as DebugProtocol.ProtocolMessage;
        } catch (error) {
            this.problems.push(`not JSON (${(error as Error).message}): ${json.slice(0, 200)}`);
            return;
        }
        this.received.push(message);
        this.checkSeq(message, json);
        const verdict = this.schema.validate(message);
        for (const error of verdict.errors) {
            this.problems.push(`${verdict.definition}: ${error} in ${abbreviate(json)}`);
        }
        this.arrivals.emit('message', message);
    }

    /**
     * The first message, received already or later, that satisfies `predicate`. Unlike
     * DebugClient.waitForEvent it cannot miss a message that arrived before the call.
     */
    waitFor<T extends DebugProtocol.ProtocolMessage>(
        description: string,
        predicate: (message: DebugProtocol.ProtocolMessage) => message is T,
        timeoutMs: number,
    ): Promise<T> {
        const earlier = this.received.find(predicate);
        if (earlier) {
            return Promise.resolve(earlier);
        }
        return new Promise((resolve, reject) => {
            const listener = (message: DebugProtocol.ProtocolMessage): void => {
                if (predicate(message)) {
                    clearTimeout(timer);
                    this.arrivals.off('message', listener);
                    resolve(message);
                }
            };
            const timer = setTimeout(() => {
                this.arrivals.off('message', listener);
                reject(new Error(`no ${description} within ${timeoutMs} ms`));
            }, timeoutMs);
            timer.unref(); // a forgotten wait must not keep the test run alive
            this.arrivals.on('message', listener);
        });
    }

    private checkSeq(message: DebugProtocol.ProtocolMessage, json: string): void {
        const seq = message.seq;
        if (this.lastSeq === 0 && seq !== 1) {
            this.problems.push(`first message has seq ${seq}, not 1: ${abbreviate(json)}`);
        } else if (this.lastSeq !== 0 && !(typeof seq === 'number' && seq > this.lastSeq)) {
            this.problems.push(`seq ${seq} does not follow ${this.lastSeq}: ${abbreviate(json)}`);
        }
        if (typeof seq === 'number') {
            this.lastSeq = Math.max(this.lastSeq, seq);
        }
    }
}

function abbreviate(json: string): string {
    return json.length > 400 ? `${json.slice(0, 400)}…` : json;
}
