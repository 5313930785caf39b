namespace Stoffel.Bench;

/// <summary>
/// One program of bench/programs at its in-process size: <c>NAME.stfa</c> and <c>NAME.lua</c>,
/// whose entry function (named <c>NAME</c> in the .stfa, returned by the .lua chunk) gives
/// <paramref name="Expected"/> for the argument <paramref name="N"/>.
/// </summary>
/// <param name="Name">The program's name: its file names without extension and its Stoffel entry function.</param>
/// <param name="N">The argument the in-process benchmarks pass.</param>
/// <param name="Expected">What both implementations return for <paramref name="N"/>.</param>
internal sealed record ProgramCase(string Name, long N, long Expected)
{
    /// <summary>The Stoffel assembly file.</summary>
    public string StoffelFile => $"{Name}.stfa";

    /// <summary>The Lua twin.</summary>
    public string LuaFile => $"{Name}.lua";

    /// <summary>The Stoffel function the host calls.</summary>
    public string Function => Name;
}
