using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Where a function's plain code leaves a constant load's register unwritten
/// (<see cref="ImmediateOperands"/>): per instruction index, the registers that hold an I64
/// constant as far as the program goes while a record stands there, and which constant. A
/// record's slots read through <see cref="CallStack.SlotValue"/> show it, and
/// <see cref="CallStack.ClearUnwritten"/> writes it before anything else may read or write the
/// slots themselves.
/// </summary>
internal sealed class PendingConstants
{
    // Per instruction index, the pending registers and their constants, or null for none.
    private readonly (int Register, long Value)[]?[] _at;

    /// <summary>A table of <paramref name="at"/>: per instruction index, the pending registers and their constants (null for none).</summary>
    public PendingConstants((int Register, long Value)[]?[] at) => _at = at;

    /// <summary>The registers pending where a record stands at <paramref name="ip"/> (before that instruction runs), with their constants; empty for none.</summary>
    public ReadOnlySpan<(int Register, long Value)> At(int ip) => (uint)ip < (uint)_at.Length ? _at[ip] : default;

    /// <summary>Whether register <paramref name="register"/> is pending at <paramref name="ip"/>, and then the value the program has in it.</summary>
    public bool TryGet(int ip, int register, out Value value)
    {
        foreach (var (pending, constant) in At(ip))
        {
            if (pending == register)
            {
                value = Value.FromI64(constant);
                return true;
            }
        }
        value = default;
        return false;
    }
}
