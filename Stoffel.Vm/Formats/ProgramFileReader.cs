using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Formats;

/// <summary>
/// Reads a program file's bytes with the two guards a loader needs against what is not a program
/// file: a size cap (<c>/dev/zero</c> or a huge file fails at once instead of exhausting memory)
/// and a deadline for the data to arrive (a FIFO nobody writes to fails instead of blocking
/// forever). Shared by <see cref="ProgramFile"/>, <see cref="StflReader.ReadFile"/> and
/// <c>StfaAssembler.AssembleFile</c>, so the CLI, the debug adapter and hosts get the same errors.
/// </summary>
public static class ProgramFileReader
{
    /// <summary>
    /// The largest program file accepted: 64 MiB. Upstream's compiled binaries are kilobytes; the
    /// largest fixture here is 12 KB, and a 64 MiB assembly file takes about two seconds to assemble.
    /// </summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>How long the whole file may take to arrive (a pipe's writer may be slow; a FIFO with none never answers).</summary>
    public static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Reads all of <paramref name="path"/> within <see cref="ReadDeadline"/>.</summary>
    /// <exception cref="ProgramLoadException">
    /// <c>path: …</c>: the path is a directory, missing or unreadable, the file is larger than
    /// <see cref="MaxFileBytes"/>, or its data did not arrive within <see cref="ReadDeadline"/>.
    /// </exception>
    public static byte[] ReadAllBytes(string path) => ReadAllBytes(path, ReadDeadline);

    /// <summary>Reads all of <paramref name="path"/> within <paramref name="deadline"/>.</summary>
    /// <exception cref="ProgramLoadException">As <see cref="ReadAllBytes(string)"/>, with this deadline.</exception>
    public static byte[] ReadAllBytes(string path, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ProgramLoadException($"{path}: is a directory, not a program file");
        }
        // Opening a FIFO blocks until a writer appears, and a read may block after that: both
        // happen on a pool thread the caller stops waiting for at the deadline.
        var read = Task.Run(() => ReadCapped(path));
        try
        {
            if (!read.Wait(deadline))
            {
                throw new ProgramLoadException($"{path}: cannot read the file: it did not arrive within {deadline.TotalSeconds:0.#} s (a pipe or device nothing writes to?)");
            }
            return read.Result;
        }
        catch (AggregateException wrapped) when (wrapped.InnerException is { } e)
        {
            throw e switch
            {
                ProgramLoadException load => load,
                FileNotFoundException or DirectoryNotFoundException => new ProgramLoadException($"{path}: cannot read the file: no such file"),
                IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException => new ProgramLoadException($"{path}: cannot read the file: {e.Message}"),
                _ => wrapped,
            };
        }
    }

    /// <summary>Decodes a <c>.stfa</c> file's bytes as UTF-8, without a leading byte-order mark.</summary>
    public static string DecodeText(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = bytes.AsSpan();
        return System.Text.Encoding.UTF8.GetString(text.StartsWith(System.Text.Encoding.UTF8.Preamble) ? text[3..] : text);
    }

    private static byte[] ReadCapped(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        using var bytes = new MemoryStream();
        var buffer = new byte[81920];
        int count;
        while ((count = stream.Read(buffer)) > 0)
        {
            if (bytes.Length + count > MaxFileBytes)
            {
                throw new ProgramLoadException($"{path}: larger than the {Runtime.ByteSize.Format(MaxFileBytes)} a program file may be");
            }
            bytes.Write(buffer, 0, count);
        }
        return bytes.ToArray();
    }
}
