// Glue: the `stoffel.adapterPath` and `stoffel.dotnetPath` settings of a workspace folder, as the
// inputs of the pure `stoffel` resolution (adapterCommand.ts) for the adapter, the language
// server and the code lenses' runs alike.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { AdapterCommandInputs } from './adapterCommand';

export function stoffelInputs(extensionPath: string, folder: vscode.WorkspaceFolder | undefined): AdapterCommandInputs {
    const settings = vscode.workspace.getConfiguration('stoffel', folder);
    return {
        extensionPath,
        adapterPath: settings.get<string>('adapterPath'),
        dotnetPath: settings.get<string>('dotnetPath'),
        workspaceFolder: folder?.uri.fsPath,
        fileExists: file => fs.existsSync(file),
    };
}
