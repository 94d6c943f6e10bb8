using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeAI.Drivers.SocketCan;
using EdgeAI.Host.Hil;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Hil;

/// <summary><c>edgeai hil run</c> as a real process (the built edgeai.dll), on the bundled HIL scenarios and on
/// scenarios written for the test.</summary>
public sealed class HilRunTests
{
    private static readonly string Edgeai = Path.Combine(AppContext.BaseDirectory, "edgeai.dll");
    private static readonly string Suite = RepoPaths.Get("models", "scenarios", "hil");
    private static readonly string Xsd = RepoPaths.Get("docs", "schemas", "junit.xsd");

    private static (int ExitCode, string StdOut, string StdErr) Hil(params string[] args) =>
        ExternalTool.RunRaw("dotnet", [Edgeai, "hil", "run", .. args], TimeSpan.FromMinutes(3));

    private static void AssertValidJUnit(string file)
    {
        Assert.SkipWhen(ExternalTool.MissingProgramReason("xmllint", "libxml2-utils") is not null, ExternalTool.MissingProgramReason("xmllint", "libxml2-utils") ?? "");
        var (code, _, stderr) = ExternalTool.RunRaw("xmllint", ["--noout", "--schema", Xsd, file]);
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void Run_BundledSuite_EveryExpectationHolds_AndTheJUnitFileValidates()
    {
        using var dir = new TempDirectory();
        string junit = dir.File("out.xml");
        string events = dir.File("events");
        var (code, stdout, stderr) = Hil(Suite, "--junit", junit, "--events", events);
        Assert.True(code == 0, stdout + stderr);
        int scenarios = Directory.GetDirectories(Suite).Length;
        Assert.Matches($@"hil: {scenarios} scenarios, (\d+) expectations: \1 passed, 0 failed, 0 skipped", stdout);
        AssertValidJUnit(junit);
        Assert.Equal(scenarios, System.Xml.Linq.XDocument.Load(junit).Root!.Elements("testsuite").Count());
        AssertValidEvents(Directory.GetFiles(events, "*.jsonl"), scenarios);
    }

    /// <summary>Every event the runner judged (the pipeline's, its context snapshots and its fault events) follows
    /// docs/schemas/event.schema.json, checked by python-jsonschema.</summary>
    private static void AssertValidEvents(string[] files, int expectedFiles)
    {
        Assert.Equal(expectedFiles, files.Length);
        Assert.SkipWhen(ExternalTool.JsonSchemaMissingReason is not null, ExternalTool.JsonSchemaMissingReason ?? "");
        string report = ExternalTool.RunPython("""
            import json, sys, jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            count = 0
            for name in sys.argv[2:]:
                for number, line in enumerate(open(name), 1):
                    count += 1
                    for error in validator.iter_errors(json.loads(line)):
                        print(f"{name}:{number}: {error.message}")
            print(f"checked {count}")
            """, [RepoPaths.Get("docs", "schemas", "event.schema.json"), .. files]);
        Assert.Matches(@"^checked \d+\s*$", report);
        Assert.Contains("\"type\":\"fault\"", string.Concat(files.Select(File.ReadAllText)));
    }

    [Fact]
    public void Run_BrokenExpectation_ExitsOneWithTheObservedEventsAndTheLine()
    {
        using var dir = new TempDirectory();
        string folder = HilScenarioFiles.Write(dir.Path, "broken", """
            {"stop_after_s": 20, "expect": [
              {"name": "charging within 2 s", "event": {"type": "suggestion", "kind": "charging"}, "after_s": 0, "within_s": 2},
              {"no_frame_lost": true}]}
            """);
        string junit = dir.File("out.xml");
        var (code, stdout, _) = Hil(folder, "--junit", junit);
        Assert.Equal(1, code);
        Assert.Contains("FAIL charging within 2 s: no suggestion/charging within 2 s of 0 s; suggestion/charging seen at 3.5 s", stdout);
        string file = Path.Combine(folder, "scenario.json");
        Assert.Contains($"{file}:{HilScenarioFiles.LineOf(file, "\"event\"")}", stdout);
        Assert.Contains("PASS no frame lost", stdout);
        AssertValidJUnit(junit);
        string failure = System.Xml.Linq.XDocument.Load(junit).Descendants("failure").Single().Value;
        Assert.Contains("\"type\":\"suggestion\",\"kind\":\"charging\",\"id\":\"s1\"", failure);
    }

