namespace StoffelHost;

/// <summary>A host object the script works with: it stays in C#; the script holds only a <c>Foreign(id)</c> handle.</summary>
internal sealed class Account(string owner)
{
    public string Owner { get; } = owner;

    public long Balance { get; private set; }

    public long Deposit(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        Balance += amount;
        return Balance;
    }
}
