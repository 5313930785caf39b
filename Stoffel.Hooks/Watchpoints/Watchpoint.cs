using Stoffel.Vm.Hooks;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Hooks.Watchpoints;

/// <summary>
/// Calls back when a watched register, object field or array element changes value (a write
/// of the same value does not fire). One hook per watchpoint: a mask with the one write event it
/// needs, a predicate that picks the location, a callback that reports it — the shape of any hook.
/// </summary>
/// <example>
/// <code>
/// using var watch = Watchpoint.AttachToRegister(vm, "fib", 4, hit => Console.WriteLine($"{hit.OldValue} -> {hit.NewValue}"));
/// </code>
/// </example>
public sealed class Watchpoint : HookAttachment
{
    private Watchpoint(VirtualMachine vm) : base(vm)
    {
    }

    /// <summary>Watches register <paramref name="register"/> in every activation of <paramref name="function"/>.</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="function">The function name.</param>
    /// <param name="register">The register index.</param>
    /// <param name="callback">Called on the VM thread, before the next instruction runs.</param>
    /// <returns>The watchpoint; dispose it to remove it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="register"/> is negative.</exception>
    public static Watchpoint AttachToRegister(VirtualMachine vm, string function, int register, Action<WatchHit> callback)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfNegative(register);
        return Attach(vm, HookEventMask.RegisterWrite, callback,
            (in HookEvent e) => e.Register == register && e.Function?.Name == function && e.OldValue != e.NewValue);
    }

    /// <summary>Watches field <paramref name="key"/> of an object, or element <paramref name="key"/> of an array.</summary>
    /// <param name="vm">The VM.</param>
    /// <param name="table">An Object or Array value.</param>
    /// <param name="key">The field key, or the array index as an integer value.</param>
    /// <param name="callback">Called on the VM thread after the write.</param>
    /// <returns>The watchpoint; dispose it to remove it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="table"/> is neither an object nor an array.</exception>
    public static Watchpoint AttachToField(VirtualMachine vm, Value table, Value key, Action<WatchHit> callback)
    {
        var events = table.Kind switch
        {
            ValueKind.Object => HookEventMask.ObjectFieldWrite,
            ValueKind.Array => HookEventMask.ArrayElementWrite,
            _ => throw new ArgumentException($"a watchpoint needs an object or array, got {table.Kind}", nameof(table)),
        };
        return Attach(vm, events, callback,
            (in HookEvent e) => e.Table == table && KeysMatch(e.Key, key) && e.OldValue != e.NewValue);
    }

    private static Watchpoint Attach(VirtualMachine vm, HookEventMask events, Action<WatchHit> callback, HookPredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var watchpoint = new Watchpoint(vm);
        watchpoint.Subscribe(events, (in HookEvent e, HookContext context) => callback(new WatchHit(
            e.Function?.Name, e.InstructionIndex, e.Function?.SourceLineAt(e.InstructionIndex) ?? 0,
            e.Kind == HookEventKind.RegisterWrite ? e.Register : -1, e.Table, e.Key, e.OldValue, e.NewValue)), predicate);
        return watchpoint;
    }

    // Array indices arrive as whatever integer kind the script used; compare them by number.
    private static bool KeysMatch(Value actual, Value watched) =>
        actual == watched || (IsInteger(actual) && IsInteger(watched) && actual.AsI64 == watched.AsI64);

    private static bool IsInteger(Value value) => value.Kind is ValueKind.I64 or ValueKind.I32 or ValueKind.I16 or ValueKind.I8
        or ValueKind.U8 or ValueKind.U16 or ValueKind.U32 or ValueKind.U64;
}

/// <summary>A watched location changed.</summary>
/// <param name="Function">The function that wrote it, or null outside any frame.</param>
/// <param name="InstructionIndex">The writing instruction.</param>
/// <param name="SourceLine">Its 1-based source line, or 0.</param>
/// <param name="Register">The register, or -1 for a field or element.</param>
/// <param name="Table">The object or array (Unit for a register).</param>
/// <param name="Key">The field key or element index (Unit for a register).</param>
/// <param name="OldValue">The value before the write (Unit for a new field).</param>
/// <param name="NewValue">The value written.</param>
public readonly record struct WatchHit(string? Function, int InstructionIndex, int SourceLine, int Register, Value Table, Value Key, Value OldValue, Value NewValue);
