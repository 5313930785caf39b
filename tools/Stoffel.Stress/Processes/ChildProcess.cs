using System.Diagnostics;

namespace Stoffel.Stress.Processes;

/// <summary>
/// Runs a program as a child process to its end, the way a user runs it: its output, exit code,
/// wall time and peak resident set (sampled every 20 ms while it runs). A child that outlives
/// its time limit is killed, with its whole process tree.
/// </summary>
public static class ChildProcess
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Runs <paramref name="start"/> (its output streams are redirected here) for at most
    /// <paramref name="timeLimit"/>, and (when given) while its resident set stays below
    /// <paramref name="memoryLimit"/> bytes: a child that outgrows it is killed at once, so a
    /// runaway child cannot take the machine's memory.
    /// </summary>
    public static ChildRun Run(ProcessStartInfo start, TimeSpan timeLimit, long? memoryLimit = null)
    {
        var clock = Stopwatch.StartNew();
        using var process = Launch(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        var timedOut = false;
        var outgrown = false;
        while (!process.WaitForExit(SampleInterval))
        {
            peak = Math.Max(peak, ResidentMemory.PeakOf(process.Id));
            var overTime = clock.Elapsed > timeLimit;
            var overMemory = peak > memoryLimit;
            if ((overTime || overMemory) && !timedOut && !outgrown)
            {
                (timedOut, outgrown) = (overTime, overMemory);
                process.Kill(entireProcessTree: true);
            }
        }
        process.WaitForExit();
        return new ChildRun(
            process.ExitCode,
            stdout.Result.ReplaceLineEndings("\n"),
            stderr.Result.ReplaceLineEndings("\n"),
            clock.Elapsed,
            peak,
            timedOut)
        {
            OutgrewMemory = outgrown,
        };
    }

    /// <summary>Starts <paramref name="start"/> with its standard output and error (and input, when <paramref name="withInput"/>) redirected here.</summary>
    /// <exception cref="InvalidOperationException">The process could not start.</exception>
    public static Process Launch(ProcessStartInfo start, bool withInput = false)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardInput = withInput;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
    }
}
