// Glue: turns the pure adapter resolution into VS Code descriptors.
import * as vscode from 'vscode';
import { resolveAdapterEndpoint } from './adapterCommand';
import { stoffelInputs } from './stoffelSettings';

export class StoffelAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
    constructor(private readonly extensionPath: string) {}

    createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.DebugAdapterDescriptor {
        const endpoint = resolveAdapterEndpoint(session.configuration, stoffelInputs(this.extensionPath, session.workspaceFolder));
        return endpoint.kind === 'server'
            ? new vscode.DebugAdapterServer(endpoint.port, endpoint.host)
            : new vscode.DebugAdapterExecutable(endpoint.command, [...endpoint.args]);
    }
}
