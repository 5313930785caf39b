using System.Text;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Debugger.Engine;

// The VM side of the session: which hooks are installed, and the callbacks that run on the VM
// thread with the state lock held. Breakpoints alone use a site-limited instruction hook, so
// code without breakpoints runs at near full speed; stepping, pause and stop-on-entry switch
// to an every-instruction hook until the next stop; so does a replay (DebugSession.Reverse.cs).
public sealed partial class DebugSession
{
    private const int HookPriority = 1_000_000;

    private readonly object _hookGate = new();
    private HookId? _instructionHook;
    private (bool Every, object Sites)? _instructionShape;
    private HookId? _errorHook;
    private HookId? _writeHook;
    private HookEventMask _writeMask;
    private volatile bool _pauseRequested;
    private volatile bool _entryPending;
    private volatile bool _stopOnErrors;
    private volatile bool _terminating;
    private volatile bool _detached;

    /// <summary>Installs, swaps or removes hooks to match the current breakpoints and run state.</summary>
    private void UpdateHooks()
    {
        lock (_hookGate)
        {
            var hooks = Vm.Hooks;
            var every = !_detached && (_replay is not null || _step.IsActive || _pauseRequested || _entryPending);
            var sites = _breakpoints.SitesSnapshot;
            var wanted = _detached || (!every && _breakpoints.Sites.Count == 0) ? ((bool, object)?)null : (every, every ? this : sites);
            if (wanted != _instructionShape)
            {
                if (_instructionHook is { } old)
                {
                    hooks.Unregister(old);
                    _instructionHook = null;
                }
                if (wanted is not null)
                {
                    _instructionHook = hooks.Register(HookEventMask.BeforeInstructionExecute, OnInstruction, null, HookPriority, every ? null : _breakpoints.Sites.ToArray());
                }
                _instructionShape = wanted;
            }

            var errors = !_detached && (_stopOnErrors || _replay is not null); // a scan of a failed run ends at its error
            if (errors && _errorHook is null)
            {
                _errorHook = hooks.Register(HookEventMask.ExecutionError, OnError, null, HookPriority);
            }
            else if (!errors && _errorHook is { } errorHook)
            {
                hooks.Unregister(errorHook);
                _errorHook = null;
            }

            var writeMask = _detached ? HookEventMask.None : _data.Mask;
            if (writeMask != _writeMask)
            {
                if (_writeHook is { } writeHook)
                {
                    hooks.Unregister(writeHook);
                    _writeHook = null;
                }
                if (writeMask != HookEventMask.None)
                {
                    _writeHook = hooks.Register(writeMask, OnWrite, null, HookPriority);
                }
                _writeMask = writeMask;
            }
        }
    }

    private void OnInstruction(in HookEvent hookEvent, HookContext context)
    {
        if (_detached)
        {
            return;
        }
        if (_terminating)
        {
            throw Terminated();
        }
        if (_replay is { } replay)
        {
            OnReplayInstruction(replay, in hookEvent, context);
            return;
        }
        var function = hookEvent.Function!;
        var index = hookEvent.InstructionIndex;
        if (index >= function.Instructions.Length)
        {
            return; // the implicit return has no source line
        }
        var line = _sources.LineOf(function, index);
        var location = new StopLocation(function.Name, index, line, hookEvent.CallDepth);
        if (BreakpointHits(function, index, context.Inspector) is { } hits)
        {
            StopHere(hits.Reason, null, hits.Ids, location);
            return;
        }
        if (_entryPending)
        {
            StopHere(StopReason.Entry, null, [], location);
        }
        else if (_pauseRequested)
        {
            StopHere(StopReason.Pause, null, [], location);
        }
        else if (_step.ShouldStop(hookEvent.CallDepth, line, index))
        {
            StopHere(StopReason.Step, null, [], location);
        }
    }

