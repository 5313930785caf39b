using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;

namespace Stoffel.Hooks;

/// <summary>
/// The depth (frames alive, 1 = entry function) of the function a call event is about. The VM
/// reports <c>CallDepth</c> as it stands: a BeforeFunctionCall fires before the callee's frame
/// exists (so the callee will be at CallDepth + 1); an AfterFunctionCall of a program function
/// fires while its frame still exists, while a foreign function never had a frame.
/// </summary>
internal static class CalleeDepth
{
    /// <summary>Depth of the callee of a BeforeFunctionCall.</summary>
    public static int BeforeCall(in HookEvent e) => e.CallDepth + 1;

    /// <summary>Depth of the function an AfterFunctionCall reports returning.</summary>
    public static int AfterCall(VirtualMachine vm, in HookEvent e) => AfterCall(in e, vm.Inspector.IsForeignFunction(e.Name!));

    /// <summary>Depth of the function an AfterFunctionCall reports returning, when the caller knows whether it is foreign.</summary>
    public static int AfterCall(in HookEvent e, bool foreign) => foreign ? e.CallDepth + 1 : e.CallDepth;
}
