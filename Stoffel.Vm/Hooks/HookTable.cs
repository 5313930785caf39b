using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// An immutable snapshot of the enabled hooks, indexed by event kind, that the VM reads without
/// locking. Rebuilt on every registration change.
/// </summary>
internal sealed class HookTable
{
    private const int KindCount = (int)HookEventKind.ExecutionError + 1;

    /// <summary>The events a program-function call reports before its frame exists.</summary>
    public const HookEventMask CallEvents = HookEventMask.StackPop | HookEventMask.BeforeFunctionCall | HookEventMask.VariableWrite;

    public static readonly HookTable Empty = new(HookEventMask.None, new HookRegistration[KindCount][], [], false, new Dictionary<CompiledFunction, bool[]>(), false);

    private HookTable(HookEventMask mask, HookRegistration[][] byKind, HookRegistration[] callObservers, bool everyInstruction, Dictionary<CompiledFunction, bool[]> sites, bool countsInstructions)
    {
        Mask = mask;
        ByKind = byKind;
        CallObservers = callObservers;
        EveryInstruction = everyInstruction;
        Sites = sites;
        CountsInstructions = countsInstructions;
        PerInstruction = everyInstruction
            || (mask & (HookEventMask.RegisterRead | HookEventMask.RegisterWrite | HookEventMask.AfterInstructionExecute | HookEventMask.StackPush)) != 0;
        IsActive = countsInstructions || PerInstruction || sites.Count > 0;
        DirectCalls = (mask & CallEvents) == 0;
        CallsObservedOnly = callObservers.Length > 0
            && byKind[(int)HookEventKind.StackPop].Length == 0
            && byKind[(int)HookEventKind.BeforeFunctionCall].Length == 0
            && byKind[(int)HookEventKind.VariableWrite].Length == 0
            && byKind[(int)HookEventKind.AfterFunctionCall].Length == 0;
        RecordsCalls = CallsObservedOnly && Array.TrueForAll(callObservers, r => r.Observer is ICallRecordObserver);
        CountsInlineBuiltins = RecordsCalls && Array.TrueForAll(callObservers, r => ((ICallRecordObserver)r.Observer!).CountsInlineBuiltins);
        EntersDirectly = DirectCalls || CallsObservedOnly;
        ReturnsDirectly = (mask & HookEventMask.RegisterWrite) == 0 && ((mask & HookEventMask.AfterFunctionCall) == 0 || RecordsCalls);
        SoleRegistrations = Array.ConvertAll(byKind, r => r is [{ Predicate: null, Sites: null } only] ? only : null);
        SoleInstructionHook = (mask & (HookEventMask.RegisterRead | HookEventMask.RegisterWrite)) == 0
            ? SoleRegistrations[(int)HookEventKind.BeforeInstructionExecute]
            : null;
        SoleTracer = (mask & (HookEventMask.AfterInstructionExecute | HookEventMask.StackPush)) == 0 && !countsInstructions
            ? SoleInstructionHook
            : null;
    }

    public HookEventMask Mask { get; }

    /// <summary>
    /// True when some function may need the hooked or the counting copy of the loop: instruction
    /// counting, a hook that needs every instruction, or BeforeInstructionExecute sites. Hooks on
    /// other events alone (calls, returns, tables, errors) leave it false: those fire from routines
    /// every copy of the loop shares, so the plain loop need not look up sites at each call and return.
    /// </summary>
    public bool IsActive { get; }

    /// <summary>True while some enabled registration counts instructions and calls (<see cref="HookManager.RegisterInstructionCounting"/>).</summary>
    public bool CountsInstructions { get; }

    /// <summary>True when a CALL may enter a program function without <c>PushFrame</c>: no hook on a call event.</summary>
    public bool DirectCalls { get; }

    /// <summary>
    /// True when call observers are the only subscribers to the events calls and returns report
    /// (StackPop, BeforeFunctionCall, VariableWrite, AfterFunctionCall): a call or return then
    /// notifies them and builds no event (the profiler's trace mode).
    /// </summary>
    public bool CallsObservedOnly { get; }

    /// <summary>True when the dispatch loop may enter a program function itself (<see cref="DirectCalls"/>, or <see cref="CallsObservedOnly"/>: it notifies the observers itself).</summary>
    public bool EntersDirectly { get; }

