namespace Stoffel.Stress.Dap;

/// <summary>How a fuzzed session ends.</summary>
public enum SessionEnding
{
    /// <summary>The client closes its output after a whole frame.</summary>
    Close,

    /// <summary>The client closes its output in the middle of a frame.</summary>
    CloseMidFrame,

    /// <summary>A <c>disconnect</c> request, which must be answered before the adapter stops.</summary>
    Disconnect,

    /// <summary>The client vanishes: stops reading and closes its output at once (a killed editor).</summary>
    Vanish,
}
