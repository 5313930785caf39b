namespace Stoffel.Testing;

/// <summary>
/// Test discovery failed: a path does not exist or holds no test, a file does not load or
/// assemble, or a directive is malformed. <see cref="Exception.Message"/> has one line per error.
/// </summary>
public sealed class TestDiscoveryException : Exception
{
    /// <summary>Creates the exception from one or more error lines.</summary>
    /// <param name="errors">Every error found, one line each (<c>file:line: message</c> where a line is known).</param>
    public TestDiscoveryException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Every error found, one line each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
