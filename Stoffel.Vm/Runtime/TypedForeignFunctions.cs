using Stoffel.Vm.Values;

namespace Stoffel.Vm.Runtime;

/// <summary>
/// Typed foreign functions: register a C# lambda or method with 0 to 4 typed parameters, and the VM
/// checks the argument count and kinds and converts arguments and the result (docs/host-api.md).
/// Parameter and result types map to Stoffel kinds: <c>long</c>↔int64, <c>int</c>↔int32,
/// <c>short</c>↔int16, <c>sbyte</c>↔int8, <c>ulong</c>↔uint64, <c>uint</c>↔uint32,
/// <c>ushort</c>↔uint16, <c>byte</c>↔uint8, <c>double</c>↔float, <c>bool</c>↔boolean,
/// <c>string</c>↔string, <see cref="Value"/> as is, void → Unit. A parameter of any other reference
/// type receives the host object behind a <c>Foreign(id)</c> argument; a result of such a type is
/// registered as a foreign object (the same instance keeps its id), a null result is Unit.
/// Kinds must match exactly (an int64 is not a float). The converters are chosen once, here; a call
/// runs no reflection.
/// </summary>
/// <example>
/// <code>
/// vm.RegisterFunction("hypot", (double x, double y) =&gt; Math.Sqrt(x * x + y * y));
/// vm.RegisterFunction("deposit", (Account account, long amount) =&gt; account.Deposit(amount));
/// </code>
/// A call <c>hypot(3.0, 4)</c> fails with <c>hypot: argument 2 (y) must be float, got int64 4</c>;
/// <c>hypot(3.0)</c> with <c>hypot expects 2 arguments, got 1</c>.
/// </example>
public static class TypedForeignFunctions
{
    /// <summary>Registers a typed foreign function of 0 parameters returning a value (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<TResult>(this VirtualMachine vm, string name, Func<TResult> function)
    {
        Validate(vm, name, function);
        var result = ValueMarshal.For<TResult>();
        Register(vm, name, 0, context => result.Write(context, function()));
    }

    /// <summary>Registers a typed foreign function of 0 parameters returning Unit (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction(this VirtualMachine vm, string name, Action function)
    {
        Validate(vm, name, function);
        Register(vm, name, 0, context =>
        {
            function();
            return Value.Unit;
        });
    }

    /// <summary>Registers a typed foreign function of 1 parameter returning a value (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1, TResult>(this VirtualMachine vm, string name, Func<T1, TResult> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 1);
        var result = ValueMarshal.For<TResult>();
        Register(vm, name, 1, context => result.Write(context, function(p1.Read(context))));
    }

    /// <summary>Registers a typed foreign function of 1 parameter returning Unit (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1>(this VirtualMachine vm, string name, Action<T1> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 1);
        Register(vm, name, 1, context =>
        {
            function(p1.Read(context));
            return Value.Unit;
        });
    }

    /// <summary>Registers a typed foreign function of 2 parameters returning a value (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1, T2, TResult>(this VirtualMachine vm, string name, Func<T1, T2, TResult> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 2);
        var p2 = new TypedParameter<T2>(name, function, 1, 2);
        var result = ValueMarshal.For<TResult>();
        Register(vm, name, 2, context => result.Write(context, function(p1.Read(context), p2.Read(context))));
    }

    /// <summary>Registers a typed foreign function of 2 parameters returning Unit (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1, T2>(this VirtualMachine vm, string name, Action<T1, T2> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 2);
        var p2 = new TypedParameter<T2>(name, function, 1, 2);
        Register(vm, name, 2, context =>
        {
            function(p1.Read(context), p2.Read(context));
            return Value.Unit;
        });
    }

    /// <summary>Registers a typed foreign function of 3 parameters returning a value (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1, T2, T3, TResult>(this VirtualMachine vm, string name, Func<T1, T2, T3, TResult> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 3);
        var p2 = new TypedParameter<T2>(name, function, 1, 3);
        var p3 = new TypedParameter<T3>(name, function, 2, 3);
        var result = ValueMarshal.For<TResult>();
        Register(vm, name, 3, context => result.Write(context, function(p1.Read(context), p2.Read(context), p3.Read(context))));
    }

    /// <summary>Registers a typed foreign function of 3 parameters returning Unit (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1, T2, T3>(this VirtualMachine vm, string name, Action<T1, T2, T3> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 3);
        var p2 = new TypedParameter<T2>(name, function, 1, 3);
        var p3 = new TypedParameter<T3>(name, function, 2, 3);
        Register(vm, name, 3, context =>
        {
            function(p1.Read(context), p2.Read(context), p3.Read(context));
            return Value.Unit;
        });
    }

    /// <summary>Registers a typed foreign function of 4 parameters returning a value (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1, T2, T3, T4, TResult>(this VirtualMachine vm, string name, Func<T1, T2, T3, T4, TResult> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 4);
        var p2 = new TypedParameter<T2>(name, function, 1, 4);
        var p3 = new TypedParameter<T3>(name, function, 2, 4);
        var p4 = new TypedParameter<T4>(name, function, 3, 4);
        var result = ValueMarshal.For<TResult>();
        Register(vm, name, 4, context => result.Write(context, function(p1.Read(context), p2.Read(context), p3.Read(context), p4.Read(context))));
    }

    /// <summary>Registers a typed foreign function of 4 parameters returning Unit (see <see cref="TypedForeignFunctions"/>).</summary>
    /// <typeparam name="T1">The first parameter's type.</typeparam>
    /// <typeparam name="T2">The second parameter's type.</typeparam>
    /// <typeparam name="T3">The third parameter's type.</typeparam>
    /// <typeparam name="T4">The fourth parameter's type.</typeparam>
    /// <param name="vm">The VM to register into.</param>
    /// <param name="name">The name Stoffel code calls.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a parameter or result type has no Stoffel kind (a value type outside the list, e.g. <c>float</c>).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The name is already defined.</exception>
    public static void RegisterFunction<T1, T2, T3, T4>(this VirtualMachine vm, string name, Action<T1, T2, T3, T4> function)
    {
        Validate(vm, name, function);
        var p1 = new TypedParameter<T1>(name, function, 0, 4);
        var p2 = new TypedParameter<T2>(name, function, 1, 4);
        var p3 = new TypedParameter<T3>(name, function, 2, 4);
        var p4 = new TypedParameter<T4>(name, function, 3, 4);
        Register(vm, name, 4, context =>
        {
            function(p1.Read(context), p2.Read(context), p3.Read(context), p4.Read(context));
            return Value.Unit;
        });
    }

    private static void Validate(VirtualMachine vm, string name, Delegate function)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
    }

    private static void Register(VirtualMachine vm, string name, int arity, ForeignFunction body) =>
        vm.RegisterFunction(name, context =>
        {
            context.ExpectArgumentCount(arity);
            return body(context);
        });
}
