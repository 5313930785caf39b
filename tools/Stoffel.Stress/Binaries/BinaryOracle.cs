using Stoffel.Stdlib;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stress.Binaries;

/// <summary>
/// Takes one binary through everything a user's binary meets: <see cref="StflReader.Read"/>, the
/// disassembler (<c>stoffel disasm</c>), loading into a VM with the standard library, and a run
/// of its entry (<c>main</c>, else its first function, with <c>()</c> for each parameter) under
/// an instruction budget, a time limit and a memory limit. A <see cref="ProgramLoadException"/>
/// or <see cref="VmException"/> is a clear error and ends it with a <see cref="BinaryVerdict"/>;
/// any other exception escapes to the caller: that is a bug.
/// </summary>
/// <param name="limits">The run's limits (<see cref="BudgetedLimits"/> for the defaults).</param>
public sealed class BinaryOracle(ExecutionLimits limits)
{
    /// <summary>The budget of a run: 100,000 instructions, 2 s, 256 MiB of live tables, strings and call frames.</summary>
    public static ExecutionLimits BudgetedLimits(long maxInstructions = 100_000) => ExecutionLimits.Default with
    {
        MaxInstructions = maxInstructions,
        Timeout = TimeSpan.FromSeconds(2),
        MaxMemoryBytes = 256L * 1024 * 1024,
    };

    /// <summary>The limits each run gets.</summary>
    public ExecutionLimits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>Reads, disassembles, loads and runs <paramref name="binary"/>.</summary>
    /// <exception cref="Exception">Anything but a clear error: the finding.</exception>
    public BinaryVerdict Check(byte[] binary)
    {
        StoffelProgram program;
        try
        {
            program = StflReader.Read(binary);
        }
        catch (ProgramLoadException e)
        {
            return new BinaryVerdict(BinaryOutcome.RefusedByReader, e.Message);
        }
        _ = StfaDisassembler.Disassemble(program);
        var vm = new VirtualMachine { Output = TextWriter.Null, Limits = Limits };
        StandardLibrary.Register(vm);
        try
        {
            vm.Load(program);
        }
        catch (ProgramLoadException e)
        {
            return new BinaryVerdict(BinaryOutcome.RefusedByVm, e.Message);
        }
        if (program.Functions.Count == 0)
        {
            return new BinaryVerdict(BinaryOutcome.RefusedByVm, "no function to run");
        }
        var entry = program.FindFunction("main") ?? program.Functions[0];
        try
        {
            vm.Execute(entry.Name, Enumerable.Repeat(Value.Unit, entry.Parameters.Count).ToArray(), CancellationToken.None);
            return new BinaryVerdict(BinaryOutcome.Ran, null);
        }
        catch (VmException e)
        {
            return new BinaryVerdict(BinaryOutcome.StoppedByVmError, e.Kind.ToString());
        }
    }
}
