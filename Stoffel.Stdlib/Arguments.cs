using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// Argument checking shared by every builtin. Messages name the builtin first and then the bad
// argument: "len: expected an array or string, got int64 5". The first argument is the receiver,
// so its position is left out; later ones say "as argument N" (1-based).
internal static class Arguments
{
    public static void AtLeast(ForeignFunctionContext context, int count)
    {
        if (context.ArgumentCount < count)
        {
            throw ArityError(context, $"at least {count} argument{(count == 1 ? "" : "s")}");
        }
    }

    public static void Between(ForeignFunctionContext context, int min, int max)
    {
        if (context.ArgumentCount < min || context.ArgumentCount > max)
        {
            throw ArityError(context, $"{min} to {max} arguments");
        }
    }

    // Same wording as ForeignFunctionContext.ExpectArgumentCount: "len expects 1 argument, got 2".
    private static StoffelError ArityError(ForeignFunctionContext context, string expected) =>
        new(VmErrorKind.FunctionArityMismatch, $"{context.FunctionName} expects {expected}, got {context.ArgumentCount}");

    public static StoffelArray Array(ForeignFunctionContext context, int index) =>
        context[index].AsArray ?? throw TypeError(context, index, "an array");

    public static Closure Closure(ForeignFunctionContext context, int index) =>
        context[index].AsClosure ?? throw TypeError(context, index, "a closure");

    public static string String(ForeignFunctionContext context, int index) =>
        context[index].AsVmString?.Text ?? throw TypeError(context, index, "a string");

    /// <summary>Argument <paramref name="index"/> must be an Object or Array.</summary>
    public static Value Table(ForeignFunctionContext context, int index) =>
        context[index].Kind is ValueKind.Array or ValueKind.Object ? context[index] : throw TypeError(context, index, "an array or object");

    /// <summary>Any integer kind, widened without loss (U64 above <see cref="long.MaxValue"/> stays positive).</summary>
    public static Int128 Integer(ForeignFunctionContext context, int index) =>
        TryInteger(context[index], out var value) ? value : throw TypeError(context, index, "an integer");

    public static bool TryInteger(Value value, out Int128 result)
    {
        result = value.Kind == ValueKind.U64 ? (Int128)value.AsU64 : value.AsI64;
        return value.Kind.IsInteger();
    }

    public static StoffelError TypeError(ForeignFunctionContext context, int index, string expected) =>
        Error(context, VmErrorKind.TypeError, $"expected {expected}{(index == 0 ? "" : $" as argument {index + 1}")}, got {ValueFormatter.Describe(context[index])}");

    public static StoffelError Error(ForeignFunctionContext context, VmErrorKind kind, string message) =>
        new(kind, $"{context.FunctionName}: {message}");

    /// <summary>Re-raises an error from a VM operation with the builtin's name in front.</summary>
    public static StoffelError Named(ForeignFunctionContext context, StoffelError error) =>
        new(error.Kind, $"{context.FunctionName}: {error.Message}", error);
}
