using System.Runtime.CompilerServices;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Bounds a VM's live heap (<see cref="ExecutionLimits.MaxMemoryBytes"/>,
/// <see cref="ExecutionLimits.MaxObjects"/>) without pinning anything: what the program drops is
/// the .NET collector's. Every growth — a table, an element, a field, a long string, the call frames' stacks — is charged
/// here as an estimate (this class knows what a field map's doubling and a string cost); when the charges since the last measurement pass a headroom, the VM
/// measures what is really live (<see cref="HeapWalker"/>) and fails the run only if that is over
/// a limit. The headroom grows with the live heap (like a collector's heap target), so a program
/// that allocates and drops pays a walk of its small live heap now and then, and one that keeps
/// everything pays walks that total a small multiple of its heap.
/// </summary>
internal sealed class HeapBudget
{
    /// <summary>The smallest byte headroom between measurements.</summary>
    private const long MinimumByteHeadroom = 64L * 1024 * 1024;

    private readonly Func<object?, HeapUsage> _measure;
    private readonly Func<ExecutionLimits> _limits;
    private long _chargedBytes;
    private long _byteHeadroom;
    private long _chargedTables;
    private long _tableHeadroom;

    /// <param name="measure">Measures the live heap, counting the given table (one being built) as live.</param>
    /// <param name="limits">The VM's current limits.</param>
    public HeapBudget(Func<object?, HeapUsage> measure, Func<ExecutionLimits> limits)
    {
        _measure = measure;
        _limits = limits;
        SetHeadroom(default);
    }

    /// <summary>The live heap at the last measurement.</summary>
    public HeapUsage LastMeasured { get; private set; }

    /// <summary>
    /// Charges <paramref name="bytes"/> about to be allocated: growth of <paramref name="table"/>
    /// (which counts as live even if nothing refers to it yet), or a new string (null).
    /// </summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the live heap and the growth would pass the limit.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Charge(long bytes, object? table)
    {
        _chargedBytes += bytes;
        if (_chargedBytes > _byteHeadroom)
        {
            Remeasure(table, bytes, newTables: 0);
        }
    }

    /// <summary>
    /// Charges a full object's field map for the doubled storage it allocates when
    /// <paramref name="key"/> is a new field (the old storage is still live while it is copied).
    /// </summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the live heap and the growth would pass the limit.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ChargeFieldRoom(StoffelObject table, in Value key)
    {
        if (table.Fields is var fields && fields.Count == fields.Capacity)
        {
            ChargeFullFieldMap(table, in key);
        }
    }

    // ChargeFieldRoom's rare half: out of line, so that a write to a map with room (inlined into
    // the VM's set_field) does not pay for the key search's registers and stack.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ChargeFullFieldMap(StoffelObject table, in Value key)
    {
        var fields = table.Fields;
        if (!fields.ContainsKey(key))
        {
            Charge(2L * fields.Capacity * HeapWalker.FieldBytes, table);
        }
    }

    /// <summary>Checks a new string against the length limit and charges it.</summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: the string is too long, or the live heap and it would pass the limit.</exception>
    public void ChargeString(string text)
    {
        var maxLength = _limits().MaxStringLength;
        if (text.Length > maxLength)
        {
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"string length limit of {maxLength} characters exceeded");
        }
        Charge(HeapWalker.StringBytes + 2L * text.Length, null);
    }

    /// <summary>Charges a new table of <paramref name="bytes"/>, before it exists.</summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.MemoryLimitExceeded"/>: one more table would pass a limit.</exception>
    public void ChargeTable(long bytes)
    {
        _chargedBytes += bytes;
        if (++_chargedTables > _tableHeadroom || _chargedBytes > _byteHeadroom)
        {
            Remeasure(null, bytes, newTables: 1);
        }
    }

    /// <summary>Forgets the headroom computed under old limits (new limits take effect at the next charge).</summary>
    public void LimitsChanged() => SetHeadroom(LastMeasured);

    /// <summary>Measures now and resets the headroom.</summary>
    public HeapUsage Measure()
    {
        var usage = _measure(null);
        SetHeadroom(usage);
        return usage;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Remeasure(object? growing, long newBytes, int newTables)
    {
        var usage = _measure(growing);
        var limits = _limits();
        SetHeadroom(usage);
        if (usage.LiveTables + newTables > limits.MaxObjects)
        {
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded, $"object store limit reached: {limits.MaxObjects} live tables");
        }
        if (usage.ApproximateBytes + newBytes > limits.MaxMemoryBytes)
        {
            throw new StoffelError(VmErrorKind.MemoryLimitExceeded,
                $"memory limit of {ByteSize.Format(limits.MaxMemoryBytes)} reached: the program's live tables, strings and call frames hold about {ByteSize.Format(usage.ApproximateBytes)} and need {ByteSize.Format(newBytes)} more");
        }
    }

    // The next measurement comes after as much growth again as is live (at least 64 MiB or
    // 1/64 of the table limit), but no later than the room left below the limit. For bytes that
    // room is at least 1/32 of the limit, so the live heap can pass it by that much before it is
    // caught; the table count is exact, at the price of frequent walks for a program that keeps
    // nearly MaxObjects tables alive while it churns.
    private void SetHeadroom(HeapUsage usage)
    {
        var limits = _limits();
        LastMeasured = usage;
        _chargedBytes = 0;
        _chargedTables = 0;
        var bytes = usage.ApproximateBytes;
        _byteHeadroom = Math.Min(Math.Max(bytes, MinimumByteHeadroom), Math.Max(limits.MaxMemoryBytes - bytes, limits.MaxMemoryBytes / 32));
        var tables = usage.LiveTables;
        _tableHeadroom = Math.Min(Math.Max(tables, limits.MaxObjects / 64 + 1), Math.Max(limits.MaxObjects - tables, 1));
    }
}
