using System.Globalization;

namespace Stoffel.Stress.Processes;

/// <summary>
/// Peak resident memory (the kernel's high-water mark, <c>VmHWM</c> in <c>/proc/PID/status</c>) of
/// a process. Linux only: elsewhere every figure reads 0, meaning "not measured".
/// </summary>
public static class ResidentMemory
{
    /// <summary>The peak resident set of process <paramref name="processId"/> in bytes, or 0 once it is gone or off Linux.</summary>
    public static long PeakOf(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>This process's peak resident set in bytes (0 off Linux).</summary>
    public static long OwnPeak() => PeakOf(Environment.ProcessId);

    /// <summary>
    /// Starts this process's high-water mark afresh, so each of several runs in one process
    /// reports its own peak: a compacting collection gives the heap an earlier run left back to
    /// the system, then 5 written to <c>/proc/self/clear_refs</c> resets the mark to what is
    /// resident now. Does nothing where the kernel does not allow it.
    /// </summary>
    public static void ResetOwnPeak()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not permitted: the peak then covers the whole process.
        }
    }
}
