using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;
using static Stoffel.Stdlib.Tests.Asm;
using static Stoffel.Stdlib.Tests.StdlibFixture;

namespace Stoffel.Stdlib.Tests;

/// <summary>Builtins fire the table, closure and upvalue hook events with the right payloads (docs/hooks.md "Event kinds and payloads").</summary>
[TestClass]
public sealed class HookEventTests
{
    private const HookEventMask TableEvents = HookEventMask.ObjectFieldRead | HookEventMask.ObjectFieldWrite
        | HookEventMask.ArrayElementRead | HookEventMask.ArrayElementWrite;

    private readonly StdlibFixture _f = new();

    private static void AssertEvent(HookEvent actual, HookEventKind kind, Value table, Value key, Value oldValue, Value newValue)
    {
        Assert.AreEqual(kind, actual.Kind);
        Assert.AreEqual(table, actual.Table, "table");
        Assert.AreEqual(key, actual.Key, "key");
        Assert.AreEqual(oldValue, actual.OldValue, "old value");
        Assert.AreEqual(newValue, actual.NewValue, "new value");
    }

    [TestMethod]
    public void SetFieldOnAnArrayFiresAWriteWithTheNormalisedKeyAndOldValue()
    {
        var array = _f.Array(I(1), I(2), I(3));
        var events = _f.Record(TableEvents);

        _f.Call("set_field", array, I(-1), I(30));
        _f.Call("set_field", array, I(4), I(50));

        Assert.HasCount(2, events);
        AssertEvent(events[0], HookEventKind.ArrayElementWrite, array, I(2), I(3), I(30));
        AssertEvent(events[1], HookEventKind.ArrayElementWrite, array, I(4), Value.Unit, I(50));
    }

    [TestMethod]
    public void SetFieldOnAnObjectFiresWritesWithOldAndNewValues()
    {
        var table = _f.Object();
        var events = _f.Record(TableEvents);

        _f.Call("set_field", table, S("k"), I(1));
        _f.Call("set_field", table, S("k"), I(2));

        Assert.HasCount(2, events);
        AssertEvent(events[0], HookEventKind.ObjectFieldWrite, table, S("k"), Value.Unit, I(1));
        AssertEvent(events[1], HookEventKind.ObjectFieldWrite, table, S("k"), I(1), I(2));
    }

    [TestMethod]
    public void GetFieldFiresReadsForArraysAndObjectsOnly()
    {
        var array = _f.Array(I(10), I(20));
        var table = _f.Object((S("a"), I(1)));
        var events = _f.Record(TableEvents);

        _f.Call("get_field", array, I(-1));
        _f.Call("get_field", table, S("a"));
        _f.Call("get_field", table, S("missing"));
        _f.Call("get_field", S("text"), I(0));
        _f.Call("get_field", I(5), I(0));

        Assert.HasCount(3, events);
        AssertEvent(events[0], HookEventKind.ArrayElementRead, array, I(1), Value.Unit, I(20));
        AssertEvent(events[1], HookEventKind.ObjectFieldRead, table, S("a"), Value.Unit, I(1));
        AssertEvent(events[2], HookEventKind.ObjectFieldRead, table, S("missing"), Value.Unit, Value.Unit);
    }

    [TestMethod]
    public void AFailedGetFieldFiresNoRead()
    {
        var array = _f.Array(I(1));
        var events = _f.Record(TableEvents);

        _f.Fails("get_field", array, I(3));

        Assert.IsEmpty(events);
    }

    [TestMethod]
    [DataRow("array_push")]
    [DataRow("append")]
    public void PushingFiresOneWritePerAppendedValue(string builtin)
    {
        var array = _f.Array(I(1));
        var events = _f.Record(TableEvents);

        _f.Call(builtin, array, I(2), I(3));

        Assert.HasCount(2, events);
        AssertEvent(events[0], HookEventKind.ArrayElementWrite, array, I(1), Value.Unit, I(2));
        AssertEvent(events[1], HookEventKind.ArrayElementWrite, array, I(2), Value.Unit, I(3));
    }

    [TestMethod]
    public void GetOrCreateArrayFieldFiresTheReadThenTheWriteOfTheNewArray()
    {
        var table = _f.Object();
        var events = _f.Record(TableEvents);

        var created = _f.Call("get_or_create_array_field", table, S("xs"));

        Assert.HasCount(2, events);
        AssertEvent(events[0], HookEventKind.ObjectFieldRead, table, S("xs"), Value.Unit, Value.Unit);
        AssertEvent(events[1], HookEventKind.ObjectFieldWrite, table, S("xs"), Value.Unit, created);
    }

