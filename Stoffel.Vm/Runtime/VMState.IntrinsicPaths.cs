using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

internal sealed partial class VMState
{
    /// <summary>
    /// The inline path of one intrinsic (<see cref="Intrinsic"/>): the builtin's common case run
    /// on its arguments where they are, its result written to the caller's r0, or declined,
    /// changing nothing, so that the registered delegate runs instead. The linker gives each
    /// builtin's <see cref="CallTarget"/> its path (<see cref="CallTarget.Path"/>), so the
    /// dispatch loop reaches it through one virtual call, with no switch over the intrinsic in
    /// between. Two entries, one per place the arguments can be: the registers a fused call's
    /// PUSHARGs name (<see cref="RunInPlace"/>), or the argument stack a CALL takes
    /// (<see cref="RunOnStack"/>). call_closure has none: it enters a frame
    /// (<see cref="EnterClosure"/>, and in place <see cref="BoundBuiltinCall.CallClosure"/>).
    /// </summary>
    /// <param name="vm">The VM whose state the path works on, the one it was registered in.</param>
    internal abstract class IntrinsicPath(VMState vm)
    {
        /// <summary>The VM the path runs in.</summary>
        protected VMState Vm { get; } = vm;

        /// <summary>The path for <paramref name="intrinsic"/> in <paramref name="vm"/>, or null when it has none.</summary>
        public static IntrinsicPath? For(Intrinsic intrinsic, VMState vm) => intrinsic switch
        {
            Intrinsic.GetField => new GetFieldPath(vm),
            Intrinsic.SetField => new SetFieldPath(vm),
            Intrinsic.ArrayPush => new ArrayPushPath(vm),
            Intrinsic.ArrayLength => new ArrayLengthPath(vm),
            Intrinsic.GetUpvalue => new GetUpvaluePath(vm),
            Intrinsic.SetUpvalue => new SetUpvaluePath(vm),
            _ => null,
        };

        /// <summary>
        /// Runs the builtin for a fused call (<see cref="FusedCall"/>) on the
        /// <paramref name="pushes"/> registers its PUSHARGs name — <paramref name="run"/> and the
        /// instructions after it, as byte offsets (<see cref="RegisterOffsets"/>) — without
        /// touching the argument stack, writing its result to r0 of <paramref name="registers"/>.
        /// <paramref name="hooks"/>: the table the plain or counting loop runs with (a change of
        /// hooks ends its slice first); when a hook observes the call, the path runs only for call
        /// observers that take batches, with the call and its return recorded
        /// (<see cref="RunInPlaceRecorded"/>), and declines otherwise.
        /// </summary>
        /// <returns>True when the call was handled.</returns>
        public abstract bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes);

        /// <summary>
        /// Runs the builtin for a CALL in <paramref name="frame"/> on the <paramref name="count"/>
        /// arguments at <paramref name="arguments"/> (the frame's argument stack), writing its
        /// result to <paramref name="r0"/>; the caller consumes the arguments when it returns
        /// true, and has checked that no hook observes the call.
        /// </summary>
        /// <returns>True when the call was handled.</returns>
        public abstract bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count);

        // The register the index-th PUSHARG of a fused run names (byte offsets: RegisterOffsets).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static ref Value Pushed(ref Value registers, in Instruction run, int index) =>
            ref Unsafe.AddByteOffset(ref registers, (nuint)(uint)Unsafe.Add(ref Unsafe.AsRef(in run), index).A);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static bool Observed(HookTable hooks) => (hooks.Mask & IntrinsicObservers) != 0;

        // RunInPlace when observed (RunInPlaceRecorded). Six arguments, all in machine registers,
        // so that the paths' unobserved cases keep their short prologues (array_push's grew by 4
        // machine instructions calling RunInPlaceRecorded itself, which takes seven).
        [MethodImpl(MethodImplOptions.NoInlining)]
        protected bool Recorded(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            Vm.RunInPlaceRecorded(this, hooks, in frame, ref registers, in run, pushes);
    }

    private sealed class GetFieldPath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 2 && (Observed(hooks) ? Recorded(hooks, in frame, ref registers, in run, pushes) : GetFieldInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1)));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count >= 2 && GetFieldInPlace(ref r0, in arguments, in Unsafe.Add(ref arguments, 1));
    }

    private sealed class SetFieldPath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 3 && (Observed(hooks) ? Recorded(hooks, in frame, ref registers, in run, pushes) : Vm.SetFieldInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1), in Pushed(ref registers, in run, 2)));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count >= 3 && Vm.SetFieldInPlace(ref r0, in arguments, in Unsafe.Add(ref arguments, 1), in Unsafe.Add(ref arguments, 2));
    }

    private sealed class ArrayPushPath(VMState vm) : IntrinsicPath(vm)
    {
        // A fused run pushes one value; a CALL may push several.
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 2 && (Observed(hooks) ? Recorded(hooks, in frame, ref registers, in run, pushes) : Vm.PushInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1)));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count == 2 ? Vm.PushInPlace(ref r0, in arguments, in Unsafe.Add(ref arguments, 1)) // one value, as most calls push: no loop
            : count > 2 && Vm.PushAllInPlace(ref r0, ref arguments, count);
    }

    private sealed class ArrayLengthPath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 1 && (Observed(hooks) ? Recorded(hooks, in frame, ref registers, in run, pushes) : LengthInPlace(ref registers, in Pushed(ref registers, in run, 0)));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count == 1 && LengthInPlace(ref r0, in arguments);
    }

    private sealed class GetUpvaluePath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 1 && (Observed(hooks) ? Recorded(hooks, in frame, ref registers, in run, pushes) : GetUpvalueInPlace(ref registers, in frame, in Pushed(ref registers, in run, 0)));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count == 1 && GetUpvalueInPlace(ref r0, in frame, in arguments);
    }

    private sealed class SetUpvaluePath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 2 && (Observed(hooks) ? Recorded(hooks, in frame, ref registers, in run, pushes) : SetUpvalueInPlace(ref registers, in frame, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1)));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count >= 2 && SetUpvalueInPlace(ref r0, in frame, in arguments, in Unsafe.Add(ref arguments, 1));
    }
}
