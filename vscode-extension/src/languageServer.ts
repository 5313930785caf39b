// Pure: how the language client starts and talks to `stoffel lsp`. No `vscode` import.
import { AdapterCommandInputs, LSP_SUBCOMMAND, resolveStoffelCommand } from './adapterCommand';
import { LANGUAGE_ID } from './debugConfiguration';
import { DISASSEMBLY_SCHEME } from './disassembly';

export const LANGUAGE_CLIENT_ID = 'stoffel';
export const LANGUAGE_CLIENT_NAME = 'Stoffel Language Server';

/**
 * The server process: `stoffel lsp --stdio` of the same bundled build as the debug adapter (or
 * the `stoffel.adapterPath` one), over stdio. `--stdio` is in the arguments already, so the
 * client is given no transport (it would add the flag a second time).
 */
export function languageServerExecutable(inputs: AdapterCommandInputs): { command: string; args: string[] } {
    const { command, args } = resolveStoffelCommand(inputs, LSP_SUBCOMMAND);
    return { command, args: [...args] };
}

/** The documents the server serves: Stoffel assembly, saved or not, and the read-only disassembly of a `.stflb`. */
export const DOCUMENT_SELECTOR = [
    { scheme: 'file', language: LANGUAGE_ID },
    { scheme: 'untitled', language: LANGUAGE_ID },
    { scheme: DISASSEMBLY_SCHEME, language: LANGUAGE_ID },
];
