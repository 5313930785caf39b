namespace Stoffel.Vm.Hooks;

/// <summary>
/// The 17 upstream hook events (docs/hooks.md "Event kinds and payloads"), in upstream's order, plus
/// <see cref="ExecutionError"/>, which this VM adds so debuggers can stop on an error with the
/// frames still intact.
/// </summary>
public enum HookEventKind : byte
{
    /// <summary>Before an instruction runs. Payload: function, instruction index, instruction.</summary>
    BeforeInstructionExecute,
    /// <summary>After an instruction ran (not fired when it failed).</summary>
    AfterInstructionExecute,
    /// <summary>An instruction read a register. Payload: register, new value = the value read.</summary>
    RegisterRead,
    /// <summary>A register was written. Payload: register, frame, old and new value.</summary>
    RegisterWrite,
    /// <summary>A named local (parameter) was read by name (upvalue capture). Payload: name, new value.</summary>
    VariableRead,
    /// <summary>A named local (parameter) was bound on call. Payload: name, old (Unit) and new value.</summary>
    VariableWrite,
    /// <summary><c>get_upvalue</c> read an upvalue. Payload: name, new value.</summary>
    UpvalueRead,
    /// <summary><c>set_upvalue</c> wrote an upvalue. Payload: name, old and new value.</summary>
    UpvalueWrite,
    /// <summary>An object field was read. Payload: table, key, new value = value read.</summary>
    ObjectFieldRead,
    /// <summary>An object field was written. Payload: table, key, old and new value.</summary>
    ObjectFieldWrite,
    /// <summary>An array element was read. Payload: table, key, new value = value read.</summary>
    ArrayElementRead,
    /// <summary>An array element was written (or appended). Payload: table, key, old and new value.</summary>
    ArrayElementWrite,
    /// <summary>A call is about to start. Payload: callee name, arguments, call depth.</summary>
    BeforeFunctionCall,
    /// <summary>A call returned. Payload: callee name, new value = return value.</summary>
    AfterFunctionCall,
    /// <summary>A closure was created. Payload: name = function, new value = the closure.</summary>
    ClosureCreated,
    /// <summary>PUSHARG pushed a value. Payload: new value.</summary>
    StackPush,
    /// <summary>A CALL took a value off the argument stack. Payload: old value = the value taken.</summary>
    StackPop,
    /// <summary>
    /// Not upstream: a run is failing. Fired once, before the frames unwind, so the context still
    /// shows the failing frame. Payload: function, instruction, error kind and message.
    /// </summary>
    ExecutionError,
}

/// <summary>A set of <see cref="HookEventKind"/>s; a hook subscribes to a mask so the VM builds only events someone listens to.</summary>
[Flags]
public enum HookEventMask : uint
{
    /// <summary>No events.</summary>
    None = 0,
    /// <summary><see cref="HookEventKind.BeforeInstructionExecute"/>.</summary>
    BeforeInstructionExecute = 1u << HookEventKind.BeforeInstructionExecute,
    /// <summary><see cref="HookEventKind.AfterInstructionExecute"/>.</summary>
    AfterInstructionExecute = 1u << HookEventKind.AfterInstructionExecute,
    /// <summary><see cref="HookEventKind.RegisterRead"/>.</summary>
    RegisterRead = 1u << HookEventKind.RegisterRead,
    /// <summary><see cref="HookEventKind.RegisterWrite"/>.</summary>
    RegisterWrite = 1u << HookEventKind.RegisterWrite,
    /// <summary><see cref="HookEventKind.VariableRead"/>.</summary>
    VariableRead = 1u << HookEventKind.VariableRead,
    /// <summary><see cref="HookEventKind.VariableWrite"/>.</summary>
    VariableWrite = 1u << HookEventKind.VariableWrite,
    /// <summary><see cref="HookEventKind.UpvalueRead"/>.</summary>
    UpvalueRead = 1u << HookEventKind.UpvalueRead,
    /// <summary><see cref="HookEventKind.UpvalueWrite"/>.</summary>
    UpvalueWrite = 1u << HookEventKind.UpvalueWrite,
    /// <summary><see cref="HookEventKind.ObjectFieldRead"/>.</summary>
    ObjectFieldRead = 1u << HookEventKind.ObjectFieldRead,
    /// <summary><see cref="HookEventKind.ObjectFieldWrite"/>.</summary>
    ObjectFieldWrite = 1u << HookEventKind.ObjectFieldWrite,
    /// <summary><see cref="HookEventKind.ArrayElementRead"/>.</summary>
    ArrayElementRead = 1u << HookEventKind.ArrayElementRead,
    /// <summary><see cref="HookEventKind.ArrayElementWrite"/>.</summary>
    ArrayElementWrite = 1u << HookEventKind.ArrayElementWrite,
    /// <summary><see cref="HookEventKind.BeforeFunctionCall"/>.</summary>
    BeforeFunctionCall = 1u << HookEventKind.BeforeFunctionCall,
    /// <summary><see cref="HookEventKind.AfterFunctionCall"/>.</summary>
    AfterFunctionCall = 1u << HookEventKind.AfterFunctionCall,
    /// <summary><see cref="HookEventKind.ClosureCreated"/>.</summary>
    ClosureCreated = 1u << HookEventKind.ClosureCreated,
    /// <summary><see cref="HookEventKind.StackPush"/>.</summary>
    StackPush = 1u << HookEventKind.StackPush,
    /// <summary><see cref="HookEventKind.StackPop"/>.</summary>
    StackPop = 1u << HookEventKind.StackPop,
    /// <summary><see cref="HookEventKind.ExecutionError"/>.</summary>
    ExecutionError = 1u << HookEventKind.ExecutionError,
    /// <summary>Every event.</summary>
    All = (1u << 18) - 1,
}

/// <summary>Helpers for <see cref="HookEventMask"/>.</summary>
public static class HookEventMaskExtensions
{
    /// <summary>The mask bit of <paramref name="kind"/>.</summary>
    public static HookEventMask ToMask(this HookEventKind kind) => (HookEventMask)(1u << (int)kind);

    /// <summary>True when <paramref name="mask"/> includes <paramref name="kind"/>.</summary>
    public static bool Includes(this HookEventMask mask, HookEventKind kind) => (mask & kind.ToMask()) != 0;
}
