using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoffel.LanguageServer.Tests;
using StreamJsonRpc;

namespace Stoffel.Cli.Tests;

/// <summary>
/// The Native AOT <c>stoffel</c> of <c>dotnet publish Stoffel.Cli -c Release -r RID</c> (README
/// "Install") is what it claims: one file that runs with nothing of .NET beside it and does what
/// the framework-dependent CLI does: every command, the instrumentation options, the debug adapter
/// over stdio and TCP, the language server. <c>STOFFEL_NATIVE</c> names the executable (test.sh publishes it and sets
/// it); without it these tests are inconclusive.
/// </summary>
[TestClass]
public sealed class NativeExecutableTests
{
    private const string Variable = "STOFFEL_NATIVE";

    private static readonly Lazy<string?> Alone = new(CopyAlone);

    /// <summary>Set by MSTest; its token is cancelled when a test times out.</summary>
    public TestContext TestContext { get; set; } = null!;

    private static string Example(string name) => Path.Combine(Cli.Examples, name);

    private static string TempPath(string name) => Path.Combine(Directory.CreateTempSubdirectory("stoffel-native-").FullName, name);

    [TestMethod]
    public void Runs_alone_in_an_empty_folder()
    {
        var executable = Executable();

        var result = Cli.RunExecutable(executable, "run", Example("hello.stfa"));

        Assert.AreEqual(new CliResult(0, "Hello, Stoffel!\n", ""), result);
    }

    [TestMethod]
    public void Runs_traces_assembles_and_disassembles_like_the_managed_build()
    {
        var executable = Executable();
        var fizzbuzz = Path.Combine(Cli.Conformance, "fizzbuzz.stflb");
        string[][] commands =
        [
            ["run", Example("fib.stfa")],
            ["run", Example("fib.stfa"), "--entry", "fib", "--arg", "25"],
            ["run", Example("closures.stfa")],
            ["run", Example("collections.stfa")],
            ["run", Example("error.stfa")],
            ["run", fizzbuzz],
            ["run", Example("fib.stfa"), "--entry", "fib", "--arg", "3", "--trace", "instr,regs,stack"],
            ["run", Example("fib.stfa"), "--max-instructions", "100"],
            ["disasm", fizzbuzz],
            ["asm", Example("missing.stfa")],
            ["run", Example("fib.stfa"), "--trace", "calls"],
        ];

        foreach (var command in commands)
        {
            Assert.AreEqual(Cli.Run(command), Cli.RunExecutable(executable, command), string.Join(' ', command));
        }
    }

    [TestMethod]
    public void Assembles_the_same_binary()
    {
        var executable = Executable();
        var native = TempPath("native.stflb");
        var managed = TempPath("managed.stflb");

        Assert.AreEqual(0, Cli.RunExecutable(executable, "asm", Example("fib.stfa"), "-o", native).ExitCode);
        Assert.AreEqual(0, Cli.Run("asm", Example("fib.stfa"), "-o", managed).ExitCode);

        CollectionAssert.AreEqual(File.ReadAllBytes(managed), File.ReadAllBytes(native));
        Assert.AreEqual("6765", Cli.RunExecutable(executable, "run", native).LastLine);
    }

    [TestMethod]
    public void Profiles_in_both_formats()
    {
        var executable = Executable();
        var speedscope = TempPath("fib.speedscope.json");
        var chrome = TempPath("fib.json");

        var result = Cli.RunExecutable(executable, "run", Example("fib.stfa"), "--entry", "fib", "--arg", "10", "--profile", speedscope);
        Assert.AreEqual(0, Cli.RunExecutable(executable, "run", Example("fib.stfa"), "--profile", chrome).ExitCode);

        Assert.AreEqual(0, result.ExitCode, result.ToString());
        StringAssert.StartsWith(result.Stderr, "profile: 177 calls, ");
        using (var json = JsonDocument.Parse(File.ReadAllBytes(speedscope)))
        {
            Assert.AreEqual("https://www.speedscope.app/file-format-schema.json", json.RootElement.GetProperty("$schema").GetString());
            Assert.AreEqual(10, json.RootElement.GetProperty("profiles")[1].GetProperty("samples").GetArrayLength(), "one per distinct stack, weighted by instructions");
        }
        using (var json = JsonDocument.Parse(File.ReadAllBytes(chrome)))
        {
            Assert.IsGreaterThan(0, json.RootElement.GetProperty("traceEvents").GetArrayLength());
        }
    }

