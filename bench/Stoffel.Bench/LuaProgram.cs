using KeraLua;

namespace Stoffel.Bench;

/// <summary>
/// A Lua 5.4 state (KeraLua's native liblua54) that has run one bench/programs/*.lua chunk and
/// holds the entry function the chunk returned. The programs define their functions as locals,
/// as idiomatic Lua does, and end with <c>return entry</c>; the function is kept in the registry,
/// so no global is read on the way in.
/// </summary>
internal sealed class LuaProgram : IDisposable
{
    private readonly Lua _state;
    private readonly int _entry;

    private LuaProgram(Lua state, int entry)
    {
        _state = state;
        _entry = entry;
    }

    /// <summary>The file name the chunk came from, for messages.</summary>
    public required string FileName { get; init; }

    /// <summary>Runs the chunk at <paramref name="path"/> and keeps the function it returns.</summary>
    /// <exception cref="InvalidOperationException">The chunk does not compile, fails, or returns no function.</exception>
    public static LuaProgram Load(string path)
    {
        var state = new Lua();
        var fileName = Path.GetFileName(path);
        try
        {
            if (state.LoadFile(path) != LuaStatus.OK || state.PCall(0, 1, 0) != LuaStatus.OK)
            {
                throw new InvalidOperationException($"Lua failed to load {fileName}: {state.ToString(-1)}");
            }
            if (!state.IsFunction(-1))
            {
                throw new InvalidOperationException($"{fileName} returned {state.TypeName(state.Type(-1))}, not its entry function");
            }
            return new LuaProgram(state, state.Ref(LuaRegistry.Index)) { FileName = fileName };
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>Calls the entry function with one integer argument; it must return an integer.</summary>
    /// <exception cref="InvalidOperationException">The call fails or returns something else.</exception>
    public long Call(long argument)
    {
        _state.RawGetInteger(LuaRegistry.Index, _entry);
        _state.PushInteger(argument);
        if (_state.PCall(1, 1, 0) != LuaStatus.OK)
        {
            var message = _state.ToString(-1);
            _state.Pop(1);
            throw new InvalidOperationException($"{FileName}({argument}) failed: {message}");
        }
        if (!_state.IsInteger(-1))
        {
            var kind = _state.TypeName(_state.Type(-1));
            _state.Pop(1);
            throw new InvalidOperationException($"{FileName}({argument}) returned a {kind}, not an integer");
        }
        var result = _state.ToInteger(-1);
        _state.Pop(1);
        return result;
    }

    /// <summary>Closes the Lua state.</summary>
    public void Dispose() => _state.Dispose();
}
