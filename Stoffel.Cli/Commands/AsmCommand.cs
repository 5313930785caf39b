using System.CommandLine;
using Stoffel.Vm.Formats;

namespace Stoffel.Cli.Commands;

/// <summary><c>stoffel asm FILE.stfa [-o FILE.stflb]</c>: assembles to an STFL binary (v1 unless LDS/STS need v9).</summary>
public static class AsmCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The .stfa source." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The binary to write (default: FILE with .stflb)." };
        var command = new Command("asm", "Assemble a .stfa file into an STFL binary.") { file, output };
        command.SetAction(parsed =>
        {
            var source = parsed.GetRequiredValue(file).FullName;
            var target = parsed.GetValue(output)?.FullName ?? Path.ChangeExtension(source, ".stflb");
            return Assemble(source, target, stdout, stderr);
        });
        return command;
    }

    private static int Assemble(string source, string target, TextWriter stdout, TextWriter stderr) => CommandErrors.Report(() =>
    {
        File.WriteAllBytes(target, StflWriter.Write(ProgramFile.Load(source)));
        stdout.WriteLine($"wrote {target}");
        return ExitCodes.Success;
    }, stderr);
}
