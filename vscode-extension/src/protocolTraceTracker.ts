// Feeds protocolTrace.ts from VS Code's debug adapter tracker API for sessions with `"trace": true`.
import * as vscode from 'vscode';
import { DEBUG_TYPE } from './debugConfiguration';
import { traceLine, tracesProtocol } from './protocolTrace';

/** Registers the tracker; the output channel is created on the first traced session. */
export function registerProtocolTrace(): vscode.Disposable {
    let channel: vscode.OutputChannel | undefined;
    const registration = vscode.debug.registerDebugAdapterTrackerFactory(DEBUG_TYPE, {
        createDebugAdapterTracker(session) {
            if (!tracesProtocol(session.configuration)) {
                return undefined;
            }
            const log = (channel ??= vscode.window.createOutputChannel('Stoffel Debug Protocol'));
            return {
                onWillReceiveMessage: message => log.appendLine(traceLine('to adapter', session.name, message, new Date())),
                onDidSendMessage: message => log.appendLine(traceLine('from adapter', session.name, message, new Date())),
            };
        },
    });
    return new vscode.Disposable(() => {
        registration.dispose();
        channel?.dispose();
    });
}
