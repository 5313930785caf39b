// Defaults and validation for `stoffel` launch/attach configurations. Pure: the
// DebugConfigurationProvider in extension.ts only feeds it the editor's state.
import * as path from 'path';

export const DEBUG_TYPE = 'stoffel';
export const LANGUAGE_ID = 'stoffel-asm';
export const DEFAULT_ENTRY = 'main';
export const DEFAULT_ATTACH_HOST = '127.0.0.1';
/** File extensions the adapter can launch: assembly source and STFL binaries. */
export const PROGRAM_EXTENSIONS: readonly string[] = ['.stfa', '.stflb'];

/** What a launch.json entry may hold; everything optional until validated. */
export interface RawConfiguration {
    type?: string;
    request?: string;
    name?: string;
    [key: string]: unknown;
}

export interface LaunchConfiguration {
    type: typeof DEBUG_TYPE;
    request: 'launch';
    name: string;
    program: string;
    entry: string;
    args: string[];
    stopOnEntry: boolean;
    cwd?: string;
    trace?: boolean;
    [key: string]: unknown;
}

export interface AttachConfiguration {
    type: typeof DEBUG_TYPE;
    request: 'attach';
    name: string;
    port: number;
    host: string;
    [key: string]: unknown;
}

export type StoffelConfiguration = LaunchConfiguration | AttachConfiguration;

/** The editor state that defaults depend on. */
export interface EditorContext {
    /** The active text editor's file, if any. */
    readonly activeFile?: { readonly path: string; readonly languageId: string };
    /** The workspace folder the configuration belongs to. */
    readonly workspaceFolder?: string;
}

export type Resolution =
    | { readonly ok: true; readonly config: RawConfiguration }
    | { readonly ok: false; readonly error: string };

export type Validation =
    | { readonly ok: true; readonly config: StoffelConfiguration }
    | { readonly ok: false; readonly error: string };

/** Whether a file can be launched: by language id or, for binaries, by extension. */
export function isStoffelProgram(file: { path: string; languageId: string }): boolean {
    return file.languageId === LANGUAGE_ID ||
        PROGRAM_EXTENSIONS.includes(path.extname(file.path).toLowerCase());
}

/**
 * Fills defaults before VS Code substitutes variables. An empty configuration (F5 with no
 * launch.json) launches the active Stoffel file; otherwise missing fields get their defaults.
 */
export function fillDefaults(config: RawConfiguration, context: EditorContext): Resolution {
    let result: RawConfiguration = { ...config };
    if (!result.type && !result.request && !result.name) {
        const active = context.activeFile;
        if (!active || !isStoffelProgram(active)) {
            return { ok: false, error: 'Open a Stoffel program (.stfa) to debug it, or add a launch configuration.' };
        }
        result = { type: DEBUG_TYPE, request: 'launch', name: `Debug ${path.basename(active.path)}`, program: active.path };
    }
    result.type ??= DEBUG_TYPE;
    result.request ??= 'launch';
    result.name ??= result.request === 'attach' ? 'Attach to Stoffel' : 'Debug Stoffel program';
    if (result.request === 'attach') {
        result.host ??= DEFAULT_ATTACH_HOST;
        return { ok: true, config: result };
    }
    if (result.program === undefined && context.activeFile && isStoffelProgram(context.activeFile)) {
        result.program = context.activeFile.path;
    }
    result.entry ??= DEFAULT_ENTRY;
    result.args ??= [];
    result.stopOnEntry ??= false;
    if (result.cwd === undefined) {
        const program = typeof result.program === 'string' ? result.program : undefined;
        const cwd = context.workspaceFolder ?? (program && path.isAbsolute(program) ? path.dirname(program) : undefined);
        if (cwd !== undefined) {
            result.cwd = cwd;
        }
    }
    return { ok: true, config: result };
}

/** Checks a configuration after variable substitution; the message names the bad field. */
export function validate(config: RawConfiguration): Validation {
    if (config.type !== DEBUG_TYPE) {
        return fail(`'type' must be '${DEBUG_TYPE}'.`);
    }
    const name = typeof config.name === 'string' ? config.name : 'Stoffel';
    switch (config.request) {
        case 'launch': return validateLaunch(config, name);
        case 'attach': return validateAttach(config, name);
        default: return fail(`'request' must be 'launch' or 'attach'.`);
    }
}

function validateLaunch(config: RawConfiguration, name: string): Validation {
    const { program, entry, args, stopOnEntry, cwd, trace } = config;
    if (typeof program !== 'string' || program.trim() === '') {
        return fail(`'program' must name a .stfa or .stflb file.`);
    }
    if (entry !== undefined && (typeof entry !== 'string' || entry.trim() === '')) {
        return fail(`'entry' must be a function name.`);
    }
    if (args !== undefined && !(Array.isArray(args) && args.every(a => typeof a === 'string'))) {
        return fail(`'args' must be an array of literal strings, e.g. ["20", "7u8", "\\"text\\""].`);
    }
    if (stopOnEntry !== undefined && typeof stopOnEntry !== 'boolean') {
        return fail(`'stopOnEntry' must be true or false.`);
    }
    if (cwd !== undefined && typeof cwd !== 'string') {
        return fail(`'cwd' must be a folder path.`);
    }
    if (trace !== undefined && typeof trace !== 'boolean') {
        return fail(`'trace' must be true or false.`);
    }
    return {
        ok: true,
        config: {
            ...config,
            type: DEBUG_TYPE,
            request: 'launch',
            name,
            program,
            entry: entry ?? DEFAULT_ENTRY,
            args: (args as string[] | undefined) ?? [],
            stopOnEntry: stopOnEntry ?? false,
        },
    };
}

function validateAttach(config: RawConfiguration, name: string): Validation {
    const { port, host } = config;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        return fail(`'port' must be the TCP port of 'stoffel dap --port N' (1-65535).`);
    }
    if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
        return fail(`'host' must be a host name or address.`);
    }
    return {
        ok: true,
        config: { ...config, type: DEBUG_TYPE, request: 'attach', name, port, host: host ?? DEFAULT_ATTACH_HOST },
    };
}

function fail(error: string): Validation {
    return { ok: false, error: `Invalid Stoffel debug configuration: ${error}` };
}
