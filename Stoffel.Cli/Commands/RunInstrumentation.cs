using Stoffel.Hooks.Coverage;
using Stoffel.Hooks.Profiling;
using Stoffel.Hooks.Tracing;
using Stoffel.Vm.Runtime;

namespace Stoffel.Cli.Commands;

/// <summary>
/// The Stoffel.Hooks instrumentation <c>stoffel run</c> attaches for <c>--trace</c>,
/// <c>--profile</c> and <c>--coverage</c>: traces go to stderr as the program runs; after the run
/// (also a failed one) the profile and coverage files are written and a profile summary goes to
/// stderr, so stdout stays the program's.
/// </summary>
internal sealed class RunInstrumentation
{
    private readonly RunRequest _request;
    private readonly TextWriter _stderr;
    private readonly Tracer? _tracer;
    private readonly Profiler? _profiler;
    private readonly CoverageCollector? _coverage;

    private RunInstrumentation(VirtualMachine vm, RunRequest request, TextWriter stderr)
    {
        _request = request;
        _stderr = stderr;
        _tracer = request.Trace is { } trace ? Tracer.Attach(vm, stderr, TraceKindsParser.Parse(trace)) : null;
        _profiler = request.ProfilePath is not null ? Profiler.Attach(vm, ProfilerOptionsOf(request)) : null;
        _coverage = request.CoveragePath is not null ? CoverageCollector.Attach(vm) : null;
    }

    /// <summary>Checks the request's instrumentation options without a VM.</summary>
    /// <exception cref="ArgumentException">An unknown trace kind, profile format or mode, a profile option without <c>--profile</c>, or options that contradict each other.</exception>
    public static void Validate(RunRequest request)
    {
        if (request.Trace is { } trace)
        {
            TraceKindsParser.Parse(trace);
        }
        if (request.ProfileFormat is { } format)
        {
            ProfileFormats.Parse(format);
        }
        if (request.ProfilePath is null)
        {
            var stray = new[]
            {
                (request.ProfileFormat is not null, "--profile-format"),
                (request.ProfileMode is not null, "--profile-mode"),
                (request.ProfileIntervalMilliseconds is not null, "--profile-interval"),
                (request.ProfileLines, "--profile-lines"),
                (request.ProfileEvents, "--profile-events"),
            }.FirstOrDefault(o => o.Item1).Item2;
            if (stray is not null)
            {
                throw new ArgumentException($"{stray} needs --profile FILE");
            }
            return;
        }
        if (request.ProfileIntervalMilliseconds is { } interval && !(interval >= 0.1 && interval <= 3_600_000))
        {
            throw new ArgumentException($"--profile-interval must be between 0.1 and 3600000 milliseconds, got {interval.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        var options = ProfilerOptionsOf(request);
        if (request.ProfileIntervalMilliseconds is not null && options.Mode != ProfileMode.Sample)
        {
            throw new ArgumentException("--profile-interval needs --profile-mode sample");
        }
        if (request.ProfileEvents && options.Mode == ProfileMode.Sample)
        {
            throw new ArgumentException("--profile-events needs trace mode: sample mode does not see calls");
        }
        options.Validate();
    }

    private static ProfilerOptions ProfilerOptionsOf(RunRequest request) => new()
    {
        Mode = request.ProfileMode is { } mode ? ProfileModes.Parse(mode) : ProfileMode.Trace,
        LineHits = request.ProfileLines,
        EventLimit = request.ProfileEvents ? ProfilerOptions.DefaultEventLimit : 0,
        SampleInterval = request.ProfileIntervalMilliseconds is { } interval ? TimeSpan.FromMilliseconds(interval) : new ProfilerOptions().SampleInterval,
    };

    /// <summary>Attaches what <paramref name="request"/> asks for.</summary>
    /// <exception cref="ArgumentException">An unknown trace kind.</exception>
    public static RunInstrumentation Attach(VirtualMachine vm, RunRequest request, TextWriter stderr) => new(vm, request, stderr);

    /// <summary>Detaches everything and writes the requested files and summary.</summary>
    /// <returns>False when a file could not be written (the reason is on stderr).</returns>
    public bool Complete()
    {
        _tracer?.Dispose();
        try
        {
            if (_profiler is not null)
            {
                var profile = _profiler.Finish();
                var path = _request.ProfilePath!;
                var format = _request.ProfileFormat is { } name ? ProfileFormats.Parse(name) : ProfileFormats.FromPath(path);
                ProfileFormats.WriteFile(profile, format, path, Path.GetFileName(_request.Path));
                ProfileSummary.Write(profile, _stderr);
            }
            if (_coverage is not null)
            {
                _coverage.Dispose();
                LcovWriter.WriteFile(_coverage.Report(), _request.CoveragePath!, Path.GetFileNameWithoutExtension(_request.Path));
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _stderr.WriteLine($"error: {e.Message}");
            return false;
        }
    }
}