    /// <summary>Evaluates (and counts) the line and function breakpoints at an instruction; null when none would stop.</summary>
    private (StopReason Reason, List<int> Ids)? BreakpointHits(CompiledFunction function, int index, VmInspector vm)
    {
        if (!_breakpoints.TryGetAt(function, index, out var breakpoints))
        {
            return null;
        }
        List<int>? hits = null; // made only for a stop: a hit-count breakpoint is evaluated often and stops rarely
        BreakpointKind? kind = null;
        foreach (var breakpoint in breakpoints)
        {
            if (ShouldBreak(vm, breakpoint, breakpoint.Condition, breakpoint.LogMessage))
            {
                (hits ??= []).Add(breakpoint.Id);
                kind = kind is null || kind == breakpoint.Kind ? breakpoint.Kind : BreakpointKind.Line;
            }
        }
        // Reported as a function or instruction breakpoint when only those hit; as a (line) breakpoint otherwise.
        var reason = kind switch
        {
            BreakpointKind.Function => StopReason.FunctionBreakpoint,
            BreakpointKind.Instruction => StopReason.InstructionBreakpoint,
            _ => StopReason.Breakpoint,
        };
        return hits is null ? null : (reason, hits);
    }

    private void OnError(in HookEvent hookEvent, HookContext context)
    {
        if (_replay is { } replay && !_detached && !_terminating)
        {
            OnReplayError(replay);
            return;
        }
        if (_detached || _terminating || !_stopOnErrors || context.CallDepth == 0)
        {
            return;
        }
        var trace = string.Join("\n", context.GetCallStack().Select(f => f.ToString()));
        _exception = new ExceptionDetails(hookEvent.ErrorKind.ToString(), hookEvent.Message ?? "", trace);
        StopHere(StopReason.Exception, hookEvent.Message, [], CurrentLocation(context));
    }

    private void OnWrite(in HookEvent hookEvent, HookContext context)
    {
        // While stopped, a write is the user's own setVariable (on the request's thread): it does not hit.
        if (_detached || _terminating || _gate.Current is not null || context.CallDepth == 0 || _data.Match(in hookEvent) is not { } breakpoints)
        {
            return;
        }
        var hits = new List<int>();
        foreach (var breakpoint in breakpoints)
        {
            if (ShouldBreak(context.Inspector, breakpoint, breakpoint.Condition, null))
            {
                hits.Add(breakpoint.Id);
            }
        }
        if (hits.Count == 0)
        {
            return;
        }
        var what = hookEvent.Kind == HookEventKind.RegisterWrite ? $"r{hookEvent.Register}" : $"[{ValueText.Display(hookEvent.Key)}]";
        var description = $"{what} changed from {ValueText.Display(hookEvent.OldValue)} to {ValueText.Display(hookEvent.NewValue)}";
        var position = WritingInstructionPosition(in hookEvent, context);
        if (_replay is { } replay)
        {
            OnReplayWrite(replay, position, hits, description, context);
        }
        else
        {
            StopHere(StopReason.DataBreakpoint, description, hits, CurrentLocation(context), position);
        }
    }

    /// <summary>
    /// The position (instructions executed before it) of the instruction making a write: an
    /// instruction's own register write comes after it, when the count does not include it yet;
    /// a table write (in a builtin's CALL) and a call's result written into r0 (at RET, or a
    /// foreign CALL's end) come during an instruction the count already includes.
    /// </summary>
    private static long WritingInstructionPosition(in HookEvent hookEvent, HookContext context)
    {
        var count = context.InstructionsExecuted;
        var ownRegisterWrite = hookEvent.Kind == HookEventKind.RegisterWrite && hookEvent.Function is { } function
            && hookEvent.InstructionIndex < function.Instructions.Length && function.Instructions[hookEvent.InstructionIndex].Opcode != Opcode.CALL;
        return ownRegisterWrite ? count : count - 1;
    }

