// Glue: turns the pure adapter resolution into VS Code descriptors.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { resolveAdapterEndpoint } from './adapterCommand';

export class StoffelAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
    constructor(private readonly extensionPath: string) {}

    createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
        const settings = vscode.workspace.getConfiguration('stoffel', session.workspaceFolder);
        const endpoint = resolveAdapterEndpoint(session.configuration, {
            extensionPath: this.extensionPath,
            adapterPath: settings.get<string>('adapterPath'),
            dotnetPath: settings.get<string>('dotnetPath'),
            workspaceFolder: session.workspaceFolder?.uri.fsPath,
            fileExists: file => fs.existsSync(file),
        });
        return endpoint.kind === 'server'
            ? new vscode.DebugAdapterServer(endpoint.port, endpoint.host)
            : new vscode.DebugAdapterExecutable(endpoint.command, [...endpoint.args]);
    }
}
