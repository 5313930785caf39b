namespace Stoffel.Cli;

/// <summary>The CLI's exit codes, the same for every command (README.md "Quick start").</summary>
public static class ExitCodes
{
    /// <summary>The program ran and returned.</summary>
    public const int Success = 0;

    /// <summary>A VM error: the message and Stoffel stack trace are on stderr.</summary>
    public const int VmError = 1;

    /// <summary>A usage, load, assembly or link error, or a program this VM cannot run (MPC).</summary>
    public const int LoadError = 2;
}
