using System.Text;
using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

/// <summary>
/// The <see cref="StdlibModules.Strings"/> module, beyond upstream (which has no string builtins
/// besides <c>len</c>, <c>slice</c>, <c>contains</c> and <c>to_string</c>;
/// docs/host-api.md "Standard library beyond upstream"). Text is compared ordinally; positions
/// count Unicode scalars like <c>len</c> and <c>get_field</c>. Results respect the string-length
/// limit, checked before a long result is built.
/// </summary>
internal static partial class StringBuiltins
{
    public static void Register(VirtualMachine vm)
    {
        vm.RegisterBuiltin("split", Split);
        vm.RegisterBuiltin("join", Join);
        vm.RegisterBuiltin("upper", Upper);
        vm.RegisterBuiltin("lower", Lower);
        vm.RegisterBuiltin("trim", Trim);
        vm.RegisterBuiltin("index_of", IndexOf);
        vm.RegisterBuiltin("replace", Replace);
        vm.RegisterBuiltin("parse_int", ParseInt);
        vm.RegisterBuiltin("parse_float", ParseFloat);
    }

    // split(text, separator): a new array of the pieces between separators (empty pieces kept).
    private static Value Split(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var text = Arguments.String(context, 0);
        var separator = NonEmpty(context, 1, "separator");
        var pieces = text.Split(separator);
        var result = context.Objects.CreateArray(pieces.Length);
        foreach (var piece in pieces)
        {
            context.Append(result.AsArray!, context.CreateString(piece));
        }
        return result;
    }

    // join(list, separator): the list's strings with the separator between them.
    private static Value Join(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var list = Arguments.Array(context, 0);
        var separator = Arguments.String(context, 1);
        var pieces = ArrayAccess.ReadAll(context, list);
        var length = (long)separator.Length * Math.Max(pieces.Count - 1, 0);
        for (var i = 0; i < pieces.Count; i++)
        {
            length += pieces[i].AsVmString?.Text.Length ?? throw Arguments.Error(context, VmErrorKind.TypeError,
                $"expected strings in the list, got {ValueFormatter.Describe(pieces[i])} at index {i}");
        }
        CheckLength(context, length);
        return context.CreateString(string.Join(separator, pieces.Select(p => p.AsString)));
    }

    // upper(text), lower(text): culture-independent case mapping.
    private static Value Upper(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return context.CreateString(Arguments.String(context, 0).ToUpperInvariant());
    }

    private static Value Lower(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return context.CreateString(Arguments.String(context, 0).ToLowerInvariant());
    }

    // trim(text): without leading and trailing Unicode white space.
    private static Value Trim(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        return context.CreateString(Arguments.String(context, 0).Trim());
    }

    // index_of(text, needle): the scalar index of the first occurrence, or -1; "" is found at 0.
    private static Value IndexOf(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var text = Arguments.String(context, 0);
        var found = text.IndexOf(Arguments.String(context, 1), StringComparison.Ordinal);
        return Value.FromI64(found < 0 ? -1 : UnicodeText.ScalarCount(text[..found]));
    }

    // replace(text, old, new): every occurrence of old, left to right.
    private static Value Replace(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(3);
        var text = Arguments.String(context, 0);
        var old = NonEmpty(context, 1, "text to replace");
        var replacement = Arguments.String(context, 2);
        var occurrences = 0L;
        for (var at = text.IndexOf(old, StringComparison.Ordinal); at >= 0; at = text.IndexOf(old, at + old.Length, StringComparison.Ordinal))
        {
            occurrences++;
        }
        CheckLength(context, text.Length + occurrences * (replacement.Length - old.Length));
        return context.CreateString(text.Replace(old, replacement, StringComparison.Ordinal));
    }

    private static string NonEmpty(ForeignFunctionContext context, int index, string what)
    {
        var text = Arguments.String(context, index);
        return text.Length > 0
            ? text
            : throw Arguments.Error(context, VmErrorKind.ForeignFunctionError, $"the {what} (argument {index + 1}) must not be empty");
    }

    // Before building: a result over the limit would first have to be allocated in full.
    private static void CheckLength(ForeignFunctionContext context, long length)
    {
        var limit = context.Inspector.Limits.MaxStringLength;
        if (length > limit)
        {
            throw Arguments.Error(context, VmErrorKind.MemoryLimitExceeded, $"a result of {length} characters exceeds the string length limit of {limit}");
        }
    }
}
