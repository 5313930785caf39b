using Stoffel.Vm.Formats.Assembly;

namespace Stoffel.Debugger.Engine;

// The bytecode view of the session: instruction addresses and their disassembly, instruction
// breakpoints, the lines that can hold a breakpoint, and completions for the debug console.
// None of these needs a stopped VM (completions offer frame names only while stopped).
public sealed partial class DebugSession
{
    /// <summary>
    /// <paramref name="count"/> instructions from <paramref name="address"/> +
    /// <paramref name="instructionOffset"/> on. Addresses number the instructions of the loaded
    /// programs: their functions one after another in load order, from 0x1000, one address per
    /// instruction (<see cref="FrameView.InstructionAddress"/> says where a frame is). An address
    /// outside every function gives a view with a null <see cref="InstructionView.Text"/>.
    /// </summary>
    public IReadOnlyList<InstructionView> Disassemble(long address, long instructionOffset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        RefreshPrograms();
        var addresses = _sources.Addresses;
        var views = new InstructionView[count];
        for (var i = 0; i < count; i++)
        {
            var at = address + instructionOffset + i;
            views[i] = addresses.At(at) is var (function, index) && _sources.Of(function) is { } source
                ? new InstructionView(at, StfaDisassembler.FormatInstruction(source.Program, function, index), function.Name, source, source.LineOf(function, index))
                : new InstructionView(at, null, null, null, 0);
        }
        return views;
    }

    /// <summary>Replaces all instruction breakpoints (each stops before the instruction at its address).</summary>
    public IReadOnlyList<BreakpointResult> SetInstructionBreakpoints(IReadOnlyList<InstructionBreakpointSpec> breakpoints)
    {
        ArgumentNullException.ThrowIfNull(breakpoints);
        RefreshPrograms();
        var results = _breakpoints.SetInstructionBreakpoints(breakpoints);
        UpdateHooks();
        return results;
    }

    /// <summary>The lines from <paramref name="line"/> to <paramref name="endLine"/> where an instruction starts (where a line breakpoint binds without moving); empty for an unknown source.</summary>
    public IReadOnlyList<int> GetBreakpointLocations(SourceKey source, int line, int endLine)
    {
        RefreshPrograms();
        return _sources.Find(source)?.InstructionLines(line, endLine) ?? [];
    }

    /// <summary>
    /// What may complete the word before <paramref name="cursor"/> in <paramref name="text"/>: the
    /// registers, parameters and upvalues of frame <paramref name="frameId"/> (default innermost;
    /// only while stopped) and the builtin functions, those starting with the word.
    /// </summary>
    public IReadOnlyList<CompletionView> GetCompletions(string text, int cursor, int? frameId = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        cursor = Math.Clamp(cursor, 0, text.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }
        if (start > 0 && text[start - 1] is '.' or '[')
        {
            return []; // a field or index of a value: not a name
        }
        var word = text[start..cursor];
        IEnumerable<(string Name, CompletionKind Kind)> frameNames;
        try
        {
            frameNames = _gate.Read(_ => _inspector.FrameNames(frameId ?? 1));
        }
        catch (Exception e) when (e is NotStoppedException or EvaluationException)
        {
            frameNames = [];
        }
        var vm = Vm.Inspector;
        var builtins = vm.FunctionNames.Where(vm.IsForeignFunction).Order(StringComparer.Ordinal).Select(n => (Name: n, Kind: CompletionKind.Builtin));
        return frameNames.Concat(builtins)
            .Where(c => c.Name.StartsWith(word, StringComparison.Ordinal))
            .DistinctBy(c => c.Name)
            .Select(c => new CompletionView(c.Name, c.Kind, start, word.Length))
            .ToArray();
    }
}
