// Glue: starts vscode-languageclient on `stoffel lsp --stdio` (languageServer.ts decides how).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR, LANGUAGE_CLIENT_ID, LANGUAGE_CLIENT_NAME, languageServerExecutable } from './languageServer';
import { stoffelInputs } from './stoffelSettings';

/** Starts the client (and with it the server); the caller stops it on deactivation. */
export async function startLanguageClient(extensionPath: string): Promise<LanguageClient> {
    const executable = languageServerExecutable(stoffelInputs(extensionPath, vscode.workspace.workspaceFolders?.[0]));
    const client = new LanguageClient(LANGUAGE_CLIENT_ID, LANGUAGE_CLIENT_NAME, executable, { documentSelector: DOCUMENT_SELECTOR });
    await client.start();
    return client;
}
