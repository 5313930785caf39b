using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// sort: in place and stable (SEMANTICS.md §4.2).
internal static partial class ListBuiltins
{
    // sort(list): orders as CMP does (numbers of any kinds exactly, strings by code point, false <
    // true). Every element is checked against the first before anything moves, so a list mixing
    // those groups, or holding Unit, tables, closures or NaN, fails and is left unchanged.
    private static Value Sort(ForeignFunctionContext context)
    {
        context.ExpectArgumentCount(1);
        var list = Arguments.Array(context, 0);
        var values = ArrayAccess.ReadAll(context, list);
        if (values.Count < 2)
        {
            return Value.Unit;
        }
        foreach (var value in values)
        {
            try
            {
                Comparison.Compare(values[0], value);
            }
            catch (StoffelError error)
            {
                throw Arguments.Named(context, error);
            }
        }
        // Ties broken by position: a total order, so the unstable Array.Sort gives a stable result.
        var order = Enumerable.Range(0, values.Count).ToArray();
        Array.Sort(order, (a, b) => Comparison.Compare(values[a], values[b]) switch
        {
            CompareFlag.Less => -1,
            CompareFlag.Greater => 1,
            _ => a.CompareTo(b),
        });
        ArrayAccess.Rewrite(context, list, order.Select(i => values[i]).ToArray());
        return Value.Unit;
    }
}
