using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>
/// The list, string, math and storage builtins fire ArrayElementRead for each element they read
/// and ArrayElementWrite / ObjectFieldWrite for each slot they change (a removed slot: old → Unit).
/// </summary>
[TestClass]
public sealed class NewBuiltinHookEventTests
{
    private const HookEventMask TableEvents = HookEventMask.ObjectFieldRead | HookEventMask.ObjectFieldWrite
        | HookEventMask.ArrayElementRead | HookEventMask.ArrayElementWrite;

    private readonly StdlibFixture _f = new();

    private static string Describe(HookEvent e) =>
        $"{(e.Kind == HookEventKind.ArrayElementRead || e.Kind == HookEventKind.ObjectFieldRead ? "read" : "write")} #{e.Table.Id}[{e.Key}] {e.OldValue}->{e.NewValue}";

    private string[] Events(Action action)
    {
        var events = _f.Record(TableEvents);
        action();
        return events.Select(Describe).ToArray();
    }

    private static void AssertEvents(string[] actual, params string[] expected) =>
        CollectionAssert.AreEqual(expected, actual, string.Join("\n", actual));

    [TestMethod]
    public void PopReadsTheRemovedElementShiftsTheRestAndRemovesTheLastSlot()
    {
        var list = _f.Array(I(1), I(2), I(3));
        var id = list.Id;

        var events = Events(() => _f.Call("pop", list, I(0)));

        AssertEvents(events,
            $"read #{id}[0] ()->1",
            $"read #{id}[1] ()->2", $"write #{id}[0] 1->2",
            $"read #{id}[2] ()->3", $"write #{id}[1] 2->3",
            $"write #{id}[2] 3->()");
    }

    [TestMethod]
    public void InsertMovesTheTailUpThenWritesTheNewElement()
    {
        var list = _f.Array(I(1), I(2));
        var id = list.Id;

        var events = Events(() => _f.Call("insert", list, I(1), I(9)));

        AssertEvents(events, $"read #{id}[1] ()->2", $"write #{id}[2] ()->2", $"write #{id}[1] 2->9");
    }

    [TestMethod]
    public void ClearRemovesEverySlotHighestFirst()
    {
        var list = _f.Array(I(1), I(2));
        var id = list.Id;

        AssertEvents(Events(() => _f.Call("clear", list)), $"write #{id}[1] 2->()", $"write #{id}[0] 1->()");
    }

    [TestMethod]
    public void SortAndReverseReadEverythingAndWriteOnlyWhatMoves()
    {
        var list = _f.Array(I(3), I(2), I(1));
        var single = _f.Array(I(7)); // built before the recording: the host's writes fire events too
        var id = list.Id;

        AssertEvents(Events(() => _f.Call("sort", list)),
            $"read #{id}[0] ()->3", $"read #{id}[1] ()->2", $"read #{id}[2] ()->1",
            $"write #{id}[0] 3->1", $"write #{id}[2] 1->3");
        AssertEvents(Events(() => _f.Call("reverse", single)), $"read #{single.Id}[0] ()->7");
    }

    [TestMethod]
    public void ExtendCountAndIndexReadTheElementsTheyUse()
    {
        var list = _f.Array(I(1));
        var other = _f.Array(I(2));

        AssertEvents(Events(() => _f.Call("extend", list, other)), $"read #{other.Id}[0] ()->2", $"write #{list.Id}[1] ()->2");
        AssertEvents(Events(() => _f.Call("count", list, I(2))), $"read #{list.Id}[0] ()->1", $"read #{list.Id}[1] ()->2");
        AssertEvents(Events(() => _f.Call("index", list, I(1))), $"read #{list.Id}[0] ()->1");
    }

    [TestMethod]
    public void RangeSplitAndJoinTouchTheirArrays()
    {
        var range = Value.Unit;
        var rangeEvents = Events(() => range = _f.Call("range", I(0), I(2)));
        AssertEvents(rangeEvents, $"write #{range.Id}[0] ()->0", $"write #{range.Id}[1] ()->1");

        var pieces = Value.Unit;
        var splitEvents = Events(() => pieces = _f.Call("split", S("a,b"), S(",")));
        AssertEvents(splitEvents, $"write #{pieces.Id}[0] ()->a", $"write #{pieces.Id}[1] ()->b");

        AssertEvents(Events(() => _f.Call("join", pieces, S("-"))), $"read #{pieces.Id}[0] ()->a", $"read #{pieces.Id}[1] ()->b");
        AssertEvents(Events(() => _f.Call("max", pieces)), $"read #{pieces.Id}[0] ()->a", $"read #{pieces.Id}[1] ()->b");
    }

    [TestMethod]
    public void StoreReadsTheValueAndLoadWritesTheNewTables()
    {
        var table = _f.Object((S("k"), I(1)));

        AssertEvents(Events(() => _f.Call("LocalStorage.store", S("t"), table)), $"read #{table.Id}[k] ()->1");
        var loaded = Value.Unit;
        var loadEvents = Events(() => loaded = _f.Call("LocalStorage.load", S("t")));
        AssertEvents(loadEvents, $"write #{loaded.Id}[k] ()->1");
    }
}
