using System.Globalization;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// Frames, scopes, variables, setVariable and evaluate over a stopped VM. Every method runs with
/// the state lock held (through the pause gate), so what it reads is one consistent snapshot.
/// Reads go through the VM's read-only view; setVariable writes through the VM's mutators, so the
/// write fires RegisterWrite or the table's write event like any other.
/// </summary>
internal sealed class Inspector(VirtualMachine vm, SourceMap sources)
{
    private readonly VmInspector _view = vm.Inspector;

    private static readonly (string Name, ScopeKind Kind)[] ScopeNames =
    [
        ("Registers", ScopeKind.Registers), ("Locals", ScopeKind.Locals), ("Upvalues", ScopeKind.Upvalues),
        ("Argument stack", ScopeKind.ArgumentStack), ("VM", ScopeKind.Vm),
    ];

    public VariableHandles Handles { get; } = new();

    public IReadOnlyList<FrameView> StackTrace()
    {
        var frames = new FrameView[_view.CallDepth];
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = _view.GetFrame(i);
            var function = frame.Function;
            // The implicit return (index = instruction count) shows the last instruction's line.
            var index = Math.Min(frame.InstructionIndex, Math.Max(0, function.Instructions.Length - 1));
            frames[i] = new FrameView(i + 1, function.Name, sources.LineOf(function, index), frame.InstructionIndex, sources.Of(function), sources.Addresses.AddressOf(function, index));
        }
        return frames;
    }

    /// <summary>The names a frame's expressions can start with: its registers, parameters and upvalues.</summary>
    public IEnumerable<(string Name, CompletionKind Kind)> FrameNames(int frameId)
    {
        var frameIndex = FrameIndex(frameId);
        var registers = Enumerable.Range(0, _view.GetFrame(frameIndex).RegisterCount).Select(r => ($"r{r}", CompletionKind.Register));
        var locals = _view.GetLocals(frameIndex).Select(l => (l.Key, CompletionKind.Local));
        var upvalues = _view.GetUpvalues(frameIndex).Select(u => (u.Name, CompletionKind.Upvalue));
        return registers.Concat(locals).Concat(upvalues).ToArray();
    }

    public IReadOnlyList<ScopeView> Scopes(int frameId)
    {
        var frameIndex = FrameIndex(frameId);
        return ScopeNames.Select(s => new ScopeView(s.Name, Handles.Add(new ScopeContainer(frameIndex, s.Kind)), ScopeEntries(frameIndex, s.Kind).Count)).ToArray();
    }

    public IReadOnlyList<VariableView> Variables(int reference, VariableFilter filter, int start, int count)
    {
        var container = Handles.Get(reference) ?? throw new EvaluationException($"unknown variables reference {reference} (references are valid only while stopped)");
        var (indexed, named) = Children(container);
        IEnumerable<Entry> entries = filter switch
        {
            VariableFilter.Indexed => indexed,
            VariableFilter.Named => named,
            _ => indexed.Concat(named),
        };
        entries = entries.Skip(Math.Max(0, start));
        if (count > 0)
        {
            entries = entries.Take(count);
        }
        return entries.Select(e => e.RawType is { } type
            ? new VariableView(e.Name, e.Value.AsString, type, 0, 0, 0, null)
            : View(e.Name, e.Value, e.EvaluateName)).ToArray();
    }

    public VariableView SetVariable(int reference, string name, string literal)
    {
        var container = Handles.Get(reference) ?? throw new EvaluationException($"unknown variables reference {reference}");
        if (!LiteralParser.TryParseLiteral(literal.Trim(), out var value, out var error))
        {
            throw new EvaluationException($"'{literal}' is not a literal: {error}");
        }
        var (indexed, named) = Children(container);
        var entry = indexed.Concat(named).FirstOrDefault(e => e.Name == name)
            ?? throw new EvaluationException($"no variable named '{name}' here");
        try
        {
            switch (container, entry.Key)
            {
                case (ScopeContainer { Kind: ScopeKind.Registers } scope, { } key) when key.Kind == ValueKind.I64:
                    vm.SetRegister(scope.FrameIndex, (int)key.AsI64, value);
                    break;
                case (TableContainer table, { } key):
                    // Elements under their I64 index, side entries and fields under their key.
                    vm.WriteTable(table.Table, key, value);
                    break;
                default:
                    throw new EvaluationException($"'{name}' cannot be set (registers, array elements and object fields can)");
            }
        }
        catch (VmException e)
        {
            throw new EvaluationException(e.Message);
        }
        return View(name, value, entry.EvaluateName);
    }

    public VariableView Evaluate(string expression, int? frameId)
    {
        var frameIndex = frameId is { } id ? FrameIndex(id) : 0;
        if (_view.CallDepth == 0)
        {
            throw new EvaluationException("no frame to evaluate in");
        }
        return View(expression, ExpressionEvaluator.Evaluate(_view, frameIndex, expression), expression);
    }

    public DataBreakpointTarget DataBreakpointInfo(int reference, string name)
    {
        switch (Handles.Get(reference))
        {
            case ScopeContainer { Kind: ScopeKind.Registers } scope when RegisterIndex(name) is { } register:
                var function = _view.GetFrame(scope.FrameIndex).Function.Name;
                return new DataBreakpointTarget(DataBreakpoints.RegisterId(function, register), $"r{register} in {function}");
            case TableContainer table:
                var (indexed, named) = Children(table);
                var entry = indexed.Concat(named).FirstOrDefault(e => e.Name == name);
                if (entry?.Key is { } key && ValueText.Literal(key) is not null)
                {
                    return new DataBreakpointTarget(DataBreakpoints.FieldId(table.Table.Id, key),
                        $"{(table.Table.Kind == ValueKind.Array ? "element" : "field")} {name} of {table.EvaluateName ?? ValueText.TypeOf(table.Table) + " " + table.Table.Id}");
                }
                return new DataBreakpointTarget(null, $"'{name}' cannot be watched");
            default:
                return new DataBreakpointTarget(null, "only registers and object or array fields can be watched");
        }
    }

    public VariableView View(string name, Value value, string? evaluateName)
    {
        var (reference, named, indexed) = value.Kind switch
        {
            ValueKind.Array => (Handles.Add(new TableContainer(value, evaluateName)), value.AsArray!.HasSideEntries ? value.AsArray.SideEntries.Count : 0, value.AsArray.Length),
            ValueKind.Object => (Handles.Add(new TableContainer(value, evaluateName)), value.AsObject!.Fields.Count, 0),
            ValueKind.Closure when value.AsClosure!.UpvalueNames.Count > 0 => (Handles.Add(new ClosureContainer(value.AsClosure, evaluateName)), value.AsClosure.UpvalueNames.Count, 0),
            _ => (0, 0, 0),
        };
        return new VariableView(name, ValueText.Display(value), ValueText.TypeOf(value), reference, named, indexed, evaluateName);
    }

    private int FrameIndex(int frameId)
    {
        if (frameId < 1 || frameId > _view.CallDepth)
        {
            throw new EvaluationException($"unknown frame id {frameId}");
        }
        return frameId - 1;
    }

    private static int? RegisterIndex(string name) =>
        name.Length > 1 && name[0] == 'r' && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;

    private (List<Entry> Indexed, List<Entry> Named) Children(Container container) => container switch
    {
        ScopeContainer scope => ([], ScopeEntries(scope.FrameIndex, scope.Kind)),
        TableContainer { Table.Kind: ValueKind.Array } table => ArrayEntries(table.Table.AsArray!, table.EvaluateName),
        TableContainer table => ([], table.Table.AsObject!.Fields.Select(f => FieldEntry(f.Key, f.Value, table.EvaluateName)).ToList()),
        ClosureContainer closure => ([], closure.Closure.Upvalues.Select(u => new Entry(u.Name, u.Value, null, null, false)).ToList()),
        _ => ([], []),
    };

    private static (List<Entry>, List<Entry>) ArrayEntries(StoffelArray array, string? parent)
    {
        var indexed = array.Elements.Select((v, i) => new Entry(i.ToString(CultureInfo.InvariantCulture), v,
            parent is null ? null : $"{parent}[{i}]", Value.FromI64(i), true)).ToList();
        var named = array.HasSideEntries ? array.SideEntries.Select(p => FieldEntry(p.Key, p.Value, parent)).ToList() : [];
        return (indexed, named);
    }

    private static Entry FieldEntry(Value key, Value value, string? parent)
    {
        var name = key.Kind == ValueKind.String ? key.AsString : ValueText.Display(key);
        var isIdentifier = key.Kind == ValueKind.String && name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
        string? evaluateName = parent is null ? null
            : isIdentifier ? $"{parent}.{name}"
            : ValueText.Literal(key) is { } literal ? $"{parent}[{literal}]" : null;
        return new Entry(name, value, evaluateName, key, false);
    }

    private List<Entry> ScopeEntries(int frameIndex, ScopeKind kind)
    {
        var frame = _view.GetFrame(frameIndex);
        switch (kind)
        {
            case ScopeKind.Registers:
                return Enumerable.Range(0, frame.RegisterCount)
                    .Select(r => new Entry($"r{r}", _view.GetRegister(frameIndex, r), frameIndex == 0 ? $"r{r}" : null, Value.FromI64(r), false)).ToList();
            case ScopeKind.Locals:
                return _view.GetLocals(frameIndex).Select(l => new Entry(l.Key, l.Value, frameIndex == 0 ? l.Key : null, null, false)).ToList();
            case ScopeKind.Upvalues:
                return _view.GetUpvalues(frameIndex).Select(u => new Entry(u.Name, u.Value, frameIndex == 0 ? u.Name : null, null, false)).ToList();
            case ScopeKind.ArgumentStack:
                var arguments = _view.GetArgumentStack(frameIndex);
                // Shown top first, named by the LD offset that reads them ([sp+0] is the top).
                return arguments.Reverse().Select((v, i) => new Entry(i == 0 ? "[sp+0]" : $"[sp-{i}]", v, null, null, false)).ToList();
            default:
                var entries = new List<Entry>
                {
                    Text("compare flag", frame.CompareFlag.ToString(), "flag"),
                    new("instruction pointer", Value.FromI64(frame.InstructionIndex), null, null, false),
                    Text("function", frame.Function.Name, "function"),
                    new("call depth", Value.FromI64(_view.CallDepth - frameIndex), null, null, false),
                    new("instructions executed", Value.FromI64(_view.InstructionsExecuted), null, null, false),
                };
                for (var slot = 0; slot < frame.Function.SpillSlotCount; slot++)
                {
                    entries.Add(new Entry($"s{slot}", _view.GetSpillSlot(frameIndex, slot), null, null, false));
                }
                return entries;
        }
    }

    private static Entry Text(string name, string text, string type) => new(name, Value.FromString(text), null, null, false) { RawType = type };

    /// <summary>One child: its name, value, evaluate expression, key in its container, and whether it is an array element.</summary>
    private sealed record Entry(string Name, Value Value, string? EvaluateName, Value? Key, bool Indexed)
    {
        /// <summary>Set for VM facts shown as plain text of this type rather than as a Stoffel value.</summary>
        public string? RawType { get; init; }
    }
}
