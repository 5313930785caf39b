// Entry point: registers the `stoffel` debug type's adapter factory and configuration provider,
// and the Testing view's `stoffel test` cases.
import * as vscode from 'vscode';
import { StoffelAdapterFactory } from './adapterFactory';
import { StoffelConfigurationProvider } from './configurationProvider';
import { DEBUG_TYPE } from './debugConfiguration';
import { registerTestController } from './testController';

export function activate(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new StoffelAdapterFactory(context.extensionPath)),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new StoffelConfigurationProvider()),
    );
    registerTestController(context);
}

export function deactivate(): void {
    // Nothing to release: the subscriptions above are disposed by VS Code.
}
