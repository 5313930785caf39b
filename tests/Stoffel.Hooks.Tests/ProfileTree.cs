using Stoffel.Hooks.Profiling;

namespace Stoffel.Hooks.Tests;

/// <summary>A profile's call tree as the profiler tests compare it.</summary>
internal static class ProfileTree
{
    /// <summary>Every node under <paramref name="nodes"/>, each before its children, depth first.</summary>
    public static IEnumerable<ProfileNode> Nodes(IEnumerable<ProfileNode> nodes) => nodes.SelectMany(n => Nodes(n.Children).Prepend(n));

    /// <summary>The call tree of <paramref name="profile"/>, a line per node: its function, calls, own instructions and how many children it has.</summary>
    public static string Lines(Profile profile) =>
        string.Join("\n", Nodes(profile.CallTree).Select(n => $"{profile.Frames[n.Frame].Name} x{n.Calls} {n.SelfInstructions} ({n.Children.Count})"));
}
