using Stoffel.Vm.Values;

namespace Stoffel.Vm.Formats.Assembly;

/// <summary>
/// The assembler's single constant pool, de-duplicated by key equality (kind and bits, floats by
/// bit pattern, strings by text; <c>I64(1)</c> and <c>U64(1)</c> stay distinct), in order of first use.
/// </summary>
internal sealed class ConstantPoolBuilder
{
    private readonly Dictionary<Value, int> _indices = [];
    private readonly List<Value> _values = [];

    /// <summary>The pool so far.</summary>
    public IReadOnlyList<Value> Values => _values;

    /// <summary>The index of <paramref name="value"/>, adding it on first use.</summary>
    public int IndexOf(Value value)
    {
        if (!_indices.TryGetValue(value, out var index))
        {
            index = _values.Count;
            _values.Add(value);
            _indices.Add(value, index);
        }
        return index;
    }
}
