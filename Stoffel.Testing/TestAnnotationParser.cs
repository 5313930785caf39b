using System.Globalization;
using Stoffel.Vm.Formats.Assembly;
using Stoffel.Vm.Values;

namespace Stoffel.Testing;

/// <summary>
/// Reads the test directives of a <c>.stfa</c> file (or of a binary's <c>.stflb.expect</c>
/// sidecar): whole-line comments <c>; key: value</c> with the keys of
/// <see cref="TestExpectations"/> plus <c>; skip: reason</c>. Other comments are ignored, but an
/// unknown <c>expect-…</c> key, a repeated key, a bad number or literal, and contradictory
/// expectations are errors.
/// </summary>
internal sealed class TestAnnotationParser
{
    private readonly string _path;
    private readonly List<string> _errors = [];
    private readonly List<Directive> _output = [];
    private readonly List<Value> _arguments = [];
    private readonly Dictionary<string, string> _functionSkips = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _functionLines = new(StringComparer.Ordinal);
    private Directive? _result, _error, _errorLine, _entry, _args, _fileSkip;
    private string? _currentFunction;

    private TestAnnotationParser(string path) => _path = path;

    /// <summary>Parses <paramref name="text"/>, the contents of <paramref name="path"/>.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="path">The file, as error messages name it.</param>
    /// <param name="errors">One <c>file:line: message</c> per error found.</param>
    /// <returns>The directives (meaningless when <paramref name="errors"/> is not empty).</returns>
    public static TestFileAnnotations Parse(string text, string path, out IReadOnlyList<string> errors)
    {
        var parser = new TestAnnotationParser(path);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            parser.ReadLine(lines[i].TrimEnd('\r').Trim(), i + 1);
        }
        errors = parser._errors;
        return parser.Build();
    }

    private void ReadLine(string line, int number)
    {
        if (line.StartsWith(".function", StringComparison.Ordinal))
        {
            _currentFunction = FunctionName(line[".function".Length..].TrimStart());
            _functionLines.TryAdd(_currentFunction, number);
            return;
        }
        if (line.StartsWith(".end", StringComparison.Ordinal))
        {
            _currentFunction = null;
            return;
        }
        if (!line.StartsWith("; ", StringComparison.Ordinal))
        {
            return;
        }
        var body = line[2..];
        var colon = body.IndexOf(": ", StringComparison.Ordinal);
        var key = colon < 0 ? body.TrimEnd(':') : body[..colon];
        var directive = new Directive(colon < 0 ? "" : body[(colon + 2)..].Trim(), number);
        switch (key)
        {
            case "expect-output": _output.Add(directive); break;
            case "expect-result": SetOnce(ref _result, key, directive); break;
            case "expect-error": SetOnce(ref _error, key, directive); break;
            case "expect-error-line": SetOnce(ref _errorLine, key, directive); CheckLineNumber(directive); break;
            case "entry": SetOnce(ref _entry, key, directive); break;
            case "args": SetOnce(ref _args, key, directive); ParseArguments(directive); break;
            case "skip" when _currentFunction is { } function: _functionSkips[function] = directive.Value; break;
            case "skip": SetOnce(ref _fileSkip, key, directive); break;
            default:
                if (key.StartsWith("expect-", StringComparison.Ordinal))
                {
                    Error(number, $"unknown directive '{key}' (known: expect-output, expect-result, expect-error, expect-error-line, entry, args, skip)");
                }
                break;
        }
    }

    private TestFileAnnotations Build()
    {
        if (_result is { } result && _error is not null)
        {
            Error(result.Line, "a script cannot expect both a result and an error");
        }
        if (_errorLine is { } errorLine && _error is null)
        {
            Error(errorLine.Line, "expect-error-line needs an expect-error");
        }
        if (_entry is { Value.Length: 0 } entry)
        {
            Error(entry.Line, "entry needs a function name");
        }
        var states = _output.Count > 0 || _result is not null || _error is not null || _entry is not null || _args is not null;
        var expectations = states
            ? new TestExpectations(_output, _result, _error, _errorLine, _entry?.Value ?? TestExpectations.DefaultEntry, _entry?.Line ?? 0, _arguments)
            : null;
        return new TestFileAnnotations(expectations, _fileSkip?.Value, _functionSkips, _functionLines);
    }

    private void SetOnce(ref Directive? slot, string key, Directive directive)
    {
        if (slot is { } first)
        {
            Error(directive.Line, $"{key} given twice (first on line {first.Line})");
            return;
        }
        slot = directive;
    }

    private void CheckLineNumber(Directive directive)
    {
        if (!int.TryParse(directive.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line < 1)
        {
            Error(directive.Line, $"expect-error-line needs a line number (1 or more), got '{directive.Value}'");
        }
    }

    private void ParseArguments(Directive directive)
    {
        foreach (var literal in directive.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (LiteralParser.TryParseLiteral(literal, out var value, out var error))
            {
                _arguments.Add(value);
            }
            else
            {
                Error(directive.Line, $"args: {literal}: {error}");
            }
        }
    }

    private void Error(int line, string message) => _errors.Add($"{_path}:{line}: {message}");

    private static string FunctionName(string declaration)
    {
        if (declaration.StartsWith('"'))
        {
            var close = declaration.IndexOf('"', 1);
            return close < 0 ? declaration[1..] : declaration[1..close];
        }
        var end = declaration.IndexOfAny(['(', ' ', '\t']);
        return end < 0 ? declaration : declaration[..end];
    }
}
