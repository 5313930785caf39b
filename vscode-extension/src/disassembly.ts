// A compiled `.stflb` read through its disassembly: a read-only document in the `stoffel-disasm`
// scheme whose text is `stoffel disasm FILE`, in the Stoffel assembly language, so the language
// server gives it symbols, hover, folding and the rest. Pure: no `vscode` import; the content
// provider and the command are in disassemblyProvider.ts.
import { AdapterCommand } from './adapterCommand';

export const DISASSEMBLY_SCHEME = 'stoffel-disasm';
export const OPEN_DISASSEMBLY_COMMAND = 'stoffel.openDisassembly';
export const DISASM_SUBCOMMAND: readonly string[] = ['disasm'];

const ASSEMBLY_SUFFIX = '.stfa';

/** The disassembly document's path for a binary: the binary's path plus `.stfa`, which gives it the assembly language. */
export function disassemblyPath(binary: string): string {
    if (!binary.toLowerCase().endsWith('.stflb')) {
        throw new Error(`Only a compiled Stoffel binary (.stflb) has a disassembly to open, not '${binary}'.`);
    }
    return binary + ASSEMBLY_SUFFIX;
}

/** The binary a disassembly document shows (the inverse of {@link disassemblyPath}). */
export function binaryOf(disassembly: string): string {
    if (!disassembly.toLowerCase().endsWith('.stflb' + ASSEMBLY_SUFFIX)) {
        throw new Error(`'${disassembly}' is not the disassembly of a .stflb file.`);
    }
    return disassembly.slice(0, -ASSEMBLY_SUFFIX.length);
}

/** `stoffel disasm BINARY` with the bundled build (`runner` is the `disasm` subcommand's command). */
export function disassembleCommand(runner: AdapterCommand, binary: string): AdapterCommand {
    return { command: runner.command, args: [...runner.args, binary] };
}
