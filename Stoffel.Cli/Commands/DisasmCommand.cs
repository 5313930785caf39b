using System.CommandLine;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;

namespace Stoffel.Cli.Commands;

/// <summary><c>stoffel disasm FILE.stflb [-o FILE.stfa]</c>: prints (or writes) assembly that re-assembles to an equivalent program.</summary>
public static class DisasmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The STFL binary (or a .stfa file, normalised)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The .stfa file to write (default: stdout)." };
        var command = new Command("disasm", "Disassemble an STFL binary into .stfa assembly.") { file, output };
        command.SetAction(parsed => Disassemble(parsed.GetRequiredValue(file).FullName, parsed.GetValue(output)?.FullName, stdout, stderr));
        return command;
    }

    private static int Disassemble(string source, string? target, TextWriter stdout, TextWriter stderr) => CommandErrors.Report(() =>
    {
        var text = StfaDisassembler.Disassemble(ProgramFile.Load(source));
        if (target is null)
        {
            stdout.Write(text);
        }
        else
        {
            File.WriteAllText(target, text);
            stdout.WriteLine($"wrote {target}");
        }
        return ExitCodes.Success;
    }, stderr);
}
