// A language client on a `stoffel lsp --stdio` process (the build under test, as the extension
// starts it), over vscode-languageserver-protocol's node streams: initialize on start, collect
// published diagnostics, shut down and exit at the end.
import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import { pathToFileURL } from 'url';
import {
    createProtocolConnection, Diagnostic, ExitNotification, InitializeRequest, InitializeResult, ProtocolConnection,
    PublishDiagnosticsNotification, PublishDiagnosticsParams, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { languageServerExecutable } from '../../languageServer';
import { adapterUnderTest } from './repoPaths';

/** How long one request or notification may take to be answered. */
export const REPLY_TIMEOUT_MS = 15000;

export class LanguageServerSession {
    private readonly published: PublishDiagnosticsParams[] = [];
    private readonly waiting: Array<() => void> = [];
    private stderr = '';

    private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {
        process.stderr?.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            this.published.push(params);
            this.waiting.splice(0).forEach(wake => wake());
        });
        connection.listen();
    }

    /** Starts the server the way the extension does (`stoffel.adapterPath` = the build under test) and initializes it. */
    static async start(): Promise<{ session: LanguageServerSession; initialize: InitializeResult }> {
        const { command, args } = languageServerExecutable({ extensionPath: '', adapterPath: adapterUnderTest(), fileExists: () => true });
        const child = spawn(command, args, { stdio: 'pipe' });
        const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        const session = new LanguageServerSession(child, connection);
        const initialize = await session.within('initialize', connection.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null,
        }));
        await connection.sendNotification('initialized', {});
        return { session, initialize };
    }

    /** Opens `file` with `text` and returns the diagnostics published for it. */
    open(file: string, text: string): Promise<Diagnostic[]> {
        return this.openUri(LanguageServerSession.uri(file), text);
    }

    /** Opens the document `uri` (any scheme) with `text` and returns the diagnostics published for it. */
    openUri(uri: string, text: string): Promise<Diagnostic[]> {
        return this.publishedAfter(uri, () =>
            this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'stoffel-asm', version: 1, text } }));
    }

    /** Replaces the whole text of the open `file` and returns the diagnostics published for it. */
    change(file: string, version: number, text: string): Promise<Diagnostic[]> {
        const uri = LanguageServerSession.uri(file);
        return this.publishedAfter(uri, () =>
            this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }));
    }

    private async publishedAfter(uri: string, send: () => Promise<void>): Promise<Diagnostic[]> {
        const before = this.published.length;
        await send();
        await this.within('publishDiagnostics', new Promise<void>(resolve => {
            const check = () => this.published.slice(before).some(p => p.uri === uri) ? resolve() : this.waiting.push(check);
            check();
        }));
        return this.published.slice(before).find(p => p.uri === uri)!.diagnostics;
    }

    request<R>(method: string, params: object): Promise<R> {
        return this.within(method, this.connection.sendRequest<R>(method, params));
    }

    /** shutdown, then exit; the server process ends with 0. */
    async shutdown(): Promise<void> {
        assert.strictEqual(await this.within('shutdown', this.connection.sendRequest(ShutdownRequest.type)), null);
        const exited = new Promise<number | null>(resolve => this.process.once('exit', code => resolve(code)));
        await this.connection.sendNotification(ExitNotification.type);
        assert.strictEqual(await this.within('exit', exited), 0, `stderr: ${this.stderr}`);
        this.connection.dispose();
    }

    /** Ends the process whatever state it is in (after a failed test). */
    kill(): void {
        this.connection.dispose();
        this.process.kill();
    }

    static uri(file: string): string {
        return pathToFileURL(file).toString();
    }

    private within<T>(what: string, promise: Promise<T>): Promise<T> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer to ${what} in ${REPLY_TIMEOUT_MS} ms; stderr: ${this.stderr}`)), REPLY_TIMEOUT_MS);
        });
        return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
    }
}
