namespace Stoffel.Vm.Runtime;

/// <summary>
/// A Stoffel run failed. Carries the message, the function and instruction where it failed,
/// the source line when known, and the Stoffel call stack (innermost first). Never carries a
/// .NET stack trace to users: <see cref="ToString"/> prints the Stoffel trace.
/// </summary>
public sealed class VmException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Error category.</param>
    /// <param name="message">What went wrong, for users.</param>
    /// <param name="stackTrace">Stoffel frames, innermost first; may be empty when the error precedes any frame.</param>
    /// <param name="inner">The underlying exception (a hook's or foreign function's), or null.</param>
    public VmException(VmErrorKind kind, string message, IReadOnlyList<StackFrameInfo> stackTrace, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StoffelStackTrace = stackTrace;
    }

    /// <summary>The error category.</summary>
    public VmErrorKind Kind { get; }

    /// <summary>Stoffel frames, innermost first.</summary>
    public IReadOnlyList<StackFrameInfo> StoffelStackTrace { get; }

    /// <summary>The function that failed, or null when no frame was active.</summary>
    public string? FunctionName => StoffelStackTrace.Count > 0 ? StoffelStackTrace[0].FunctionName : null;

    /// <summary>The failing instruction's index, or -1.</summary>
    public int InstructionIndex => StoffelStackTrace.Count > 0 ? StoffelStackTrace[0].InstructionIndex : -1;

    /// <summary>The failing instruction's 1-based source line, or 0 when unknown.</summary>
    public int SourceLine => StoffelStackTrace.Count > 0 ? StoffelStackTrace[0].SourceLine : 0;

    /// <summary>
    /// The message followed by the Stoffel stack trace, innermost first, one <c>  at …</c> line per
    /// frame. A frame repeated more than <see cref="RepeatedFramesShown"/> times in a row (deep
    /// recursion) is shown that often, then <c>  ... the frame above repeats N more times</c>.
    /// </summary>
    public override string ToString()
    {
        var lines = new List<string> { $"error: {Message}" };
        for (var i = 0; i < StoffelStackTrace.Count;)
        {
            var run = 1;
            while (i + run < StoffelStackTrace.Count && StoffelStackTrace[i + run] == StoffelStackTrace[i])
            {
                run++;
            }
            lines.AddRange(Enumerable.Repeat("  " + StoffelStackTrace[i], Math.Min(run, RepeatedFramesShown)));
            if (run > RepeatedFramesShown)
            {
                lines.Add($"  ... the frame above repeats {run - RepeatedFramesShown} more times");
            }
            i += run;
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>How many copies of a frame repeated in a row <see cref="ToString"/> prints.</summary>
    public const int RepeatedFramesShown = 3;
}
