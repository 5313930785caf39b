namespace Stoffel.Testing.Reports;

/// <summary>The machine-readable report formats <see cref="TestReport.Write"/> writes.</summary>
public enum TestReportFormat
{
    /// <summary>JUnit XML, as Jenkins, GitLab, GitHub Actions reporters and Azure Pipelines read it: one <c>testsuite</c> per file.</summary>
    JUnit,

    /// <summary>TAP version 14: one <c>ok</c>/<c>not ok</c> line per case, failures detailed in a YAML block.</summary>
    Tap,

    /// <summary>JSON: the summary and every case with its outcome, location, message, expected and actual values.</summary>
    Json,
}
