using System.Globalization;

namespace Stoffel.Vm.Runtime;

/// <summary>Byte counts for people: binary units (KiB, MiB, GiB), up to two decimals.</summary>
internal static class ByteSize
{
    private static readonly string[] Units = ["bytes", "KiB", "MiB", "GiB", "TiB"];

    /// <summary><c>1073741824</c> → <c>1 GiB</c>; <c>1100000000</c> → <c>1.02 GiB</c>; <c>512</c> → <c>512 bytes</c>.</summary>
    public static string Format(long bytes)
    {
        var value = (double)bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return $"{value.ToString(unit == 0 ? "0" : "0.##", CultureInfo.InvariantCulture)} {Units[unit]}";
    }
}
