namespace Stoffel.Vm.Runtime;

/// <summary>
/// Typed argument access for raw <see cref="ForeignFunction"/>s, with the conversions and messages
/// of <see cref="TypedForeignFunctions"/> (docs/host-api.md).
/// </summary>
/// <example>
/// <code>
/// vm.RegisterFunction("sum_all", context =&gt;
/// {
///     long total = 0;
///     for (var i = 0; i &lt; context.ArgumentCount; i++) total += context.GetArgument&lt;long&gt;(i);
///     return Value.FromI64(total);
/// });
/// </code>
/// </example>
public static class ForeignArguments
{
    /// <summary>
    /// Argument <paramref name="index"/> (0-based) as a <typeparamref name="T"/>: a scalar of the
    /// matching kind (long for int64, double for float, …), a string, the <see cref="Values.Value"/>
    /// itself, or the host object of a <c>Foreign(id)</c> for any other reference type.
    /// </summary>
    /// <exception cref="StoffelError">The argument is missing (<see cref="VmErrorKind.FunctionArityMismatch"/>) or of another kind
    /// (<see cref="VmErrorKind.TypeError"/>: <c>f: argument 1 must be int64, got string "a"</c>).</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is a value type without a Stoffel kind.</exception>
    public static T GetArgument<T>(this ForeignFunctionContext context, int index) => Read(context, index, ValueMarshal.For<T>());

    /// <summary>
    /// The host object of type <typeparamref name="T"/> behind the <c>Foreign(id)</c> argument
    /// <paramref name="index"/> (0-based). Unlike <see cref="GetArgument{T}"/>, a <c>string</c> or
    /// <c>object</c> type argument also means a foreign object here.
    /// </summary>
    /// <exception cref="StoffelError">The argument is missing, not a foreign value, or wraps another type
    /// (<c>f: argument 1 must be foreign Counter, got foreign Timer</c>).</exception>
    public static T GetForeign<T>(this ForeignFunctionContext context, int index) where T : class =>
        Read(context, index, ValueMarshal.Foreign<T>());

    private static T Read<T>(ForeignFunctionContext context, int index, Marshaller<T> marshaller)
    {
        var value = context[index];
        return marshaller.TryRead(value, out var result)
            ? result
            : throw ValueMarshal.KindError(context.FunctionName, index, null, marshaller.Expected, value);
    }
}
