// Entry point: registers the `stoffel` debug type's adapter factory and configuration provider,
// the protocol trace of sessions with `"trace": true`, a .stflb's disassembly document, the code lens commands, the Testing view's `stoffel test` cases, and starts the language client
// on `stoffel lsp`.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { StoffelAdapterFactory } from './adapterFactory';
import { StoffelConfigurationProvider } from './configurationProvider';
import { DEBUG_TYPE } from './debugConfiguration';
import { registerDisassembly } from './disassemblyProvider';
import { registerFunctionCommands } from './functionCommandHandlers';
import { startLanguageClient } from './languageClient';
import { registerProtocolTrace } from './protocolTraceTracker';
import { registerTestController } from './testController';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    context.subscriptions.push(
        vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new StoffelAdapterFactory(context.extensionPath)),
        vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new StoffelConfigurationProvider()),
        registerFunctionCommands(context.extensionPath),
        registerProtocolTrace(),
        registerDisassembly(context.extensionPath),
    );
    registerTestController(context);
    try {
        client = await startLanguageClient(context.extensionPath);
    } catch (error) {
        // Debugging still works without the language features: say why they are missing.
        void vscode.window.showWarningMessage(
            `Stoffel language features are off: ${error instanceof Error ? error.message : String(error)}`);
    }
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
