using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// Value equality for contains and array_equals, as upstream's: arrays element-wise
// and recursively, everything else by key equality (so I64(1) != U64(1)). Elements are read
// through the context so ArrayElementRead fires for each comparison.
internal static class ValueEquality
{
    /// <summary>How deep nested arrays are compared before giving up with "not equal".</summary>
    public const int MaxDepth = 64;

    public static bool Equal(ForeignFunctionContext context, Value left, Value right, int depth = MaxDepth) =>
        left.AsArray is { } l && right.AsArray is { } r ? ArraysEqual(context, l, r, depth) : left == right;

    public static bool ArraysEqual(ForeignFunctionContext context, StoffelArray left, StoffelArray right, int depth = MaxDepth)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }
        if (depth == 0 || left.Length != right.Length)
        {
            return false;
        }
        // Lengths are re-read each step: a hook on the element reads may resize either array.
        for (var i = 0; i < left.Length && i < right.Length; i++)
        {
            if (!Equal(context, context.GetElement(left, i), context.GetElement(right, i), depth - 1))
            {
                return false;
            }
        }
        return left.Length == right.Length;
    }
}
