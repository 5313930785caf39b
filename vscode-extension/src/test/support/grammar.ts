// Loads the extension's TextMate grammar with the same engine VS Code uses
// (vscode-textmate + the oniguruma WebAssembly build) and tokenizes lines with it.
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { extensionRoot } from './repoPaths';

export const SCOPE_NAME = 'source.stoffel-asm';

export interface Token {
    readonly text: string;
    readonly scopes: readonly string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

async function load(): Promise<textmate.IGrammar> {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const file = path.join(extensionRoot(), 'syntaxes', 'stoffel-asm.tmLanguage.json');
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: patterns => new oniguruma.OnigScanner(patterns),
            createOnigString: text => new oniguruma.OnigString(text),
        }),
        loadGrammar: async scopeName =>
            scopeName === SCOPE_NAME ? textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null,
    });
    const loaded = await registry.loadGrammar(SCOPE_NAME);
    if (!loaded) {
        throw new Error(`grammar ${SCOPE_NAME} did not load from ${file}`);
    }
    return loaded;
}

/** Tokens of each line of `source`, lines tokenized in order as an editor does. */
export async function tokenize(source: string): Promise<Token[][]> {
    grammar ??= load();
    const g = await grammar;
    let state = textmate.INITIAL;
    return source.split(/\r?\n/).map(line => {
        const result = g.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map(t => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
}

/** The innermost scope of the first token whose text is exactly `text` (whitespace trimmed). */
export function scopeOf(line: readonly Token[], text: string): string | undefined {
    const token = line.find(t => t.text.trim() === text);
    return token?.scopes[token.scopes.length - 1];
}
