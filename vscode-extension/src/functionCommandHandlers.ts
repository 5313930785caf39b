// Glue: the commands behind the language server's "Run | Debug" code lenses (functionCommands.ts
// decides what they do).
import * as vscode from 'vscode';
import { resolveStoffelCommand, RUN_SUBCOMMAND } from './adapterCommand';
import { debugConfiguration, DEBUG_FUNCTION_COMMAND, FunctionTarget, functionTarget, RUN_FUNCTION_COMMAND, runTerminal } from './functionCommands';
import { stoffelInputs } from './stoffelSettings';

export function registerFunctionCommands(extensionPath: string): vscode.Disposable {
    return vscode.Disposable.from(
        vscode.commands.registerCommand(RUN_FUNCTION_COMMAND, (...args: unknown[]) => withTarget(args, (target, folder) => {
            const runner = resolveStoffelCommand(stoffelInputs(extensionPath, folder), RUN_SUBCOMMAND);
            const options = runTerminal(runner, target, folder?.uri.fsPath);
            vscode.window.createTerminal({ ...options, shellArgs: [...options.shellArgs] }).show();
        })),
        vscode.commands.registerCommand(DEBUG_FUNCTION_COMMAND, (...args: unknown[]) => withTarget(args, (target, folder) =>
            vscode.debug.startDebugging(folder, debugConfiguration(target)))),
    );
}

/** Runs `action` on the lens's function in its workspace folder; a bad argument or a failure is shown to the user. */
async function withTarget(
    args: readonly unknown[],
    action: (target: FunctionTarget, folder: vscode.WorkspaceFolder | undefined) => unknown,
): Promise<void> {
    try {
        const target = functionTarget(args);
        await action(target, vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.program)));
    } catch (error) {
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    }
}
