using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>Typed foreign functions and foreign objects (docs/host-api.md): marshalling, arity and kind errors.</summary>
[TestClass]
public sealed class TypedForeignFunctionTests
{
    private readonly VirtualMachine _vm = new();

    private sealed class Counter
    {
        public long Total { get; set; }
    }

    private sealed class Timer;

    private VmException Fails(string name, params Value[] arguments) =>
        Assert.ThrowsExactly<VmException>(() => _vm.Execute(name, arguments));

    [TestMethod]
    public void Hypot_takes_two_floats_and_returns_a_float()
    {
        _vm.RegisterFunction("hypot", (double x, double y) => Math.Sqrt(x * x + y * y));

        Assert.AreEqual(Value.FromFloat(5.0), _vm.Execute("hypot", Value.FromFloat(3), Value.FromFloat(4)));
    }

    [TestMethod]
    public void Every_supported_type_round_trips_with_its_kind()
    {
        _vm.RegisterFunction("i64", (long x) => x);
        _vm.RegisterFunction("i32", (int x) => x);
        _vm.RegisterFunction("i16", (short x) => x);
        _vm.RegisterFunction("i8", (sbyte x) => x);
        _vm.RegisterFunction("u64", (ulong x) => x);
        _vm.RegisterFunction("u32", (uint x) => x);
        _vm.RegisterFunction("u16", (ushort x) => x);
        _vm.RegisterFunction("u8", (byte x) => x);
        _vm.RegisterFunction("f64", (double x) => x);
        _vm.RegisterFunction("flag", (bool x) => x);
        _vm.RegisterFunction("text", (string x) => x);
        _vm.RegisterFunction("any", (Value x) => x);

        var cases = new (string Name, Value Value)[]
        {
            ("i64", Value.FromI64(long.MinValue)), ("i32", Value.FromI32(int.MinValue)), ("i16", Value.FromI16(short.MinValue)),
            ("i8", Value.FromI8(sbyte.MinValue)), ("u64", Value.FromU64(ulong.MaxValue)), ("u32", Value.FromU32(uint.MaxValue)),
            ("u16", Value.FromU16(ushort.MaxValue)), ("u8", Value.FromU8(byte.MaxValue)), ("f64", Value.FromFloat(-0.5)),
            ("flag", Value.True), ("text", Value.FromString("héllo")), ("any", Value.Unit),
        };
        foreach (var (name, value) in cases)
        {
            var result = _vm.Execute(name, value);
            Assert.AreEqual(value.Kind, result.Kind, name);
            Assert.AreEqual(value, result, name);
        }
    }

    [TestMethod]
    public void Results_convert_from_clr_values()
    {
        _vm.RegisterFunction("seven_u8", () => (byte)7);
        _vm.RegisterFunction("negative_i16", () => (short)-3);
        _vm.RegisterFunction("greeting", (string name) => "hi " + name);
        _vm.RegisterFunction("nothing", () => (string?)null);

        Assert.AreEqual(Value.FromU8(7), _vm.Execute("seven_u8"));
        Assert.AreEqual(Value.FromI16(-3), _vm.Execute("negative_i16"));
        Assert.AreEqual("hi bob", _vm.Execute("greeting", Value.FromString("bob")).AsString);
        Assert.AreEqual(Value.Unit, _vm.Execute("nothing"));
    }

    [TestMethod]
    public void Actions_return_unit_and_run_their_side_effects()
    {
        var seen = new List<string>();
        _vm.RegisterFunction("tick", () => seen.Add("tick"));
        _vm.RegisterFunction("log4", (string a, long b, bool c, double d) => seen.Add($"{a} {b} {c} {d}"));

        Assert.AreEqual(Value.Unit, _vm.Execute("tick"));
        Assert.AreEqual(Value.Unit, _vm.Execute("log4", Value.FromString("a"), Value.FromI64(2), Value.True, Value.FromFloat(1.5)));

        CollectionAssert.AreEqual(new[] { "tick", "a 2 True 1.5" }, seen);
    }

    [TestMethod]
    public void Three_and_four_parameter_functions_receive_their_arguments_in_order()
    {
        _vm.RegisterFunction("clamp", (long x, long low, long high) => Math.Clamp(x, low, high));
        _vm.RegisterFunction("sum4", (int a, int b, int c, int d) => a + b + c + d);

        Assert.AreEqual(Value.FromI64(10), _vm.Execute("clamp", Value.FromI64(12), Value.FromI64(0), Value.FromI64(10)));
        Assert.AreEqual(Value.FromI32(10), _vm.Execute("sum4", Value.FromI32(1), Value.FromI32(2), Value.FromI32(3), Value.FromI32(4)));
    }

    [TestMethod]
    public void A_wrong_kind_names_the_function_position_parameter_and_both_kinds()
    {
        _vm.RegisterFunction("hypot", (double x, double y) => Math.Sqrt(x * x + y * y));

        var error = Fails("hypot", Value.FromFloat(3), Value.FromI64(3));

        Assert.AreEqual(VmErrorKind.TypeError, error.Kind);
        Assert.AreEqual("hypot: argument 2 (y) must be float, got int64 3", error.Message);
    }