    /// <summary>
    /// True when call observers are the only subscribers to call events and every one takes
    /// batches (<see cref="ICallRecordObserver"/>): a program function's call of a program function
    /// and its return are then recorded, not notified one by one (<see cref="Runtime.CallRecordBuffer"/>),
    /// and so are the builtins the loop runs inline when nothing else would see them
    /// (<c>VMState.RecordsInlineBuiltins</c>).
    /// </summary>
    public bool RecordsCalls { get; }

    /// <summary>
    /// True when calls are recorded (<see cref="RecordsCalls"/>) and every call observer takes the
    /// builtins the loop runs inline as counts (<see cref="ICallRecordObserver.CountsInlineBuiltins"/>).
    /// </summary>
    public bool CountsInlineBuiltins { get; }

    /// <summary>
    /// True when the dispatch loop may pop a returning record itself: no hook on the events a
    /// return raises (AfterFunctionCall, the r0 RegisterWrite), or call observers alone that take
    /// batches (<see cref="RecordsCalls"/>), whose record the loop appends itself.
    /// </summary>
    public bool ReturnsDirectly { get; }

    /// <summary>Enabled registrations per kind, highest priority first (call observers are not among them).</summary>
    public HookRegistration[][] ByKind { get; }

    /// <summary>Enabled call observers' registrations, in registration order (<see cref="HookManager.RegisterCallObserver"/>).</summary>
    public HookRegistration[] CallObservers { get; }

    /// <summary>
    /// Per kind, its only registration when that one has no predicate and no sites (a profiler's
    /// call hooks, a tracer): the VM calls it without walking the list.
    /// </summary>
    public HookRegistration?[] SoleRegistrations { get; }

    /// <summary>
    /// The only BeforeInstructionExecute registration, when it has no predicate and no sites (so it
    /// wants every instruction) and no hook wants RegisterRead or RegisterWrite: all the hooked loop
    /// does before an instruction is call it (a tracer, a no-op hook), on a path without the
    /// general case's lookups.
    /// </summary>
    public HookRegistration? SoleInstructionHook { get; }

    /// <summary>
    /// <see cref="SoleInstructionHook"/> when calling it is the only per-instruction work in every
    /// function (no AfterInstructionExecute or StackPush hook, no instruction counting): the VM
    /// then runs the tracing copy of its loop, which does nothing else per instruction.
    /// </summary>
    public HookRegistration? SoleTracer { get; }

    /// <summary>True when some BeforeInstructionExecute hook wants every instruction.</summary>
    public bool EveryInstruction { get; }

    /// <summary>
    /// True when every function must run in the hooked loop: an every-instruction
    /// BeforeInstructionExecute hook, or any RegisterRead/RegisterWrite/AfterInstructionExecute/StackPush
    /// hook (events only the hooked loop raises). When false, only functions with
    /// <see cref="Sites"/> need it, and only those instructions get instruction events (the
    /// others run in the counting loop while <see cref="CountsInstructions"/>).
    /// </summary>
    public bool PerInstruction { get; }

    /// <summary>Per function, which instructions some site-limited BeforeInstructionExecute hook wants.</summary>
    public Dictionary<CompiledFunction, bool[]> Sites { get; }

    public static HookTable Build(List<HookRegistration> registrations)
    {
        var enabled = registrations.Where(r => r.Enabled)
            .Select((r, order) => (r, order))
            .OrderByDescending(p => p.r.Priority).ThenBy(p => p.order)
            .Select(p => p.r)
            .ToArray();
        if (enabled.Length == 0)
        {
            return Empty;
        }
        var mask = enabled.Aggregate(HookEventMask.None, (m, r) => m | r.Events);
        var byKind = new HookRegistration[KindCount][];
        for (var kind = 0; kind < byKind.Length; kind++)
        {
            byKind[kind] = enabled.Where(r => r.Observer is null && r.Events.Includes((HookEventKind)kind)).ToArray();
        }
        var callObservers = registrations.Where(r => r.Enabled && r.Observer is not null).ToArray();
        var before = byKind[(int)HookEventKind.BeforeInstructionExecute];
        var sites = new Dictionary<CompiledFunction, bool[]>();
        foreach (var site in before.Where(r => r.Sites is not null).SelectMany(r => r.Sites!))
        {
            if ((uint)site.InstructionIndex >= (uint)site.Function.Instructions.Length)
            {
                continue;
            }
            if (!sites.TryGetValue(site.Function, out var map))
            {
                sites[site.Function] = map = new bool[site.Function.Instructions.Length + 1];
            }
            map[site.InstructionIndex] = true;
        }
        return new HookTable(mask, byKind, callObservers, before.Any(r => r.Sites is null), sites, enabled.Any(r => r.CountsInstructions));
    }
}
