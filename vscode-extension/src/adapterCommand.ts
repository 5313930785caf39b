// Decides which `stoffel` process runs the debug adapter (`stoffel dap`), the language server
// (`stoffel lsp --stdio`) and the code lenses' `stoffel run`: one bundled build for all three.
// Pure: no `vscode` import, so the rules are unit-tested without an editor.
import * as path from 'path';
import { DEFAULT_ATTACH_HOST } from './debugConfiguration';

/** A process to spawn: `command args...`. */
export interface AdapterCommand {
    readonly command: string;
    readonly args: readonly string[];
}

export interface AdapterCommandInputs {
    /** Root of the installed extension; the bundled adapter lives in `adapter/`. */
    readonly extensionPath: string;
    /** The `stoffel.adapterPath` setting, if set: a `stoffel.dll` or a `stoffel` executable. */
    readonly adapterPath?: string;
    /** The `stoffel.dotnetPath` setting; `dotnet` (found on PATH) when empty. */
    readonly dotnetPath?: string;
    /** Folder that a relative `adapterPath` is resolved against (the first workspace folder). */
    readonly workspaceFolder?: string;
    /** The platform and CPU the adapter runs on (`process.platform`, `process.arch` when absent). */
    readonly platform?: string;
    readonly arch?: string;
    /** Whether a file exists; injected so tests need no real files. */
    readonly fileExists: (file: string) => boolean;
}

/** The adapter's subcommand: `stoffel dap` speaks DAP over stdio. */
export const DAP_SUBCOMMAND: readonly string[] = ['dap'];
/** The language server's: `stoffel lsp --stdio` speaks LSP over stdio (`--stdio` as language clients pass it). */
export const LSP_SUBCOMMAND: readonly string[] = ['lsp', '--stdio'];
/** The code lenses' `stoffel run` (the program and `--entry NAME` follow). */
export const RUN_SUBCOMMAND: readonly string[] = ['run'];
export const BUNDLED_ADAPTER_DIR = 'adapter';
export const BUNDLED_ADAPTER_DLL = 'stoffel.dll';

const RUNTIME_OS: Readonly<Record<string, string>> = { linux: 'linux', darwin: 'osx', win32: 'win' };
const RUNTIME_CPU: Readonly<Record<string, string>> = { x64: 'x64', arm64: 'arm64' };

/**
 * The .NET runtime identifier (`linux-x64`, `osx-arm64`, ...) of a Node platform and CPU, for
 * those Native AOT compiles for; undefined for the others.
 */
export function runtimeIdentifier(platform: string, arch: string): string | undefined {
    const os = Object.hasOwn(RUNTIME_OS, platform) ? RUNTIME_OS[platform] : undefined;
    const cpu = Object.hasOwn(RUNTIME_CPU, arch) ? RUNTIME_CPU[arch] : undefined;
    return os && cpu ? `${os}-${cpu}` : undefined;
}

/**
 * Where the packaging script puts the Native AOT adapter for a platform, relative to the
 * extension root: `adapter/linux-x64/stoffel`. Undefined where there can be none.
 */
export function nativeAdapterPath(platform: string, arch: string): string | undefined {
    const rid = runtimeIdentifier(platform, arch);
    return rid && path.join(BUNDLED_ADAPTER_DIR, rid, platform === 'win32' ? 'stoffel.exe' : 'stoffel');
}

export class AdapterNotFoundError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'AdapterNotFoundError';
    }
}

/**
 * The adapter named by the setting wins over the bundled ones. Of those, the Native AOT
 * executable for this platform (it starts in milliseconds and needs no .NET) comes first; the
 * framework-dependent `stoffel.dll` is the fallback everywhere else. A `.dll` is run by `dotnet`;
 * anything else is taken to be an executable (Native AOT, the apphost or a self-contained
 * publish) and run directly.
 */
export function resolveAdapterCommand(inputs: AdapterCommandInputs): AdapterCommand {
    return resolveStoffelCommand(inputs, DAP_SUBCOMMAND);
}

/** `stoffel <subcommand...>` with the `stoffel` that {@link resolveAdapterCommand} picks. */
export function resolveStoffelCommand(inputs: AdapterCommandInputs, subcommand: readonly string[]): AdapterCommand {
    const dotnet = nonEmpty(inputs.dotnetPath) ?? 'dotnet';
    const configured = nonEmpty(inputs.adapterPath);
    if (configured !== undefined) {
        const file = absolutize(expandHome(configured), inputs.workspaceFolder);
        if (!inputs.fileExists(file)) {
            throw new AdapterNotFoundError(
                `The Stoffel debug adapter set in 'stoffel.adapterPath' does not exist: ${file}`);
        }
        return commandFor(file, dotnet, subcommand);
    }
    const native = nativeAdapterPath(inputs.platform ?? process.platform, inputs.arch ?? process.arch);
    const candidates = [
        ...(native === undefined ? [] : [path.join(inputs.extensionPath, native)]),
        path.join(inputs.extensionPath, BUNDLED_ADAPTER_DIR, BUNDLED_ADAPTER_DLL),
    ];
    const bundled = candidates.find(inputs.fileExists);
    if (bundled === undefined) {
        throw new AdapterNotFoundError(
            `The Stoffel debug adapter is not bundled with this extension (${candidates.join(' and ')} missing). ` +
            `Set 'stoffel.adapterPath' to a stoffel.dll or stoffel executable.`);
    }
    return commandFor(bundled, dotnet, subcommand);
}

/** How VS Code reaches the adapter for one debug session. */
export type AdapterEndpoint =
    | ({ readonly kind: 'executable' } & AdapterCommand)
    | { readonly kind: 'server'; readonly port: number; readonly host: string };

/**
 * `attach` connects to an adapter that already listens (`stoffel dap --port N`); `launch`
 * starts one over stdio.
 */
export function resolveAdapterEndpoint(
    session: { readonly request?: unknown; readonly port?: unknown; readonly host?: unknown },
    inputs: AdapterCommandInputs,
): AdapterEndpoint {
    if (session.request === 'attach') {
        if (typeof session.port !== 'number') {
            throw new Error(`A Stoffel 'attach' configuration needs a 'port'.`);
        }
        const host = typeof session.host === 'string' && session.host ? session.host : DEFAULT_ATTACH_HOST;
        return { kind: 'server', port: session.port, host };
    }
    return { kind: 'executable', ...resolveAdapterCommand(inputs) };
}

function commandFor(file: string, dotnet: string, subcommand: readonly string[]): AdapterCommand {
    return file.toLowerCase().endsWith('.dll')
        ? { command: dotnet, args: [file, ...subcommand] }
        : { command: file, args: [...subcommand] };
}

function nonEmpty(value: string | undefined): string | undefined {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
}

function expandHome(file: string): string {
    const home = process.env.HOME ?? process.env.USERPROFILE;
    if (home && (file === '~' || file.startsWith('~/') || file.startsWith('~\\'))) {
        return path.join(home, file.slice(1));
    }
    return file;
}

function absolutize(file: string, base: string | undefined): string {
    if (path.isAbsolute(file) || base === undefined) {
        return path.normalize(file);
    }
    return path.resolve(base, file);
}
