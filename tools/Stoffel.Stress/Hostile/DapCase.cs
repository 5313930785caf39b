using System.Diagnostics;
using System.Text.Json.Nodes;
using Stoffel.Stress.Dap;
using Stoffel.Stress.Processes;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Hostile;

/// <summary>
/// A hostile exchange with <c>stoffel dap</c> over its standard streams: a script sends what it
/// sends and lists what went wrong; then a <c>disconnect</c> must be answered and the adapter
/// must exit 0 by itself, every message it sent well-formed (<see cref="AdapterMessageCheck"/>).
/// </summary>
/// <param name="name">The case's name.</param>
/// <param name="expectation">The outcome it must have, in words.</param>
/// <param name="script">The exchange: returns the problems it found.</param>
public sealed class DapCase(string name, string expectation, Func<DapWire, Task<IReadOnlyList<string>>> script) : HostileCase(name, expectation)
{
    /// <summary>How long any answer, and the adapter's exit, may take.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public override HostileResult Run(StoffelCommand stoffel)
    {
        ArgumentNullException.ThrowIfNull(stoffel);
        var clock = Stopwatch.StartNew();
        using var adapter = ChildProcess.Launch(stoffel.Start("dap"), withInput: true);
        var stderr = adapter.StandardError.ReadToEndAsync();
        var problems = new List<string>();
        long peak = 0;
        using var watchdog = new Timer(_ =>
        {
            try
            {
                peak = Math.Max(peak, ResidentMemory.PeakOf(adapter.Id));
                if (peak > MemoryLimit)
                {
                    adapter.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // The adapter is gone already.
            }
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        var wire = new DapWire(adapter.StandardOutput.BaseStream, adapter.StandardInput.BaseStream);
        problems.AddRange(script(wire).GetAwaiter().GetResult());
        if (wire.AskAsync("disconnect", new JsonObject(), Wait).GetAwaiter().GetResult() is null)
        {
            problems.Add("no answer to 'disconnect'");
        }
        wire.CloseAsync().GetAwaiter().GetResult();
        if (!adapter.WaitForExit(Wait))
        {
            adapter.Kill(entireProcessTree: true);
            problems.Add($"the adapter did not exit within {ReportWriter.Seconds(Wait)} of the disconnect");
        }
        adapter.WaitForExit();
        wire.Closed.Wait(Wait);
        watchdog.Change(Timeout.Infinite, Timeout.Infinite);
        if (peak > MemoryLimit)
        {
            problems.Add($"killed, its resident set past {ReportWriter.Mebibytes(MemoryLimit)}");
        }
        if (adapter.ExitCode != 0)
        {
            problems.Add($"the adapter exited with {adapter.ExitCode}: {stderr.Result}");
        }
        problems.AddRange(wire.Problems);
        return new HostileResult(problems, $"exit {adapter.ExitCode} after {ReportWriter.Seconds(clock.Elapsed)}, peak RSS {ReportWriter.Mebibytes(peak)}", clock.Elapsed, peak);
    }

    /// <summary>The problem with a response that must exist and succeed (or fail, with <paramref name="error"/> in its message), or null.</summary>
    public static string? Check(string request, JsonObject? response, string? error = null)
    {
        if (response is null)
        {
            return $"no answer to '{request}'";
        }
        var succeeded = response["success"]?.GetValue<bool>() == true;
        var message = response["message"]?.GetValue<string>() ?? "";
        return error is null
            ? succeeded ? null : $"'{request}' failed: {message}"
            : !succeeded && message.Contains(error, StringComparison.Ordinal) ? null : $"'{request}' answered {response.ToJsonString()}, expected an error containing '{error}'";
    }
}
