using Stoffel.Vm.Formats;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Programs;

namespace Stoffel.Debugger.Adapter;

/// <summary>Loads a <c>.stfa</c> source or an STFL binary (told apart by the <c>STFL</c> magic), as <c>stoffel run</c> does.</summary>
internal static class ProgramLoader
{
    /// <exception cref="ProgramLoadException">Missing, unreadable, malformed or not assembling.</exception>
    public static StoffelProgram Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ProgramLoadException($"{path}: cannot read the file: {(e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message)}");
        }
        if (bytes.AsSpan().StartsWith("STFL"u8))
        {
            return StflReader.Read(bytes);
        }
        if (Path.GetExtension(path).Equals(".stflb", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProgramLoadException($"{path}: not a Stoffel binary (expected the magic \"STFL\")");
        }
        return StfaAssembler.Assemble(System.Text.Encoding.UTF8.GetString(bytes), path);
    }
}

/// <summary>A request failed; the message goes to the client in the error response.</summary>
internal sealed class RequestException(string message) : Exception(message);
