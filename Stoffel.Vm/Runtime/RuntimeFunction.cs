using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Stoffel.Vm.Instructions;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// A program function as one VM runs it: the shared instructions plus a sentinel <c>RET r0</c>
/// (so running off the end, or jumping to the label equal to the instruction count, returns r0
/// without a bounds check per instruction), and the frame layout <c>[registers][spill slots]</c>
/// in the VM's value stack (the parameters stay where the caller pushed them, in the argument
/// stack: see VMState.Calls.cs).
/// </summary>
internal sealed class RuntimeFunction
{
    public RuntimeFunction(CompiledFunction source, LoadedProgram program, int id, VMState owner)
    {
        Id = id;
        Owner = owner;
        Source = source;
        Program = program;
        Constants = program.Constants;
        Callees = program.Callees;
        CalleeFunctions = program.CalleeFunctions;
        Code = [.. source.Instructions, EndOfCode];
        ArgumentsEmptyBefore = EmptyArgumentStack.Before(Code);
        RegisterCount = source.RegisterCount;
        BlockCosts = Runtime.BlockCosts.Of(Code);
        EntryCost = BlockCosts[0]; // Code holds at least the sentinel RET
        PlainCode = Pinned(Runtime.BlockCosts.Apply(RegisterOffsets.Apply(FusedCompare.Fuse(FusedCall.Fuse(Code)), RegisterCount), BlockCosts));
        PlainCodeAddress = Marshal.UnsafeAddrOfPinnedArrayElement(PlainCode, 0);
        InlineConstant.Apply(PlainCode, Constants);
        ConstantOperand.Apply(PlainCode);
        Pending = ImmediateOperands.Apply(Code, PlainCode, RegisterCount);
        SuccessorFusion.Apply(PlainCode, Constants);
        RelativeJumps.Apply(PlainCode);
        CallIndexes.Apply(PlainCode);
        ParameterCount = source.Parameters.Count;
        Width = source.RegisterCount + source.SpillSlotCount;
        Assignment = RegisterAssignment.Of(Code, RegisterCount, Width, ParameterCount);
        ClearEnd = Assignment.ClearEnd;
        ClearedAfterParameters = Math.Max(0, ClearEnd - ParameterCount);
        UpvalueNames = source.Upvalues.Count > 0 ? [.. source.Upvalues] : null;
        DirectArity = UpvalueNames is null ? ParameterCount : -1;
    }

    public CompiledFunction Source { get; }

    /// <summary>Per instruction, whether its argument stack is empty on every path to it (<see cref="EmptyArgumentStack"/>): where a fused run may be bound.</summary>
    public bool[] ArgumentsEmptyBefore { get; }

    /// <summary>
    /// The VM that loaded it: a closure's cached function (<see cref="Values.Closure.BoundFunction"/>)
    /// is this VM's when its owner is, one load from the function the call enters anyway.
    /// </summary>
    public VMState Owner { get; }

    /// <summary>The function's index in the VM's callee names (<see cref="FunctionRegistry.CalleeNames"/>), which its call records carry.</summary>
    public int Id { get; }

    public LoadedProgram Program { get; }

    /// <summary>The program's constant pool (<see cref="LoadedProgram.Constants"/>), one load nearer for the dispatch loop, which reloads it on every call and return.</summary>
    public Values.Value[] Constants { get; }

    /// <summary>The program's linked CALL targets (<see cref="LoadedProgram.Callees"/>), one load nearer for the dispatch loop's CALL.</summary>
    public CallTarget?[] Callees { get; }

    /// <summary>The program's linked program-function callees (<see cref="LoadedProgram.CalleeFunctions"/>), one load nearer for the dispatch loop's bound program calls.</summary>
    public RuntimeFunction?[] CalleeFunctions { get; }

    /// <summary>The program's instructions as written (<see cref="CompiledFunction.Instructions"/>), then <see cref="EndOfCode"/>: what the hooked loop runs.</summary>
    public Instruction[] Code { get; }

    /// <summary>The sentinel after a function's last instruction: falling off the end returns r0.</summary>
    public static Instruction EndOfCode => new(Opcode.RET, 0, 0, 0);

    /// <summary>The instruction of <see cref="Code"/> at <paramref name="index"/> for <paramref name="function"/>'s code (<see cref="EndOfCode"/> just past its last).</summary>
    public static Instruction InstructionAt(CompiledFunction function, int index) =>
        index == function.Instructions.Length ? EndOfCode : function.Instructions[index];

    /// <summary>What the plain, counting and tracing loops run: <see cref="Code"/> with PUSHARG runs and their CALL (<see cref="FusedCall"/>) and CMP and its jump (<see cref="FusedCompare"/>) fused, the LDIs of I64 constants carrying them (<see cref="InlineConstant"/>) and running with a compare, ADD or SUB after them (<see cref="ConstantOperand"/>), as immediate operands where their register is not read again (<see cref="ImmediateOperands"/>), a MOV or ADD running with the instruction after it (<see cref="SuccessorFusion"/>), its register and spill-slot operands as byte offsets (<see cref="RegisterOffsets"/>), its jumps and CALLs carrying the costs of the blocks they lead to (<see cref="Runtime.BlockCosts.Apply"/>), and its jump targets relative (<see cref="RelativeJumps"/>).</summary>
    public Instruction[] PlainCode { get; }

