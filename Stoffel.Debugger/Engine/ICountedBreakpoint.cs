namespace Stoffel.Debugger.Engine;

/// <summary>
/// A breakpoint with a hit count (line, function, instruction or data): what reverse execution
/// saves at each checkpoint and restores, and uses to skip history where it cannot have stopped.
/// </summary>
internal interface ICountedBreakpoint
{
    int Id { get; }

    HitCondition? Hit { get; }

    /// <summary>Hits counted so far (on the VM thread).</summary>
    long Hits { get; set; }

    /// <summary>False for a log point, which never stops.</summary>
    bool Stops { get; }
}
