using System.Diagnostics;
using Stoffel.Hooks.Coverage;
using Stoffel.Stdlib;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Testing;

/// <summary>Runs one case in a fresh VM with the stdlib and the host's functions, and judges the run.</summary>
internal static class TestCaseExecution
{
    public static TestCaseResult Run(StoffelTestCase testCase, CancellationToken cancellation)
    {
        if (testCase.SkipReason is not null)
        {
            return new TestCaseResult(testCase, TestOutcome.Skipped, null, TimeSpan.Zero, "", null);
        }
        var clock = Stopwatch.StartNew();
        var output = new StringWriter { NewLine = "\n" };
        VirtualMachine vm;
        try
        {
            vm = CreateVm(testCase, output);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var setupFailure = new TestFailure($"cannot set up the VM: {e.Message}", testCase.FilePath, testCase.Line, Actual: e.Message);
            return new TestCaseResult(testCase, TestOutcome.Failed, setupFailure, clock.Elapsed, "", null);
        }
        var coverage = testCase.Options.CollectCoverage ? CoverageCollector.Attach(vm) : null;
        var run = Execute(vm, testCase, cancellation);
        coverage?.Dispose();
        var failure = testCase.Expectations is { } expectations
            ? ScriptExpectationCheck.Check(testCase, expectations, output.ToString(), run)
            : run.Error is { } error ? UnexpectedError(testCase, error) : null;
        return new TestCaseResult(
            testCase,
            failure is null ? TestOutcome.Passed : TestOutcome.Failed,
            failure,
            clock.Elapsed,
            output.ToString(),
            coverage?.Report());
    }

    /// <summary>A VM with the stdlib, the host's functions (<see cref="StoffelTestOptions.ConfigureVm"/>) and the case's program.</summary>
    /// <exception cref="Exception">Whatever the host's setup throws, or a program function that clashes with a builtin.</exception>
    private static VirtualMachine CreateVm(StoffelTestCase testCase, TextWriter output)
    {
        var vm = new VirtualMachine { Output = output, Limits = testCase.Options.Limits };
        StandardLibrary.Register(vm, testCase.Options.StdlibModules);
        testCase.Options.ConfigureVm?.Invoke(vm);
        vm.Load(testCase.Program);
        return vm;
    }

    /// <summary>A failure for an error the case did not expect, at the line of the failing instruction in the case's file (else the case's line).</summary>
    public static TestFailure UnexpectedError(StoffelTestCase testCase, RunError error) =>
        new(error.Message, testCase.FilePath, error.Line > 0 ? error.Line : testCase.Line, Actual: error.Message);

    private static RunOutcome Execute(VirtualMachine vm, StoffelTestCase testCase, CancellationToken cancellation)
    {
        var entry = testCase.FunctionName ?? testCase.Expectations!.Entry;
        var arguments = testCase.Expectations?.Arguments ?? [];
        if (testCase.Program.FindFunction(entry) is { } function && function.Parameters.Count != arguments.Count)
        {
            var what = testCase.Kind == TestCaseKind.Function ? "a test function takes none" : $"the script passes {arguments.Count} (; args:)";
            return new RunOutcome(default, new RunError($"{entry} takes {function.Parameters.Count} argument(s); {what}", 0));
        }
        try
        {
            return new RunOutcome(vm.Execute(entry, arguments, cancellation), null);
        }
        catch (VmException e)
        {
            var line = e.StoffelStackTrace.FirstOrDefault(frame => frame.SourcePath == testCase.FilePath)?.SourceLine ?? 0;
            return new RunOutcome(default, new RunError(e.Message, line));
        }
        catch (ProgramLoadException e)
        {
            return new RunOutcome(default, new RunError(e.Message, 0));
        }
    }
}

/// <summary>How a case's run ended: its result, or the error it stopped with.</summary>
/// <param name="Result">The entry's return value (meaningless when <paramref name="Error"/> is set).</param>
/// <param name="Error">The error, or null.</param>
internal readonly record struct RunOutcome(Value Result, RunError? Error);

/// <summary>An error that stopped a case.</summary>
/// <param name="Message">The VM's message.</param>
/// <param name="Line">The line in the case's file of the innermost frame there, or 0.</param>
internal sealed record RunError(string Message, int Line);
