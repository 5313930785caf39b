using System.Diagnostics;
using Stoffel.Vm.Formats;
using Stoffel.Vm.Programs;

namespace Stoffel.Vm.Tests.Formats;

/// <summary>What is not a program file fails fast with a clear message instead of exhausting memory or blocking.</summary>
[TestClass]
public sealed class ProgramFileReaderTests
{
    [TestMethod]
    public void An_endless_device_stops_at_the_size_cap()
    {
        if (!File.Exists("/dev/zero"))
        {
            Assert.Inconclusive("needs /dev/zero");
        }

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => ProgramFile.Load("/dev/zero"));

        Assert.AreEqual("/dev/zero: larger than the 64 MiB a program file may be", error.Message);
    }

    [TestMethod]
    public void A_file_past_the_cap_is_refused_without_reading_it_all()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("stoffel-big-").FullName, "big.stfa");
        using (var file = File.Create(path))
        {
            file.SetLength(100L * 1024 * 1024); // sparse: 100 MB of zero bytes
        }

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => ProgramFile.Load(path));

        Assert.AreEqual($"{path}: larger than the 64 MiB a program file may be", error.Message);
    }

    [TestMethod]
    public void A_fifo_nobody_writes_to_fails_at_the_deadline()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("FIFOs are a Unix feature");
        }
        var path = Path.Combine(Directory.CreateTempSubdirectory("stoffel-fifo-").FullName, "program.stfa");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
        }
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsExactly<ProgramLoadException>(() => ProgramFileReader.ReadAllBytes(path, TimeSpan.FromMilliseconds(300)));

        Assert.AreEqual($"{path}: cannot read the file: it did not arrive within 0.3 s (a pipe or device nothing writes to?)", error.Message);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), clock.Elapsed);
        File.WriteAllText(path, ""); // lets the abandoned open finish
    }

    [TestMethod]
    public void Directories_and_missing_files_are_named_in_the_error()
    {
        var directory = Directory.CreateTempSubdirectory("stoffel-dir-").FullName;

        Assert.AreEqual($"{directory}: is a directory, not a program file", Assert.ThrowsExactly<ProgramLoadException>(() => ProgramFile.Load(directory)).Message);
        var missing = Path.Combine(directory, "missing.stfa");
        Assert.AreEqual($"{missing}: cannot read the file: no such file", Assert.ThrowsExactly<ProgramLoadException>(() => ProgramFile.Load(missing)).Message);
    }

    [TestMethod]
    public void A_byte_order_mark_before_assembly_is_ignored()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("stoffel-bom-").FullName, "bom.stfa");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes(".function main()\n LDI r0, 5\n.end\n")]);

        var program = ProgramFile.Load(path);

        Assert.AreEqual("main", program.Functions.Single().Name);
    }
}
