using Stoffel.Vm.Hooks;
using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// What a <see cref="ForeignFunction"/> sees of one call: its arguments, a read-only view of the
/// VM (<see cref="Inspector"/>), and the VM operations a builtin needs. Every change it can make
/// — table, closure and upvalue operations — fires the matching hook event
/// (docs/hooks.md "Event kinds and payloads"), so builtins written against this context are
/// observable like instructions; tables reached through values are read-only and change only
/// through these methods. A stack-only view: it must not be stored.
/// </summary>
public readonly ref struct ForeignFunctionContext
{
    private readonly VMState _state;

    internal ForeignFunctionContext(VMState state, string functionName, ReadOnlySpan<Value> arguments)
    {
        _state = state;
        FunctionName = functionName;
        Arguments = arguments;
    }

    /// <summary>The arguments in push order.</summary>
    public ReadOnlySpan<Value> Arguments { get; }

    /// <summary>Number of arguments.</summary>
    public int ArgumentCount => Arguments.Length;

    /// <summary>The name the function was called under (for error messages).</summary>
    public string FunctionName { get; }

    /// <summary>The read-only view of the VM: frames, limits, loaded programs, foreign objects.</summary>
    public VmInspector Inspector => _state.Inspector;

    /// <summary>The VM state, for the standard library's comparers, which cannot capture this ref struct to charge work.</summary>
    internal VMState State => _state;

    /// <summary>The writer <c>print</c> writes to.</summary>
    public TextWriter Output => _state.Output;

    /// <summary>The object store: creates tables (charged to the memory limits) and registers foreign objects.</summary>
    public ObjectStore Objects => _state.Objects;

    /// <summary>Argument <paramref name="index"/>.</summary>
    /// <exception cref="StoffelError">Fewer arguments were passed.</exception>
    public Value this[int index] => (uint)index < (uint)Arguments.Length
        ? Arguments[index]
        : throw new StoffelError(VmErrorKind.FunctionArityMismatch, $"{FunctionName}: missing argument {index + 1} (got {Arguments.Length})");

    /// <summary>Throws unless exactly <paramref name="count"/> arguments were passed.</summary>
    /// <exception cref="StoffelError">The count differs.</exception>
    public void ExpectArgumentCount(int count)
    {
        if (Arguments.Length != count)
        {
            throw new StoffelError(VmErrorKind.FunctionArityMismatch, $"{FunctionName} expects {count} argument{(count == 1 ? "" : "s")}, got {Arguments.Length}");
        }
    }

    /// <summary>True when an enabled hook listens to <paramref name="kind"/>; lets a builtin skip building event data.</summary>
    public bool IsListening(HookEventKind kind) => _state.Hooks.ActiveMask.Includes(kind);

    /// <summary>
    /// Charges <paramref name="units"/> of work to the run's instruction budget (one unit is
    /// about one instruction's worth: an element, a comparison) and, every few thousand units,
    /// stops the run if the budget is spent or it was cancelled or timed out. A foreign function
    /// whose work grows with its input calls this as it goes; the element operations below
    /// charge one unit each themselves.
    /// </summary>
    /// <exception cref="StoffelError"><see cref="VmErrorKind.InstructionLimitExceeded"/>, <see cref="VmErrorKind.Cancelled"/> or <see cref="VmErrorKind.Timeout"/>.</exception>
    public void ChargeWork(long units) => _state.ChargeWork(units);

    /// <summary>Reads an array element (one unit of work); fires <see cref="HookEventKind.ArrayElementRead"/>.</summary>
    /// <exception cref="StoffelError">The index is outside 0..length-1, or a run limit (<see cref="ChargeWork"/>).</exception>
    public Value GetElement(StoffelArray array, long index)
    {
        _state.ChargeWork(1);
        return _state.Tables.GetElement(array, index);
    }

    /// <summary>Writes an array element (one unit of work), growing the array with Unit up to it; fires <see cref="HookEventKind.ArrayElementWrite"/>.</summary>
    /// <exception cref="StoffelError">Negative index, the array-length or memory limit, or a run limit (<see cref="ChargeWork"/>).</exception>
    public void SetElement(StoffelArray array, long index, Value value)
    {
        _state.ChargeWork(1);
        _state.Tables.SetElement(array, index, value);
    }

    /// <summary>Appends to an array (one unit of work); fires <see cref="HookEventKind.ArrayElementWrite"/>. Returns the new length.</summary>
    /// <exception cref="StoffelError">The array-length or memory limit, or a run limit (<see cref="ChargeWork"/>).</exception>
    public int Append(StoffelArray array, Value value)
    {
        _state.ChargeWork(1);
        return _state.Tables.Append(array, value);
    }

    /// <summary>
    /// Shortens an array to <paramref name="length"/> elements. Each removed slot fires
    /// <see cref="HookEventKind.ArrayElementWrite"/> with its old value and Unit as the new value,
    /// highest index first, so a watcher of an element learns it is gone. Side entries are kept.
    /// </summary>
    /// <exception cref="StoffelError"><paramref name="length"/> is negative or above the current length.</exception>
    public void Truncate(StoffelArray array, int length)
    {
        _state.ChargeWork(Math.Max(0, array.Length - (long)length));
        _state.Tables.Truncate(array, length);
    }

    /// <summary>
    /// Reads a table entry by key with no index normalisation: an array's non-negative I64 keys
    /// address elements (missing = Unit), other keys its side map; an object's fields (missing =
    /// Unit). Fires the read event for the table's kind.
    /// </summary>
    /// <exception cref="StoffelError"><paramref name="table"/> is not an Object or Array.</exception>
    public Value ReadTable(Value table, Value key) => _state.Tables.ReadTable(table, key);

    /// <summary>Writes a table entry by key (see <see cref="ReadTable"/>); fires the write event with old and new value.</summary>
    /// <exception cref="StoffelError"><paramref name="table"/> is not an Object or Array, or a limit is hit.</exception>
    public void WriteTable(Value table, Value key, Value value) => _state.Tables.WriteTable(table, key, value);

    /// <summary>Creates a closure capturing <paramref name="upvalueNames"/> by name from the frame chain; fires <see cref="HookEventKind.ClosureCreated"/>.</summary>
    /// <exception cref="StoffelError">A name cannot be found (<see cref="VmErrorKind.UpvalueNotFound"/>).</exception>
    public Value CreateClosure(string functionName, IReadOnlyList<string> upvalueNames) => _state.CreateClosure(functionName, upvalueNames);

    /// <summary>
    /// Calls a closure: pushes its frame, whose return value then lands in the caller's r0 (the
    /// foreign function's own result is ignored). Must be the last thing the function does.
    /// </summary>
    /// <exception cref="StoffelError">Unknown function, arity mismatch or call-depth limit.</exception>
    public void CallClosure(Closure closure, ReadOnlySpan<Value> arguments) => _state.PushClosureFrame(closure, arguments);

    /// <summary>Reads an upvalue of the calling frame; fires <see cref="HookEventKind.UpvalueRead"/>.</summary>
    /// <exception cref="StoffelError">The frame has no such upvalue.</exception>
    public Value GetUpvalue(string name) => _state.GetUpvalue(name);

    /// <summary>Writes an upvalue of the calling frame (and its closure); fires <see cref="HookEventKind.UpvalueWrite"/>.</summary>
    /// <exception cref="StoffelError">The frame has no such upvalue.</exception>
    public void SetUpvalue(string name, Value value) => _state.SetUpvalue(name, value);

    /// <summary>Creates a string value (one unit of work per 16 characters), enforcing the VM's string-length and memory limits.</summary>
    /// <exception cref="StoffelError">A limit is exceeded, or a run limit (<see cref="ChargeWork"/>).</exception>
    public Value CreateString(string text)
    {
        _state.ChargeWork(text.Length / 16);
        _state.Heap.ChargeString(text);
        return Value.FromString(text);
    }
}
