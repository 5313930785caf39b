namespace Stoffel.Debugger.Engine;

/// <summary>A requested line breakpoint (1-based line).</summary>
/// <param name="Line">The requested line.</param>
/// <param name="Condition">An evaluate expression; the breakpoint stops only when it yields <c>true</c>.</param>
/// <param name="HitCondition"><c>N</c> or <c>==N</c> (the N-th hit), <c>&gt;=N</c>, <c>&gt;N</c>, <c>&lt;N</c>, <c>&lt;=N</c>, <c>%N</c> (every N-th hit).</param>
/// <param name="LogMessage">When set, the breakpoint logs this text (with <c>{expr}</c> interpolated) instead of stopping.</param>
/// <param name="Id">The id to report; null lets the engine assign one.</param>
public sealed record LineBreakpointSpec(int Line, string? Condition = null, string? HitCondition = null, string? LogMessage = null, int? Id = null);

/// <summary>A requested function breakpoint: stops at the function's first instruction.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Condition">Optional condition, as for line breakpoints.</param>
/// <param name="HitCondition">Optional hit condition.</param>
/// <param name="Id">The id to report; null lets the engine assign one.</param>
public sealed record FunctionBreakpointSpec(string Name, string? Condition = null, string? HitCondition = null, int? Id = null);

/// <summary>A requested instruction breakpoint: stops before the instruction at an address (see <see cref="DebugSession.Disassemble"/>).</summary>
/// <param name="Address">The instruction's address.</param>
/// <param name="Condition">Optional condition, as for line breakpoints.</param>
/// <param name="HitCondition">Optional hit condition.</param>
/// <param name="Id">The id to report; null lets the engine assign one.</param>
public sealed record InstructionBreakpointSpec(long Address, string? Condition = null, string? HitCondition = null, int? Id = null);

/// <summary>A requested data breakpoint on a watch target from <see cref="DebugSession.GetDataBreakpointInfo"/>.</summary>
/// <param name="DataId">The target id.</param>
/// <param name="Condition">Optional condition.</param>
/// <param name="HitCondition">Optional hit condition.</param>
/// <param name="Id">The id to report; null lets the engine assign one.</param>
public sealed record DataBreakpointSpec(string DataId, string? Condition = null, string? HitCondition = null, int? Id = null);

/// <summary>The state of a breakpoint after it was set.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Verified">True when it is bound to an instruction (or a valid data target).</param>
/// <param name="Line">The actual line (may differ from the requested one), or null.</param>
/// <param name="Message">Why it moved or could not be verified, or null.</param>
/// <param name="Source">The source it is bound to, or null.</param>
/// <param name="Address">For an instruction breakpoint, the address it was asked for; else null.</param>
public sealed record BreakpointResult(int Id, bool Verified, int? Line, string? Message, DebugSource? Source, long? Address = null);

/// <summary>Identifies a source: a file path (<c>.stfa</c>) or the reference of a disassembly.</summary>
/// <param name="Path">A file path, or null.</param>
/// <param name="Reference">A source reference (&gt; 0) of a disassembled binary, or 0.</param>
public readonly record struct SourceKey(string? Path, int Reference)
{
    /// <summary>A key for a file.</summary>
    public static SourceKey ForPath(string path) => new(NormalisePath(path), 0);

    /// <summary>A key for a disassembly.</summary>
    public static SourceKey ForReference(int reference) => new(null, reference);

    /// <summary>Full path; case-folded where the file system ignores case.</summary>
    internal static string NormalisePath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? full.ToUpperInvariant() : full;
    }
}
