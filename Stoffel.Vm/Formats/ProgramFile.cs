using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats;

/// <summary>
/// Loads a program file the way <c>stoffel run</c> and the debugger do: an STFL binary when the
/// file starts with the magic <c>STFL</c> (upstream's binary format, <see cref="StflReader"/>),
/// else <c>.stfa</c> assembly (docs/assembly.md).
/// </summary>
public static class ProgramFile
{
    private static ReadOnlySpan<byte> Magic => "STFL"u8;

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="ProgramLoadException">
    /// The file is missing, unreadable, too large or never arrives (<see cref="ProgramFileReader"/>),
    /// a binary is malformed (each message prefixed with the path), a <c>.stflb</c> lacks the
    /// magic, or the assembly has errors (<c>file:line:col: message</c>).
    /// </exception>
    public static StoffelProgram Load(string path)
    {
        var bytes = ProgramFileReader.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith(Magic))
        {
            try
            {
                return StflReader.Read(bytes);
            }
            catch (ProgramLoadException e)
            {
                throw new ProgramLoadException(e.Errors.Select(m => $"{path}: {m}").ToArray());
            }
        }
        if (Path.GetExtension(path).Equals(".stflb", StringComparison.OrdinalIgnoreCase))
        {
            var head = Convert.ToHexString(bytes.AsSpan(0, Math.Min(4, bytes.Length)));
            throw new ProgramLoadException($"{path}: not a Stoffel binary: bad magic {(head.Length == 0 ? "(empty file)" : head)} (expected \"STFL\")");
        }
        return StfaAssembler.Assemble(ProgramFileReader.DecodeText(bytes), path);
    }
}
