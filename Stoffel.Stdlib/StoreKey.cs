namespace Stoffel.Stdlib;

/// <summary>A <see cref="LocalStore"/> key: bytes (a string key is its UTF-8), compared by content.</summary>
internal readonly struct StoreKey : IEquatable<StoreKey>
{
    private StoreKey(byte[] bytes)
    {
        Bytes = bytes;
        Text = LocalStoreFormat.AsText(bytes);
    }

    public byte[] Bytes { get; }

    /// <summary>The key as text when its bytes are valid UTF-8, else null.</summary>
    public string? Text { get; }

    public static StoreKey From(byte[] bytes) => new(bytes);

    public bool Equals(StoreKey other) => Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is StoreKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }
}
