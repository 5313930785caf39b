namespace Stoffel.Vm.Runtime;

/// <summary>
/// Upstream's MPC builtin modules (<c>Share.*</c>, <c>ClientStore.*</c>, …: upstream
/// <c>mpc_builtins.rs</c>). This VM has no MPC engine, so a CALL that reaches one of them, unless a
/// host registered it, fails with <see cref="VmErrorKind.MpcRequired"/> instead of
/// <see cref="VmErrorKind.FunctionNotFound"/>.
/// </summary>
public static class MpcBuiltins
{
    private static readonly string[] Modules = ["Share.", "ClientStore.", "Mpc.", "Rbc.", "MpcOutput.", "Field.", "Avss.", "Bytes.", "Crypto."];

    /// <summary>True when <paramref name="name"/> belongs to one of upstream's MPC modules.</summary>
    public static bool Contains(string name) => Modules.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
