using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Stoffel.Debugger.Adapter;
using Stoffel.Stress.Reporting;

namespace Stoffel.Stress.Dap;

/// <summary>
/// The <c>dap</c> run: sessions of fuzzed traffic (<see cref="DapTraffic"/>) against an
/// <see cref="InProcessAdapter"/>, each a case of its own. A session opens (or does not) with
/// initialize, launch and configurationDone, then sends bursts of 1 to 24 messages, and after
/// each burst a well-formed <c>threads</c> request that must be answered; it ends in one of the
/// <see cref="SessionEnding"/>s, after which the adapter must stop by itself. A failure is a
/// missing answer, a message that breaks <see cref="AdapterMessageCheck"/>, an adapter that
/// crashes, or one that does not stop.
/// </summary>
/// <param name="createVm">The VMs launches run on.</param>
/// <param name="traffic">The fuzzed messages.</param>
public sealed class DapFuzzer(LaunchVmFactory createVm, DapTraffic traffic)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    /// <summary>The fuzzer of the tool: the VMs of <c>stoffel dap</c>, launching <paramref name="targets"/>.</summary>
    public static DapFuzzer Standard(DapTargets targets) =>
        new(Cli.Commands.RunVm.ForLaunch, new DapTraffic(new PlausibleRequests(targets)));

    /// <summary>Runs sessions until <see cref="DapFuzzOptions.Messages"/> messages are sent (or just the one <see cref="Reporting.CaseOptions.OnlyCase"/> names).</summary>
    public async Task<StressReport> RunAsync(DapFuzzOptions options, TextWriter? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stress = new StressRun("dap", options.Seed, inThisProcess: true);
        var run = new Run(options, stress.Failures, new Tally(), new Tally());
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;
        long sessions = 0;
        var lastProgress = TimeSpan.Zero;
        var (first, end) = options.Range(long.MaxValue);
        for (var index = first; index < end && (options.OnlyCase is not null || run.Sent < options.Messages); index++)
        {
            await RunSessionAsync(index, run).ConfigureAwait(false);
            sessions++;
            if (progress is not null && stress.Elapsed - lastProgress > ProgressInterval)
            {
                lastProgress = stress.Elapsed;
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"dap: {run.Sent:N0} of {options.Messages:N0} messages, {sessions:N0} sessions, {run.Failures.Count:N0} failed, {ReportWriter.Seconds(stress.Elapsed)}"));
            }
        }
        return stress.Report(
            run.Sent,
            "messages",
            "",
            [
                new("sessions", sessions),
                new("well-formed requests after a burst, all answered unless a failure says otherwise", run.Probes),
                new("messages received from the adapter", run.Received),
                new("threads in this process before", threadsBefore),
                new("threads in this process after", Process.GetCurrentProcess().Threads.Count),
            ],
            [
                $"messages by kind: {run.Kinds.Describe()}",
                $"sessions ended by: {run.Endings.Describe()}",
            ]);
    }

    private async Task RunSessionAsync(long index, Run run)
    {
        var random = CaseRandom.For(run.Options.Seed, index);
        var budget = 20 + random.Next(400);
        var wait = run.Options.AnswerWait;
        var adapter = new InProcessAdapter(createVm);
        await using (adapter.ConfigureAwait(false))
        {
            var session = new Session(index, adapter, run);
            await OpenAsync(session, random).ConfigureAwait(false);
            while (session.Sent < budget)
            {
                for (var burst = 1 + random.Next(24); burst > 0; burst--)
                {
                    await session.SendAsync(traffic.Next(random)).ConfigureAwait(false);
                }
                var answer = await adapter.Wire.AskAsync("threads", null, wait).ConfigureAwait(false);
                session.Counted();
                Interlocked.Increment(ref run.Probes);
                if (answer is null)
                {
                    session.Fail($"no answer within {ReportWriter.Seconds(wait)} to a well-formed 'threads' request (the burst ended with: {session.LastKind}; {Serving(adapter)}); last messages:\n    {string.Join("\n    ", adapter.Wire.Transcript)}");
                    break;
                }
            }
            var ending = (SessionEnding)random.Next(4);
            run.Endings.Add(ending.ToString());
            await EndAsync(session, ending, random).ConfigureAwait(false);
            if (await Task.WhenAny(adapter.Serving, Task.Delay(wait)).ConfigureAwait(false) != adapter.Serving)
            {
                session.Fail($"the adapter did not stop within {ReportWriter.Seconds(wait)} after the client's {ending}");
            }
            else if (adapter.Serving.Exception?.InnerException is { } crash)
            {
                session.Fail($"the adapter crashed: {Exceptions.Describe(crash)}");
            }
            if (ending != SessionEnding.Vanish && await Task.WhenAny(adapter.Wire.Closed, Task.Delay(wait)).ConfigureAwait(false) != adapter.Wire.Closed)
            {
                session.Fail($"the adapter's output did not end within {ReportWriter.Seconds(wait)} after the client's {ending}");
            }
            foreach (var problem in adapter.Wire.Problems)
            {
                session.Fail(problem);
            }
            Interlocked.Add(ref run.Received, adapter.Wire.Received);
        }
    }

    /// <summary>Three sessions in four initialize; two in three of those launch, some set breakpoints, then configurationDone.</summary>
    private async Task OpenAsync(Session session, Random random)
    {
        if (random.Next(4) == 0)
        {
            return;
        }
        var seq = 1;
        await session.SendAsync(traffic.Request("initialize", seq++, random)).ConfigureAwait(false);
        if (random.Next(3) == 0)
        {
            return;
        }
        await session.SendAsync(traffic.Request("launch", seq++, random)).ConfigureAwait(false);
        if (random.Next(2) == 0)
        {
            await session.SendAsync(traffic.Request("setBreakpoints", seq++, random)).ConfigureAwait(false);
        }
        await session.SendAsync(traffic.Request("configurationDone", seq, random)).ConfigureAwait(false);
    }

    private async Task EndAsync(Session session, SessionEnding ending, Random random)
    {
        var wire = session.Adapter.Wire;
        switch (ending)
        {
            case SessionEnding.Close:
                await wire.CloseAsync().ConfigureAwait(false);
                break;
            case SessionEnding.CloseMidFrame:
                var frame = traffic.Request("threads", 1, random).Pieces[0];
                await session.SendAsync(new DapMessage("cut-off frame", [frame[..random.Next(1, frame.Length)]], true)).ConfigureAwait(false);
                await wire.CloseAsync().ConfigureAwait(false);
                break;
            case SessionEnding.Disconnect:
                var arguments = new JsonObject { ["terminateDebuggee"] = random.Next(2) == 0 };
                var answer = await wire.AskAsync("disconnect", arguments, session.Run.Options.AnswerWait).ConfigureAwait(false);
                session.Counted();
                if (answer is null)
                {
                    session.Fail($"no answer to 'disconnect' ({Serving(session.Adapter)})");
                }
                await wire.CloseAsync().ConfigureAwait(false);
                break;
            default:
                await wire.AbandonAsync().ConfigureAwait(false);
                break;
        }
    }

    private static string Serving(InProcessAdapter adapter) => adapter.Serving.Status switch
    {
        TaskStatus.Faulted => $"the adapter had crashed: {Exceptions.Describe(adapter.Serving.Exception!.InnerException!)}",
        TaskStatus.RanToCompletion => "the adapter had ended its session",
        _ => "the adapter was still serving",
    };

    /// <summary>What the sessions of one run share.</summary>
    private sealed class Run(DapFuzzOptions options, FailureLog failures, Tally kinds, Tally endings)
    {
        public long Sent;
        public long Probes;
        public long Received;

        public DapFuzzOptions Options { get; } = options;

        public FailureLog Failures { get; } = failures;

        public Tally Kinds { get; } = kinds;

        public Tally Endings { get; } = endings;
    }

    /// <summary>One session's progress: messages sent, the last kind, failures under the session's case number.</summary>
    private sealed class Session(long index, InProcessAdapter adapter, Run run)
    {
        public InProcessAdapter Adapter { get; } = adapter;

        public Run Run { get; } = run;

        public int Sent { get; private set; }

        public string LastKind { get; private set; } = "nothing";

        public async Task SendAsync(DapMessage message)
        {
            foreach (var piece in message.Pieces)
            {
                await Adapter.Wire.SendAsync(piece).ConfigureAwait(false);
            }
            Run.Kinds.Add(message.Kind);
            LastKind = message.Kind;
            Counted();
        }

        public void Counted()
        {
            Sent++;
            Interlocked.Increment(ref Run.Sent);
        }

        public void Fail(string message) => Run.Failures.Add(index, string.Create(CultureInfo.InvariantCulture, $"message {Sent}: {message}"));
    }
}
