using System.Globalization;

namespace Stoffel.Debugger.Adapter;

/// <summary>
/// The text of an instruction address in DAP (<c>instructionPointerReference</c>,
/// <c>memoryReference</c>, <c>instructionReference</c>, a disassembled instruction's
/// <c>address</c>): <c>0x</c> and eight or more hex digits. A negative address (before the first
/// function, shown as an invalid row) is written in decimal, which clients still parse as a number.
/// </summary>
internal static class InstructionReference
{
    public static string Format(long address) =>
        address >= 0 ? "0x" + address.ToString("X8", CultureInfo.InvariantCulture) : address.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>0x…</c> hex or a decimal number.</summary>
    /// <exception cref="RequestException">Neither.</exception>
    public static long Parse(string text, string what)
    {
        var trimmed = text.Trim();
        var parsed = trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(trimmed.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : (long?)null
            : long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
        return parsed ?? throw new RequestException($"'{what}' must be an address such as 0x00001000, got '{text}'");
    }
}
