using System.Text.Json;
using Stoffel.Hooks.Profiling;

namespace Stoffel.Hooks.Tests;

[TestClass]
public sealed class ExportTests
{
    private static Profile FibProfile()
    {
        var vm = TestVm.Load(TestVm.Fib, "/src/fib.stfa");
        var profiler = Profiler.Attach(vm, new ProfilerOptions { Time = new SteppingClock(), CountInstructions = true });
        vm.Execute("main");
        return profiler.Finish();
    }

    private static JsonElement Export(Action<Profile, Stream> write)
    {
        using var stream = new MemoryStream();
        write(FibProfile(), stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [TestMethod]
    public void Speedscope_file_has_shared_frames_and_one_evented_profile_in_nanoseconds()
    {
        var root = Export((p, s) => SpeedscopeWriter.Write(p, s, "fib"));

        Assert.AreEqual("https://www.speedscope.app/file-format-schema.json", root.GetProperty("$schema").GetString());
        var frames = root.GetProperty("shared").GetProperty("frames").EnumerateArray().ToArray();
        Assert.AreEqual("main", frames[0].GetProperty("name").GetString());
        Assert.AreEqual("/src/fib.stfa", frames[1].GetProperty("file").GetString());
        Assert.AreEqual(8, frames[1].GetProperty("line").GetInt32());
        var profile = root.GetProperty("profiles")[0];
        Assert.AreEqual("evented", profile.GetProperty("type").GetString());
        Assert.AreEqual("nanoseconds", profile.GetProperty("unit").GetString());
        var events = profile.GetProperty("events").EnumerateArray().ToArray();
        Assert.AreEqual(178, events.Count(e => e.GetProperty("type").GetString() == "O"));
        Assert.AreEqual(178, events.Count(e => e.GetProperty("type").GetString() == "C"));
        Assert.AreEqual(1000, events[0].GetProperty("at").GetInt64(), "the clock's second read, 1000 ns after attach");
    }

    [TestMethod]
    public void Chrome_trace_has_begin_and_end_events_in_microseconds()
    {
        var root = Export((p, s) => ChromeTraceWriter.Write(p, s, "fib"));

        var events = root.GetProperty("traceEvents").EnumerateArray().Where(e => e.GetProperty("ph").GetString() != "M").ToArray();
        Assert.AreEqual(178, events.Count(e => e.GetProperty("ph").GetString() == "B"));
        Assert.AreEqual(178, events.Count(e => e.GetProperty("ph").GetString() == "E"));
        Assert.AreEqual("main", events[0].GetProperty("name").GetString());
        Assert.AreEqual(1.0, events[0].GetProperty("ts").GetDouble());
        Assert.IsTrue(events.All(e => e.GetProperty("pid").GetInt32() == 1 && e.GetProperty("tid").GetInt32() == 1));
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
    public void Format_follows_the_file_name_unless_named()
    {
        Assert.AreEqual(ProfileFormat.Speedscope, ProfileFormats.FromPath("out.speedscope.json"));
        Assert.AreEqual(ProfileFormat.Chrome, ProfileFormats.FromPath("trace.json"));
        Assert.AreEqual(ProfileFormat.Speedscope, ProfileFormats.FromPath("profile.out"));
        Assert.AreEqual(ProfileFormat.Chrome, ProfileFormats.Parse("Chrome"));
        Assert.ThrowsExactly<ArgumentException>(() => ProfileFormats.Parse("pprof"));
    }
}
