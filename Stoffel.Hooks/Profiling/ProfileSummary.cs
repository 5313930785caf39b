using System.Globalization;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// A plain-text digest of a <see cref="Profile"/> (what <c>stoffel run --profile</c> prints on
/// stderr): totals, the top functions by exclusive time, with line hits the most-hit source
/// lines, and a note when the event log reached its cap. Times in milliseconds.
/// </summary>
public static class ProfileSummary
{
    /// <summary>Writes the summary.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="writer">Where to write.</param>
    /// <param name="top">How many functions and lines to list.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is not positive.</exception>
    public static void Write(Profile profile, TextWriter writer, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var sampled = profile.Mode == ProfileMode.Sample;
        var count = sampled ? profile.Samples : profile.Functions.Sum(f => f.Calls);
        writer.WriteLine(Invariant($"profile: {count:N0} {(sampled ? "samples" : "calls")}, {Milliseconds(profile.EndNanoseconds)} ms, {profile.TotalInstructions:N0} instructions"));
        if (profile.EventsTruncated)
        {
            writer.WriteLine(Invariant($"profile: the event log reached its cap after {profile.Events.Count(e => e.Type == ProfileEventType.Open):N0} calls, {Milliseconds(profile.Events[^1].At)} ms into the run, and stopped; the totals and the call tree cover the whole run"));
        }
        var functions = profile.Functions.OrderByDescending(f => f.ExclusiveNanoseconds).ThenBy(f => f.Frame.Name, StringComparer.Ordinal).Take(top).ToArray();
        var width = Math.Max(8, functions.Select(f => f.Frame.Name.Length).DefaultIfEmpty(0).Max());
        var countColumn = sampled ? "samples" : "calls";
        writer.WriteLine($"{"function".PadRight(width)}  {countColumn,10}  {"incl ms",10}  {"excl ms",10}  {"instructions",12}");
        foreach (var function in functions)
        {
            writer.WriteLine(Invariant($"{function.Frame.Name.PadRight(width)}  {(sampled ? function.Samples : function.Calls),10:N0}  {Milliseconds(function.InclusiveNanoseconds),10}  {Milliseconds(function.ExclusiveNanoseconds),10}  {function.Instructions,12:N0}"));
        }
        if (profile.Lines.Count == 0)
        {
            return;
        }
        writer.WriteLine("hottest lines:");
        foreach (var line in profile.Lines.OrderByDescending(l => l.Hits).ThenBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line).Take(top))
        {
            var file = line.File is null ? line.Function : Path.GetFileName(line.File);
            writer.WriteLine(Invariant($"  {file}:{line.Line} ({line.Function})  {line.Hits:N0} hits"));
        }
    }

    private static string Milliseconds(long nanoseconds) => (nanoseconds / 1e6).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
