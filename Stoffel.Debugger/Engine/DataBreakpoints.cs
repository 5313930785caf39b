using System.Globalization;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// Data breakpoints: a register of a function (any activation) or a field of one object or array,
/// stopping after a write. Data ids are self-describing, so a breakpoint outlives the stop that
/// produced its id: <c>register:N:function</c> and <c>field:TABLEID:KEY-LITERAL</c>.
/// </summary>
internal sealed class DataBreakpoints(Func<int> nextId)
{
    private volatile Snapshot _snapshot = new([], []);

    public static string RegisterId(string function, int register) => $"register:{register.ToString(CultureInfo.InvariantCulture)}:{function}";

    public static string FieldId(long tableId, Value key) => $"field:{tableId.ToString(CultureInfo.InvariantCulture)}:{ValueText.Literal(key)}";

    /// <summary>The write events the current breakpoints need.</summary>
    public HookEventMask Mask
    {
        get
        {
            var snapshot = _snapshot;
            return (snapshot.Registers.Count > 0 ? HookEventMask.RegisterWrite : HookEventMask.None)
                | (snapshot.Fields.Count > 0 ? HookEventMask.ObjectFieldWrite | HookEventMask.ArrayElementWrite : HookEventMask.None);
        }
    }

    public IReadOnlyList<BreakpointResult> Set(IReadOnlyList<DataBreakpointSpec> specs)
    {
        var registers = new Dictionary<(string, int), List<DataBreakpoint>>();
        var fields = new Dictionary<(long, Value), List<DataBreakpoint>>();
        var results = new List<BreakpointResult>();
        foreach (var spec in specs)
        {
            var id = spec.Id ?? nextId();
            if (!HitCondition.TryParse(spec.HitCondition ?? "", out var hit, out var hitError))
            {
                results.Add(new BreakpointResult(id, false, null, hitError, null));
                continue;
            }
            var breakpoint = new DataBreakpoint(id, string.IsNullOrWhiteSpace(spec.Condition) ? null : spec.Condition, hit);
            if (TryParseRegister(spec.DataId, out var function, out var register))
            {
                Add(registers, (function, register), breakpoint);
            }
            else if (TryParseField(spec.DataId, out var table, out var key))
            {
                Add(fields, (table, key), breakpoint);
            }
            else
            {
                results.Add(new BreakpointResult(id, false, null, $"unknown data id '{spec.DataId}'", null));
                continue;
            }
            results.Add(new BreakpointResult(id, true, null, null, null));
        }
        _snapshot = new Snapshot(registers.ToDictionary(p => p.Key, p => p.Value.ToArray()), fields.ToDictionary(p => p.Key, p => p.Value.ToArray()));
        return results;
    }

    /// <summary>Every data breakpoint, for hit-count bookkeeping.</summary>
    public ICountedBreakpoint[] Counted()
    {
        var snapshot = _snapshot;
        return snapshot.Registers.Values.Concat(snapshot.Fields.Values).SelectMany(b => b).ToArray<ICountedBreakpoint>();
    }

    /// <summary>The breakpoints a write event matches, or null.</summary>
    public DataBreakpoint[]? Match(in HookEvent hookEvent)
    {
        var snapshot = _snapshot;
        return hookEvent.Kind == HookEventKind.RegisterWrite
            ? snapshot.Registers.GetValueOrDefault((hookEvent.Function?.Name ?? "", hookEvent.Register))
            : snapshot.Fields.GetValueOrDefault((hookEvent.Table.Id, hookEvent.Key));
    }

    private static void Add<TKey>(Dictionary<TKey, List<DataBreakpoint>> map, TKey key, DataBreakpoint breakpoint) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(breakpoint);
    }

    private static bool TryParseRegister(string dataId, out string function, out int register)
    {
        function = "";
        register = 0;
        var parts = dataId.Split(':', 3);
        if (parts is ["register", var number, var name] && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out register) && name.Length > 0)
        {
            function = name;
            return true;
        }
        return false;
    }

    private static bool TryParseField(string dataId, out long table, out Value key)
    {
        table = 0;
        key = default;
        var parts = dataId.Split(':', 3);
        return parts is ["field", var id, var literal]
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out table)
            && LiteralParser.TryParseLiteral(literal, out key, out _);
    }

    private sealed record Snapshot(Dictionary<(string, int), DataBreakpoint[]> Registers, Dictionary<(long, Value), DataBreakpoint[]> Fields);
}

/// <summary>One data breakpoint; hits are counted on the VM thread.</summary>
internal sealed class DataBreakpoint(int id, string? condition, HitCondition? hit) : ICountedBreakpoint
{
    public int Id { get; } = id;
    public string? Condition { get; } = condition;
    public HitCondition? Hit { get; } = hit;
    public long Hits { get; set; }
    public bool Stops => true;
}
