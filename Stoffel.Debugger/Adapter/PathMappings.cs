namespace Stoffel.Debugger.Adapter;

/// <summary>
/// Attach's <c>pathMappings</c>: a host may load its scripts from another directory (or machine)
/// than the client's workspace, so a path the engine reports is rewritten from the host's root
/// (<c>remoteRoot</c>) to the client's (<c>localRoot</c>), and a path the client sends the other
/// way. The longest matching root wins; a path under no root passes unchanged.
/// </summary>
internal sealed class PathMappings
{
    private readonly (string Client, string Host)[] _roots;

    public PathMappings(IEnumerable<(string Client, string Host)> roots) =>
        _roots = roots.Where(r => r.Client.Length > 0 && r.Host.Length > 0).ToArray();

    public static PathMappings None { get; } = new([]);

    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public string ToClient(string hostPath) => Map(hostPath, fromClient: false);

    public string ToHost(string clientPath) => Map(clientPath, fromClient: true);

    private string Map(string path, bool fromClient)
    {
        var best = _roots
            .Select(r => fromClient ? (From: r.Client, To: r.Host) : (From: r.Host, To: r.Client))
            .Where(r => IsUnder(path, r.From))
            .OrderByDescending(r => r.From.Length)
            .FirstOrDefault();
        if (best.From is null)
        {
            return path;
        }
        var rest = path[best.From.Length..].TrimStart('/', '\\');
        var separator = best.To.Contains('\\', StringComparison.Ordinal) && !best.To.Contains('/', StringComparison.Ordinal) ? '\\' : '/';
        rest = rest.Replace(separator == '/' ? '\\' : '/', separator);
        return rest.Length == 0 ? best.To : best.To.TrimEnd('/', '\\') + separator + rest;
    }

    private static bool IsUnder(string path, string root)
    {
        var trimmed = root.TrimEnd('/', '\\');
        return path.StartsWith(trimmed, Comparison)
            && (path.Length == trimmed.Length || path[trimmed.Length] is '/' or '\\');
    }
}
