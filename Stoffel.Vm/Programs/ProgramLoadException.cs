namespace Stoffel.Vm.Programs;

/// <summary>
/// A program could not be loaded: a malformed or truncated binary, an assembly error, an
/// unresolved label, or a conflicting duplicate function. <see cref="Exception.Message"/> is
/// meant for users; for assembly errors it is one <c>file:line:col: message</c> line per error.
/// </summary>
public sealed class ProgramLoadException : Exception
{
    /// <summary>Creates the exception with a single message.</summary>
    public ProgramLoadException(string message) : this([message])
    {
    }

    /// <summary>Creates the exception from one or more error lines.</summary>
    public ProgramLoadException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public ProgramLoadException(string message, Exception inner) : base(message, inner)
    {
        Errors = [message];
    }

    /// <summary>Every error found, one line each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
