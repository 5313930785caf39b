namespace Stoffel.Debugger.Engine;

/// <summary>
/// The stepping state machine (docs/debugger.md "Stepping rules"): arithmetic on call depth. Over
/// ignores deeper frames, out waits for a shallower one, in takes any depth; a line step stops
/// at the first instruction of a different line, after a backward jump, or on entering or
/// returning to another frame; an instruction step at the next instruction.
/// </summary>
internal sealed class StepController
{
    private volatile Plan? _plan;

    public bool IsActive => _plan is not null;

    public void Begin(StepKind kind, StepGranularity granularity, StopLocation from) =>
        _plan = new Plan(kind, granularity, from.CallDepth, from.Line, from.InstructionIndex);

    public void Cancel() => _plan = null;

    /// <summary>Called on the VM thread before each instruction while a step is active.</summary>
    public bool ShouldStop(int depth, int line, int index)
    {
        if (_plan is not { } plan)
        {
            return false;
        }
        bool stop;
        if (plan.Kind == StepKind.Out || (plan.Kind == StepKind.Over && depth > plan.Depth))
        {
            stop = depth < plan.Depth;
        }
        else if (depth != plan.Depth || plan.Granularity == StepGranularity.Instruction)
        {
            stop = true;
        }
        else
        {
            stop = line != 0 && (line != plan.Line || index <= plan.LastIndex);
        }
        if (depth == plan.Depth)
        {
            plan.LastIndex = index;
        }
        if (stop)
        {
            _plan = null;
        }
        return stop;
    }

    private sealed class Plan(StepKind kind, StepGranularity granularity, int depth, int line, int index)
    {
        public StepKind Kind { get; } = kind;
        public StepGranularity Granularity { get; } = granularity;
        public int Depth { get; } = depth;
        public int Line { get; } = line;
        public int LastIndex { get; set; } = index;
    }
}
