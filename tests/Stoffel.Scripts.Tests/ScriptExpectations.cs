namespace Stoffel.Scripts.Tests;

/// <summary>
/// The expectations a test script states in comment lines:
/// <c>; expect-output: text</c> (one per stdout line, in order), <c>; expect-result: value</c>
/// (the formatted return value; omitted means Unit), <c>; expect-error: text</c> (a substring of
/// the VM error), <c>; expect-error-line: N</c>, <c>; entry: name</c>, <c>; args: literal ...</c>.
/// </summary>
internal sealed record ScriptExpectations(
    IReadOnlyList<string> Output,
    string? Result,
    string? Error,
    int? ErrorLine,
    string Entry,
    IReadOnlyList<string> Arguments)
{
    public static ScriptExpectations Parse(string source)
    {
        var output = new List<string>();
        string? result = null, error = null, entry = null;
        int? errorLine = null;
        var arguments = new List<string>();
        foreach (var raw in source.Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (!line.StartsWith("; ", StringComparison.Ordinal))
            {
                continue;
            }
            var body = line[2..];
            var colon = body.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var value = body[(colon + 2)..];
            switch (body[..colon])
            {
                case "expect-output": output.Add(value); break;
                case "expect-result": result = value; break;
                case "expect-error": error = value; break;
                case "expect-error-line": errorLine = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "entry": entry = value; break;
                case "args": arguments.AddRange(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
            }
        }
        return new ScriptExpectations(output, result, error, errorLine, entry ?? "main", arguments);
    }
}
