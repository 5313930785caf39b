namespace Stoffel.Vm.Runtime;

/// <summary>
/// One parameter of a typed foreign function, bound at registration: its position, its name (from
/// the delegate's method, for messages) and the converter for its CLR type.
/// </summary>
internal sealed class TypedParameter<T>
{
    private readonly string _function;
    private readonly int _index;
    private readonly string? _name;
    private readonly Marshaller<T> _marshaller = ValueMarshal.For<T>();

    public TypedParameter(string function, Delegate target, int index, int arity)
    {
        _function = function;
        _index = index;
        // A delegate closed over an extension method's first argument has one extra leading parameter.
        var parameters = target.Method.GetParameters();
        _name = parameters.Length >= arity ? parameters[parameters.Length - arity + index].Name : null;
    }

    /// <exception cref="StoffelError">The argument's kind does not fit <typeparamref name="T"/>.</exception>
    public T Read(ForeignFunctionContext context)
    {
        var value = context.Arguments[_index];
        return _marshaller.TryRead(value, out var result)
            ? result
            : throw ValueMarshal.KindError(_function, _index, _name, _marshaller.Expected, value);
    }
}
