// Runs the stoffel under test (the adapter's own build) with another subcommand, such as
// `stoffel disasm`, so a test can compare what the adapter shows with what the CLI prints.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { resolveAdapterCommand } from '../../adapterCommand';
import { adapterUnderTest, extensionRoot } from './repoPaths';

/** `stoffel ARGS`'s stdout; throws when it exits non-zero. */
export function runStoffel(args: readonly string[]): string {
    const adapter = resolveAdapterCommand({ extensionPath: extensionRoot(), adapterPath: adapterUnderTest(), fileExists: fs.existsSync });
    // The adapter command ends with the `dap` subcommand; the rest runs the same build.
    return execFileSync(adapter.command, [...adapter.args.slice(0, -1), ...args], { encoding: 'utf8', timeout: 60000, stdio: ['ignore', 'pipe', 'pipe'] });
}
