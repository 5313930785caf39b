// End to end over stdio against the real language server: `stoffel lsp --stdio` of the build
// under test (STOFFEL_ADAPTER, as for the debugger's tests), started the way the extension starts
// it, driven by vscode-languageserver-protocol's client on examples/fib.stfa:
//   3   .function main()     4  LDI r1, 20     6  CALL fib
//   10  .function fib(n)     14 JMPLT base     23 CALL fib     26 base:
// (0-based lines, as the protocol counts them).
import * as assert from 'assert';
import * as fs from 'fs';
import {
    CompletionItem, CompletionItemKind, Diagnostic, DocumentSymbol, Hover, InsertTextFormat, Location, Range, WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { examplePath } from '../support/repoPaths';
import { LanguageServerSession } from '../support/languageServerSession';

const FIB = examplePath('fib.stfa');
const URI = LanguageServerSession.uri(FIB);
const TEST_TIMEOUT_MS = 60000;

/** `14:10-14:14`: a range's 0-based start and end, so one string compares a whole range. */
function span(range: Range): string {
    return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

function at(line: number, character: number) {
    return { textDocument: { uri: URI }, position: { line, character } };
}

describe('e2e: stoffel lsp on fib.stfa', function () {
    this.timeout(TEST_TIMEOUT_MS);
    let session: LanguageServerSession;
    let capabilities: Record<string, unknown>;

    before(async () => {
        const started = await LanguageServerSession.start();
        session = started.session;
        capabilities = started.initialize.capabilities as Record<string, unknown>;
        assert.strictEqual(started.initialize.serverInfo?.name, 'stoffel');
    });

    after(() => session?.kill());

    it('announces full sync and every feature the extension uses', () => {
        assert.deepStrictEqual(capabilities.textDocumentSync, { openClose: true, change: 1 });
        for (const feature of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'documentFormattingProvider']) {
            assert.strictEqual(capabilities[feature], true, feature);
        }
        assert.deepStrictEqual(capabilities.renameProvider, { prepareProvider: true });
        assert.deepStrictEqual(capabilities.codeLensProvider, { resolveProvider: false });
    });

    it('publishes a diagnostic per error on didOpen, with exact ranges, severities and codes', async () => {
        const broken = fs.readFileSync(FIB, 'utf8')
            .replace('JMPLT base', 'JMPLT bass')
            .replace('CALL fib            ; fib(n - 2)', 'CALL fob');
        const diagnostics: Diagnostic[] = await session.open(FIB, broken);
        assert.deepStrictEqual(diagnostics.map(d => `${span(d.range)} ${d.severity} ${d.code} ${d.source}: ${d.message}`), [
            "14:10-14:14 1 unknown-label stoffel: unknown label 'bass' in function 'fib'",
            "23:9-23:12 2 unknown-function stoffel: unknown function 'fob': neither this file nor the standard library defines it",
        ]);
    });

    it('publishes no diagnostics once the text is fixed', async () => {
        assert.deepStrictEqual(await session.change(FIB, 2, fs.readFileSync(FIB, 'utf8')), []);
    });

    it('hovers an opcode with its operands and semantics, and a callee with its definition', async () => {
        const opcode = await session.request<Hover>('textDocument/hover', at(4, 5));
        assert.strictEqual(span(opcode.range!), '4:4-4:7');
        assert.deepStrictEqual(opcode.contents, { kind: 'markdown', value: '```stfa\nLDI rD, literal\n```\nload a constant\n\nopcode 0x01' });
        const callee = await session.request<Hover>('textDocument/hover', at(6, 10));
        assert.strictEqual(span(callee.range!), '6:9-6:12');
        assert.deepStrictEqual(callee.contents, { kind: 'markdown', value: '```stfa\n.function fib(n)\n```\ndefined on line 11' });
    });

    it('goes to the definition of a label and of a function', async () => {
        const label = await session.request<Location>('textDocument/definition', at(14, 12));
        assert.deepStrictEqual([label.uri, span(label.range)], [URI, '26:0-26:4']);
        const fn = await session.request<Location>('textDocument/definition', at(6, 10));
        assert.deepStrictEqual([fn.uri, span(fn.range)], [URI, '10:10-10:13']);
    });

    it('outlines the functions with their labels', async () => {
        const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
        const outline = (s: DocumentSymbol): string => `${s.name}${s.detail ?? ''} ${s.kind} ${span(s.range)} ${span(s.selectionRange)}` +
            (s.children?.length ? ` [${s.children.map(outline).join(', ')}]` : '');
        assert.deepStrictEqual(symbols.map(outline), [
            'main() 12 3:0-8:4 3:10-3:14',
            'fib(n) 12 10:0-28:4 10:10-10:13 [base 20 26:0-26:4 26:0-26:4]',
        ]);
    });

    it('completes opcodes and call snippets at the start of a line, callees after CALL', async () => {
        const opcodes = await session.request<CompletionItem[]>('textDocument/completion', at(7, 4));
        const call = opcodes.find(i => i.label === 'CALL');
        assert.deepStrictEqual(call, {
            label: 'CALL', kind: CompletionItemKind.Keyword, detail: 'CALL function',
            documentation: { kind: 'markdown', value: 'call with the argument stack; result in r0' },
        });
        const snippet = opcodes.find(i => i.label === 'call fib');
        assert.deepStrictEqual([snippet?.kind, snippet?.insertText, snippet?.insertTextFormat],
            [CompletionItemKind.Snippet, 'PUSHARG ${1:r1}\nCALL fib', InsertTextFormat.Snippet], 'a PUSHARG/CALL snippet per callee');
        assert.ok(opcodes.every(i => i.kind === CompletionItemKind.Keyword || i.kind === CompletionItemKind.Snippet), 'only opcodes and call snippets start an instruction');
        const callees = await session.request<CompletionItem[]>('textDocument/completion', at(6, 9));
        const byLabel = new Map(callees.map(i => [i.label, i]));
        assert.strictEqual(byLabel.get('fib')?.kind, CompletionItemKind.Function);
        assert.strictEqual(byLabel.get('main')?.kind, CompletionItemKind.Function);
        assert.strictEqual(byLabel.get('print')?.detail, 'print(values...)');
        assert.ok(!byLabel.has('LDI'), 'no opcode after CALL');
    });

    it('renames a label at its definition and its use', async () => {
        const edit = await session.request<WorkspaceEdit>('textDocument/rename', { ...at(14, 12), newName: 'small' });
        assert.deepStrictEqual(Object.keys(edit.changes!), [URI]);
        assert.deepStrictEqual(edit.changes![URI].map(e => `${span(e.range)} ${e.newText}`), ['14:10-14:14 small', '26:0-26:4 small']);
    });

    it('puts Run and Debug lenses above each function with the URI and the function name', async () => {
        const lenses = await session.request<Array<{ range: Range; command: { title: string; command: string; arguments: unknown[] } }>>(
            'textDocument/codeLens', { textDocument: { uri: URI } });
        assert.deepStrictEqual(lenses.map(l => `${span(l.range)} ${l.command.title} ${l.command.command} ${JSON.stringify(l.command.arguments)}`), [
            `3:0-3:9 Run stoffel.runFunction ${JSON.stringify([URI, 'main'])}`,
            `3:0-3:9 Debug stoffel.debugFunction ${JSON.stringify([URI, 'main'])}`,
            `10:0-10:9 Run stoffel.runFunction ${JSON.stringify([URI, 'fib'])}`,
            `10:0-10:9 Debug stoffel.debugFunction ${JSON.stringify([URI, 'fib'])}`,
        ]);
    });

    it('shuts down and exits with 0', async () => {
        await session.shutdown();
    });
});
