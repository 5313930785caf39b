// End to end: a .stflb read through its disassembly. The extension shows `stoffel disasm FILE`
// as a read-only `stoffel-disasm:` document in the assembly language; the language server gives
// that document the same symbols and hover as a source file.
//   0   .function main() registers 7     5   for_start_4:     6   CMP r5, r4
import * as assert from 'assert';
import { DocumentSymbol, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { DISASSEMBLY_SCHEME, disassemblyPath } from '../../disassembly';
import { conformancePath } from '../support/repoPaths';
import { LanguageServerSession } from '../support/languageServerSession';
import { runStoffel } from '../support/stoffelCli';

const BINARY = conformancePath('fizzbuzz.stflb');
const URI = `${DISASSEMBLY_SCHEME}://${disassemblyPath(BINARY).split('/').map(encodeURIComponent).join('/')}`;

describe('e2e: stoffel lsp on the disassembly of fizzbuzz.stflb', function () {
    this.timeout(60000);
    let session: LanguageServerSession;

    before(async () => {
        session = (await LanguageServerSession.start()).session;
    });

    after(() => session?.kill());

    it('opens without diagnostics and lists main with its labels', async () => {
        const diagnostics = await session.openUri(URI, runStoffel(['disasm', BINARY]));
        assert.deepStrictEqual(diagnostics, []);

        const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });

        assert.deepStrictEqual(symbols.map(s => s.name), ['main']);
        assert.deepStrictEqual(symbols[0].range.start, { line: 0, character: 0 });
        assert.ok((symbols[0].children ?? []).some(c => c.name === 'for_start_4' && c.range.start.line === 5), JSON.stringify(symbols[0].children));
    });

    it('hovers an opcode of the disassembly as in a source file', async () => {
        const hover = await session.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 6, character: 5 } });

        assert.match((hover.contents as MarkupContent).value, /CMP/);
    });
});
