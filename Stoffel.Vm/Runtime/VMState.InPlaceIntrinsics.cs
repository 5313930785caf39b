using System.Runtime.CompilerServices;
using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

internal sealed partial class VMState
{
    /// <summary>
    /// The in-place path of one intrinsic (<see cref="Intrinsic"/>) for a fused call
    /// (<see cref="FusedCall"/>): the builtin run on the registers the run's PUSHARGs name, without
    /// touching the argument stack, or declined as <see cref="RunIntrinsic"/> declines. The
    /// linker gives each builtin's <see cref="CallTarget"/> its path
    /// (<see cref="CallTarget.InPlace"/>), so the dispatch loop calls it through one virtual call
    /// with no switch over the intrinsic in between. call_closure has none: it enters a frame
    /// (<see cref="EnterClosureInPlace"/>).
    /// </summary>
    internal abstract class InPlaceIntrinsic
    {
        /// <summary>The path for <paramref name="intrinsic"/>, or null when it has none.</summary>
        public static InPlaceIntrinsic? For(Intrinsic intrinsic) => intrinsic switch
        {
            Intrinsic.GetField => new GetFieldPath(),
            Intrinsic.SetField => new SetFieldPath(),
            Intrinsic.ArrayPush => new ArrayPushPath(),
            Intrinsic.ArrayLength => new ArrayLengthPath(),
            Intrinsic.GetUpvalue => new GetUpvaluePath(),
            Intrinsic.SetUpvalue => new SetUpvaluePath(),
            _ => null,
        };

        /// <summary>
        /// Runs the builtin on <paramref name="pushes"/> pushed registers — <paramref name="run"/>
        /// and the instructions after it name them — writing its result to r0 of
        /// <paramref name="registers"/>, or declines, changing nothing. <paramref name="hooks"/>:
        /// the table the plain or counting loop runs with (a change of hooks ends its slice first).
        /// </summary>
        /// <returns>True when the call was handled.</returns>
        public abstract bool Run(VMState vm, HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes);

        // The register the index-th PUSHARG of a fused run names (byte offsets: RegisterOffsets).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static ref Value Pushed(ref Value registers, in Instruction run, int index) =>
            ref Unsafe.AddByteOffset(ref registers, (nuint)(uint)Unsafe.Add(ref Unsafe.AsRef(in run), index).A);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected static bool Observed(HookTable hooks) => (hooks.Mask & IntrinsicObservers) != 0;
    }

    private sealed class GetFieldPath : InPlaceIntrinsic
    {
        public override bool Run(VMState vm, HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 2 && !Observed(hooks) && GetFieldInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1));
    }

    private sealed class SetFieldPath : InPlaceIntrinsic
    {
        public override bool Run(VMState vm, HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 3 && !Observed(hooks) && vm.SetFieldInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1), in Pushed(ref registers, in run, 2));
    }

    private sealed class ArrayPushPath : InPlaceIntrinsic
    {
        public override bool Run(VMState vm, HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 2 && !Observed(hooks) && vm.PushInPlace(ref registers, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1));
    }

    private sealed class ArrayLengthPath : InPlaceIntrinsic
    {
        public override bool Run(VMState vm, HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 1 && !Observed(hooks) && LengthInPlace(ref registers, in Pushed(ref registers, in run, 0));
    }

    private sealed class GetUpvaluePath : InPlaceIntrinsic
    {
        public override bool Run(VMState vm, HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes == 1 && !Observed(hooks) && GetUpvalueInPlace(ref registers, in frame, in Pushed(ref registers, in run, 0));
    }

    private sealed class SetUpvaluePath : InPlaceIntrinsic
    {
        public override bool Run(VMState vm, HookTable hooks, in ActivationRecord frame, ref Value registers, in Instruction run, int pushes) =>
            pushes >= 2 && !Observed(hooks) && SetUpvalueInPlace(ref registers, in frame, in Pushed(ref registers, in run, 0), in Pushed(ref registers, in run, 1));
    }
}
