using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// Line, function and instruction breakpoints: the requested specs, and their binding to
/// instruction sites. The VM thread reads an immutable site snapshot; changes replace it.
/// </summary>
internal sealed class BreakpointTable(SourceMap sources, Func<int> nextId)
{
    private readonly object _gate = new();
    private readonly Dictionary<SourceKey, List<Breakpoint>> _lines = [];
    private List<Breakpoint> _functions = [];
    private List<Breakpoint> _instructions = [];
    private volatile Dictionary<InstructionSite, Breakpoint[]> _sites = [];

    /// <summary>Identity of the current site set; changes whenever <see cref="Sites"/> does.</summary>
    public object SitesSnapshot => _sites;

    /// <summary>Every bound site (the breakpoint hook's site list).</summary>
    public IReadOnlyCollection<InstructionSite> Sites => _sites.Keys;

    public bool TryGetAt(CompiledFunction function, int index, out Breakpoint[] breakpoints) =>
        _sites.TryGetValue(new InstructionSite(function, index), out breakpoints!);

    public IReadOnlyList<BreakpointResult> SetLineBreakpoints(SourceKey key, IReadOnlyList<LineBreakpointSpec> specs)
    {
        lock (_gate)
        {
            var list = specs.Select(s => new Breakpoint(s.Id ?? nextId(), BreakpointKind.Line, s.Line, null, s.Condition, s.HitCondition, s.LogMessage)).ToList();
            _lines[key] = list;
            foreach (var breakpoint in list)
            {
                Bind(breakpoint, key);
            }
            Publish();
            return list.Select(b => b.Result).ToArray();
        }
    }

    public IReadOnlyList<BreakpointResult> SetFunctionBreakpoints(IReadOnlyList<FunctionBreakpointSpec> specs)
    {
        lock (_gate)
        {
            _functions = specs.Select(s => new Breakpoint(s.Id ?? nextId(), BreakpointKind.Function, 0, s.Name, s.Condition, s.HitCondition, null)).ToList();
            foreach (var breakpoint in _functions)
            {
                BindFunction(breakpoint);
            }
            Publish();
            return _functions.Select(b => b.Result).ToArray();
        }
    }

    public IReadOnlyList<BreakpointResult> SetInstructionBreakpoints(IReadOnlyList<InstructionBreakpointSpec> specs)
    {
        lock (_gate)
        {
            _instructions = specs.Select(s => new Breakpoint(s.Id ?? nextId(), BreakpointKind.Instruction, 0, null, s.Condition, s.HitCondition, null) { Address = s.Address }).ToList();
            foreach (var breakpoint in _instructions)
            {
                BindInstruction(breakpoint);
            }
            Publish();
            return _instructions.Select(b => b.Result).ToArray();
        }
    }

    /// <summary>Every breakpoint, for hit-count bookkeeping.</summary>
    public ICountedBreakpoint[] Counted()
    {
        lock (_gate)
        {
            return All().ToArray<ICountedBreakpoint>();
        }
    }

    /// <summary>Re-binds every breakpoint (after programs were loaded); returns those whose state changed.</summary>
    public IReadOnlyList<BreakpointResult> Rebind()
    {
        lock (_gate)
        {
            var changed = new List<BreakpointResult>();
            foreach (var (key, list) in _lines)
            {
                foreach (var breakpoint in list)
                {
                    var before = breakpoint.Result;
                    Bind(breakpoint, key);
                    if (before != breakpoint.Result)
                    {
                        changed.Add(breakpoint.Result);
                    }
                }
            }
            foreach (var breakpoint in _functions.Concat(_instructions))
            {
                var before = breakpoint.Result;
                if (breakpoint.Kind == BreakpointKind.Function)
                {
                    BindFunction(breakpoint);
                }
                else
                {
                    BindInstruction(breakpoint);
                }
                if (before != breakpoint.Result)
                {
                    changed.Add(breakpoint.Result);
                }
            }
            Publish();
            return changed;
        }
    }

