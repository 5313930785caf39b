using System.Runtime.CompilerServices;
using Stoffel.Vm.Runtime;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>
/// The field offsets <see cref="CallStack.InitRecord"/> relies on when it fills a record with two
/// wide stores: <see cref="ActivationRecord.Ip"/> right after <see cref="ActivationRecord.Base"/>,
/// and <see cref="ActivationRecord.ClosureCall"/> and <see cref="ActivationRecord.Cleared"/> right
/// after the one-byte <see cref="ActivationRecord.Flag"/>, with the fourth byte of that store
/// still inside the record. The runtime lays out a struct with references as it sees fit, so a
/// field added or reordered could move them.
/// </summary>
[TestClass]
public sealed class ActivationRecordLayoutTests
{
    [TestMethod]
    public void Base_and_Ip_are_adjacent_ints()
    {
        var record = new ActivationRecord();

        Assert.AreEqual(4, OffsetOf(ref record, ref record.Ip) - OffsetOf(ref record, ref record.Base));
        Assert.AreEqual(0, OffsetOf(ref record, ref record.Base) % 8, "one aligned 8-byte store");
    }

    [TestMethod]
    public void Flag_ClosureCall_and_Cleared_are_adjacent_bytes_in_a_four_byte_store_inside_the_record()
    {
        var record = new ActivationRecord();
        var flag = OffsetOf(ref record, ref Unsafe.As<CompareFlag, byte>(ref record.Flag));

        Assert.AreEqual(1, Unsafe.SizeOf<CompareFlag>());
        Assert.AreEqual(flag + 1, OffsetOf(ref record, ref Unsafe.As<bool, byte>(ref record.ClosureCall)));
        Assert.AreEqual(flag + 2, OffsetOf(ref record, ref Unsafe.As<bool, byte>(ref record.Cleared)));
        Assert.IsLessThanOrEqualTo(Unsafe.SizeOf<ActivationRecord>(), flag + 4, "the store's fourth byte is the record's padding");
        Assert.AreEqual(0, flag % 4, "one aligned 4-byte store");
    }

    private static int OffsetOf<T>(ref ActivationRecord record, ref T field) =>
        (int)Unsafe.ByteOffset(ref Unsafe.As<ActivationRecord, byte>(ref record), ref Unsafe.As<T, byte>(ref field));
}
