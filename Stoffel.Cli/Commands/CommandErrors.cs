using Stoffel.Vm.Programs;

namespace Stoffel.Cli.Commands;

/// <summary>Turns load and file errors of a file-to-file command into a message on stderr and exit code 2.</summary>
internal static class CommandErrors
{
    public static int Report(Func<int> command, TextWriter stderr)
    {
        try
        {
            return command();
        }
        catch (ProgramLoadException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.LoadError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.LoadError;
        }
    }
}