    [TestMethod]
    public void Integer_kinds_do_not_widen()
    {
        _vm.RegisterFunction("wide", (long x) => x);
        _vm.RegisterFunction("name_of", (string s) => s);

        Assert.AreEqual("wide: argument 1 (x) must be int64, got int32 5i32", Fails("wide", Value.FromI32(5)).Message);
        Assert.AreEqual("wide: argument 1 (x) must be int64, got uint64 5u64", Fails("wide", Value.FromU64(5)).Message);
        Assert.AreEqual("name_of: argument 1 (s) must be string, got nil ()", Fails("name_of", Value.Unit).Message);
    }

    [TestMethod]
    public void A_wrong_argument_count_is_an_arity_error()
    {
        _vm.RegisterFunction("hypot", (double x, double y) => Math.Sqrt(x * x + y * y));

        var error = Fails("hypot", Value.FromFloat(3));

        Assert.AreEqual(VmErrorKind.FunctionArityMismatch, error.Kind);
        Assert.AreEqual("hypot expects 2 arguments, got 1", error.Message);
        Assert.AreEqual("hypot expects 2 arguments, got 3", Fails("hypot", Value.FromFloat(1), Value.FromFloat(2), Value.FromFloat(3)).Message);
    }

    [TestMethod]
    public void A_foreign_object_parameter_receives_the_registered_host_object()
    {
        var counter = new Counter();
        var handle = _vm.RegisterForeignObject(counter);
        _vm.RegisterFunction("add", (Counter c, long amount) => c.Total += amount);

        _vm.Execute("add", handle, Value.FromI64(5));
        var result = _vm.Execute("add", handle, Value.FromI64(2));

        Assert.AreEqual(7, counter.Total);
        Assert.AreEqual(Value.FromI64(7), result);
    }

    [TestMethod]
    public void A_foreign_parameter_rejects_other_kinds_and_other_host_types()
    {
        var timer = _vm.RegisterForeignObject(new Timer());
        _vm.RegisterFunction("total", (Counter c) => c.Total);

        Assert.AreEqual("total: argument 1 (c) must be foreign Counter, got int64 3", Fails("total", Value.FromI64(3)).Message);
        Assert.AreEqual("total: argument 1 (c) must be foreign Counter, got foreign Timer", Fails("total", timer).Message);
    }

    [TestMethod]
    public void A_host_object_result_is_registered_once_and_round_trips()
    {
        var counter = new Counter { Total = 41 };
        _vm.RegisterFunction("make", () => counter);
        _vm.RegisterFunction("total", (Counter c) => c.Total + 1);

        var first = _vm.Execute("make");
        var second = _vm.Execute("make");

        Assert.AreEqual(ValueKind.Foreign, first.Kind);
        Assert.AreEqual(first, second, "the same instance keeps its id");
        Assert.AreSame(counter, first.AsForeign);
        Assert.AreEqual(Value.FromI64(42), _vm.Execute("total", first));
    }

    [TestMethod]
    public void Unsupported_value_types_are_rejected_at_registration()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => _vm.RegisterFunction("f", (float x) => x));

        StringAssert.Contains(error.Message, "type Single has no Stoffel kind");
        Assert.ThrowsExactly<ArgumentException>(() => _vm.RegisterFunction("g", () => 1m));
    }

    [TestMethod]
    public void Registration_validates_its_arguments_and_names()
    {
        _vm.RegisterFunction("taken", () => 1L);

        Assert.ThrowsExactly<ArgumentNullException>(() => _vm.RegisterFunction("f", (Func<long>)null!));
        Assert.ThrowsExactly<ArgumentException>(() => _vm.RegisterFunction("", () => 1L));
        Assert.ThrowsExactly<InvalidOperationException>(() => _vm.RegisterFunction("taken", () => 2L));
    }

    [TestMethod]
    public void Host_exceptions_become_foreign_function_errors()
    {
        _vm.RegisterFunction("boom", (long x) => x > 0 ? throw new InvalidOperationException("too big") : x);

        var error = Fails("boom", Value.FromI64(1));

        Assert.AreEqual(VmErrorKind.ForeignFunctionError, error.Kind);
        Assert.AreEqual("foreign function 'boom' failed: too big", error.Message);
    }

    [TestMethod]
    public void Raw_functions_read_typed_arguments_and_foreign_objects()
    {
        var counter = new Counter { Total = 3 };
        var handle = _vm.RegisterForeignObject(counter);
        _vm.RegisterFunction("scaled", context => Value.FromI64(context.GetForeign<Counter>(0).Total * context.GetArgument<long>(1)));

        Assert.AreEqual(Value.FromI64(12), _vm.Execute("scaled", handle, Value.FromI64(4)));
        Assert.AreEqual("scaled: argument 2 must be int64, got float 4f64", Fails("scaled", handle, Value.FromFloat(4)).Message);
        Assert.AreEqual("scaled: argument 1 must be foreign Counter, got string \"x\"", Fails("scaled", Value.FromString("x"), Value.FromI64(1)).Message);
        Assert.AreEqual(VmErrorKind.FunctionArityMismatch, Fails("scaled", handle).Kind);
    }

    [TestMethod]
    public void Typed_functions_are_called_from_programs()
    {
        var vm = TestPrograms.Load("""
            .function main()
                LDI r1, 3.0
                PUSHARG r1
                LDI r1, 4.0
                PUSHARG r1
                CALL hypot
            .end
            """);
        vm.RegisterFunction("hypot", (double x, double y) => Math.Sqrt(x * x + y * y));

        Assert.AreEqual(Value.FromFloat(5), vm.Execute("main"));
    }
}
