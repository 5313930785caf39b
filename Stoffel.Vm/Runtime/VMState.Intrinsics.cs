using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

// The inline fast paths of the hot builtins (Intrinsic.cs). A CALL whose target carries an
// intrinsic comes here first; each path handles only the common case — the right argument count
// and kinds, an index in range, an upvalue the frame has — and declines everything else, which
// then goes to the registered delegate (the stdlib's full implementation, with its checks and
// error messages). While any hook subscribes to an event such a call reports (call and return
// events, register writes, table, upvalue and closure events), every path declines, so hooks see
// exactly the events and payloads of the generic path. What remains observable of an inline
// call — BeforeInstructionExecute/AfterInstructionExecute around the CALL, RegisterRead, errors —
// is raised by the loop itself either way.
internal sealed partial class VMState
{
    private const HookEventMask IntrinsicObservers = HookEventMask.All
        & ~(HookEventMask.BeforeInstructionExecute | HookEventMask.AfterInstructionExecute | HookEventMask.RegisterRead
            | HookEventMask.StackPush | HookEventMask.ExecutionError);

    /// <summary>Whether a hook in <paramref name="hooks"/> subscribes to an event an inline builtin call reports (<see cref="IntrinsicObservers"/>): then the call is recorded (<see cref="RecordsInlineBuiltins"/>) or goes through the builtin's function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ObservesIntrinsics(HookTable hooks) => (hooks.Mask & IntrinsicObservers) != 0;

    private enum IntrinsicOutcome
    {
        /// <summary>Not the common case, or observed: call the delegate.</summary>
        Declined,
        /// <summary>Done: the result is in the caller's r0 and the arguments are consumed.</summary>
        Returned,
        /// <summary>call_closure pushed the closure's frame.</summary>
        PushedFrame,
    }

