namespace Stoffel.Testing;

/// <summary>
/// The test cases found under some paths. A <c>.stfa</c> file holds a script case when it states
/// expectations (<c>; expect-…:</c>, <c>; entry:</c>, <c>; args:</c>) and one case per function
/// named <c>test_*</c>; a <c>.stflb</c> binary likewise, its expectations in a
/// <c>NAME.stflb.expect</c> sidecar (docs/testing.md).
/// </summary>
/// <example>
/// <code>
/// var suite = StoffelTestSuite.Discover("scripts", new StoffelTestOptions { ConfigureVm = vm => vm.RegisterFunction("now", () => 42L) });
/// var run = suite.Run(jobs: Environment.ProcessorCount);
/// Console.WriteLine(run.Summary);   // 12 passed, 0 failed, 1 skipped
/// </code>
/// </example>
public sealed class StoffelTestSuite
{
    private StoffelTestSuite(IReadOnlyList<StoffelTestCase> cases, StoffelTestOptions options)
    {
        Cases = cases;
        Options = options;
    }

    /// <summary>The cases, in discovery order: paths as given, files in ordinal order, a file's script case before its test functions.</summary>
    public IReadOnlyList<StoffelTestCase> Cases { get; }

    /// <summary>The options the cases run with.</summary>
    public StoffelTestOptions Options { get; }

    /// <summary>Discovers the cases in one file or directory (searched recursively).</summary>
    /// <inheritdoc cref="Discover(IEnumerable{string}, StoffelTestOptions?)"/>
    public static StoffelTestSuite Discover(string path, StoffelTestOptions? options = null) => Discover([path], options);

    /// <summary>Discovers the cases in files and directories (searched recursively).</summary>
    /// <param name="paths">Files and directories; relative ones resolve against the current directory.</param>
    /// <param name="options">How to name and run the cases; <see cref="StoffelTestOptions.Default"/> when null.</param>
    /// <returns>The suite, with at least one case.</returns>
    /// <exception cref="ArgumentException">No path, or an invalid option.</exception>
    /// <exception cref="TestDiscoveryException">
    /// A path does not exist, a named file is no test file or holds no case, a file fails to load or
    /// assemble, a directive is malformed, or no case was found at all. Every error is reported.
    /// </exception>
    public static StoffelTestSuite Discover(IEnumerable<string> paths, StoffelTestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= StoffelTestOptions.Default;
        options.Validate();
        var given = paths.ToArray();
        if (given.Length == 0)
        {
            throw new ArgumentException("give at least one file or directory to search for tests", nameof(paths));
        }
        var errors = new List<string>();
        var cases = new List<StoffelTestCase>();
        foreach (var (file, isExplicit) in TestFileFinder.Find(given, errors))
        {
            var errorsBefore = errors.Count;
            var found = TestFileLoader.Load(file, options, errors);
            if (found.Count == 0 && isExplicit && errors.Count == errorsBefore)
            {
                errors.Add($"{file}: no test cases: the file states no expectation (; expect-result:, ...) and has no test_* function");
            }
            cases.AddRange(found);
        }
        if (errors.Count == 0 && cases.Count == 0)
        {
            errors.Add($"no test cases found in {string.Join(", ", given)}");
        }
        if (errors.Count > 0)
        {
            throw new TestDiscoveryException(errors);
        }
        return new StoffelTestSuite(cases, options);
    }

    /// <summary>The cases whose <see cref="StoffelTestCase.Name"/> contains <paramref name="text"/> (ignoring case).</summary>
    /// <param name="text">The text to look for.</param>
    /// <returns>A suite with those cases; it may be empty.</returns>
    public StoffelTestSuite Filter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StoffelTestSuite(Cases.Where(c => c.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).ToArray(), Options);
    }

    /// <summary>Runs every case, each in its own VM, <paramref name="jobs"/> at a time.</summary>
    /// <param name="jobs">How many cases run at once (1 or more).</param>
    /// <param name="cancellation">Stops the run: cases not yet started are not run.</param>
    /// <returns>The results in <see cref="Cases"/> order, the counts, and the merged coverage when collected.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="jobs"/> is less than 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public TestRunResult Run(int jobs, CancellationToken cancellation = default) => StoffelTestRunner.Run(Cases, jobs, cancellation);
}
