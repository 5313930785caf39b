using Stoffel.Debugger.Engine;
using Stoffel.Debugger.Protocol;

namespace Stoffel.Debugger.Adapter;

// The bytecode-native requests: disassemble (VS Code's Disassembly view), setInstructionBreakpoints,
// breakpointLocations, loadedSources and completions. Addresses are instruction addresses (one per
// instruction, see DebugSession.Disassemble), so a `memoryReference` offset counts instructions.
public sealed partial class DebugAdapter
{
    /// <summary>The most instructions one disassemble request may ask for.</summary>
    private const int MaxDisassembleCount = 100_000;

    private void Disassemble(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.DisassembleArguments);
        if (arguments.InstructionCount is < 0 or > MaxDisassembleCount)
        {
            throw new RequestException($"'instructionCount' must be between 0 and {MaxDisassembleCount}, got {arguments.InstructionCount}");
        }
        var address = InstructionReference.Parse(arguments.MemoryReference, "memoryReference") + (arguments.Offset ?? 0);
        var instructions = RequireSession().Disassemble(address, arguments.InstructionOffset ?? 0, arguments.InstructionCount);
        Respond(request, new DisassembleBody
        {
            Instructions = instructions.Select(i => new DisassembledInstructionDto
            {
                Address = InstructionReference.Format(i.Address),
                Instruction = i.Text ?? "",
                Symbol = i.Function,
                Location = i.Source is { } source ? EventTranslator.Source(source, _paths) : null,
                Line = i.Line > 0 ? ToClientLine(i.Line) : null,
                PresentationHint = i.Text is null ? "invalid" : null,
            }).ToArray(),
        }, ProtocolJson.Default.DisassembleBody);
    }

    private void SetInstructionBreakpoints(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.SetInstructionBreakpointsArguments);
        _instructionBreakpoints = arguments.Breakpoints.Select(b => new InstructionBreakpointSpec(
            InstructionReference.Parse(b.InstructionReference, "instructionReference") + (b.Offset ?? 0), b.Condition, b.HitCondition, Interlocked.Increment(ref _nextBreakpointId))).ToArray();
        var results = _session is { } session
            ? session.SetInstructionBreakpoints(_instructionBreakpoints)
            : _instructionBreakpoints.Select(b => new BreakpointResult(b.Id!.Value, false, null, "pending: no program is loaded yet", null, b.Address)).ToArray();
        RespondBreakpoints(request, results);
    }

    private void BreakpointLocations(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.BreakpointLocationsArguments);
        var key = HostKey(ClientKey(arguments.Source));
        var line = FromClientLine(arguments.Line);
        var endLine = arguments.EndLine is { } end ? FromClientLine(end) : line;
        var lines = _session?.GetBreakpointLocations(key, line, endLine) ?? [];
        Respond(request, new BreakpointLocationsBody { Breakpoints = lines.Select(l => new BreakpointLocationDto { Line = ToClientLine(l) }).ToArray() }, ProtocolJson.Default.BreakpointLocationsBody);
    }

    private void LoadedSources(IncomingRequest request)
    {
        var sources = _session?.Sources ?? [];
        Respond(request, new LoadedSourcesBody { Sources = sources.Select(s => EventTranslator.Source(s, _paths)).ToArray() }, ProtocolJson.Default.LoadedSourcesBody);
    }

    private void Completions(IncomingRequest request)
    {
        var arguments = Arguments(request, ProtocolJson.Default.CompletionsArguments);
        var text = arguments.Line is > 1 and var line ? arguments.Text.Split('\n').ElementAtOrDefault(FromClientLine(line) - 1) ?? "" : arguments.Text;
        var columnBase = _columnsStartAt1 ? 1 : 0;
        var completions = RequireSession().GetCompletions(text, arguments.Column - columnBase, arguments.FrameId);
        Respond(request, new CompletionsBody
        {
            Targets = completions.Select(c => new CompletionItemDto
            {
                Label = c.Label,
                Type = c.Kind == CompletionKind.Builtin ? "function" : "variable",
                Detail = c.Kind switch { CompletionKind.Register => "register", CompletionKind.Local => "parameter", CompletionKind.Upvalue => "upvalue", _ => "builtin" },
                Start = c.Start + columnBase,
                Length = c.Length,
            }).ToArray(),
        }, ProtocolJson.Default.CompletionsBody);
    }
}
