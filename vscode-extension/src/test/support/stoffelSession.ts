// One debug session against the real adapter, with the steps the e2e tests repeat: launch
// with breakpoints, wait for stops, step, read scopes, evaluate, run to the end.
import * as assert from 'assert';
import { DebugProtocol } from '@vscode/debugprotocol';
import { AuditedDebugClient } from './auditedDebugClient';
import { DapSchema } from './dapSchema';
import { adapterUnderTest, dapSchemaPath } from './repoPaths';

/** How long one protocol round trip or stop may take; the adapter starts a .NET process. */
export const STEP_TIMEOUT_MS = 15000;

export interface LaunchOptions {
    readonly program: string;
    readonly breakpointLines?: readonly number[];
    readonly exceptionFilters?: readonly string[];
    readonly stopOnEntry?: boolean;
    readonly entry?: string;
    readonly args?: readonly string[];
    /** Further launch attributes (`maxInstructions`, `timeout`, …). */
    readonly attributes?: Readonly<Record<string, unknown>>;
}

/** Where the debuggee stopped: the stopped event and the top stack frame. */
export interface StopPoint {
    readonly event: DebugProtocol.StoppedEvent;
    readonly threadId: number;
    readonly frames: readonly DebugProtocol.StackFrame[];
    readonly totalFrames: number;
    readonly top: DebugProtocol.StackFrame;
}

export type StepCommand = 'next' | 'stepIn' | 'stepOut' | 'stepBack';

let cachedSchema: DapSchema | undefined;

function schema(): DapSchema {
    cachedSchema ??= DapSchema.fromFile(dapSchemaPath());
    return cachedSchema;
}

function isEvent<E extends DebugProtocol.Event>(name: string, after = 0) {
    return (message: DebugProtocol.ProtocolMessage): message is E =>
        message.type === 'event' && (message as DebugProtocol.Event).event === name && message.seq > after;
}

export class StoffelSession {
    private lastStopSeq = 0;
    private readonly adapterGone: Promise<never>;
    initializeResponse?: DebugProtocol.InitializeResponse;
    setBreakpointsResponse?: DebugProtocol.SetBreakpointsResponse;

    private constructor(readonly client: AuditedDebugClient) {
        this.adapterGone = client.whenClosed().then(() => {
            throw new Error(`the adapter closed its output (exited or crashed); its stderr:\n${client.stderr}`);
        });
        this.adapterGone.catch(() => undefined);
    }

