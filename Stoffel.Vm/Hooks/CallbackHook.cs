using System.Diagnostics;

namespace Stoffel.Vm.Hooks;

/// <summary>
/// The type of the tracing loop's copy for a sole instruction hook registered as a
/// <see cref="HookCallback"/> delegate: a marker. That copy calls the delegate the loop read from
/// the registration as it started (<c>VMState.Tracer</c>), one load from the call; through a
/// field of this struct in <see cref="Loop"/> it would be two, and a no-op hook on fib(35) in a
/// Native AOT host ran 4% slower.
/// </summary>
internal readonly struct CallbackHook : IInstructionHook
{
    /// <summary>Every delegate registration's way into the tracing loop (<see cref="HookRegistration.TracingLoop"/>).</summary>
    internal static readonly TracingLoop Loop = new TracingLoop<CallbackHook>(default);

    /// <summary>Never called: the tracing loop calls the delegate itself (<c>VMState.Trace</c>).</summary>
    /// <exception cref="UnreachableException">Always.</exception>
    public void BeforeInstructionExecute(in HookEvent hookEvent, HookContext context) =>
        throw new UnreachableException("the tracing loop calls a delegate hook through VMState.Tracer");
}
