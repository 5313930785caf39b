// Glue: the `stoffel-disasm` documents and the "Open Disassembly" command (disassembly.ts decides
// the paths and the command line).
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { resolveStoffelCommand } from './adapterCommand';
import { LANGUAGE_ID } from './debugConfiguration';
import { binaryOf, disassembleCommand, DISASM_SUBCOMMAND, DISASSEMBLY_SCHEME, disassemblyPath, OPEN_DISASSEMBLY_COMMAND } from './disassembly';
import { stoffelInputs } from './stoffelSettings';

export function registerDisassembly(extensionPath: string): vscode.Disposable {
    const provider: vscode.TextDocumentContentProvider = {
        provideTextDocumentContent(uri) {
            const binary = binaryOf(uri.path);
            const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(binary));
            const { command, args } = disassembleCommand(resolveStoffelCommand(stoffelInputs(extensionPath, folder), DISASM_SUBCOMMAND), binary);
            return new Promise<string>((resolve, reject) => execFile(command, [...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
                error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout)));
        },
    };
    return vscode.Disposable.from(
        vscode.workspace.registerTextDocumentContentProvider(DISASSEMBLY_SCHEME, provider),
        vscode.commands.registerCommand(OPEN_DISASSEMBLY_COMMAND, async (resource?: vscode.Uri) => {
            try {
                const binary = resource ?? vscode.window.activeTextEditor?.document.uri;
                if (binary === undefined) {
                    throw new Error('Choose a .stflb file in the Explorer to open its disassembly.');
                }
                const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: DISASSEMBLY_SCHEME, path: disassemblyPath(binary.fsPath) }));
                await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID), { preview: false });
            } catch (error) {
                void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
            }
        }),
    );
}
