using System.Globalization;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks.Tracing;

/// <summary>
/// Writes one greppable line per traced event, like upstream's
/// <c>stoffel-run --trace-instr --trace-regs --trace-stack</c>. <c>NAME#I</c> is instruction
/// <c>I</c> of function <c>NAME</c>; depth counts frames (1 = the entry function).
/// <code>
/// [instr] fib#5 line 17: SUB r2, r3, r1      instruction about to run (" line N" only with source)
/// [regs] fib#5 r2 = 9 (was ())               register write: new value, old value
/// [push] fib#6 9                             PUSHARG
/// [pop] fib#7 9                              CALL takes an argument (&lt;entry&gt; for the entry call's)
/// [call] fib(9) depth 3                      call starts; depth of the callee
/// [ret] fib -> 34 depth 3                    call returned
/// </code>
/// Strings are quoted (<c>"a"</c>); other values print as <c>print</c> shows them.
/// </summary>
public sealed class Tracer : HookAttachment
{
    private readonly TextWriter _writer;
    private readonly ProgramIndex _programs;

    // Instruction lines depend only on the (immutable) function and index: formatted once each.
    private readonly Dictionary<CompiledFunction, string?[]> _instructionLines = new(ReferenceEqualityComparer.Instance);

    private Tracer(VirtualMachine vm, TextWriter writer) : base(vm)
    {
        _writer = writer;
        _programs = new ProgramIndex(vm);
    }

    /// <summary>Starts tracing <paramref name="kinds"/> on <paramref name="vm"/> to <paramref name="writer"/>; subscribes only to the event kinds those need.</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="writer">Where lines go (the CLI uses stderr); written on the VM thread, not flushed.</param>
    /// <param name="kinds">What to trace.</param>
    /// <returns>The tracer; dispose it to stop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vm"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="kinds"/> is <see cref="TraceKinds.None"/>.</exception>
    public static Tracer Attach(VirtualMachine vm, TextWriter writer, TraceKinds kinds = TraceKinds.All)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if ((kinds & TraceKinds.All) == TraceKinds.None)
        {
            throw new ArgumentException("nothing to trace", nameof(kinds));
        }
        var tracer = new Tracer(vm, writer);
        tracer.Subscribe(MaskOf(kinds), tracer.OnEvent);
        return tracer;
    }

    private static HookEventMask MaskOf(TraceKinds kinds)
    {
        var mask = HookEventMask.None;
        if (kinds.HasFlag(TraceKinds.Instructions))
        {
            mask |= HookEventMask.BeforeInstructionExecute;
        }
        if (kinds.HasFlag(TraceKinds.Registers))
        {
            mask |= HookEventMask.RegisterWrite;
        }
        if (kinds.HasFlag(TraceKinds.Stack))
        {
            mask |= HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall | HookEventMask.StackPush | HookEventMask.StackPop;
        }
        return mask;
    }

    private void OnEvent(in HookEvent e, HookContext context)
    {
        var line = e.Kind switch
        {
            HookEventKind.BeforeInstructionExecute => InstructionLine(e),
            HookEventKind.RegisterWrite => $"[regs] {Site(e)} r{e.Register} = {TraceFormat.Value(e.NewValue)} (was {TraceFormat.Value(e.OldValue)})",
            HookEventKind.StackPush => $"[push] {Site(e)} {TraceFormat.Value(e.NewValue)}",
            HookEventKind.StackPop => $"[pop] {Site(e)} {TraceFormat.Value(e.OldValue)}",
            HookEventKind.BeforeFunctionCall => $"[call] {e.Name}({string.Join(", ", e.Arguments!.Select(TraceFormat.Value))}) depth {CalleeDepth.Of(e)}",
            _ => $"[ret] {e.Name} -> {TraceFormat.Value(e.NewValue)} depth {CalleeDepth.Of(e)}",
        };
        _writer.WriteLine(line);
    }

    private string InstructionLine(in HookEvent e)
    {
        var function = e.Function!;
        if (!_instructionLines.TryGetValue(function, out var lines))
        {
            // One slot more than the instructions: the implicit RET r0 at the end.
            _instructionLines[function] = lines = new string?[function.Instructions.Length + 1];
        }
        return lines[e.InstructionIndex] ??= FormatInstructionLine(e);
    }

    private string FormatInstructionLine(in HookEvent e)
    {
        var function = e.Function!;
        var text = TraceFormat.Instruction(_programs.ProgramOf(function), function, e.Instruction);
        var line = function.SourceLineAt(e.InstructionIndex);
        return line > 0 ? $"[instr] {Site(e)} line {line}: {text}" : $"[instr] {Site(e)}: {text}";
    }

    private static string Site(in HookEvent e) => Site(e.Function, e.InstructionIndex);

    // Events of the entry call (its arguments' StackPops) happen outside any frame.
    private static string Site(CompiledFunction? function, int index) =>
        function is null ? "<entry>" : function.Name + "#" + index.ToString(CultureInfo.InvariantCulture);
}