    /**
     * DebugClient's requests wait forever; a test waits for one reply at most STEP_TIMEOUT_MS
     * and fails at once if the adapter is gone.
     */
    private guard<T>(what: string, pending: Promise<T>): Promise<T> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no ${what} within ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
        });
        return Promise.race([pending, this.adapterGone, timeout]).finally(() => clearTimeout(timer));
    }

    static async start(): Promise<StoffelSession> {
        const client = new AuditedDebugClient(adapterUnderTest(), schema());
        client.defaultTimeout = STEP_TIMEOUT_MS;
        await client.start();
        return new StoffelSession(client);
    }

    /** initialize → launch, with breakpoints and exception filters set between `initialized` and `configurationDone`. */
    async launch(options: LaunchOptions): Promise<void> {
        const initialized = this.client.audit.waitFor('initialized event', isEvent('initialized'), STEP_TIMEOUT_MS);
        initialized.catch(() => undefined); // awaited below, unless initialize already failed
        this.initializeResponse = await this.guard('initialize response', this.client.initializeRequest({
            adapterID: 'stoffel',
            clientID: 'stoffel-e2e',
            linesStartAt1: true,
            columnsStartAt1: true,
            pathFormat: 'path',
            supportsVariableType: true,
            supportsInvalidatedEvent: true,
        }));
        const launchArgs: DebugProtocol.LaunchRequestArguments & Record<string, unknown> = {
            program: options.program,
            stopOnEntry: options.stopOnEntry ?? false,
            ...(options.entry !== undefined ? { entry: options.entry } : {}),
            ...(options.args !== undefined ? { args: [...options.args] } : {}),
            ...options.attributes,
        };
        const configure = initialized.then(async () => {
            this.setBreakpointsResponse = await this.guard('setBreakpoints response', this.client.setBreakpointsRequest({
                source: { path: options.program },
                breakpoints: (options.breakpointLines ?? []).map(line => ({ line })),
            }));
            await this.guard('setExceptionBreakpoints response',
                this.client.setExceptionBreakpointsRequest({ filters: [...(options.exceptionFilters ?? [])] }));
            await this.guard('configurationDone response', this.client.configurationDoneRequest());
        });
        await Promise.all([this.guard('launch response', this.client.launchRequest(launchArgs)), configure]);
    }

    /** The next stop after the previous one this session saw, with its stack. */
    async nextStop(): Promise<StopPoint> {
        const event = await this.guard('stopped event', this.client.audit.waitFor<DebugProtocol.StoppedEvent>(
            'stopped event', isEvent('stopped', this.lastStopSeq), STEP_TIMEOUT_MS));
        this.lastStopSeq = event.seq;
        const threadId = event.body.threadId ?? (await this.guard('threads response', this.client.threadsRequest())).body.threads[0].id;
        const stack = await this.guard('stackTrace response', this.client.stackTraceRequest({ threadId }));
        const frames = stack.body.stackFrames;
        assert.ok(frames.length > 0, 'a stopped thread has at least one frame');
        return { event, threadId, frames, totalFrames: stack.body.totalFrames ?? frames.length, top: frames[0] };
    }

    async step(command: StepCommand, from: StopPoint): Promise<StopPoint> {
        const args = { threadId: from.threadId };
        switch (command) {
            case 'next': await this.guard('next response', this.client.nextRequest(args)); break;
            case 'stepIn': await this.guard('stepIn response', this.client.stepInRequest(args)); break;
            case 'stepOut': await this.guard('stepOut response', this.client.stepOutRequest(args)); break;
            case 'stepBack': await this.guard('stepBack response', this.client.stepBackRequest(args)); break;
        }
        return this.nextStop();
    }

    /** A step by one instruction (`granularity: 'instruction'`). */
    async stepInstruction(command: 'next' | 'stepIn', from: StopPoint): Promise<StopPoint> {
        const args: DebugProtocol.NextArguments = { threadId: from.threadId, granularity: 'instruction' };
        await this.guard(`${command} response`, command === 'next' ? this.client.nextRequest(args) : this.client.stepInRequest(args));
        return this.nextStop();
    }

    /** Any request DebugClient has no method for, with the same timeout. */
    async request<R extends DebugProtocol.Response>(command: string, args?: object): Promise<R> {
        return await this.guard(`${command} response`, this.client.customRequest(command, args)) as R;
    }

    async reverseContinue(from: StopPoint): Promise<StopPoint> {
        await this.guard('reverseContinue response', this.client.reverseContinueRequest({ threadId: from.threadId }));
        return this.nextStop();
    }

    async continue(from: StopPoint): Promise<void> {
        await this.guard('continue response', this.client.continueRequest({ threadId: from.threadId }));
    }

    async clearBreakpoints(program: string): Promise<void> {
        await this.guard('setBreakpoints response', this.client.setBreakpointsRequest({ source: { path: program }, breakpoints: [] }));
    }

    async scopes(frameId: number): Promise<readonly DebugProtocol.Scope[]> {
        return (await this.guard('scopes response', this.client.scopesRequest({ frameId }))).body.scopes;
    }

    /** The variables of the scope called `scopeName` in a frame, by name. */
    async scope(frameId: number, scopeName: string): Promise<Map<string, DebugProtocol.Variable>> {
        const found = (await this.scopes(frameId)).find(s => s.name === scopeName);
        assert.ok(found, `frame ${frameId} has a scope named ${scopeName}`);
        return this.children(found.variablesReference);
    }

    async children(variablesReference: number): Promise<Map<string, DebugProtocol.Variable>> {
        const response = await this.guard('variables response', this.client.variablesRequest({ variablesReference }));
        return new Map(response.body.variables.map(v => [v.name, v]));
    }

    async evaluate(expression: string, frameId: number, context = 'watch'): Promise<DebugProtocol.EvaluateResponse['body']> {
        return (await this.guard('evaluate response', this.client.evaluateRequest({ expression, frameId, context }))).body;
    }

    async exceptionInfo(from: StopPoint): Promise<DebugProtocol.ExceptionInfoResponse['body']> {
        return (await this.guard('exceptionInfo response', this.client.exceptionInfoRequest({ threadId: from.threadId }))).body;
    }

    /** Waits for an event that arrived or arrives after the session started. */
    waitForEvent<E extends DebugProtocol.Event>(name: string): Promise<E> {
        return this.client.audit.waitFor<E>(`${name} event`, isEvent(name), STEP_TIMEOUT_MS);
    }

    /** All output text so far, in order. */
    output(): string {
        return this.client.audit.messages
            .filter(isEvent<DebugProtocol.OutputEvent>('output'))
            .map(e => e.body.output)
            .join('');
    }

    async stop(): Promise<void> {
        await this.client.shutdown(5000);
    }

    /** Fails with every schema or sequencing problem the adapter's messages had. */
    assertProtocolClean(): void {
        const problems = this.client.audit.violations;
        assert.deepStrictEqual(problems, [], `adapter messages break the DAP schema:\n${problems.join('\n')}`);
        assert.ok(this.client.audit.messages.length > 0, 'the adapter sent messages');
    }
}

/**
 * Runs `body` against a fresh adapter, always shuts it down, then checks every message it sent.
 */
export async function withSession(body: (session: StoffelSession) => Promise<void>): Promise<void> {
    const session = await StoffelSession.start();
    try {
        await body(session);
    } finally {
        await session.stop();
    }
    session.assertProtocolClean();
}
