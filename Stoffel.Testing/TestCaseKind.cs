namespace Stoffel.Testing;

/// <summary>What a <see cref="StoffelTestCase"/> runs.</summary>
public enum TestCaseKind
{
    /// <summary>The file's entry function, checked against its <see cref="TestExpectations"/>.</summary>
    Script,

    /// <summary>A function named <c>test_*</c>, run without arguments; it passes when it returns without error.</summary>
    Function,
}
