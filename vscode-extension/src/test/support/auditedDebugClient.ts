// A DebugClient that runs the real adapter (`dotnet stoffel.dll dap`) and audits every byte
// it sends before the client dispatches it.
import { Readable, Writable } from 'stream';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { DapSchema } from './dapSchema';
import { FrameReader } from './frameReader';
import { ProtocolAudit } from './protocolAudit';

/**
 * DebugClient spawns `runtime [executable]` with one argument, so the adapter's two
 * arguments go through a shell. On POSIX `exec` makes dotnet replace the shell, so that
 * stopping the client kills the adapter itself.
 */
export function adapterSpawn(dll: string): { runtime: string; executable: string } {
    const runtime = process.platform === 'win32' ? 'dotnet' : 'exec dotnet';
    return { runtime, executable: `${JSON.stringify(dll)} dap` };
}

export class AuditedDebugClient extends DebugClient {
    readonly audit: ProtocolAudit;

    constructor(dll: string, schema: DapSchema) {
        const { runtime, executable } = adapterSpawn(dll);
        super(runtime, executable, 'stoffel', { shell: true }, process.env.STOFFEL_E2E_STDERR === '1');
        this.audit = new ProtocolAudit(schema);
    }

    // Registered before the client's own listener, so a message is audited before a test sees it.
    protected override connect(readable: Readable, writable: Writable): void {
        const reader = new FrameReader(json => this.audit.check(json), problem => this.audit.reportFraming(problem));
        readable.on('data', (chunk: Buffer) => reader.push(chunk));
        super.connect(readable, writable);
    }
}