    [TestMethod]
    public void Writes_the_same_coverage()
    {
        var executable = Executable();
        var native = TempPath("native.lcov");
        var managed = TempPath("managed.lcov");

        Assert.AreEqual(1, Cli.RunExecutable(executable, "run", Example("error.stfa"), "--coverage", native).ExitCode);
        Assert.AreEqual(1, Cli.Run("run", Example("error.stfa"), "--coverage", managed).ExitCode);

        Assert.AreEqual(File.ReadAllText(managed), File.ReadAllText(native));
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void Debugs_over_stdio()
    {
        using var adapter = StartExecutable("dap");
        using var timeout = TestContext.CancellationToken.Register(adapter.Kill);
        try
        {
            DebugFib(new DapConnection(adapter.StandardOutput.BaseStream, adapter.StandardInput.BaseStream));

            adapter.StandardInput.Close();
            Assert.IsTrue(adapter.WaitForExit(TimeSpan.FromSeconds(30)), "the adapter ends with its input");
            Assert.AreEqual(0, adapter.ExitCode);
        }
        finally
        {
            adapter.Kill();
        }
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void Debugs_over_tcp()
    {
        using var adapter = StartExecutable("dap", "--port", "0");
        using var timeout = TestContext.CancellationToken.Register(adapter.Kill);
        try
        {
            const string Listening = "stoffel dap: listening on 127.0.0.1:";
            var banner = adapter.StandardError.ReadLine() ?? "";
            StringAssert.StartsWith(banner, Listening);

            using var tcp = new TcpClient("127.0.0.1", int.Parse(banner[Listening.Length..], System.Globalization.CultureInfo.InvariantCulture));
            DebugFib(new DapConnection(tcp.GetStream(), tcp.GetStream()));
        }
        finally
        {
            adapter.Kill(); // it serves launch sessions until it is stopped
        }
    }

    /// <summary>
    /// What VS Code's language client does with a document (each parameter and result type goes
    /// through the server's source-generated JSON and PolyType shape): initialize, open a broken
    /// document, hover, a malformed request (an error response), shutdown and exit.
    /// </summary>
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Serves_the_language_server_protocol_over_stdio()
    {
        using var server = StartExecutable("lsp", "--stdio");
        using var timeout = TestContext.CancellationToken.Register(server.Kill);
        try
        {
            await using var client = await LanguageClient.StartAsync(server);
            Assert.AreEqual("stoffel", client.InitializeResult.GetProperty("serverInfo").GetProperty("name").GetString());
            Assert.IsTrue(client.InitializeResult.GetProperty("capabilities").GetProperty("hoverProvider").GetBoolean());

            var diagnostics = await client.OpenAsync(File.ReadAllText(Example("fib.stfa")).Replace("JMPLT base", "JMPLT bass", StringComparison.Ordinal));
            var diagnostic = diagnostics.EnumerateArray().Single();
            Assert.AreEqual(
                "14:10-14:14 1 unknown-label: unknown label 'bass' in function 'fib'",
                $"{Json.Range(diagnostic.GetProperty("range"))} {diagnostic.GetProperty("severity")} {diagnostic.GetProperty("code")}: {diagnostic.GetProperty("message")}");

            var hover = await client.AtAsync("textDocument/hover", 4, 5);
            Assert.AreEqual("4:4-4:7 ```stfa\nLDI rD, literal\n```\nload a constant\n\nopcode 0x01",
                $"{Json.Range(hover.GetProperty("range"))} {hover.GetProperty("contents").GetProperty("value").GetString()}");
            await Assert.ThrowsAsync<RemoteRpcException>(() => client.RequestAsync("textDocument/hover", new { textDocument = new { uri = LanguageClient.Uri } }));

            Assert.AreEqual(JsonValueKind.Null, (await client.RequestAsync("shutdown", null)).ValueKind);
            await client.NotifyAsync("exit", null);
            await client.Server.WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken);
            Assert.AreEqual(0, server.ExitCode);
        }
        finally
        {
            server.Kill();
        }
    }

    /// <summary>
    /// What VS Code does in a session (each request and body type goes through the adapter's
    /// source-generated JSON): breakpoint, stack, scopes and variables, evaluate, step, step back, run to the end.
    /// </summary>
    private static void DebugFib(DapConnection dap)
    {
        var fib = Example("fib.stfa");
        var initialize = dap.Request("initialize", new JsonObject { ["adapterID"] = "stoffel", ["linesStartAt1"] = true });
        Assert.IsTrue((bool)initialize["body"]!["supportsStepBack"]!, initialize.ToJsonString());
        dap.Event("initialized");
        Assert.IsTrue((bool)dap.Request("launch", new JsonObject { ["program"] = fib })["success"]!);
        var breakpoints = dap.Request("setBreakpoints", new JsonObject
        {
            ["source"] = new JsonObject { ["path"] = fib },
            ["breakpoints"] = new JsonArray(new JsonObject { ["line"] = 12, ["condition"] = "n == 20" }),
        });
        Assert.IsTrue((bool)breakpoints["body"]!["breakpoints"]![0]!["verified"]!, breakpoints.ToJsonString());
        dap.Request("configurationDone");

        Assert.AreEqual("breakpoint", (string?)dap.Event("stopped")["body"]!["reason"]);
        var top = TopFrame(dap);
        Assert.AreEqual("fib", (string?)top["name"]);
        Assert.AreEqual(12, (int)top["line"]!);
        var scopes = dap.Request("scopes", new JsonObject { ["frameId"] = top["id"]!.DeepClone() })["body"]!["scopes"]!.AsArray();
        var registers = scopes.Single(s => (string?)s!["name"] == "Registers")!;
        var variables = dap.Request("variables", new JsonObject { ["variablesReference"] = registers["variablesReference"]!.DeepClone() });
        Assert.AreEqual("20", (string?)variables["body"]!["variables"]!.AsArray().Single(v => (string?)v!["name"] == "r0")!["value"]);
        var evaluate = dap.Request("evaluate", new JsonObject { ["expression"] = "n", ["frameId"] = top["id"]!.DeepClone(), ["context"] = "watch" });
        Assert.AreEqual("20", (string?)evaluate["body"]!["result"], evaluate.ToJsonString());

        dap.Request("next", new JsonObject { ["threadId"] = 1 });
        dap.Event("stopped");
        Assert.AreEqual(13, (int)TopFrame(dap)["line"]!);
        Assert.IsTrue((bool)dap.Request("stepBack", new JsonObject { ["threadId"] = 1 })["success"]!);
        dap.Event("stopped");
        Assert.AreEqual(12, (int)TopFrame(dap)["line"]!);

        dap.Request("setBreakpoints", new JsonObject { ["source"] = new JsonObject { ["path"] = fib }, ["breakpoints"] = new JsonArray() });
        dap.Request("continue", new JsonObject { ["threadId"] = 1 });
        Assert.AreEqual(0, (int)dap.Event("exited")["body"]!["exitCode"]!);
        dap.Event("terminated");
        Assert.IsTrue(dap.Received.Any(m => ((string?)m["body"]?["output"] ?? "").Contains("main returned 6765", StringComparison.Ordinal)));
    }

    private static JsonNode TopFrame(DapConnection dap) =>
        dap.Request("stackTrace", new JsonObject { ["threadId"] = 1 })["body"]!["stackFrames"]![0]!;

    /// <summary>
    /// Starts the executable with its standard streams redirected. The caller kills it when done,
    /// and when the test times out: that ends a read blocked on its streams.
    /// </summary>
    private static Process StartExecutable(params string[] args)
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    private static string Executable()
    {
        if (Alone.Value is not { } executable)
        {
            Assert.Inconclusive($"{Variable} is not set: publish the native stoffel (README \"Install\") and set {Variable} to it");
            throw new UnreachableException();
        }
        return executable;
    }

    /// <summary>Copies the executable named by STOFFEL_NATIVE alone into a new folder: an apphost would find no stoffel.dll there.</summary>
    private static string? CopyAlone()
    {
        var source = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(source))
        {
            return null;
        }
        Assert.IsTrue(File.Exists(source), $"{Variable} names a missing file: {source}");
        var copy = Path.Combine(Directory.CreateTempSubdirectory("stoffel-native-").FullName, Path.GetFileName(source));
        File.Copy(source, copy);
        return copy;
    }
}