    private StopLocation CurrentLocation(HookContext context)
    {
        var frame = context.GetFrame(0);
        var index = Math.Min(frame.InstructionIndex, Math.Max(0, frame.Function.Instructions.Length - 1));
        return new StopLocation(frame.Function.Name, frame.InstructionIndex, _sources.LineOf(frame.Function, index), context.CallDepth);
    }

    /// <summary>Condition (must yield true; an error stops and says why), then hit count, then log message (logs instead of stopping).</summary>
    private bool ShouldBreak(VmInspector vm, ICountedBreakpoint breakpoint, string? condition, string? logMessage)
    {
        if (condition is not null)
        {
            try
            {
                var value = ExpressionEvaluator.Evaluate(vm, 0, condition);
                if (value.Kind != ValueKind.Bool || !value.AsBool)
                {
                    return false;
                }
            }
            catch (Exception e) when (e is EvaluationException or ArgumentOutOfRangeException)
            {
                Log($"breakpoint {breakpoint.Id}: condition '{condition}' failed: {e.Message}\n");
                return true;
            }
        }
        var hits = ++breakpoint.Hits;
        if (breakpoint.Hit is { } hit && !hit.Matches(hits))
        {
            return false;
        }
        if (logMessage is not null)
        {
            Log(Interpolate(vm, logMessage) + "\n");
            return false;
        }
        return true;
    }

    /// <summary>Debugger messages (log points, failed conditions); a replay repeats what was already said, so it says nothing.</summary>
    private void Log(string text)
    {
        if (_replay is null)
        {
            Publish(new OutputEvent("console", text));
        }
    }

    /// <summary>Replaces each <c>{expr}</c> with its value as <c>print</c> writes it; <c>{{</c> and <c>}}</c> are literal braces.</summary>
    private static string Interpolate(VmInspector vm, string message)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if ((c == '{' || c == '}') && i + 1 < message.Length && message[i + 1] == c)
            {
                builder.Append(c);
                i++;
            }
            else if (c == '{' && message.IndexOf('}', i + 1) is var end and > 0)
            {
                var expression = message[(i + 1)..end];
                try
                {
                    builder.Append(ValueFormatter.Format(ExpressionEvaluator.Evaluate(vm, 0, expression)));
                }
                catch (Exception e) when (e is EvaluationException or ArgumentOutOfRangeException)
                {
                    builder.Append("<error: ").Append(e.Message).Append('>');
                }
                i = end;
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// On the VM thread: report the stop and wait (lock released) for the next command. A rewind
    /// leaves by the VM's rewind exception; one that cannot start here reports why and stops again.
    /// </summary>
    /// <param name="reason">Why it stops.</param>
    /// <param name="description">Detail for the client, or null.</param>
    /// <param name="hitIds">The breakpoints that caused the stop.</param>
    /// <param name="location">Where it stops.</param>
    /// <param name="position">Where the stop is in the run: by default the instructions executed before the current one; for a stop inside an instruction, that instruction's position.</param>
    private void StopHere(StopReason reason, string? description, IReadOnlyList<int> hitIds, StopLocation location, long? position = null)
    {
        while (true)
        {
            _step.Cancel();
            _pauseRequested = false;
            _entryPending = false;
            _stopPosition = position ?? Vm.Inspector.InstructionsExecuted;
            var command = _gate.Stop(new StoppedEvent(reason, description, hitIds, location), Publish);
            if (command == ResumeCommand.Terminate || _terminating)
            {
                throw Terminated();
            }
            if (command != ResumeCommand.Rewind)
            {
                return;
            }
            try
            {
                BeginRewind();
            }
            catch (InvalidOperationException e)
            {
                _replay = null;
                UpdateHooks();
                Publish(new OutputEvent("stderr", $"cannot go back from here: {e.Message}\n"));
            }
        }
    }

    private static StoffelError Terminated() => new(VmErrorKind.Cancelled, "terminated by the debugger");
}
