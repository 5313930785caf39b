using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// Whole-array reads and in-place edits built from the context's element operations, so every
// element a builtin reads fires ArrayElementRead and every slot it changes fires
// ArrayElementWrite (a removed slot: old value → Unit, see ForeignFunctionContext.Truncate).
internal static class ArrayAccess
{
    /// <summary>Reads every element in order (one ArrayElementRead each).</summary>
    public static List<Value> ReadAll(ForeignFunctionContext context, StoffelArray array)
    {
        var values = new List<Value>(array.Length);
        for (var i = 0; i < array.Length; i++)
        {
            values.Add(context.GetElement(array, i));
        }
        return values;
    }

    /// <summary>Index of the first element in <paramref name="start"/>..<paramref name="stop"/> equal to <paramref name="needle"/> (deep for arrays), or -1.</summary>
    public static int IndexOf(ForeignFunctionContext context, StoffelArray array, Value needle, int start = 0, int stop = int.MaxValue)
    {
        for (var i = start; i < stop && i < array.Length; i++)
        {
            if (ValueEquality.Equal(context, context.GetElement(array, i), needle))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Removes and returns element <paramref name="index"/>, moving the later elements down one.</summary>
    public static Value RemoveAt(ForeignFunctionContext context, StoffelArray array, int index)
    {
        var removed = context.GetElement(array, index);
        for (var i = index + 1; i < array.Length; i++)
        {
            context.SetElement(array, i - 1, context.GetElement(array, i));
        }
        context.Truncate(array, array.Length - 1);
        return removed;
    }

    /// <summary>Inserts <paramref name="value"/> at <paramref name="index"/> (0..length), moving the later elements up one.</summary>
    public static void InsertAt(ForeignFunctionContext context, StoffelArray array, int index, Value value)
    {
        for (var i = array.Length; i > index; i--)
        {
            context.SetElement(array, i, context.GetElement(array, i - 1));
        }
        context.SetElement(array, index, value);
    }

    /// <summary>Stores <paramref name="values"/> at 0..n-1, writing (and firing) only the slots whose value changes.</summary>
    public static void Rewrite(ForeignFunctionContext context, StoffelArray array, IReadOnlyList<Value> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i >= array.Length || array.Elements[i] != values[i])
            {
                context.SetElement(array, i, values[i]);
            }
        }
    }
}
