namespace Stoffel.Vm.Runtime;

/// <summary>
/// An error raised by an operation, a builtin or a foreign function, before the VM knows where
/// it happened. The VM turns it into a <see cref="VmException"/> carrying the function,
/// instruction, source line and Stoffel stack trace. Throw this from foreign functions to
/// report a script-level error; any other exception is reported as a foreign-function failure.
/// </summary>
public sealed class StoffelError : Exception
{
    /// <summary>Creates an error of <paramref name="kind"/>.</summary>
    public StoffelError(VmErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    /// <summary>Creates a <see cref="VmErrorKind.ForeignFunctionError"/>.</summary>
    public StoffelError(string message) : this(VmErrorKind.ForeignFunctionError, message)
    {
    }

    /// <summary>The error category.</summary>
    public VmErrorKind Kind { get; }
}
