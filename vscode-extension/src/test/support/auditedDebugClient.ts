// A DebugClient that runs the real adapter (`dotnet stoffel.dll dap` or `stoffel dap`) and
// audits every byte it sends before the client dispatches it.
import { ChildProcess } from 'child_process';
import * as fs from 'fs';
import { Readable, Writable } from 'stream';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { resolveAdapterCommand } from '../../adapterCommand';
import { DapSchema } from './dapSchema';
import { FrameReader } from './frameReader';
import { ProtocolAudit } from './protocolAudit';
import { extensionRoot } from './repoPaths';

/**
 * DebugClient spawns `runtime [executable]` with one argument, so the adapter's command (as the
 * extension runs it: a .dll with `dotnet`, an executable directly) goes through a shell. On
 * POSIX `exec` makes the adapter replace the shell, so that stopping the client kills it.
 */
export function adapterSpawn(adapter: string): { runtime: string; executable: string } {
    const { command, args } = resolveAdapterCommand({ extensionPath: extensionRoot(), adapterPath: adapter, fileExists: fs.existsSync });
    const runtime = process.platform === 'win32' ? JSON.stringify(command) : `exec ${JSON.stringify(command)}`;
    return { runtime, executable: args.map(arg => JSON.stringify(arg)).join(' ') };
}

export class AuditedDebugClient extends DebugClient {
    readonly audit: ProtocolAudit;
    private closedHandlers: Array<() => void> = [];
    private stderrTail = '';
    private isClosed = false;

    constructor(adapter: string, schema: DapSchema) {
        const { runtime, executable } = adapterSpawn(adapter);
        super(runtime, executable, 'stoffel', { shell: true }, process.env.STOFFEL_E2E_STDERR === '1');
        this.audit = new ProtocolAudit(schema);
    }

    // Registered before the client's own listener, so a message is audited before a test sees it.
    protected override connect(readable: Readable, writable: Writable): void {
        const reader = new FrameReader(json => this.audit.check(json), problem => this.audit.reportFraming(problem));
        readable.on('data', (chunk: Buffer) => reader.push(chunk));
        // A request written after the adapter died fails with EPIPE; the closed state reports it.
        writable.on('error', () => this.markClosed());
        readable.once('close', () => this.markClosed());
        readable.once('end', () => this.markClosed());
        super.connect(readable, writable);
    }

    override async start(port?: number): Promise<void> {
        await super.start(port);
        this.adapterProcess()?.stderr?.on('data', (chunk: Buffer) => {
            this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
        });
    }

    /** The end of what the adapter wrote to stderr, for failure messages. */
    get stderr(): string {
        return this.stderrTail;
    }

    /**
     * Disconnects and ends the adapter. DebugClient.stop() waits for the disconnect response
     * forever, so a dead or hung adapter is killed after a grace period instead.
     */
    async shutdown(graceMs: number): Promise<void> {
        if (!this.isClosed) {
            let timer: NodeJS.Timeout | undefined;
            const grace = new Promise<void>(resolve => { timer = setTimeout(resolve, graceMs); });
            await Promise.race([this.stop(), this.whenClosed(), grace]);
            clearTimeout(timer);
        }
        this.adapterProcess()?.kill();
    }

    // DebugClient keeps the process private; this is the one place that reaches it, to read
    // stderr and to kill a hung adapter.
    private adapterProcess(): ChildProcess | undefined {
        return (this as unknown as { _adapterProcess?: ChildProcess | null })._adapterProcess ?? undefined;
    }

    /** Settles when the adapter closes its output (it exited or crashed). */
    whenClosed(): Promise<void> {
        return this.isClosed ? Promise.resolve() : new Promise(resolve => this.closedHandlers.push(resolve));
    }

    private markClosed(): void {
        if (!this.isClosed) {
            this.isClosed = true;
            this.closedHandlers.splice(0).forEach(handler => handler());
        }
    }
}
