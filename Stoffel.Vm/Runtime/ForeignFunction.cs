using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// A function implemented in C# and callable from Stoffel code by name (builtins are registered
/// this way too). It receives the call's arguments in push order and returns the value that
/// lands in the caller's r0. Throw <see cref="StoffelError"/> to report a script error.
/// </summary>
/// <param name="context">The arguments and access to the VM for this call; valid only during the call.</param>
/// <returns>The result (Unit for none).</returns>
public delegate Value ForeignFunction(ForeignFunctionContext context);
