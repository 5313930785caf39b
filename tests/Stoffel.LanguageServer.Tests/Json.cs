using System.Text.Json;

namespace Stoffel.LanguageServer.Tests;

/// <summary>Compact renderings of protocol values, so tests compare exact ranges and contents in one line.</summary>
internal static class Json
{
    /// <summary><c>3:4-3:8</c>: a range's 0-based start and end.</summary>
    public static string Range(JsonElement range) =>
        $"{range.GetProperty("start").GetProperty("line")}:{range.GetProperty("start").GetProperty("character")}-" +
        $"{range.GetProperty("end").GetProperty("line")}:{range.GetProperty("end").GetProperty("character")}";

    public static string[] Strings(JsonElement array, Func<JsonElement, string> render) => array.EnumerateArray().Select(render).ToArray();
}
