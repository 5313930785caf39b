namespace Stoffel.Vm.Runtime;

/// <summary>
/// A set of a frame's slots (registers, then spill slots) as bits in 64-bit words, the form the
/// load-time analyses of a function's code keep per instruction (<see cref="RegisterAssignment"/>,
/// <see cref="ImmediateOperands"/>).
/// </summary>
internal static class SlotSet
{
    /// <summary>A set with room for <paramref name="slots"/> slots, empty.</summary>
    public static ulong[] Empty(int slots) => new ulong[(slots + 63) >> 6];

    /// <summary>Adds <paramref name="slot"/> to <paramref name="set"/>.</summary>
    public static void Add(ulong[] set, int slot) => set[slot >> 6] |= 1UL << slot;

    /// <summary>Removes <paramref name="slot"/> from <paramref name="set"/>.</summary>
    public static void Remove(ulong[] set, int slot) => set[slot >> 6] &= ~(1UL << slot);

    /// <summary>Whether <paramref name="set"/> holds <paramref name="slot"/>.</summary>
    public static bool Contains(ulong[] set, int slot) => (set[slot >> 6] & (1UL << slot)) != 0;

    /// <summary>Adds the slots of <paramref name="from"/> (as wide) to <paramref name="into"/>.</summary>
    public static void UnionWith(ulong[] into, ulong[] from)
    {
        for (var w = 0; w < into.Length; w++)
        {
            into[w] |= from[w];
        }
    }
}
