using Stoffel.Stdlib;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Bench;

/// <summary>Loads the programs in bench/programs into a Stoffel VM or a Lua state, and runs their entry functions.</summary>
internal static class Programs
{
    /// <summary>The full path of <paramref name="fileName"/> in the copied programs folder (or the source tree, when run from elsewhere).</summary>
    public static string PathOf(string fileName)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Programs).Assembly.Location)!, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "programs", fileName), Path.Combine(dir.FullName, "bench", "programs", fileName) })
                {
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }
        throw new FileNotFoundException($"benchmark program '{fileName}' not found next to the binary or in bench/programs", fileName);
    }

    /// <summary>
    /// A VM with the standard library registered (as <c>stoffel run</c> has it) and
    /// <paramref name="fileName"/> assembled, loaded and linked.
    /// </summary>
    public static VirtualMachine LoadStoffel(string fileName)
    {
        var path = PathOf(fileName);
        var vm = new VirtualMachine();
        StandardLibrary.Register(vm);
        vm.Load(StfaAssembler.Assemble(File.ReadAllText(path), path));
        vm.Link();
        return vm;
    }

    /// <summary>A Lua state that has run <paramref name="fileName"/> and holds the entry function it returned.</summary>
    public static LuaProgram LoadLua(string fileName) => LuaProgram.Load(PathOf(fileName));

    /// <summary>Runs a Stoffel function of one I64 argument that returns an I64.</summary>
    public static long CallStoffel(VirtualMachine vm, string function, long argument)
    {
        var result = vm.Execute(function, Value.FromI64(argument));
        return result.Kind == ValueKind.I64 ? result.AsI64 : throw new InvalidOperationException($"{function} returned {result}, not an I64");
    }

    /// <summary>Runs both once and throws unless they agree with each other and with <paramref name="expected"/>.</summary>
    public static void CheckSameResult(VirtualMachine vm, LuaProgram lua, string function, long argument, long expected)
    {
        var stoffel = CallStoffel(vm, function, argument);
        var reference = lua.Call(argument);
        if (stoffel != reference || stoffel != expected)
        {
            throw new InvalidOperationException($"{function}({argument}): Stoffel gives {stoffel}, Lua gives {reference}, expected {expected}");
        }
    }
}
