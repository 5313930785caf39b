using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// Upvalues are found by name (docs/semantics.md "Value kinds", Closures): walk frames from the innermost outwards; in each,
// the parameters (the only named locals) first, then the frame's captured upvalues.
internal sealed partial class VMState
{
    private Value[] CaptureUpvalues(IReadOnlyList<string> names)
    {
        var values = new Value[names.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = FindUpvalue(names[i]);
        }
        return values;
    }

    private Value FindUpvalue(string name)
    {
        for (var f = Calls.FrameCount - 1; f >= 0; f--)
        {
            ref var frame = ref Calls.Frames[f];
            var parameters = frame.Function.Source.Parameters;
            for (var p = 0; p < parameters.Count; p++)
            {
                if (parameters[p] == name)
                {
                    var value = Calls.Arguments[frame.ParamBase + p];
                    Delivery.FireNamedEvent(HookEventKind.VariableRead, name, Value.Unit, value);
                    return value;
                }
            }
            var index = UpvalueIndex(in frame, name);
            if (index >= 0)
            {
                return frame.Upvalues!.Cells[index];
            }
        }
        throw new StoffelError(VmErrorKind.UpvalueNotFound, $"upvalue '{name}' not found: no enclosing frame has a parameter or upvalue of that name");
    }

    internal Value CreateClosure(string functionName, IReadOnlyList<string> upvalueNames)
    {
        if (FindTarget(functionName)?.Function is null)
        {
            throw new StoffelError(VmErrorKind.FunctionNotFound, $"cannot create a closure over '{functionName}': no program function has that name");
        }
        var captured = CaptureUpvalues(upvalueNames);
        Heap.Charge(HeapWalker.ClosureBytes + captured.Length * HeapWalker.ElementBytes, null);
        var closure = Value.FromClosure(new Closure(functionName, upvalueNames.Select((n, i) => new Upvalue(n, captured[i])).ToArray()));
        Delivery.FireNamedEvent(HookEventKind.ClosureCreated, functionName, Value.Unit, closure);
        return closure;
    }

    internal Value GetUpvalue(string name)
    {
        ref var cell = ref UpvalueCell(name);
        Delivery.FireNamedEvent(HookEventKind.UpvalueRead, name, Value.Unit, cell);
        return cell;
    }

    internal void SetUpvalue(string name, Value value)
    {
        ref var cell = ref UpvalueCell(name);
        var old = cell;
        cell = value;
        Delivery.FireNamedEvent(HookEventKind.UpvalueWrite, name, old, value);
    }

    private ref Value UpvalueCell(string name)
    {
        if (Calls.FrameCount > 0)
        {
            ref var frame = ref Calls.Innermost;
            var index = UpvalueIndex(in frame, name);
            if (index >= 0)
            {
                return ref frame.Upvalues!.Cells[index];
            }
        }
        throw new StoffelError(VmErrorKind.UpvalueNotFound, $"upvalue '{name}' not found in the current frame");
    }

    /// <summary>The index of <paramref name="frame"/>'s upvalue named <paramref name="name"/>, or -1.</summary>
    /// <remarks>Names usually come from the constant pool, where equal strings are one object, so the reference test settles most lookups.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UpvalueIndex(in ActivationRecord frame, string name)
    {
        if (frame.Upvalues?.Names is { } names)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (ReferenceEquals(names[i], name) || string.Equals(names[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }
        return -1;
    }
}
