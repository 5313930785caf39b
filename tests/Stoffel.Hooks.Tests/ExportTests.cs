using System.Text.Json;
using Stoffel.Hooks.Profiling;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class ExportTests
{
    private static Profile FibProfile(ProfilerOptions? options = null)
    {
        var vm = TestVm.Load(TestVm.Fib, "/src/fib.stfa");
        var profiler = Profiler.Attach(vm, options ?? new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = 1, LineHits = true });
        vm.Execute("main");
        return profiler.Finish();
    }

    private static JsonElement Export(Profile profile, Action<Profile, Stream> write)
    {
        using var stream = new MemoryStream();
        write(profile, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [TestMethod]
    public void Speedscope_file_has_shared_frames_and_sampled_profiles_of_time_and_instructions()
    {
        var profile = FibProfile();
        var root = Export(profile, (p, s) => SpeedscopeWriter.Write(p, s, "fib"));

        Assert.AreEqual("https://www.speedscope.app/file-format-schema.json", root.GetProperty("$schema").GetString());
        var frames = root.GetProperty("shared").GetProperty("frames").EnumerateArray().ToArray();
        Assert.AreEqual("main", frames[0].GetProperty("name").GetString());
        Assert.AreEqual("/src/fib.stfa", frames[1].GetProperty("file").GetString());
        Assert.AreEqual(8, frames[1].GetProperty("line").GetInt32());
        var profiles = root.GetProperty("profiles").EnumerateArray().ToArray();
        Assert.HasCount(2, profiles);
        var time = profiles[0];
        Assert.AreEqual("sampled", time.GetProperty("type").GetString());
        Assert.AreEqual("nanoseconds", time.GetProperty("unit").GetString());
        var samples = time.GetProperty("samples").EnumerateArray().Select(s => s.EnumerateArray().Select(f => f.GetInt32()).ToArray()).ToArray();
        var weights = time.GetProperty("weights").EnumerateArray().Select(w => w.GetInt64()).ToArray();
        Assert.HasCount(11, samples, "one sample per distinct stack: main, then ten levels of fib");
        CollectionAssert.AreEqual(new[] { 0 }, samples[0]);
        CollectionAssert.AreEqual(new[] { 0, 1, 1 }, samples[2]);
        Assert.AreEqual(weights.Sum(), time.GetProperty("endValue").GetInt64());
        Assert.AreEqual(profile.Functions.Single(f => f.Frame.Name == "main").InclusiveNanoseconds, weights.Sum());
        var instructions = profiles[1];
        Assert.AreEqual("none", instructions.GetProperty("unit").GetString());
        Assert.AreEqual(profile.TotalInstructions, instructions.GetProperty("weights").EnumerateArray().Sum(w => w.GetInt64()));
    }

    [TestMethod]
    public void Speedscope_file_with_an_event_log_is_evented()
    {
        var root = Export(FibProfile(new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = 1, EventLimit = 1000 }), (p, s) => SpeedscopeWriter.Write(p, s, "fib"));

        var profile = root.GetProperty("profiles").EnumerateArray().Single();
        Assert.AreEqual("evented", profile.GetProperty("type").GetString());
        var events = profile.GetProperty("events").EnumerateArray().ToArray();
        Assert.AreEqual(178, events.Count(e => e.GetProperty("type").GetString() == "O"));
        Assert.AreEqual(178, events.Count(e => e.GetProperty("type").GetString() == "C"));
        Assert.AreEqual(1000, events[0].GetProperty("at").GetInt64(), "the clock's second read, 1000 ns after attach");
    }

    [TestMethod]
    public void Chrome_trace_lays_the_call_tree_out_as_complete_events()
    {
        var profile = FibProfile();
        var root = Export(profile, (p, s) => ChromeTraceWriter.Write(p, s, "fib"));

        var events = root.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() != "M").ToArray();
        Assert.HasCount(11, events);
        Assert.IsTrue(events.All(e => e.GetProperty("ph").GetString() == "X"));
        Assert.AreEqual("main", events[0].GetProperty("name").GetString());
        Assert.AreEqual(0.0, events[0].GetProperty("ts").GetDouble());
        Assert.AreEqual(profile.CallTree[0].InclusiveNanoseconds / 1000.0, events[0].GetProperty("dur").GetDouble());
        Assert.AreEqual(1, events[1].GetProperty("args").GetProperty("calls").GetInt64(), "the outermost fib");
        Assert.AreEqual(2, events[2].GetProperty("args").GetProperty("calls").GetInt64(), "fib(9) and fib(8) below it");
        // Children start inside their parent and end before it does.
        for (var i = 1; i < events.Length; i++)
        {
            var parent = events[i - 1];
            Assert.IsGreaterThanOrEqualTo(parent.GetProperty("ts").GetDouble(), events[i].GetProperty("ts").GetDouble());
            Assert.IsLessThanOrEqualTo(parent.GetProperty("ts").GetDouble() + parent.GetProperty("dur").GetDouble(), events[i].GetProperty("ts").GetDouble() + events[i].GetProperty("dur").GetDouble());
        }
        Assert.IsTrue(events.All(e => e.GetProperty("pid").GetInt32() == 1 && e.GetProperty("tid").GetInt32() == 1));
    }

    [TestMethod]
    public void Chrome_trace_with_an_event_log_has_begin_and_end_events_in_microseconds()
    {
        var root = Export(FibProfile(new ProfilerOptions { Time = new SteppingClock(), ClockReadEvery = 1, EventLimit = 1000 }), (p, s) => ChromeTraceWriter.Write(p, s, "fib"));

        var events = root.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() != "M").ToArray();
        Assert.AreEqual(178, events.Count(e => e.GetProperty("ph").GetString() == "B"));
        Assert.AreEqual(178, events.Count(e => e.GetProperty("ph").GetString() == "E"));
        Assert.AreEqual("main", events[0].GetProperty("name").GetString());
        Assert.AreEqual(1.0, events[0].GetProperty("ts").GetDouble());
    }

    [TestMethod]
    public void Summary_lists_functions_and_hottest_lines()
    {
        var text = new StringWriter { NewLine = "\n" };

        ProfileSummary.Write(FibProfile(), text, top: 3);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "profile: 178 calls, ");
        StringAssert.StartsWith(lines[2], "fib ");
        StringAssert.Contains(lines[2], "177");
        Assert.AreEqual("hottest lines:", lines[4]);
        Assert.AreEqual("  fib.stfa:8 (fib)  177 hits", lines[5]);
    }

    [TestMethod]
    public void Summary_says_when_the_event_log_reached_its_cap()
    {
        var text = new StringWriter { NewLine = "\n" };

        ProfileSummary.Write(FibProfile(new ProfilerOptions { EventLimit = 10 }), text);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[1], "profile: the event log reached its cap after ");
        StringAssert.Contains(lines[1], "the totals and the call tree cover the whole run");
    }

    [TestMethod]
    public void Format_follows_the_file_name_unless_named()
    {
        Assert.AreEqual(ProfileFormat.Speedscope, ProfileFormats.FromPath("out.speedscope.json"));
        Assert.AreEqual(ProfileFormat.Chrome, ProfileFormats.FromPath("trace.json"));
        Assert.AreEqual(ProfileFormat.Speedscope, ProfileFormats.FromPath("profile.out"));
        Assert.AreEqual(ProfileFormat.Chrome, ProfileFormats.Parse("Chrome"));
        Assert.ThrowsExactly<ArgumentException>(() => ProfileFormats.Parse("pprof"));
    }
}
