using System.Globalization;

namespace Stoffel.Debugger.Engine;

/// <summary>
/// A breakpoint's hit condition: <c>N</c> or <c>==N</c> stops on the N-th hit only, <c>&gt;=N</c>,
/// <c>&gt;N</c>, <c>&lt;=N</c>, <c>&lt;N</c> compare the hit count, <c>%N</c> stops on every N-th hit.
/// </summary>
internal sealed class HitCondition
{
    private readonly string _op;
    private readonly long _n;

    private HitCondition(string op, long n)
    {
        _op = op;
        _n = n;
    }

    public static bool TryParse(string text, out HitCondition? condition, out string? error)
    {
        condition = null;
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }
        string[] ops = [">=", "<=", "==", ">", "<", "%", "="];
        var op = ops.FirstOrDefault(trimmed.StartsWith) ?? "==";
        var number = trimmed[(trimmed.StartsWith(op, StringComparison.Ordinal) ? op.Length : 0)..].Trim();
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (op == "%" && n == 0))
        {
            error = $"invalid hit condition '{text}' (use N, ==N, >=N, >N, <=N, <N or %N)";
            return false;
        }
        condition = new HitCondition(op == "=" ? "==" : op, n);
        return true;
    }

    /// <summary>Whether some hit count after <paramref name="after"/>, up to <paramref name="upTo"/> inclusive, matches.</summary>
    public bool MatchesAnyIn(long after, long upTo) => upTo > after && _op switch
    {
        ">=" => upTo >= _n,
        "<=" => after + 1 <= _n,
        ">" => upTo > _n,
        "<" => after + 1 < _n,
        "%" => upTo / _n > after / _n,
        _ => after < _n && _n <= upTo,
    };

    public bool Matches(long hits) => _op switch
    {
        ">=" => hits >= _n,
        "<=" => hits <= _n,
        ">" => hits > _n,
        "<" => hits < _n,
        "%" => hits % _n == 0,
        _ => hits == _n,
    };
}
