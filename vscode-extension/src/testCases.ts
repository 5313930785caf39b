// The `stoffel test` cases the Testing view shows, runs and debugs: the command lines, the JSON
// the CLI writes (docs/testing.md, "Reports"), and the launch configuration of one case. Pure: no
// `vscode` import, so the rules are unit-tested without an editor.
import { AdapterCommand, DAP_SUBCOMMAND } from './adapterCommand';
import { DEBUG_TYPE, LaunchConfiguration } from './debugConfiguration';

export const TEST_SUBCOMMAND = 'test';

/** One case, as `stoffel test --list --reporter json` and the JSON report describe it. */
export interface StoffelCase {
    /** Unique in a run: `file.stfa` for a script case, `file.stfa::test_name` for a test function. */
    readonly name: string;
    /** The program file, absolute. */
    readonly path: string;
    /** 1-based line where the case starts; 0 when unknown (a binary). */
    readonly line: number;
    readonly kind: 'script' | 'function';
    /** The function the case runs, and its argument literals. */
    readonly entry: string;
    readonly args: readonly string[];
    readonly skipReason: string | null;
}

export interface CaseFailure {
    readonly message: string;
    /** The file and 1-based line the failure points at (0: unknown). */
    readonly path: string;
    readonly line: number;
    readonly expected: string | null;
    readonly actual: string | null;
}

export interface CaseResult {
    readonly name: string;
    readonly outcome: 'passed' | 'failed' | 'skipped';
    readonly durationMs: number;
    readonly failure: CaseFailure | null;
    readonly output: string;
}

/** `stoffel test ARGS`, run by the same program (and `dotnet`, for a dll) as the debug adapter. */
export function testCommand(adapter: AdapterCommand, args: readonly string[]): AdapterCommand {
    const prefix = adapter.args.slice(0, -DAP_SUBCOMMAND.length);
    if (adapter.args.slice(prefix.length).join(' ') !== DAP_SUBCOMMAND.join(' ')) {
        throw new Error(`not a debug adapter command: ${adapter.command} ${adapter.args.join(' ')}`);
    }
    return { command: adapter.command, args: [...prefix, TEST_SUBCOMMAND, ...args] };
}

/** The arguments that list the cases under `paths` as JSON. */
export function listArguments(paths: readonly string[]): string[] {
    return [...paths, '--list', '--reporter', 'json'];
}

/** The arguments that run every case of `file` and report them as JSON on stdout. */
export function runArguments(file: string): string[] {
    return [file, '--reporter', 'json'];
}

/**
 * What a finished `stoffel test` process means: its JSON on stdout for exit 0 (all passed) and 1
 * (a case failed); for any other exit, an error with the CLI's message (stderr).
 */
export function reportOf(exitCode: number, stdout: string, stderr: string): unknown {
    if (exitCode !== 0 && exitCode !== 1) {
        throw new Error(stderr.trim() || `stoffel test exited with code ${exitCode}`);
    }
    return JSON.parse(stdout) as unknown;
}

/** The cases of a `--list --reporter json` document. */
export function parseCaseList(document: unknown): StoffelCase[] {
    return casesOf(document).map(raw => toCase(raw));
}

/** The results of a JSON report, one per case, in run order. */
export function parseRunReport(document: unknown): CaseResult[] {
    return casesOf(document).map(raw => {
        const outcome = field(raw, 'outcome', 'string');
        if (outcome !== 'passed' && outcome !== 'failed' && outcome !== 'skipped') {
            throw new Error(`unknown outcome '${outcome}'`);
        }
        const failure = raw.failure as Record<string, unknown> | null | undefined;
        return {
            name: field(raw, 'name', 'string'),
            outcome,
            durationMs: field(raw, 'durationMs', 'number'),
            failure: failure ? {
                message: field(failure, 'message', 'string'),
                path: field(failure, 'path', 'string'),
                line: field(failure, 'line', 'number'),
                expected: nullable(failure, 'expected'),
                actual: nullable(failure, 'actual'),
            } : null,
            output: field(raw, 'output', 'string'),
        };
    });
}

/** The launch configuration that runs one case under the debugger. */
export function debugConfiguration(testCase: StoffelCase): LaunchConfiguration {
    return {
        type: DEBUG_TYPE,
        request: 'launch',
        name: `Debug ${testCase.name}`,
        program: testCase.path,
        entry: testCase.entry,
        args: [...testCase.args],
        stopOnEntry: false,
    };
}

/** The cases grouped by program file, files and cases in list order. */
export function byFile(cases: readonly StoffelCase[]): Map<string, StoffelCase[]> {
    const files = new Map<string, StoffelCase[]>();
    for (const testCase of cases) {
        files.set(testCase.path, [...(files.get(testCase.path) ?? []), testCase]);
    }
    return files;
}

function toCase(raw: Record<string, unknown>): StoffelCase {
    const kind = field(raw, 'kind', 'string');
    if (kind !== 'script' && kind !== 'function') {
        throw new Error(`unknown case kind '${kind}'`);
    }
    const args = raw.args;
    if (!Array.isArray(args) || !args.every(a => typeof a === 'string')) {
        throw new Error(`case ${String(raw.name)}: 'args' must be a list of literals`);
    }
    return {
        name: field(raw, 'name', 'string'),
        path: field(raw, 'path', 'string'),
        line: field(raw, 'line', 'number'),
        kind,
        entry: field(raw, 'entry', 'string'),
        args: args as string[],
        skipReason: nullable(raw, 'skipReason'),
    };
}

function casesOf(document: unknown): Array<Record<string, unknown>> {
    const cases = (document as { cases?: unknown } | null)?.cases;
    if (!Array.isArray(cases)) {
        throw new Error(`not a stoffel test report: no 'cases' list`);
    }
    return cases as Array<Record<string, unknown>>;
}

function field<T extends 'string' | 'number'>(raw: Record<string, unknown>, name: string, type: T): T extends 'string' ? string : number {
    const value = raw[name];
    if (typeof value !== type) {
        throw new Error(`'${name}' must be a ${type}, got ${JSON.stringify(value)}`);
    }
    return value as T extends 'string' ? string : number;
}

function nullable(raw: Record<string, unknown>, name: string): string | null {
    const value = raw[name];
    return value === null || value === undefined ? null : field(raw, name, 'string');
}
