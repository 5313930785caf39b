using Stoffel.Vm.Hooks;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib.Tests;

/// <summary>A VM with the whole stdlib, captured output, and helpers to build values, programs and hook recorders.</summary>
internal sealed class StdlibFixture
{
    public StdlibFixture(StdlibModules modules = StdlibModules.All, StdlibOptions? options = null)
    {
        StandardLibrary.Register(Vm, modules, options ?? StdlibOptions.Default);
        Vm.Output = Output;
    }

    public VirtualMachine Vm { get; } = new();

    public StringWriter Output { get; } = new() { NewLine = "\n" };

    public static Value I(long value) => Value.FromI64(value);

    public static Value S(string text) => Value.FromString(text);

    public Value Call(string name, params Value[] arguments) => Vm.Execute(name, arguments);

    /// <summary>Calls a builtin expecting it to fail; returns the error.</summary>
    public VmException Fails(string name, params Value[] arguments) =>
        Assert.ThrowsExactly<VmException>(() => Vm.Execute(name, arguments));

    public Value Array(params Value[] items)
    {
        var array = Vm.Objects.CreateArray();
        foreach (var item in items)
        {
            Push(array, item);
        }
        return array;
    }

    public Value Object(params (Value Key, Value Value)[] fields)
    {
        var table = Vm.Objects.CreateObject();
        foreach (var (key, value) in fields)
        {
            Set(table, key, value);
        }
        return table;
    }

    /// <summary>Writes a table entry the way a host does (<see cref="VirtualMachine.WriteTable"/>).</summary>
    public void Set(Value table, Value key, Value value) => Vm.WriteTable(table, key, value);

    /// <summary>Appends to an array the way a host does.</summary>
    public void Push(Value array, Value value) => Vm.WriteTable(array, I(array.AsArray!.Length), value);

    public static IReadOnlyList<Value> Elements(Value array) => array.AsArray!.Elements;

    /// <summary>Records every event of <paramref name="events"/> (copied, so they can be inspected after the run).</summary>
    public List<HookEvent> Record(HookEventMask events)
    {
        var recorded = new List<HookEvent>();
        Vm.Hooks.Register(events, (in HookEvent e, HookContext _) => recorded.Add(e));
        return recorded;
    }

    /// <summary>Loads functions built from <see cref="Asm"/> lines; constants are referenced by index.</summary>
    public void Load(IReadOnlyList<Value> constants, params FunctionDefinition[] functions) =>
        Vm.Load(ProgramBuilder.Build(constants, functions, 1));

    public static FunctionDefinition Function(string name, string[] parameters, string[] upvalues, params InstructionDefinition[] body) =>
        new(name, 16, parameters, null, upvalues, null, [], body);
}

/// <summary>Terse instruction constructors for test programs.</summary>
internal static class Asm
{
    public static InstructionDefinition Ldi(int register, int constant) => new(Opcode.LDI, register, constant, 0, null);

    public static InstructionDefinition Mov(int target, int source) => new(Opcode.MOV, target, source, 0, null);

    public static InstructionDefinition Add(int target, int left, int right) => new(Opcode.ADD, target, left, right, null);

    public static InstructionDefinition Push(int register) => new(Opcode.PUSHARG, register, 0, 0, null);

    public static InstructionDefinition Call(string function) => new(Opcode.CALL, 0, 0, 0, function);

    public static InstructionDefinition Ret(int register) => new(Opcode.RET, register, 0, 0, null);
}