    [TestMethod]
    public void SliceReadsTheSourceAndWritesTheResult()
    {
        var source = _f.Array(I(0), I(1), I(2));
        var events = _f.Record(TableEvents);

        var result = _f.Call("slice", source, I(1), Value.Unit);

        Assert.HasCount(4, events);
        AssertEvent(events[0], HookEventKind.ArrayElementRead, source, I(1), Value.Unit, I(1));
        AssertEvent(events[1], HookEventKind.ArrayElementWrite, result, I(0), Value.Unit, I(1));
        AssertEvent(events[2], HookEventKind.ArrayElementRead, source, I(2), Value.Unit, I(2));
        AssertEvent(events[3], HookEventKind.ArrayElementWrite, result, I(1), Value.Unit, I(2));
    }

    [TestMethod]
    public void ArrayConcatReadsBothSidesThenWritesTheResult()
    {
        var left = _f.Array(I(1));
        var right = _f.Array(I(2));
        var events = _f.Record(TableEvents);

        var result = _f.Call("array_concat", left, right);

        Assert.HasCount(4, events);
        AssertEvent(events[0], HookEventKind.ArrayElementRead, left, I(0), Value.Unit, I(1));
        AssertEvent(events[1], HookEventKind.ArrayElementRead, right, I(0), Value.Unit, I(2));
        AssertEvent(events[2], HookEventKind.ArrayElementWrite, result, I(0), Value.Unit, I(1));
        AssertEvent(events[3], HookEventKind.ArrayElementWrite, result, I(1), Value.Unit, I(2));
    }

    [TestMethod]
    public void ArrayRepeatReadsTheSourceOnceAndWritesEveryCopy()
    {
        var source = _f.Array(I(7));
        var events = _f.Record(TableEvents);

        var result = _f.Call("array_repeat", source, I(2));

        Assert.HasCount(3, events);
        AssertEvent(events[0], HookEventKind.ArrayElementRead, source, I(0), Value.Unit, I(7));
        AssertEvent(events[1], HookEventKind.ArrayElementWrite, result, I(0), Value.Unit, I(7));
        AssertEvent(events[2], HookEventKind.ArrayElementWrite, result, I(1), Value.Unit, I(7));
    }

    [TestMethod]
    public void ContainsAndArrayEqualsReadTheElementsTheyCompare()
    {
        var left = _f.Array(I(1), I(2));
        var right = _f.Array(I(1), I(3));
        var table = _f.Object((S("k"), I(9)));
        var events = _f.Record(TableEvents);

        _f.Call("array_equals", left, right);
        _f.Call("contains", left, I(1));
        _f.Call("contains", table, S("k"));

        Assert.HasCount(6, events);
        AssertEvent(events[0], HookEventKind.ArrayElementRead, left, I(0), Value.Unit, I(1));
        AssertEvent(events[1], HookEventKind.ArrayElementRead, right, I(0), Value.Unit, I(1));
        AssertEvent(events[2], HookEventKind.ArrayElementRead, left, I(1), Value.Unit, I(2));
        AssertEvent(events[3], HookEventKind.ArrayElementRead, right, I(1), Value.Unit, I(3));
        AssertEvent(events[4], HookEventKind.ArrayElementRead, left, I(0), Value.Unit, I(1));
        AssertEvent(events[5], HookEventKind.ObjectFieldRead, table, S("k"), Value.Unit, I(9));
    }

    [TestMethod]
    public void ClosureBuiltinsFireClosureCreatedAndUpvalueEvents()
    {
        var constants = new[] { S("body"), S("n"), I(5) };
        var make = Function("make", ["n"], [], Ldi(1, 0), Push(1), Ldi(1, 1), Push(1), Call("create_closure"), Ret(0));
        var body = Function("body", [], ["n"],
            Ldi(1, 1), Push(1), Call("get_upvalue"), Add(2, 0, 0), Push(1), Push(2), Call("set_upvalue"), Ret(2));
        var main = Function("main", [], [], Ldi(1, 2), Push(1), Call("make"), Mov(3, 0), Push(3), Call("call_closure"), Ret(0));
        _f.Load(constants, make, body, main);
        var events = _f.Record(HookEventMask.ClosureCreated | HookEventMask.UpvalueRead | HookEventMask.UpvalueWrite);

        Assert.AreEqual(I(10), _f.Vm.Execute("main"));

        Assert.HasCount(3, events);
        Assert.AreEqual(HookEventKind.ClosureCreated, events[0].Kind);
        Assert.AreEqual("body", events[0].Name);
        Assert.AreEqual("body", events[0].NewValue.AsClosure!.FunctionName);
        Assert.AreEqual(HookEventKind.UpvalueRead, events[1].Kind);
        Assert.AreEqual("n", events[1].Name);
        Assert.AreEqual(I(5), events[1].NewValue);
        Assert.AreEqual(HookEventKind.UpvalueWrite, events[2].Kind);
        Assert.AreEqual("n", events[2].Name);
        Assert.AreEqual(I(5), events[2].OldValue);
        Assert.AreEqual(I(10), events[2].NewValue);
    }
}
