namespace Stoffel.Example.Host;

// The host object the script works with: it stays in C#; the script only holds a Foreign(id).
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
