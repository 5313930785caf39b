namespace Stoffel.Hooks.Tracing;

/// <summary>What a <see cref="Tracer"/> writes; the CLI's <c>--trace instr,regs,stack</c>.</summary>
[Flags]
public enum TraceKinds
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary><c>[instr]</c>: every instruction before it runs (<c>instr</c>).</summary>
    Instructions = 1,
    /// <summary><c>[regs]</c>: every register write, with old and new value (<c>regs</c>).</summary>
    Registers = 2,
    /// <summary><c>[call]</c>, <c>[ret]</c>, <c>[push]</c>, <c>[pop]</c>: calls, returns and the argument stack (<c>stack</c>).</summary>
    Stack = 4,
    /// <summary>Everything (<c>all</c>).</summary>
    All = Instructions | Registers | Stack,
}

/// <summary>Parses the CLI's trace list.</summary>
public static class TraceKindsParser
{
    private static readonly Dictionary<string, TraceKinds> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["instr"] = TraceKinds.Instructions,
        ["regs"] = TraceKinds.Registers,
        ["stack"] = TraceKinds.Stack,
        ["all"] = TraceKinds.All,
    };

    /// <summary>Parses a comma-separated list of <c>instr</c>, <c>regs</c>, <c>stack</c>, <c>all</c> (case-insensitive, spaces ignored).</summary>
    /// <param name="text">For example <c>instr,regs</c>.</param>
    /// <returns>The union of the named kinds.</returns>
    /// <exception cref="ArgumentException">The list is empty or names an unknown kind.</exception>
    public static TraceKinds Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = TraceKinds.None;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds |= Names.TryGetValue(name, out var kind)
                ? kind
                : throw new ArgumentException($"unknown trace kind '{name}' (expected {string.Join(", ", Names.Keys)})", nameof(text));
        }
        return kinds != TraceKinds.None ? kinds : throw new ArgumentException("the trace list is empty (expected instr, regs, stack or all)", nameof(text));
    }
}
