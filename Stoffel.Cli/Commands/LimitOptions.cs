using System.Globalization;
using Stoffel.Vm.Runtime;

namespace Stoffel.Cli.Commands;

/// <summary>Checks <c>--max-instructions</c> and <c>--timeout</c>, as <c>stoffel run</c> and <c>stoffel test</c> take them.</summary>
internal static class LimitOptions
{
    /// <summary>The limits for the given option values (null when not given).</summary>
    /// <exception cref="ArgumentException">A budget that is not positive, or a timeout that is not a positive, finite number of seconds.</exception>
    public static ExecutionLimits Parse(long? maxInstructions, double? timeoutSeconds)
    {
        if (maxInstructions is <= 0)
        {
            throw new ArgumentException($"--max-instructions must be positive, got {maxInstructions}");
        }
        if (timeoutSeconds is { } seconds && (!double.IsFinite(seconds) || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2))
        {
            throw new ArgumentException($"--timeout must be a positive number of seconds, got {seconds.ToString(CultureInfo.InvariantCulture)}");
        }
        return ExecutionLimits.Default with
        {
            MaxInstructions = maxInstructions,
            Timeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };
    }
}
