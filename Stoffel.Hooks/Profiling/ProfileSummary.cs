using System.Globalization;

namespace Stoffel.Hooks.Profiling;

/// <summary>
/// A plain-text digest of a <see cref="Profile"/> (what <c>stoffel run --profile</c> prints on
/// stderr): totals, the top functions by exclusive time and, with instruction counts, the
/// most-hit source lines. Times in milliseconds.
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
        var calls = profile.Functions.Sum(f => f.Calls);
        writer.WriteLine(Invariant($"profile: {calls:N0} calls, {Milliseconds(profile.EndNanoseconds)} ms, {profile.TotalInstructions:N0} instructions"));
        var width = Math.Max(8, profile.Functions.Take(top).Select(f => f.Frame.Name.Length).DefaultIfEmpty(0).Max());
        writer.WriteLine($"{"function".PadRight(width)}  {"calls",10}  {"incl ms",10}  {"excl ms",10}  {"instructions",12}");
        foreach (var function in profile.Functions.OrderByDescending(f => f.ExclusiveNanoseconds).ThenBy(f => f.Frame.Name, StringComparer.Ordinal).Take(top))
        {
            writer.WriteLine(Invariant($"{function.Frame.Name.PadRight(width)}  {function.Calls,10:N0}  {Milliseconds(function.InclusiveNanoseconds),10}  {Milliseconds(function.ExclusiveNanoseconds),10}  {function.Instructions,12:N0}"));
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
