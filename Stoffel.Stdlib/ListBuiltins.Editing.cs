using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// pop, remove, delete and insert: the list methods that move elements (upstream's standard_library.rs).
internal static partial class ListBuiltins
{
    // pop(list, index = -1): removes and returns the element; a negative index counts from the end.
    private static Value Pop(ForeignFunctionContext context)
    {
        Arguments.Between(context, 1, 2);
        var list = Arguments.Array(context, 0);
        if (list.Length == 0)
        {
            throw Arguments.Error(context, VmErrorKind.IndexOutOfRange, "pop from an empty list");
        }
        var index = context.ArgumentCount > 1 ? Indexing.ElementIndex(context, 1, list.Length, "array") : list.Length - 1;
        return ArrayAccess.RemoveAt(context, list, index);
    }

    // remove(list, v): removes the first element equal to v.
    private static Value Remove(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var list = Arguments.Array(context, 0);
        var index = ArrayAccess.IndexOf(context, list, context[1]);
        if (index < 0)
        {
            throw NotInList(context);
        }
        ArrayAccess.RemoveAt(context, list, index);
        return Value.Unit;
    }

    // delete(list, index): removes the element at the (negative-from-the-end) index.
    private static Value Delete(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(2);
        var list = Arguments.Array(context, 0);
        ArrayAccess.RemoveAt(context, list, Indexing.ElementIndex(context, 1, list.Length, "array"));
        return Value.Unit;
    }

    // insert(list, index, v): Python's insert; the index is normalised, then clamped to 0..len.
    private static Value Insert(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(3);
        var list = Arguments.Array(context, 0);
        ArrayAccess.InsertAt(context, list, Indexing.ClampedPosition(context, 1, list.Length, 0), context[2]);
        return Value.Unit;
    }
}
