// Glue: feeds the editor's state to the pure defaults/validation rules.
import * as vscode from 'vscode';
import { fillDefaults, RawConfiguration, validate } from './debugConfiguration';

export class StoffelConfigurationProvider implements vscode.DebugConfigurationProvider {
    resolveDebugConfiguration(
        folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration,
    ): vscode.ProviderResult<vscode.DebugConfiguration> {
        const document = vscode.window.activeTextEditor?.document;
        const resolution = fillDefaults(config as RawConfiguration, {
            activeFile: document && { path: document.uri.fsPath, languageId: document.languageId },
            workspaceFolder: folder?.uri.fsPath,
        });
        return resolution.ok ? asDebugConfiguration(resolution.config) : abort(resolution.error);
    }

    resolveDebugConfigurationWithSubstitutedVariables(
        _folder: vscode.WorkspaceFolder | undefined,
        config: vscode.DebugConfiguration,
    ): vscode.ProviderResult<vscode.DebugConfiguration> {
        const validation = validate(config as RawConfiguration);
        return validation.ok ? validation.config : abort(validation.error);
    }
}

function asDebugConfiguration(config: RawConfiguration): vscode.DebugConfiguration {
    return { ...config, type: config.type ?? '', request: config.request ?? '', name: config.name ?? '' };
}

/** Returning undefined stops the session; the message says why. */
function abort(message: string): undefined {
    void vscode.window.showErrorMessage(message);
    return undefined;
}
