using System.CommandLine;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Cli.Commands;

/// <summary>
/// <c>stoffel run FILE [--entry NAME] [--arg LITERAL]... [--max-instructions N] [--timeout SECONDS]
/// [--trace instr,regs,stack] [--profile OUT] [--profile-format speedscope|chrome]
/// [--profile-mode trace|sample] [--profile-interval MS] [--profile-lines] [--profile-events]
/// [--coverage OUT.lcov] [--max-memory BYTES] [--local-store PATH] [--strict]</c>:
/// runs a program; its output goes to stdout, then the entry function's return value on the last
/// line (nothing for Unit). Traces and the profile summary go to stderr (docs/hooks.md).
/// </summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A .stfa source or .stflb binary." };
        var entry = new Option<string>("--entry") { Description = "The function to run.", DefaultValueFactory = _ => "main" };
        var arguments = new Option<string[]>("--arg") { Description = "An argument literal (42, 7u8, 1.5, true, \"text\", unit); repeat for more.", AllowMultipleArgumentsPerToken = false };
        var maxInstructions = new Option<long?>("--max-instructions") { Description = "Stop with an error after this many instructions.", CustomParser = NumberOptions.WholeNumber };
        var maxMemory = new Option<long?>("--max-memory") { Description = "Stop with an error when the program's live tables, strings and call frames pass this size (512M, 2G; default 1G).", CustomParser = NumberOptions.Bytes };
        var timeout = new Option<double?>("--timeout") { Description = "Stop with an error after this many seconds.", CustomParser = NumberOptions.Seconds };
        var trace = new Option<string>("--trace") { Description = "Trace to stderr: a comma-separated list of instr, regs, stack (or all)." };
        var profile = new Option<string>("--profile") { Description = "Write a profile to this file (speedscope; Chrome trace for a .json name other than .speedscope.json) and a summary to stderr." };
        var profileFormat = new Option<string>("--profile-format") { Description = "Profile format regardless of the file name: speedscope or chrome." };
        var profileMode = new Option<string>("--profile-mode") { Description = "trace (every call: exact counts, the default) or sample (the call stack every --profile-interval: near plain speed)." };
        var profileInterval = new Option<double?>("--profile-interval") { Description = "Sample mode: milliseconds between samples (default 10).", CustomParser = NumberOptions.Milliseconds };
        var profileLines = new Option<bool>("--profile-lines") { Description = "Also count hits per source line (slower: every instruction is counted)." };
        var profileEvents = new Option<bool>("--profile-events") { Description = $"Trace mode: also log every call's start and end, up to {Hooks.Profiling.ProfilerOptions.DefaultEventLimit:N0} events, and write that timeline." };
        var coverage = new Option<string>("--coverage") { Description = "Write LCOV coverage to this file (a binary's disassembly goes next to it as FILE.stfa)." };
        var localStore = new Option<FileInfo?>("--local-store") { Description = "A file LocalStorage.* persists to across runs (created if missing)." };
        var strict = new Option<bool>("--strict") { Description = "Refuse to run when any CALL names a function nothing defines (by default, as upstream, only a CALL that runs fails)." };
        var command = new Command("run", "Run a Stoffel program.") { file, entry, arguments, maxInstructions, maxMemory, timeout, trace, profile, profileFormat, profileMode, profileInterval, profileLines, profileEvents, coverage, localStore, strict };
        command.SetAction(parsed => Execute(
            new RunRequest(
                parsed.GetRequiredValue(file).FullName,
                parsed.GetValue(entry) ?? "main",
                parsed.GetValue(arguments) ?? [],
                parsed.GetValue(maxInstructions),
                parsed.GetValue(timeout),
                parsed.GetValue(trace),
                parsed.GetValue(profile),
                parsed.GetValue(profileFormat),
                parsed.GetValue(coverage),
                parsed.GetValue(localStore)?.FullName,
                parsed.GetValue(strict),
                parsed.GetValue(maxMemory))
            {
                ProfileMode = parsed.GetValue(profileMode),
                ProfileIntervalMilliseconds = parsed.GetValue(profileInterval),
                ProfileLines = parsed.GetValue(profileLines),
                ProfileEvents = parsed.GetValue(profileEvents),
            },
            stdout,
            stderr));
        return command;
    }

    /// <summary>Runs one request; returns the exit code.</summary>
    public static int Execute(RunRequest request, TextWriter stdout, TextWriter stderr)
    {
        VirtualMachine vm;
        Value[] arguments;
        RunInstrumentation instrumentation;
        try
        {
            if (request.Entry.Length == 0)
            {
                throw new ArgumentException("--entry needs a function name, got an empty one");
            }
            arguments = ParseArguments(request.Arguments);
            var limits = RunVm.Limits(request.MaxInstructions, request.TimeoutSeconds, request.MaxMemoryBytes);
            RunInstrumentation.Validate(request);
            var program = ProgramFile.Load(request.Path);
            vm = RunVm.Create(limits, request.LocalStorePath, stdout);
            vm.Load(program);
            if (request.Strict)
            {
                vm.Link();
            }
            CheckEntry(program, request.Entry, arguments.Length);
            instrumentation = RunInstrumentation.Attach(vm, request, stderr);
        }
        catch (ProgramLoadException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.LoadError;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.LoadError;
        }

        int code;
        try
        {
            var result = vm.Execute(request.Entry, arguments, CancellationToken.None);
            stdout.Flush();
            if (!result.IsUnit)
            {
                stdout.WriteLine(ValueFormatter.Format(result));
            }
            code = ExitCodes.Success;
        }
        catch (VmException e)
        {
            stdout.Flush();
            stderr.WriteLine(e.ToString());
            code = e.Kind is VmErrorKind.MpcRequired or VmErrorKind.InvalidEntry ? ExitCodes.LoadError : ExitCodes.VmError;
        }
        // A file that cannot be written fails an otherwise successful run.
        return instrumentation.Complete() || code != ExitCodes.Success ? code : ExitCodes.VmError;
    }

    /// <summary>A wrong <c>--arg</c> count for a program entry function is a usage error, reported before anything runs.</summary>
    private static void CheckEntry(StoffelProgram program, string entry, int argumentCount)
    {
        if (program.FindFunction(entry) is { } function && function.Parameters.Count != argumentCount)
        {
            var parameters = function.Parameters.Count == 0 ? "no arguments" : $"{function.Parameters.Count} argument{(function.Parameters.Count == 1 ? "" : "s")} ({string.Join(", ", function.Parameters)})";
            throw new ArgumentException($"{entry} takes {parameters}; pass {(function.Parameters.Count == 0 ? "no --arg" : "one --arg per argument")}, got {argumentCount}");
        }
    }

    private static Value[] ParseArguments(IReadOnlyList<string> literals) => literals.Select(text =>
        LiteralParser.TryParseLiteral(text, out var value, out var error)
            ? value
            : throw new ArgumentException($"--arg {text}: {error}")).ToArray();
}

