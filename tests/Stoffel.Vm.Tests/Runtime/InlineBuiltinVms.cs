using System.Runtime.CompilerServices;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Runtime;

/// <summary>VMs whose programs call the builtins the dispatch loop runs inline, for the tests of how call observers hear of them.</summary>
internal static class InlineBuiltinVms
{
    /// <summary>
    /// A VM with object(n) (<c>SharedPrograms.FieldLoop</c>: n set_field and n get_field calls,
    /// returning 0 + … + (n − 1)) and the two builtins registered with their inline paths, whose
    /// functions count their calls in <paramref name="delegateCalls"/>. With
    /// <paramref name="pushesApart"/> a NOP parts each call's pushes, so that no PUSHARG run is
    /// fused with its CALL: the builtins run on the argument stack the CALL takes, not in place.
    /// <paramref name="program"/> replaces object(n).
    /// </summary>
    public static VirtualMachine FieldVm(StrongBox<int> delegateCalls, bool pushesApart = false, string program = Stoffel.Tests.Shared.SharedPrograms.FieldLoop)
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        vm.RegisterFunction("create_object", context => context.Objects.CreateObject());
        vm.RegisterBuiltin("get_field", context =>
        {
            delegateCalls.Value++;
            return context.ReadTable(context[0], context[1]);
        }, Intrinsic.GetField);
        vm.RegisterBuiltin("set_field", context =>
        {
            delegateCalls.Value++;
            context.WriteTable(context[0], context[1], context[2]);
            return Value.Unit;
        }, Intrinsic.SetField);
        vm.Load(TestPrograms.Assemble(pushesApart ? program.Replace("PUSHARG r6\n", "PUSHARG r6\n    NOP\n", StringComparison.Ordinal) : program));
        return vm;
    }

    /// <summary>
    /// A VM with <paramref name="program"/> and <paramref name="counter"/> (by default
    /// <c>SharedPrograms.Counter</c>, and closure(n),
    /// <c>SharedPrograms.CounterLoop</c>: a counter made and called n times through call_closure,
    /// returning the last count, n); the closure builtins registered
    /// with their inline paths, whose functions count their calls in
    /// <paramref name="delegateCalls"/>.
    /// </summary>
    public static VirtualMachine CounterVm(StrongBox<int> delegateCalls, string program = Stoffel.Tests.Shared.SharedPrograms.CounterLoop, string counter = Stoffel.Tests.Shared.SharedPrograms.Counter)
    {
        var vm = new VirtualMachine { Output = TextWriter.Null };
        vm.RegisterFunction("create_closure", context => context.CreateClosure(context[0].AsString, [context[1].AsString]));
        vm.RegisterBuiltin("call_closure", context =>
        {
            delegateCalls.Value++;
            context.CallClosure(context[0].AsClosure!, context.Arguments[1..]);
            return Value.Unit;
        }, Intrinsic.CallClosure);
        vm.RegisterBuiltin("get_upvalue", context =>
        {
            delegateCalls.Value++;
            return context.GetUpvalue(context[0].AsString);
        }, Intrinsic.GetUpvalue);
        vm.RegisterBuiltin("set_upvalue", context =>
        {
            delegateCalls.Value++;
            context.SetUpvalue(context[0].AsString, context[1]);
            return Value.Unit;
        }, Intrinsic.SetUpvalue);
        vm.Load(TestPrograms.Assemble(program + "\n" + counter));
        return vm;
    }
}
