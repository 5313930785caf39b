namespace Stoffel.Testing;

/// <summary>How a test case ended.</summary>
public enum TestOutcome
{
    /// <summary>It met every expectation.</summary>
    Passed,

    /// <summary>It missed an expectation, failed with an unexpected VM error, or hit its budget.</summary>
    Failed,

    /// <summary>A <c>; skip:</c> directive kept it from running.</summary>
    Skipped,
}
