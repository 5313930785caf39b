using System.CommandLine;
using Stoffel.Stdlib;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Cli.Commands;

/// <summary>
/// <c>stoffel asm FILE.stfa [-o FILE.stflb]</c>: assembles to an STFL binary (v1 unless LDS/STS
/// need v9). A CALL to a function neither the file nor the standard library defines is reported
/// as a warning on stderr: the binary is still written, since a host may register it and a run
/// fails only if it reaches that CALL.
/// </summary>
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
        var program = ProgramFile.Load(source);
        File.WriteAllBytes(target, StflWriter.Write(program));
        stdout.WriteLine($"wrote {target}");
        foreach (var call in UnresolvedCalls(program))
        {
            stderr.WriteLine($"warning: {call}");
        }
        return ExitCodes.Success;
    }, stderr);

    private static IReadOnlyList<UnresolvedCall> UnresolvedCalls(StoffelProgram program)
    {
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm);
        vm.Load(program);
        return vm.FindUnresolvedCalls();
    }
}