    private void Bind(Breakpoint breakpoint, SourceKey key)
    {
        if (!ParseHitCondition(breakpoint))
        {
            return;
        }
        if (sources.Find(key) is not { } source)
        {
            breakpoint.Result = new BreakpointResult(breakpoint.Id, false, breakpoint.RequestedLine, "no loaded program comes from this source (yet)", null);
            return;
        }
        var resolution = source.Resolve(breakpoint.RequestedLine);
        if (resolution.Sites.Count == 0)
        {
            breakpoint.Result = new BreakpointResult(breakpoint.Id, false, breakpoint.RequestedLine, resolution.Message, source);
            return;
        }
        breakpoint.Sites = resolution.Sites.Select(i => new InstructionSite(resolution.Function!, i)).ToArray();
        breakpoint.Result = new BreakpointResult(breakpoint.Id, true, resolution.Line, resolution.Message, source);
    }

    private void BindFunction(Breakpoint breakpoint)
    {
        if (!ParseHitCondition(breakpoint))
        {
            return;
        }
        var function = sources.FindFunction(breakpoint.FunctionName!);
        if (function is null || function.Instructions.Length == 0)
        {
            breakpoint.Result = new BreakpointResult(breakpoint.Id, false, null,
                function is null ? $"no function named '{breakpoint.FunctionName}' is loaded" : $"'{breakpoint.FunctionName}' has no instructions", null);
            return;
        }
        breakpoint.Sites = [new InstructionSite(function, 0)];
        var line = sources.LineOf(function, 0);
        breakpoint.Result = new BreakpointResult(breakpoint.Id, true, line > 0 ? line : null, null, sources.Of(function));
    }

    private void BindInstruction(Breakpoint breakpoint)
    {
        if (!ParseHitCondition(breakpoint))
        {
            return;
        }
        var address = breakpoint.Address!.Value;
        if (sources.Addresses.At(address) is not var (function, index))
        {
            breakpoint.Result = new BreakpointResult(breakpoint.Id, false, null, $"no instruction at address {address}", null, address);
            return;
        }
        breakpoint.Sites = [new InstructionSite(function, index)];
        var line = sources.LineOf(function, index);
        breakpoint.Result = new BreakpointResult(breakpoint.Id, true, line > 0 ? line : null, null, sources.Of(function), address);
    }

    /// <summary>Clears the breakpoint's sites and parses its hit condition; false (with the result saying why) when it is malformed.</summary>
    private static bool ParseHitCondition(Breakpoint breakpoint)
    {
        breakpoint.Sites = [];
        if (!HitCondition.TryParse(breakpoint.HitConditionText ?? "", out var hit, out var error))
        {
            breakpoint.Result = new BreakpointResult(breakpoint.Id, false, breakpoint.RequestedLine > 0 ? breakpoint.RequestedLine : null, error, null, breakpoint.Address);
            return false;
        }
        breakpoint.Hit = hit;
        return true;
    }

    private IEnumerable<Breakpoint> All() => _lines.Values.SelectMany(l => l).Concat(_functions).Concat(_instructions);

    private void Publish()
    {
        var sites = new Dictionary<InstructionSite, List<Breakpoint>>();
        foreach (var breakpoint in All())
        {
            foreach (var site in breakpoint.Sites)
            {
                if (!sites.TryGetValue(site, out var list))
                {
                    sites[site] = list = [];
                }
                list.Add(breakpoint);
            }
        }
        _sites = sites.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}

/// <summary>What a breakpoint is set on.</summary>
internal enum BreakpointKind
{
    Line,
    Function,
    Instruction,
}

/// <summary>One line, function or instruction breakpoint. Hits are counted on the VM thread.</summary>
internal sealed class Breakpoint(int id, BreakpointKind kind, int requestedLine, string? functionName, string? condition, string? hitCondition, string? logMessage) : ICountedBreakpoint
{
    public int Id { get; } = id;
    public BreakpointKind Kind { get; } = kind;
    public long? Address { get; init; }
    public int RequestedLine { get; } = requestedLine;
    public string? FunctionName { get; } = functionName;
    public string? Condition { get; } = string.IsNullOrWhiteSpace(condition) ? null : condition;
    public string? HitConditionText { get; } = hitCondition;
    public string? LogMessage { get; } = string.IsNullOrEmpty(logMessage) ? null : logMessage;
    public bool Stops => LogMessage is null;
    public HitCondition? Hit { get; set; }
    public long Hits { get; set; }
    public InstructionSite[] Sites { get; set; } = [];
    public BreakpointResult Result { get; set; } = new(id, false, null, null, null);
}
