using Stoffel.Debugger.Adapter;
using Stoffel.Stdlib;
using Stoffel.Vm.Runtime;

namespace Stoffel.Cli.Commands;

/// <summary>The VM <c>stoffel run</c> runs a program on; <c>stoffel dap</c> launches run on the same one.</summary>
internal static class RunVm
{
    /// <summary>A VM with <paramref name="limits"/> and the whole standard library, its local store in <paramref name="localStorePath"/> (in memory when null).</summary>
    /// <exception cref="IOException">The store file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The store file is corrupted.</exception>
    public static VirtualMachine Create(ExecutionLimits limits, string? localStorePath, TextWriter output)
    {
        var vm = new VirtualMachine { Output = output, Limits = limits };
        StandardLibrary.Register(vm, StdlibModules.All, new StdlibOptions { LocalStorePath = localStorePath });
        return vm;
    }

    /// <summary>The <see cref="LaunchVmFactory"/> <c>stoffel dap</c> gives the adapter: launch attributes mean what <c>stoffel run</c>'s options mean.</summary>
    public static VirtualMachine ForLaunch(LaunchVmOptions options) =>
        Create(Limits(options.MaxInstructions, options.TimeoutSeconds, options.MaxMemoryBytes), options.LocalStorePath, TextWriter.Null);

    /// <summary>The limits of <c>--max-instructions</c>, <c>--timeout</c> and <c>--max-memory</c>.</summary>
    /// <exception cref="ArgumentException">A value out of range.</exception>
    public static ExecutionLimits Limits(long? maxInstructions, double? timeoutSeconds, long? maxMemoryBytes) =>
        LimitOptions.Parse(maxInstructions, timeoutSeconds) with
        {
            MaxMemoryBytes = maxMemoryBytes ?? ExecutionLimits.Default.MaxMemoryBytes,
        };
}
