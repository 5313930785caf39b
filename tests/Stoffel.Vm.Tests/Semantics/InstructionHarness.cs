using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Tests.Semantics;

/// <summary>
/// Runs one instruction three ways and insists they agree: directly through
/// <see cref="Arithmetic"/>/<see cref="Comparison"/> (the slow path), through a VM's plain dispatch
/// loop (which has inline I64 fast paths) and through a VM with a hook registered (the hooked copy
/// of the loop). Each VM runs a tiny function per instruction: <c>op(a, b)</c> computes into r2 and
/// returns it; CMP's function returns -1/0/1 by jumping on the flag.
/// </summary>
internal static class InstructionHarness
{
    private static readonly Lazy<VirtualMachine> PlainVm = new(() => CreateVm(hooked: false));
    private static readonly Lazy<VirtualMachine> HookedVm = new(() => CreateVm(hooked: true));

    /// <summary>The VM the harness runs programs on (for creating tables and foreign objects).</summary>
    public static VirtualMachine Vm => PlainVm.Value;

    /// <summary>Evaluates the instruction on all three paths; fails unless they agree; returns the outcome.</summary>
    public static Outcome Evaluate(Opcode opcode, Value left, Value right = default)
    {
        var direct = Direct(opcode, left, right);
        var plain = ThroughVm(PlainVm.Value, opcode, left, right);
        var hooked = ThroughVm(HookedVm.Value, opcode, left, right);
        var operands = opcode == Opcode.NOT ? Describe(left) : $"{Describe(left)}, {Describe(right)}";
        Assert.AreEqual(direct, plain, $"{opcode} {operands}: VM dispatch disagrees with the slow path");
        Assert.AreEqual(direct, hooked, $"{opcode} {operands}: hooked dispatch disagrees with the slow path");
        return direct;
    }

    /// <summary>Asserts the instruction yields exactly <paramref name="expected"/> (same kind and payload).</summary>
    public static void AssertResult(Opcode opcode, Value left, Value right, Value expected)
    {
        var outcome = Evaluate(opcode, left, right);
        Assert.AreEqual(Outcome.Of(expected), outcome, $"{opcode} {Describe(left)}, {Describe(right)}");
    }

    /// <summary>Asserts the instruction fails with <paramref name="error"/>.</summary>
    public static void AssertError(Opcode opcode, Value left, Value right, VmErrorKind error)
    {
        var outcome = Evaluate(opcode, left, right);
        Assert.AreEqual(Outcome.Failed(error), outcome, $"{opcode} {Describe(left)}, {Describe(right)}");
    }

    /// <summary>Asserts CMP sets <paramref name="expected"/>.</summary>
    public static void AssertCompare(Value left, Value right, CompareFlag expected)
    {
        var outcome = Evaluate(Opcode.CMP, left, right);
        Assert.AreEqual(Outcome.Of(expected), outcome, $"CMP {Describe(left)}, {Describe(right)}");
    }

    private static Outcome Direct(Opcode opcode, Value left, Value right)
    {
        try
        {
            return opcode switch
            {
                Opcode.NOT => Outcome.Of(Arithmetic.Not(left)),
                Opcode.CMP => Outcome.Of(Comparison.Compare(left, right)),
                _ => Outcome.Of(Arithmetic.Binary(opcode, left, right)),
            };
        }
        catch (StoffelError error)
        {
            return Outcome.Failed(error.Kind);
        }
    }

    private static Outcome ThroughVm(VirtualMachine vm, Opcode opcode, Value left, Value right)
    {
        try
        {
            var result = opcode == Opcode.NOT ? vm.Execute(EntryName(opcode), left) : vm.Execute(EntryName(opcode), left, right);
            return opcode == Opcode.CMP ? Outcome.Of((CompareFlag)(sbyte)result.AsI64) : Outcome.Of(result);
        }
        catch (VmException error)
        {
            return Outcome.Failed(error.Kind);
        }
    }

    private static string Describe(Value value) => $"{value.Kind}({value})";

    private static string EntryName(Opcode opcode) => "op_" + opcode;

    private static VirtualMachine CreateVm(bool hooked)
    {
        var vm = new VirtualMachine();
        vm.Load(BuildProgram());
        if (hooked)
        {
            vm.Hooks.Register((in HookEvent _) => true, (in HookEvent _, HookContext _) => { });
        }
        return vm;
    }

    private static StoffelProgram BuildProgram()
    {
        Value[] constants = [Value.FromI64(-1), Value.FromI64(0), Value.FromI64(1)];
        var functions = SemanticsOracle.BinaryOpcodes.Select(BinaryFunction)
            .Append(NotFunction())
            .Append(CompareFunction())
            .ToList();
        return ProgramBuilder.Build(constants, functions, formatVersion: 1);
    }

    private static FunctionDefinition BinaryFunction(Opcode opcode) => Function(opcode, ["a", "b"], [],
        Op(opcode, 2, 0, 1), Op(Opcode.RET, 2));

    private static FunctionDefinition NotFunction() => Function(Opcode.NOT, ["a"], [],
        Op(Opcode.NOT, 1, 0), Op(Opcode.RET, 1));

    // CMP r0, r1; JMPLT less; JMPGT greater; r2 = 0; RET; less: r2 = -1; RET; greater: r2 = 1; RET.
    private static FunctionDefinition CompareFunction() => Function(Opcode.CMP, ["a", "b"], [new Label("less", 5), new Label("greater", 7)],
        Op(Opcode.CMP, 0, 1),
        Jump(Opcode.JMPLT, "less"),
        Jump(Opcode.JMPGT, "greater"),
        Op(Opcode.LDI, 2, 1),
        Op(Opcode.RET, 2),
        Op(Opcode.LDI, 2, 0),
        Op(Opcode.RET, 2),
        Op(Opcode.LDI, 2, 2),
        Op(Opcode.RET, 2));

    private static FunctionDefinition Function(Opcode opcode, string[] parameters, Label[] labels, params InstructionDefinition[] code) =>
        new(EntryName(opcode), DeclaredRegisterCount: 3, parameters, Signature: null, Upvalues: [], Parent: null, labels, code);

    private static InstructionDefinition Op(Opcode opcode, int a, int b = 0, int c = 0) => new(opcode, a, b, c, null);

    private static InstructionDefinition Jump(Opcode opcode, string label) => new(opcode, 0, 0, 0, label);
}