/// <summary>What <c>stoffel run</c> was asked to do.</summary>
/// <param name="Path">The program file.</param>
/// <param name="Entry">The entry function.</param>
/// <param name="Arguments">Argument literals.</param>
/// <param name="MaxInstructions">Instruction budget, or null.</param>
/// <param name="TimeoutSeconds">Timeout in seconds, or null.</param>
/// <param name="Trace">The <c>--trace</c> list (<c>instr,regs,stack</c>), or null.</param>
/// <param name="ProfilePath">Where <c>--profile</c> writes, or null.</param>
/// <param name="ProfileFormat"><c>speedscope</c> or <c>chrome</c>, or null to decide by <paramref name="ProfilePath"/>'s name.</param>
/// <param name="CoveragePath">Where <c>--coverage</c> writes LCOV, or null.</param>
/// <param name="LocalStorePath">The file <c>LocalStorage.*</c> persists to, or null for a store in memory.</param>
/// <param name="Strict">Refuse the program up front when a CALL names an unknown function (<see cref="VirtualMachine.Link"/>).</param>
/// <param name="MaxMemoryBytes">The live-heap limit in bytes (<see cref="ExecutionLimits.MaxMemoryBytes"/>), or null for the default.</param>
public sealed record RunRequest(
    string Path,
    string Entry,
    IReadOnlyList<string> Arguments,
    long? MaxInstructions,
    double? TimeoutSeconds,
    string? Trace = null,
    string? ProfilePath = null,
    string? ProfileFormat = null,
    string? CoveragePath = null,
    string? LocalStorePath = null,
    bool Strict = false,
    long? MaxMemoryBytes = null)
{
    /// <summary><c>trace</c> or <c>sample</c>, or null for trace.</summary>
    public string? ProfileMode { get; init; }

    /// <summary>Sample mode: milliseconds between samples, or null for the default.</summary>
    public double? ProfileIntervalMilliseconds { get; init; }

    /// <summary>Count hits per source line too.</summary>
    public bool ProfileLines { get; init; }

    /// <summary>Keep the capped per-call event log.</summary>
    public bool ProfileEvents { get; init; }
}
