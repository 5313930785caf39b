using Stoffel.Vm.Hooks;

namespace Stoffel.Hooks;

/// <summary>
/// The depth (frames alive, 1 = entry function) of the function a call event is about.
/// BeforeFunctionCall and AfterFunctionCall both carry the caller's depth, for program and
/// foreign functions alike (docs/hooks.md), so the callee is one deeper.
/// </summary>
internal static class CalleeDepth
{
    /// <summary>Depth of the callee of a BeforeFunctionCall or AfterFunctionCall.</summary>
    public static int Of(in HookEvent e) => e.CallDepth + 1;
}
