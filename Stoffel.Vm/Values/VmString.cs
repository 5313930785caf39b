namespace Stoffel.Vm.Values;

/// <summary>
/// A string value's payload: the text plus a hash computed once. Constant-pool strings are
/// interned at load, so a field lookup with a constant key compares by reference first and
/// never rehashes the text.
/// </summary>
public sealed class VmString : IEquatable<VmString>
{
    private int _hash;
    private bool _hashed;

    /// <summary>Wraps <paramref name="text"/>.</summary>
    public VmString(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (!_hashed)
        {
            _hash = StringComparer.Ordinal.GetHashCode(Text);
            _hashed = true;
        }
        return _hash;
    }

    /// <inheritdoc />
    public bool Equals(VmString? other) =>
        ReferenceEquals(this, other)
        || (other is not null && GetHashCode() == other.GetHashCode() && string.Equals(Text, other.Text, StringComparison.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VmString);

    /// <inheritdoc />
    public override string ToString() => Text;
}