    [Fact]
    public void Run_BadScenario_ExitsTwoWithFileLineAndWhatWasExpected()
    {
        using var dir = new TempDirectory();
        string folder = HilScenarioFiles.Write(dir.Path, "bad", """{"faults": [{"fault": "bus_of", "from_s": 1, "to_s": 2}], "expect": [{"no_frame_lost": true}]}""");
        string file = Path.Combine(folder, "scenario.json");
        var (code, stdout, stderr) = Hil(folder);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"edgeai: {file}:{HilScenarioFiles.LineOf(file, "bus_of")}: hil.faults[0].fault: expected one of bus_off, dropout, frozen_counter, bad_checksum, camera_unplug, gps_loss, model_load_failure, stage_stall, found \"bus_of\"\n", stderr);
    }

    [Fact]
    public void Run_DutOnStandardInput_JudgesTheDemoProcessesEvents()
    {
        string scenario = Path.Combine(Suite, "charging");
        string demo = $"dotnet '{Edgeai}' demo --scenario '{scenario}' --json --speed max --no-vision --templates --to 40";
        var (code, stdout, stderr) = ExternalTool.RunRaw("bash", ["-c", $"set -o pipefail; {demo} | dotnet '{Edgeai}' hil run '{scenario}' --dut -"], TimeSpan.FromMinutes(3));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("device under test: ", stdout);
        Assert.Contains("events from stdin", stdout);
        Assert.Contains("PASS charging suggested within 10 s of the start: suggestion/charging s1 at 3.5 s", stdout);
        Assert.Contains("PASS question to answer (wall)", stdout);
        Assert.Contains("SKIP no frame lost: frame counts come from the in-process pipeline", stdout);
    }

    [Fact]
    public void Run_DutFromAFile_SkipsWallClockBounds_AndFailsAnotherScenariosExpectations()
    {
        using var dir = new TempDirectory();
        string events = dir.File("dut.jsonl");
        var (demoCode, demoOut, demoErr) = ExternalTool.RunRaw("dotnet",
            [Edgeai, "demo", "--scenario", Path.Combine(Suite, "charging"), "--json", "--speed", "max", "--no-vision", "--templates", "--to", "12"], TimeSpan.FromMinutes(2));
        Assert.True(demoCode == 0, demoErr);
        File.WriteAllText(events, demoOut);
        var (code, stdout, _) = Hil(Path.Combine(Suite, "charging"), "--dut", events);
        Assert.Equal(0, code);
        Assert.Contains("SKIP question to answer (wall): wall-time bound: the events came from a file", stdout);
        Assert.Contains("PASS charging suggested within 10 s of the start", stdout);
        // The traffic-light scenario's expectations on this 12 s stream: the car never stopped at a light in it.
        (code, stdout, _) = Hil(Path.Combine(Suite, "traffic-light"), "--dut", events);
        Assert.Equal(1, code);
        Assert.Contains("FAIL time to green while stopped: the anchor drive/stopped never came", stdout);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("unix")]
    public async Task Run_DutOnASocket_ReadsUntilTheDeviceCloses(string kind)
    {
        using var dir = new TempDirectory();
        string folder = HilScenarioFiles.Write(dir.Path, "socket", """{"expect": [{"name": "doors", "event": {"type": "drive", "kind": "doors"}, "after_s": 1, "within_s": 1}]}""");
        using var listener = kind == "tcp"
            ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(kind == "tcp" ? new IPEndPoint(IPAddress.Loopback, 0) : new UnixDomainSocketEndPoint(dir.File("dut.sock")));
        listener.Listen(1);
        string source = kind == "tcp" ? $"tcp:127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}" : "unix:" + dir.File("dut.sock");
        // The device: sends its events, then closes the stream.
        var device = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync(TestContext.Current.CancellationToken);
            await client.SendAsync(Encoding.UTF8.GetBytes(
                "{\"v\":1,\"t\":\"2026-06-12T09:52:31.654Z\",\"type\":\"drive\",\"kind\":\"doors\",\"at_s\":1.654,\"text\":\"driver door open\"}\n" +
                "{\"v\":1,\"t\":\"2026-06-12T09:52:35.653Z\",\"type\":\"drive\",\"kind\":\"doors\",\"at_s\":5.654,\"text\":\"all doors closed\"}\n"), TestContext.Current.CancellationToken);
            client.Shutdown(SocketShutdown.Both);
        }, TestContext.Current.CancellationToken);
        var (code, stdout, stderr) = await Task.Run(() => Hil(folder, "--dut", source), TestContext.Current.CancellationToken);
        await device;
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains($"device under test: 2 events from {source}", stdout);
        Assert.Contains("PASS doors: drive/doors at 1.654 s", stdout);
    }

    [Fact]
    public void Run_DutLineThatIsNotAnEvent_ExitsTwoNamingTheLine()
    {
        using var dir = new TempDirectory();
        string events = dir.File("dut.jsonl");
        File.WriteAllText(events, "{\"v\":1,\"t\":\"2026-06-12T09:52:31.654Z\",\"type\":\"drive\",\"kind\":\"doors\",\"at_s\":1}\nnot json\n");
        var (code, _, stderr) = Hil(Path.Combine(Suite, "charging"), "--dut", events);
        Assert.Equal(2, code);
        Assert.Equal($"edgeai: {events}:2: expected a JSON object (event schema v1)\n", stderr);
    }

    [Fact]
    public void Run_Shards_SplitAFolderSoEveryScenarioRunsExactlyOnce()
    {
        using var dir = new TempDirectory();
        string[] names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
        foreach (var name in names) HilScenarioFiles.Write(dir.Path, name, """{"stop_after_s": 2, "expect": [{"no_frame_lost": true}]}""");
        var seen = new List<string>();
        for (int i = 1; i <= 3; i++)
        {
            var (code, stdout, stderr) = Hil(dir.Path, "--shard", $"{i}/3");
            Assert.True(code == 0, stdout + stderr);
            var ran = names.Where(n => stdout.Contains($"{n}: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(names.Where(n => ShardAssignment.ShardOf(n, 3) == i), ran);
            seen.AddRange(ran);
        }
        Assert.Equal(names.Order(), seen.Order());
    }

    [Fact]
    [Trait("Category", "Hardware")]
    public void Run_BusWithoutSocketCan_ExitsTwoWithTheDriversMessage()
    {
        if (SocketCanBus.ProbeKernelSupport() is null) Assert.Skip("this kernel has AF_CAN: on a rig, run edgeai hil run models/scenarios/hil/charging --bus can0 by hand");
        var (code, stdout, stderr) = Hil(Path.Combine(Suite, "charging"), "--bus", "can0");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("edgeai: can0: this kernel has no SocketCAN (AF_CAN) support", stderr);
    }

    [Fact]
    public void Run_DutWithTwoScenarios_IsAUsageError()
    {
        var (code, _, stderr) = Hil(Path.Combine(Suite, "charging"), Path.Combine(Suite, "glosa"), "--dut", "-");
        Assert.Equal(2, code);
        Assert.Contains("--dut: expected exactly one scenario", stderr);
    }
}
