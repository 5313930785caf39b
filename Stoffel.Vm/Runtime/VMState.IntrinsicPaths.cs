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
        /// observers that take batches, with the call and its return recorded, or the call counted
        /// for observers that take counts (<see cref="Recorded{TOperation}"/>, given the path's
        /// <see cref="IInPlaceOperation"/>), and declines otherwise.
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

        /// <summary>
        /// <see cref="RunInPlace"/> when a hook observes the call: run under call observers that
        /// take batches and nothing else that would see it, with the call and its return recorded
        /// (<see cref="RecordsInlineBuiltins"/>), or the call counted where they take counts
        /// (<see cref="RunCounted{TPath}"/>), as <see cref="RunIntrinsic(CallTarget, in ActivationRecord)"/>
        /// does for a CALL; otherwise declined, for the CALL to report it.
        /// <typeparamref name="TOperation"/> is the path's common case, inlined here between the
        /// records rather than reached through the path's virtual call again.
        /// </summary>
        /// <returns>True when the call was handled (its result in r0).</returns>
        /// <remarks>
        /// Out of line, with four arguments, so that the path's unobserved case keeps its short
        /// prologue (array_push's grew by 7 machine instructions with a call to a method of the
        /// state taking five). Running the operation itself, it took profiled array 904.6 →
        /// 826.5 machine instructions per iteration, object 799.5 → 733.6, closure 1,546 →
        /// 1,466 (bench/pathlength.sh's units): before, it called the state's method, which called
        /// the path again with <see cref="HookTable.Empty"/>.
        /// </remarks>
        [MethodImpl(MethodImplOptions.NoInlining)] // out of the plain and counting loops
        protected bool Recorded<TOperation>(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run)
            where TOperation : IInPlaceOperation
        {
            var inPlace = new InPlace<TOperation>(Vm, in frame, ref registers, in run);
            return Vm.RunRecorded(frame.Function.Callees[run.C]!, hooks, ref inPlace); // a fused run's C: its CALL's target (FusedCall)
        }
    }

    /// <summary>
    /// An inline path's common case on the registers a fused run's PUSHARGs name (each path's
    /// <c>Operation</c>): what <see cref="IntrinsicPath.RunInPlace"/> runs when no hook observes
    /// the call, and <see cref="IntrinsicPath.Recorded{TOperation}"/> between the call's record
    /// and the return's.
    /// </summary>
    internal interface IInPlaceOperation
    {
        /// <summary>Runs the builtin in <paramref name="vm"/> on the registers the PUSHARGs from <paramref name="run"/> name, its result to r0 of <paramref name="registers"/> (<paramref name="frame"/>'s); false, changing nothing, when it declines.</summary>
        static abstract bool Run(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run);
    }

    private sealed class GetFieldPath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 2 && (ObservesIntrinsics(hooks) ? Recorded<Operation>(hooks, in frame, ref registers, in run) : Operation.Run(Vm, in frame, ref registers, in run));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count >= 2 && GetFieldInPlace(ref r0, in arguments, in Unsafe.Add(ref arguments, 1));

        private readonly struct Operation : IInPlaceOperation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static bool Run(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run) =>
                GetFieldInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1));
        }
    }

    private sealed class SetFieldPath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 3 && (ObservesIntrinsics(hooks) ? Recorded<Operation>(hooks, in frame, ref registers, in run) : Operation.Run(Vm, in frame, ref registers, in run));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count >= 3 && Vm.SetFieldInPlace(ref r0, in arguments, in Unsafe.Add(ref arguments, 1), in Unsafe.Add(ref arguments, 2));

        private readonly struct Operation : IInPlaceOperation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static bool Run(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run) =>
                vm.SetFieldInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1), in Pushed(ref registers, in run, 2));
        }
    }

    private sealed class ArrayPushPath(VMState vm) : IntrinsicPath(vm)
    {
        // A fused run pushes one value; a CALL may push several.
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 2 && (ObservesIntrinsics(hooks) ? Recorded<Operation>(hooks, in frame, ref registers, in run) : Operation.Run(Vm, in frame, ref registers, in run));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count == 2 ? Vm.PushInPlace(ref r0, in arguments, in Unsafe.Add(ref arguments, 1)) // one value, as most calls push: no loop
            : count > 2 && Vm.PushAllInPlace(ref r0, ref arguments, count);

        private readonly struct Operation : IInPlaceOperation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static bool Run(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run) =>
                vm.PushInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1));
        }
    }

    private sealed class ArrayLengthPath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 1 && (ObservesIntrinsics(hooks) ? Recorded<Operation>(hooks, in frame, ref registers, in run) : Operation.Run(Vm, in frame, ref registers, in run));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count == 1 && LengthInPlace(ref r0, in arguments);

        private readonly struct Operation : IInPlaceOperation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static bool Run(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run) =>
                LengthInPlace(ref registers, in Pushed(ref registers, in run, 0));
        }
    }

    private sealed class GetUpvaluePath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 1 && (ObservesIntrinsics(hooks) ? Recorded<Operation>(hooks, in frame, ref registers, in run) : Operation.Run(Vm, in frame, ref registers, in run));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count == 1 && GetUpvalueInPlace(ref r0, in frame, in arguments);

        private readonly struct Operation : IInPlaceOperation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static bool Run(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run) =>
                GetUpvalueInPlace(ref registers, in frame, in Pushed(ref registers, in run, 0));
        }
    }

    private sealed class SetUpvaluePath(VMState vm) : IntrinsicPath(vm)
    {
        public override bool RunInPlace(HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 2 && (ObservesIntrinsics(hooks) ? Recorded<Operation>(hooks, in frame, ref registers, in run) : Operation.Run(Vm, in frame, ref registers, in run));

        public override bool RunOnStack(in ActivationRecord frame, ref Value r0, ref Value arguments, int count) =>
            count >= 2 && SetUpvalueInPlace(ref r0, in frame, in arguments, in Unsafe.Add(ref arguments, 1));

        private readonly struct Operation : IInPlaceOperation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static bool Run(VMState vm, in ActivationRecord frame, ref Value registers, in Instruction run) =>
                SetUpvalueInPlace(ref registers, in frame, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1));
        }
    }
}