    /// <summary>
    /// Runs the builtin <paramref name="target"/> inline (its <see cref="CallTarget.Path"/>) for
    /// the CALL in <paramref name="frame"/>, or declines; under call observers that take batches
    /// and nothing else that would see the call, inline too, with the call and its return recorded
    /// (<see cref="RecordsInlineBuiltins"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // out of the plain and hooked loops
    private IntrinsicOutcome RunIntrinsic(CallTarget target, in ActivationRecord frame)
    {
        ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Values), frame.Base); // a live record's registers are on the stack
        var hooks = Hooks.Table;
        if (target.Path is not { } path)
        {
            return IntrinsicOutcome.Declined;
        }
        if (!ObservesIntrinsics(hooks))
        {
            return RunPath(path, in frame, ref r0);
        }
        var onStack = new OnStack(this, path, in frame, ref r0);
        return RunRecorded(target, hooks, ref onStack) ? IntrinsicOutcome.Returned : IntrinsicOutcome.Declined;
    }

    /// <summary>
    /// Runs <paramref name="path"/>, the inline path of <paramref name="target"/> (on the
    /// argument stack or in place: <see cref="OnStack"/>, <see cref="InPlace{TOperation}"/>, for
    /// <see cref="RunIntrinsic(CallTarget, in ActivationRecord)"/> and <see cref="IntrinsicPath.Recorded{TOperation}"/>), under
    /// <paramref name="hooks"/>, which observe the call, when they only record it
    /// (<see cref="RecordsInlineBuiltins"/>): the call's record first, so that an error in the
    /// path (a memory limit) follows it as it follows the call's report one by one, then the path,
    /// then the return's record, or the call's record taken back when the path declines.
    /// </summary>
    /// <returns>True when the call was handled (its result in r0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into its two callers, each out of the loops: one prologue for the path and both records
    private bool RunRecorded<TPath>(CallTarget target, HookTable hooks, ref TPath path)
        where TPath : IRecordedPath, allows ref struct
    {
        if (!RecordsInlineBuiltins(hooks))
        {
            return false;
        }
        if (hooks.CountsInlineBuiltins)
        {
            return RunCounted(target, hooks, ref path);
        }
        var calleeDepth = Calls.FrameCount + 1;
        var instructions = InstructionsExecuted; // the return's too: the path runs no instruction
        if (!Delivery.RecordInlineBuiltinCall(hooks, target, calleeDepth, instructions))
        {
            return path.Run(); // while a hook runs, nothing is reported
        }
        // Handing records over to make room may have run observers that changed the hooks, and
        // then the generic path reports the call to the new ones.
        if (!ReferenceEquals(Hooks.Table, hooks) || !path.Run())
        {
            Delivery.RetractInlineBuiltinCall();
            return false;
        }
        Delivery.RecordInlineBuiltinReturn(target, calleeDepth, instructions);
        return true;
    }

    /// <summary>
    /// <see cref="RunRecorded{TPath}"/> under <paramref name="hooks"/> whose call observers take
    /// inline builtins as counts (<see cref="HookTable.CountsInlineBuiltins"/>): the call counted
    /// first, as it is recorded first, then the path, or the count taken back when the path
    /// declines.
    /// </summary>
    /// <returns>True when the call was handled (its result in r0).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RunCounted<TPath>(CallTarget target, HookTable hooks, ref TPath path)
        where TPath : IRecordedPath, allows ref struct
    {
        var counted = Delivery.CountInlineBuiltinCall(hooks, target, Calls.FrameCount + 1);
        if (counted < 0)
        {
            return path.Run(); // while a hook runs, nothing is reported
        }
        if (!ReferenceEquals(Hooks.Table, hooks) || !path.Run())
        {
            Delivery.UncountInlineBuiltinCall(counted); // as RunRecorded's retraction
            return false;
        }
        return true;
    }

    /// <summary>What <see cref="RunRecorded{TPath}"/> runs between the call's record and the return's: a builtin's inline path.</summary>
    private interface IRecordedPath
    {
        /// <summary>Runs the path; true when it handled the call (its result in r0).</summary>
        bool Run();
    }

    /// <summary>A path on the argument stack of the CALL in a frame (<see cref="RunPath"/>).</summary>
    private readonly ref struct OnStack : IRecordedPath
    {
        private readonly VMState _vm;
        private readonly IntrinsicPath _path;
        private readonly ref readonly ActivationRecord _frame;
        private readonly ref Value _r0;

        public OnStack(VMState vm, IntrinsicPath path, in ActivationRecord frame, ref Value r0)
        {
            (_vm, _path) = (vm, path);
            _frame = ref frame;
            _r0 = ref r0;
        }

        public bool Run() => _vm.RunPath(_path, in _frame, ref _r0) == IntrinsicOutcome.Returned;
    }

    /// <summary>A path's common case (<typeparamref name="TOperation"/>) on the registers a fused run's PUSHARGs name.</summary>
    private readonly ref struct InPlace<TOperation> : IRecordedPath
        where TOperation : IInPlaceOperation
    {
        private readonly VMState _vm;
        private readonly ref readonly ActivationRecord _frame;
        private readonly ref Value _registers;
        private readonly ref readonly Instruction _run;

        public InPlace(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run)
        {
            _vm = vm;
            _frame = ref frame;
            _registers = ref registers;
            _run = ref run;
        }

        public bool Run() => TOperation.Run(_vm, in _frame, ref _registers, in _run);
    }

    /// <summary>
    /// Whether the builtins' inline paths may run under <paramref name="hooks"/> although call
    /// observers subscribe: every one takes batches (<see cref="HookTable.RecordsCalls"/>) and
    /// nothing else subscribes to an event such a call reports, so recording the call and its
    /// return tells the observers all the generic path would (the builtins that have an inline
    /// path run no instruction and push no frame; call_closure, which enters one, is recorded with
    /// the closure's call where the closure is entered directly: <see cref="EnterClosure"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool RecordsInlineBuiltins(HookTable hooks) =>
        hooks.RecordsCalls && (hooks.Mask & IntrinsicObservers & ~(HookEventMask.BeforeFunctionCall | HookEventMask.AfterFunctionCall)) == 0;

    /// <summary>
    /// <see cref="RunIntrinsic(CallTarget, in ActivationRecord)"/> with the frame's registers at
    /// hand (<paramref name="r0"/>): the tracing loop's, inlined there, where a call per builtin
    /// cost its frame's prologue and epilogue on every instruction-hooked call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IntrinsicOutcome RunIntrinsic(CallTarget target, in ActivationRecord frame, ref Value r0)
    {
        if (ObservesIntrinsics(Hooks.Table) || target.Path is not { } path)
        {
            return IntrinsicOutcome.Declined;
        }
        return RunPath(path, in frame, ref r0);
    }

    /// <summary>Runs <paramref name="path"/> on the argument stack of the CALL in <paramref name="frame"/>, whose r0 is <paramref name="r0"/>: the result in r0 and the arguments consumed, or declined, changing nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IntrinsicOutcome RunPath(IntrinsicPath path, in ActivationRecord frame, ref Value r0)
    {
        var argBase = frame.ArgBase;
        if (!path.RunOnStack(in frame, ref r0, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Calls.Arguments), argBase), Calls.ArgumentTop - argBase))
        {
            return IntrinsicOutcome.Declined;
        }
        Calls.ArgumentTop = argBase;
        return IntrinsicOutcome.Returned;
    }

    // The in-place paths: each writes the builtin's result to r0 (registers) when it handles the call.

    // get_field and set_field first try the field the object's map found last (a loop on one
    // field): that path calls nothing, so it saves no registers; anything else is a tail call to
    // the map lookup (or the array and error paths) of TryGetField / TrySetField.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool GetFieldInPlace(ref Value r0, in Value table, in Value key) =>
        TryGetFieldFast(ref r0, in table, in key) || GetFieldByLookup(ref r0, in table, in key);

    /// <summary>
    /// get_field's cases that call nothing, fail never and charge nothing: the field the object's
    /// map found last, an array element at an in-range I64 index. False, changing nothing, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGetFieldFast(ref Value r0, in Value table, in Value key)
    {
        if (table.Kind == ValueKind.Object)
        {
            ref readonly var cached = ref table.PayloadAs<StoffelObject>().Fields.CachedValue(in key);
            if (!Unsafe.IsNullRef(in cached))
            {
                Value.Copy(ref r0, in cached);
                return true;
            }
        }
        else if (HasElement(in table, in key))
        {
            table.PayloadAs<StoffelArray>().Elements.CopyTo((int)key.Bits, ref r0);
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool GetFieldByLookup(ref Value r0, in Value table, in Value key) =>
        ReturnedInPlace(TryGetField(in table, in key, out var result), ref r0, in result);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool SetFieldInPlace(ref Value r0, in Value table, in Value key, in Value value) =>
        TrySetFieldFast(ref r0, in table, in key, in value) || SetFieldByLookup(ref r0, in table, in key, in value);

    /// <summary>set_field's case that calls nothing, fails never and charges nothing: the object's field its map found last (an existing field: no growth). False, changing nothing, otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySetFieldFast(ref Value r0, in Value table, in Value key, in Value value)
    {
        if (table.Kind == ValueKind.Object && table.PayloadAs<StoffelObject>().Fields.TryWriteCached(in key, in value))
        {
            r0 = Value.Unit;
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool SetFieldByLookup(ref Value r0, in Value table, in Value key, in Value value) =>
        ReturnedInPlace(TrySetField(in table, in key, in value), ref r0, Value.Unit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool PushInPlace(ref Value r0, in Value array, in Value value)
    {
        if (ReserveAppends(in array, 1) is not { } elements)
        {
            return false;
        }
        elements.Add(value);
        return ReturnedInPlace(true, ref r0, Value.FromI64(elements.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool LengthInPlace(ref Value r0, in Value target) =>
        ReturnedInPlace(TryLength(in target, out var result), ref r0, in result);

    // get_upvalue and set_upvalue first look for the name object itself, on a path that calls
    // nothing (SameNameCell); anything else is a tail call to the search by text.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool GetUpvalueInPlace(ref Value r0, in ActivationRecord frame, in Value name) =>
        TryGetUpvalueFast(ref r0, in frame, in name) || GetUpvalueByText(ref r0, in frame, in name);

    /// <summary>get_upvalue's case that calls nothing and fails never: the frame's closure has a cell under the very name object (<see cref="SameNameCell"/>). False, changing nothing, otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGetUpvalueFast(ref Value r0, in ActivationRecord frame, in Value name)
    {
        ref var cell = ref SameNameCell(in frame, in name);
        if (Unsafe.IsNullRef(ref cell))
        {
            return false;
        }
        Value.Copy(ref r0, in cell);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool GetUpvalueByText(ref Value r0, in ActivationRecord frame, in Value name) =>
        ReturnedInPlace(TryGetUpvalue(in frame, in name, out var result), ref r0, in result);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SetUpvalueInPlace(ref Value r0, in ActivationRecord frame, in Value name, in Value value) =>
        TrySetUpvalueFast(ref r0, in frame, in name, in value) || SetUpvalueByText(ref r0, in frame, in name, in value);

    /// <summary>set_upvalue's case that calls nothing and fails never (as <see cref="TryGetUpvalueFast"/>'s). False, changing nothing, otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySetUpvalueFast(ref Value r0, in ActivationRecord frame, in Value name, in Value value)
    {
        ref var cell = ref SameNameCell(in frame, in name);
        if (Unsafe.IsNullRef(ref cell))
        {
            return false;
        }
        Value.Copy(ref cell, in value); // no GC write barrier for a scalar
        r0 = Value.Unit;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool SetUpvalueByText(ref Value r0, in ActivationRecord frame, in Value name, in Value value) =>
        ReturnedInPlace(TrySetUpvalue(in frame, in name, in value), ref r0, Value.Unit);

    /// <summary>
    /// The cell of the frame's upvalue named by the very string object <paramref name="name"/>
    /// holds (names from one constant pool are one object), or a null ref for the search by text:
    /// also when an earlier name of the same length might be equal to it, so the first match by
    /// text, which the search returns, is never skipped (<see cref="UpvalueIndex"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Value SameNameCell(in ActivationRecord frame, in Value name)
    {
        if (frame.Upvalues is { } upvalues && name.Kind == ValueKind.String)
        {
            var text = name.PayloadAs<VmString>().Text;
            var names = upvalues.Names;
            for (var i = 0; i < names.Length; i++)
            {
                if (ReferenceEquals(names[i], text))
                {
                    return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(upvalues.Cells), i); // a closure has a cell per name
                }
                if (names[i].Length == text.Length)
                {
                    break;
                }
            }
        }
        return ref Unsafe.NullRef<Value>();
    }

    // The builtin's result into r0 when it handled the call; whether it did.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ReturnedInPlace(bool handled, ref Value r0, in Value result)
    {
        if (handled)
        {
            Value.Copy(ref r0, in result);
        }
        return handled;
    }

    // get_field: an object's field (Unit when missing), or an array element at an in-range I64 index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGetField(in Value table, in Value key, out Value result)
    {
        if (table.Kind == ValueKind.Object)
        {
            result = table.PayloadAs<StoffelObject>().Fields.Read(in key);
            return true;
        }
        return TryGetElement(in table, in key, out result);
    }

    // Whether table is an array with an element at key, an in-range I64 index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasElement(in Value table, in Value key) =>
        table.Kind == ValueKind.Array && key.Kind == ValueKind.I64 && (ulong)key.Bits < (ulong)table.PayloadAs<StoffelArray>().Length;

    // get_field of an array: the element at an in-range I64 index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGetElement(in Value table, in Value key, out Value result)
    {
        if (HasElement(in table, in key))
        {
            result = table.PayloadAs<StoffelArray>().Elements[(int)key.Bits];
            return true;
        }
        result = default;
        return false;
    }

    // set_field: an object's field, or an existing array element at an I64 index.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TrySetField(in Value table, in Value key, in Value value)
    {
        if (table.Kind == ValueKind.Object)
        {
            ChargeFieldRoom(table.PayloadAs<StoffelObject>(), key);
            table.PayloadAs<StoffelObject>().Fields.Set(key, value);
            return true;
        }
        if (HasElement(in table, in key))
        {
            table.PayloadAs<StoffelArray>().Elements[(int)key.Bits] = value;
            return true;
        }
        return false;
    }

    // array_push(array, values…) on the argument stack → the new length into r0, when it stays within the array-length limit.
    private bool PushAllInPlace(ref Value r0, ref Value arguments, int count)
    {
        if (ReserveAppends(in arguments, count - 1) is not { } elements)
        {
            return false;
        }
        for (var i = 1; i < count; i++)
        {
            elements.Add(Unsafe.Add(ref arguments, i));
        }
        return ReturnedInPlace(true, ref r0, Value.FromI64(elements.Count));
    }

    // The elements of array when appending values more stays within the array-length limit, with
    // the appends charged as the array_push builtin charges them; else null.
    private ValueList? ReserveAppends(in Value array, int values)
    {
        if (array.Kind != ValueKind.Array)
        {
            return null;
        }
        var elements = array.PayloadAs<StoffelArray>().Elements;
        if ((long)elements.Count + values > _limits.MaxArrayLength)
        {
            return null;
        }
        ChargeWork(values);
        Heap.Charge(values * HeapWalker.ElementBytes, array.Payload);
        return elements;
    }

    // array_length / len of an array (a string's length counts Unicode scalars: the delegate's job).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryLength(in Value target, out Value result)
    {
        if (target.Kind == ValueKind.Array)
        {
            result = Value.FromI64(target.PayloadAs<StoffelArray>().Length);
            return true;
        }
        result = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGetUpvalue(in ActivationRecord frame, in Value name, out Value result)
    {
        var index = name.Kind == ValueKind.String ? UpvalueIndex(in frame, name.PayloadAs<VmString>().Text) : -1;
        result = index >= 0 ? frame.Upvalues!.Cells[index] : default;
        return index >= 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySetUpvalue(in ActivationRecord frame, in Value name, in Value value)
    {
        var index = name.Kind == ValueKind.String ? UpvalueIndex(in frame, name.PayloadAs<VmString>().Text) : -1;
        if (index >= 0)
        {
            Value.Copy(ref frame.Upvalues!.Cells[index], in value); // no GC write barrier for a scalar
        }
        return index >= 0;
    }

    /// <summary>
    /// call_closure(closure, args…) inline, or declines: the closure's arguments follow it on the
    /// argument stack, so they become the frame's parameters where they are; the return consumes
    /// the closure value too. With depth and room to spare the record is entered directly, as the
    /// CALL enters a program function (<see cref="TryClosureCallee{TMode}"/> rules out a hook on the call's
    /// events and another arity); otherwise <see cref="PushFrame"/> grows the stack or reports the
    /// limit. Under call observers that take batches and nothing else that would see the call
    /// (<see cref="RecordsInlineBuiltins"/>), inline too where the record is entered directly (a
    /// record array or value stack to grow sends the call to the builtin, whose
    /// <see cref="PushFrame"/> reports it), with what the builtin reports one by one
    /// recorded: the call of <paramref name="target"/> and, at the same depth, the closure
    /// function's (its frame's return is recorded as any other's,
    /// <see cref="HookDelivery.TryRecordReturn"/>). Out of
    /// <see cref="RunIntrinsic(CallTarget, in ActivationRecord)"/>, whose table paths' locals would
    /// make every closure call pay their prologue.
    /// </summary>
    private IntrinsicOutcome EnterClosure(in ActivationRecord frame, CallTarget target)
    {
        var argBase = frame.ArgBase;
        var table = Hooks.Table;
        if (ClosureCalleeBinding(in Calls.Arguments[argBase], Calls.ArgumentTop - argBase - 1) is not { } function)
        {
            return IntrinsicOutcome.Declined;
        }
        var observed = ObservesIntrinsics(table);
        if (!Calls.CanEnter(function))
        {
            if (observed)
            {
                return IntrinsicOutcome.Declined; // PushFrame would report the closure's call: the builtin reports both
            }
            PushFrame(function, argBase + 1, function.ParameterCount, argBase, Calls.Arguments[argBase].PayloadAs<Closure>());
            return IntrinsicOutcome.PushedFrame;
        }
        if (observed && !RecordClosureCall(table, target, function))
        {
            return IntrinsicOutcome.Declined;
        }
        var closure = Calls.Arguments[argBase].PayloadAs<Closure>(); // read after the records: handing them over may have run nested code
        Calls.InitFrame(function, argBase + 1, function.ParameterCount, argBase, closure);
        if (table.CountsInstructions)
        {
            CountsOf(function)[^1]++; // PushFrame counts the calls it makes
        }
        Calls.FrameCount++;
        return IntrinsicOutcome.PushedFrame;
    }

    /// <summary>
    /// <see cref="EnterClosure"/>'s records under <paramref name="hooks"/>, which observe the call:
    /// the calls of call_closure (<paramref name="target"/>) and of <paramref name="function"/>,
    /// both a depth below the caller's and at its instruction count, as the builtin and the frame
    /// it pushes report them one by one. True when the closure may be entered: they were recorded,
    /// or a hook runs (nothing is reported then); false, with nothing recorded, when
    /// <paramref name="hooks"/> do not only record the call, or handing records over changed them.
    /// </summary>
    private bool RecordClosureCall(HookTable hooks, CallTarget target, RuntimeFunction function)
    {
        if (!RecordsInlineBuiltins(hooks))
        {
            return false;
        }
        var calleeDepth = Calls.FrameCount + 1;
        if (!Delivery.RecordInlineClosureCall(hooks, target, function, calleeDepth, InstructionsExecuted))
        {
            return true; // while a hook runs, nothing is reported
        }
        if (!ReferenceEquals(Hooks.Table, hooks))
        {
            Delivery.RetractInlineClosureCall(); // observers handed the records changed the hooks: the builtin reports the call to the new ones
            return false;
        }
        return true;
    }

    /// <summary>
    /// The program function the plain loop's bound call_closure of <paramref name="closure"/> with
    /// <paramref name="argCount"/> arguments (never negative: a call_closure is bound only with its
    /// closure pushed, BoundBuiltinCall.Bind) enters in place, in <paramref name="callee"/>; false
    /// when the builtin must run instead: a hook in <paramref name="hooks"/> observes it, or the
    /// value is not a closure of a loaded function taking that many arguments, or one not bound to
    /// this VM yet: the builtin binds it, so only its first call here takes that way, and the loop
    /// keeps no call (and no spill of its locals around one) on the path of the others. The
    /// recording loop's hooks, which observe it, only record it (<see cref="RecordBoundClosureCall"/>).
    /// Early returns rather than <see cref="ClosureCalleeBinding"/>'s chain of conditionals, whose
    /// joins the JIT left as jumps and a second null test on the loop's path; the binding test is
    /// <see cref="BoundFunction"/>'s written out, because calling it brings one of those joins back
    /// (closure 373.4 → 376.7 machine instructions per iteration, bench/pathlength.sh).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryClosureCallee<TMode>(HookTable hooks, in Value closure, int argCount, [NotNullWhen(true)] out RuntimeFunction? callee) where TMode : struct, IExecutionMode
    {
        callee = null;
        if ((typeof(TMode) != typeof(RecordingMode) && ObservesIntrinsics(hooks)) || closure.Kind != ValueKind.Closure
            || closure.PayloadAs<Closure>().BoundFunction is not { } bound || !ReferenceEquals(bound.Owner, this))
        {
            return false;
        }
        callee = bound;
        return callee.ParameterCount == argCount;
    }

    /// <summary>
    /// The records of a bound call_closure the recording loop (<see cref="RecordingMode"/>, whose
    /// hooks only record the call) enters in place, the fused run <paramref name="run"/> in
    /// <paramref name="caller"/> calling a closure of <paramref name="function"/>: as
    /// <see cref="RecordClosureCall"/> records them, the loop's <paramref name="countdown"/>
    /// published for their instruction count, but only where no hand-over is needed, which could
    /// run observers. False, recording nothing, otherwise: the fused call takes that way.
    /// Inlined into the recording copy of the loop alone, as <see cref="RecordFusedCall"/> is
    /// (`--profile` closure 887.7 → 885.8 machine instructions per iteration; through the copy's
    /// register allocation also fib 471.6 → 466.6 per call, calls 483.6 → 478.6, loop 151.5 → 154.5).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool RecordBoundClosureCall(HookTable hooks, RuntimeFunction caller, in Instruction run, RuntimeFunction function, int countdown)
    {
        PublishCountdown<RecordingMode>(countdown); // the records' instruction count
        return Delivery.TryRecordInlineClosureCall(this, hooks, caller.Callees[run.C]!, function, Calls.FrameCount + 1, InstructionsExecuted); // a fused run's C: its CALL's target
    }

    /// <summary>
    /// The program function a call_closure of <paramref name="closure"/> with
    /// <paramref name="argCount"/> arguments enters, whatever the hooks, or null when the value is
    /// not a closure of a loaded function taking that many arguments; the closure is bound to this
    /// VM first if it is not yet (<see cref="EnterClosure"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RuntimeFunction? ClosureCalleeBinding(in Value closure, int argCount) =>
        argCount >= 0 && closure.Kind == ValueKind.Closure
        && ClosureFunction(closure.PayloadAs<Closure>()) is { } function
        && function.ParameterCount == argCount
            ? function
            : null;
}
