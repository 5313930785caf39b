using Stoffel.Vm.Runtime;
using Stoffel.Vm.Values;

namespace Stoffel.Stdlib;

// sort: in place and stable, as upstream's.
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
        try
        {
            SortStably(order, values, context.State);
        }
        catch (InvalidOperationException wrapped) when (wrapped.InnerException is StoffelError stop)
        {
            // Array.Sort wraps what the comparer throws; the run's limit error goes on unwrapped.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(stop);
        }
        ArrayAccess.Rewrite(context, list, order.Select(i => values[i]).ToArray());
        return Value.Unit;
    }

    // One unit of work per comparison, so a long sort answers to the budget, timeout and cancellation.
    private static void SortStably(int[] order, List<Value> values, VMState state) =>
        Array.Sort(order, (a, b) =>
        {
            state.ChargeWork(1);
            return Comparison.Compare(values[a], values[b]) switch
            {
                CompareFlag.Less => -1,
                CompareFlag.Greater => 1,
                _ => a.CompareTo(b),
            };
        });
}
