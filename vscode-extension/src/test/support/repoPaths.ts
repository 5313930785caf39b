// Finds the repository root, the test fixtures in it, and the built debug adapter.
import * as fs from 'fs';
import * as path from 'path';

/** Walks up from `start` until `predicate(dir)` holds; undefined at the file-system root. */
export function findUp(start: string, predicate: (dir: string) => boolean): string | undefined {
    let dir = path.resolve(start);
    for (;;) {
        if (predicate(dir)) {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            return undefined;
        }
        dir = parent;
    }
}

/** The folder holding Stoffel.sln (the repo root), found from this compiled file. */
export function repoRoot(): string {
    const root = findUp(__dirname, dir => fs.existsSync(path.join(dir, 'Stoffel.sln')));
    if (!root) {
        throw new Error(`No Stoffel.sln above ${__dirname}`);
    }
    return root;
}

/** `tests/dap/debugProtocol.json`: the DAP's own JSON schema, kept in the repository. */
export function dapSchemaPath(): string {
    return path.join(repoRoot(), 'tests', 'dap', 'debugProtocol.json');
}

export function examplePath(name: string): string {
    return path.join(repoRoot(), 'examples', name);
}

/** A binary of the upstream conformance suite kept in the repository (tests/conformance/upstream). */
export function conformancePath(name: string): string {
    return path.join(repoRoot(), 'tests', 'conformance', 'upstream', name);
}

/**
 * The adapter to test: `STOFFEL_ADAPTER` if set (a stoffel.dll or a stoffel executable, such as
 * the bundled Native AOT one), else the stoffel.dll of the newest of the Release and Debug builds
 * of Stoffel.Cli.
 */
export function adapterUnderTest(): string {
    const fromEnv = process.env.STOFFEL_ADAPTER;
    if (fromEnv) {
        if (!fs.existsSync(fromEnv)) {
            throw new Error(`STOFFEL_ADAPTER names a missing file: ${fromEnv}`);
        }
        return fromEnv;
    }
    const candidates = ['Release', 'Debug']
        .map(config => path.join(repoRoot(), 'Stoffel.Cli', 'bin', config, 'net10.0', 'stoffel.dll'))
        .filter(file => fs.existsSync(file))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    if (candidates.length === 0) {
        throw new Error('No built adapter: run `dotnet build Stoffel.sln -c Release` or set STOFFEL_ADAPTER.');
    }
    return candidates[0];
}

/** The extension's folder (holding its package.json), found from this compiled file. */
export function extensionRoot(): string {
    const root = findUp(__dirname, dir => fs.existsSync(path.join(dir, 'package.json')) &&
        fs.existsSync(path.join(dir, 'language-configuration.json')));
    if (!root) {
        throw new Error(`No extension package.json above ${__dirname}`);
    }
    return root;
}