    /// <summary>
    /// Where <see cref="PlainCode"/>'s first instruction lies in memory: the array is allocated on
    /// the pinned object heap, which the GC never compacts, so the address holds while this
    /// function lives. The tracing loop computes the index of an instruction from it
    /// (<c>VMState.IpOf</c>, <see cref="PlainIndexAt"/>) with one load, where the array's own
    /// start costs a load, a null check and an add, and its event keeps it (<c>HookEvent.SetFrame</c>).
    /// </summary>
    public nint PlainCodeAddress { get; }

    /// <summary>Where <paramref name="instruction"/>, an instruction of some function's <see cref="PlainCode"/>, lies in memory (as <see cref="PlainCodeAddress"/> gives the first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint AddressOf(in Instruction instruction) =>
        (nint)Unsafe.ByteOffset(ref Unsafe.NullRef<Instruction>(), ref Unsafe.AsRef(in instruction));

    /// <summary>The index of the instruction at <paramref name="instructionAddress"/> in the plain code whose first instruction is at <paramref name="codeAddress"/> (<see cref="PlainCodeAddress"/>, <see cref="AddressOf"/>): the tracing loop's and its event's (<c>HookEvent.InstructionIndex</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PlainIndexAt(nint codeAddress, nint instructionAddress) =>
        (int)((nuint)(instructionAddress - codeAddress) / (nuint)Unsafe.SizeOf<Instruction>());

    /// <summary>What entering this function's code at each instruction charges the plain and counting loops: the instructions up to the end of its block (<see cref="Runtime.BlockCosts"/>).</summary>
    public int[] BlockCosts { get; }

    /// <summary>What entering this function at its first instruction charges (<see cref="BlockCosts"/>[0]): a call's, one load nearer.</summary>
    public int EntryCost { get; }

    public int RegisterCount { get; }

    public int ParameterCount { get; }

    /// <summary>Value-stack slots one activation uses.</summary>
    public int Width { get; }

    /// <summary>Where the plain loop leaves a constant load's register unwritten, and which constant it stands for (<see cref="ImmediateOperands"/>); null where it leaves none.</summary>
    public PendingConstants? Pending { get; }

    /// <summary>Which slots the code always writes before reading them, and where each is still unwritten (<see cref="RegisterAssignment"/>).</summary>
    public RegisterAssignment Assignment { get; }

    /// <summary>The slots a call clears end here (<see cref="RegisterAssignment.ClearEnd"/>): the rest start with what the stack held.</summary>
    public int ClearEnd { get; }

    /// <summary>How many slots after the parameters a call clears (up to <see cref="ClearEnd"/>): a call's arguments fill the parameters' registers.</summary>
    public int ClearedAfterParameters { get; }

    /// <summary>The upvalues a call without a closure captures by name, or null when it captures none (checked on every call).</summary>
    public string[]? UpvalueNames { get; }

    /// <summary>The argument count a call enters this function directly with (<see cref="ParameterCount"/>), or -1 when it captures upvalues by name and cannot: two tests of every direct call in one.</summary>
    public int DirectArity { get; }

    public string Name => Source.Name;

    /// <summary>The hook table <see cref="Sites"/> was computed for; the VM thread refreshes both when the table changes.</summary>
    public Hooks.HookTable? SitesTable { get; set; }

    /// <summary>Which of this function's instructions site-limited BeforeInstructionExecute hooks want, or null for none.</summary>
    public bool[]? Sites { get; set; }

    /// <summary>The last hook table under which this function was found to need neither the hooked nor the counting loop (tables are immutable: a change of hooks is a new table), or null.</summary>
    public Hooks.HookTable? PlainUnder { get; set; }

    /// <summary>
    /// Instruction and call counters (HookManager.RegisterInstructionCounting): one slot per
    /// instruction of <see cref="Code"/> (the last one the sentinel return), then one for calls;
    /// null until counting first reaches this function.
    /// </summary>
    public long[]? Counts { get; set; }

    /// <summary>A site map with every instruction set, for hooks that want every instruction.</summary>
    public bool[] AllSites => _allSites ??= Enumerable.Repeat(true, Code.Length).ToArray();

    private bool[]? _allSites;

    /// <summary>A copy of <paramref name="code"/> on the pinned object heap (<see cref="PlainCodeAddress"/>).</summary>
    private static Instruction[] Pinned(Instruction[] code)
    {
        var pinned = GC.AllocateUninitializedArray<Instruction>(code.Length, pinned: true);
        code.CopyTo(pinned, 0);
        return pinned;
    }
}

