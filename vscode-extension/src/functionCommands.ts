// What the language server's "Run | Debug" code lenses do. Each lens carries the command
// `stoffel.runFunction` or `stoffel.debugFunction` with two arguments, the document's URI and
// the function's name; these rules turn them into a `stoffel run` process and a launch
// configuration. Pure: no `vscode` import, so they are unit-tested without an editor.
import * as path from 'path';
import { fileURLToPath } from 'url';
import { AdapterCommand } from './adapterCommand';
import { DEBUG_TYPE, LaunchConfiguration } from './debugConfiguration';

export const RUN_FUNCTION_COMMAND = 'stoffel.runFunction';
export const DEBUG_FUNCTION_COMMAND = 'stoffel.debugFunction';

/** The function a lens names: the program file and the entry function. */
export interface FunctionTarget {
    readonly program: string;
    readonly entry: string;
}

/**
 * Reads a lens's arguments: a `file:` URI (a string, as the server sends it, or anything whose
 * `toString()` is one, such as a `vscode.Uri`) and a function name. Throws with a message for
 * the user on anything else, for the commands can also be invoked by hand.
 */
export function functionTarget(args: readonly unknown[]): FunctionTarget {
    const [uri, entry] = args;
    if (typeof entry !== 'string' || entry.trim() === '') {
        throw new Error('Run or debug a Stoffel function from the code lens above it: no function name was given.');
    }
    const text = typeof uri === 'string' ? uri : uri !== null && typeof uri === 'object' ? String(uri) : '';
    if (!text.startsWith('file:')) {
        throw new Error(`Only a saved Stoffel file can be run or debugged, not '${text || String(uri)}'.`);
    }
    return { program: fileURLToPath(text), entry };
}

/** A terminal that runs `stoffel run PROGRAM --entry ENTRY` with the bundled `stoffel`. */
export interface RunTerminal {
    readonly name: string;
    readonly shellPath: string;
    readonly shellArgs: readonly string[];
    readonly cwd: string;
}

/**
 * The terminal for a run: `stoffel` (`runner`, which already holds the `run` subcommand) started
 * directly, no shell in between, so no path or name needs quoting; it runs in the workspace folder
 * when there is one, else in the program's folder, as a launch does.
 */
export function runTerminal(runner: AdapterCommand, target: FunctionTarget, workspaceFolder?: string): RunTerminal {
    return {
        name: `Stoffel: ${target.entry}`,
        shellPath: runner.command,
        shellArgs: [...runner.args, target.program, '--entry', target.entry],
        cwd: workspaceFolder ?? path.dirname(target.program),
    };
}

/** The launch configuration of a debug lens; the configuration provider fills the other defaults. */
export function debugConfiguration(target: FunctionTarget): Pick<LaunchConfiguration, 'type' | 'request' | 'name' | 'program' | 'entry'> {
    return {
        type: DEBUG_TYPE,
        request: 'launch',
        name: `Debug ${target.entry} (${path.basename(target.program)})`,
        program: target.program,
        entry: target.entry,
    };
}
