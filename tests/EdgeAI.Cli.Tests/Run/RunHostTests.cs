using System.Text.Json;
using EdgeAI.Host.State;
using EdgeAI.Host.Status;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Run;

/// <summary>
/// <c>edgeai run</c> as systemd runs it: a real process under a fake NOTIFY_SOCKET, stopped with SIGTERM or killed with
/// SIGKILL, its state file checked afterwards (docs/host.md).
/// </summary>
[Trait("Category", "Host")]
public sealed class RunHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // The quick drive: no camera, templates only (the model's wording is not what these tests check).
    private static string[] Quick(TempDirectory dir, params string[] more) =>
        ["--state", dir.File("state"), "--no-vision", "--templates", .. more];

    [Fact]
    public async Task MaxSpeed_GivesTheDemosTimelineEventForEvent()
    {
        using var dir = new TempDirectory();
        using var host = new HostProcess(dir, Quick(dir, "--speed", "max", "--exit-at-end", "--events", dir.File("events.jsonl")), notify: false);
        Assert.Equal(0, await host.WaitForExit(Patience));
        var (code, demo, _) = CliRunner.Run("demo", "--speed", "max", "--json", "--no-vision", "--templates");
        Assert.Equal(0, code);

        // The stages run concurrently, so drive events and the assistant's interleave differently; the events are the same.
        var expected = Lines(demo).Where(l => !l.Contains("\"type\":\"context\"") && !l.Contains("\"type\":\"summary\"")).Order(StringComparer.Ordinal).ToList();
        var lines = File.ReadAllLines(dir.File("events.jsonl"));
        var actual = lines.Where(l => !l.Contains("\"type\":\"context\"") && !IsVoice(l)).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 50, $"the demo gave only {expected.Count} events");
        Assert.Equal(expected, actual);

        // The voice stage heard the scenario's two recordings (wake phrase, then a request) where the drive was, and
        // answered them from the vehicle and service tools.
        var voice = lines.Where(IsVoice).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var transcripts = voice.Where(e => e.GetProperty("type").GetString() == "transcript").ToList();
        Assert.Equal(["how far can i drive", "where can i park"], transcripts.Select(e => e.GetProperty("text").GetString()));
        Assert.InRange(transcripts[0].GetProperty("at_s").GetDouble(), 301, 304);
        Assert.InRange(transcripts[1].GetProperty("at_s").GetDouble(), 441, 444);
        Assert.Equal(["range", "find_parking"], voice.Where(e => e.GetProperty("type").GetString() == "intent").Select(e => e.GetProperty("kind").GetString()));
        var answers = voice.Where(e => e.GetProperty("type").GetString() == "answer").ToList();
        Assert.Equal(["u1", "u2"], answers.Select(e => e.GetProperty("ref").GetString()));
        Assert.Equal("get_range", answers[0].GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Contains("voice: the scripted speech ended (2 request(s) heard)", host.StdErr);
        Assert.Contains("healthy", host.StdErr);
        // The context every 30 s of drive and once more at the end (the state the drive ended in).
        var contexts = lines.Where(l => l.Contains("\"type\":\"context\"")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("at_s").GetDouble()).ToList();
        Assert.True(contexts.Count >= 20, $"{contexts.Count} context events over a 10-minute drive");
        Assert.True(contexts[^1] > 600, $"the last context event is at {contexts[^1]} s, not the drive's end");
    }

    [Fact]
    public async Task Sigterm_UnderFakeNotifySocket_ReadyPingsThenStopsCleanlyWithStateKept()
    {
        using var dir = new TempDirectory();
        using var host = new HostProcess(dir, Quick(dir, "--speed", "20", "--events", dir.File("events.jsonl")), watchdog: TimeSpan.FromSeconds(1));
        var ready = await host.WaitFor("READY=1", Patience);
        Assert.Contains("STATUS=healthy", ready.Message);
        // Pings every half watchdog period while healthy; the drive reaches the charging acceptance (5.5 s in) within 2 s at 20x.
        while (host.Messages.Count(m => m.Message == "WATCHDOG=1") < 4) await Task.Delay(100, TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        host.Signal("TERM");
        var stopping = await host.WaitFor("STOPPING=1", Patience);
        Assert.Equal(0, await host.WaitForExit(TimeSpan.FromSeconds(20)));
        output.WriteLine($"READY after {ready.At.TotalSeconds:0.0} s, STOPPING at {stopping.At.TotalSeconds:0.0} s; {host.StdErr}");

        var lines = File.ReadAllLines(dir.File("events.jsonl"));
        Assert.NotEmpty(lines);
        foreach (var line in lines) JsonDocument.Parse(line).Dispose();
        using var state = HostState.Open(dir.File("state"));
        Assert.Equal("ok", state.IntegrityCheck());
        Assert.Equal(("accepted", "charging", "s1"), state.Decisions()[0]);
        // The accepted charger is kept (which one the planner picks depends on where the drive was when the host, loaded
        // by other processes, ticked: the snapshots are latest-wins at 20x).
        Assert.Contains("\"poi_id\":\"", state.Trip("stop"));
        Assert.False(File.Exists(dir.File("state/edgeai.sock")), "the status socket was left behind");
    }

    [Fact]
    public async Task StalledStage_WithholdsTheWatchdogPingsUntilItMovesAgain()
    {
        using var dir = new TempDirectory();
        using var host = new HostProcess(dir, Quick(dir, "--speed", "5", "--events", "none", "--stall", "fusion@3+5", "--Run:StageDeadlineS=1"),
            watchdog: TimeSpan.FromSeconds(1));
        var ready = await host.WaitFor("READY=1", Patience);
        // The stall starts 3 s after fusion started, lasts 5 s; wait until well after it.
        while (host.Elapsed < ready.At + TimeSpan.FromSeconds(11)) await Task.Delay(100, TestContext.Current.CancellationToken);
        host.Signal("TERM");
        Assert.Equal(0, await host.WaitForExit(TimeSpan.FromSeconds(20)));

        var pings = host.Messages.Where(m => m.Message == "WATCHDOG=1").Select(m => m.At).ToList();
        var gaps = pings.Zip(pings.Skip(1), (a, b) => (From: a, Gap: b - a)).ToList();
        var longest = gaps.MaxBy(g => g.Gap);
        output.WriteLine($"{pings.Count} pings; longest gap {longest.Gap.TotalSeconds:0.0} s from {longest.From.TotalSeconds:0.0} s; " +
            string.Join(" | ", host.Messages.Where(m => m.Message.StartsWith("STATUS=", StringComparison.Ordinal)).Select(m => $"{m.At.TotalSeconds:0.0}: {m.Message}")));
        // Pinged every 0.5 s while healthy; none for the stall less the deadline (5 s - 1 s), then pings again.
        Assert.True(longest.Gap >= TimeSpan.FromSeconds(3), $"the longest gap between pings was {longest.Gap.TotalSeconds:0.0} s: the stall did not stop them");
        Assert.Contains(pings, p => p > longest.From + longest.Gap);
        Assert.Contains(host.Messages, m => m.Message.Contains("UNHEALTHY: fusion stalled", StringComparison.Ordinal));
        Assert.True(gaps.Count(g => g.Gap < TimeSpan.FromSeconds(1)) >= 4, "the pings did not come every half period while healthy");
    }

    [Fact]
    public async Task KillNine_TwentyTimes_TheStateIsAlwaysACommittedPrefix()
    {
        using var dir = new TempDirectory();
        string[] Args(string state) => ["--state", state, "--no-vision", "--templates", "--speed", "max", "--events", "none"];
        TimeSpan wholeRun;
        using (var whole = new HostProcess(dir, [.. Args(dir.File("whole")), "--exit-at-end"], notify: false))
        {
            Assert.Equal(0, await whole.WaitForExit(Patience));
            wholeRun = whole.Elapsed;
        }
        List<(string, string, string?)> reference;
        using (var state = HostState.Open(dir.File("whole"))) reference = [.. state.Decisions()];
        Assert.True(reference.Count >= 4, $"the whole drive recorded only {reference.Count} decisions");

        var random = new Random(20261205);
        var seen = new SortedSet<int>();
        for (int kill = 0; kill < 20; kill++)
        {
            string folder = dir.File($"kill{kill}");
            // Seeded moments across the whole run as long as it takes on this machine now (start-up included).
            double afterS = wholeRun.TotalSeconds * (0.2 + random.NextDouble() * 0.8);
            using (var host = new HostProcess(dir, Args(folder), notify: false))
            {
                await Task.Delay(TimeSpan.FromSeconds(afterS), TestContext.Current.CancellationToken);
                host.Signal("KILL");
                await host.WaitForExit(TimeSpan.FromSeconds(20));
            }
            if (!File.Exists(Path.Combine(folder, HostState.FileName))) { seen.Add(-1); continue; }
            using var state = HostState.Open(folder);
            Assert.Equal("ok", state.IntegrityCheck());
            var got = state.Decisions();
            Assert.True(got.Count <= reference.Count && got.SequenceEqual(reference.Take(got.Count)),
                $"kill {kill} at {afterS:0.00} s: {string.Join(", ", got)} is not a prefix of {string.Join(", ", reference)}");
            seen.Add(got.Count);
        }
        output.WriteLine($"decisions kept after the 20 kills (-1: killed before the state existed): {string.Join(", ", seen)}");
        Assert.True(seen.Count(c => c > 0) >= 2, "the kills all fell at the same point of the drive: the test proves little");
    }

    [Fact]
    public async Task StarvedAssistant_LatestWinsDropsAreCountedAndNoQueueGrows()
    {
        using var dir = new TempDirectory();
        using var host = new HostProcess(dir, Quick(dir, "--speed", "20", "--events", "none", "--stall", "assistant@1+4"), watchdog: TimeSpan.FromSeconds(10));
        await host.WaitFor("READY=1", Patience);
        string socket = Path.Combine(dir.File("state"), StatusServer.FileName);
        var depths = new List<int>();
        long dropped = 0;
        for (int i = 0; i < 20; i++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            using var report = JsonDocument.Parse(await StatusServer.ReadAsync(socket, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
            var snapshots = report.RootElement.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "snapshots");
            depths.Add(snapshots.GetProperty("depth").GetInt32());
            dropped = snapshots.GetProperty("dropped").GetInt64();
            Assert.Equal("latest-wins", snapshots.GetProperty("policy").GetString());
            Assert.True(report.RootElement.GetProperty("healthy").GetBoolean(), report.RootElement.GetProperty("status").GetString());
        }
        host.Signal("TERM");
        Assert.Equal(0, await host.WaitForExit(TimeSpan.FromSeconds(20)));
        output.WriteLine($"snapshot depths {string.Join(",", depths)}; dropped {dropped}");
        Assert.True(dropped >= 40, $"a 4 s stall at 20x (2 ticks per drive second) must drop about 160 snapshots, dropped {dropped}");
        Assert.All(depths, d => Assert.InRange(d, 0, 1));
    }

    [Fact]
    public async Task ModelThatFailsToLoad_TemplatesTakeOverAndTheStatusAndDoctorSaySo()
    {
        using var dir = new TempDirectory();
        string model = dir.File("broken-model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "genai_config.json"), "{ not json");
        string events = dir.File("events.jsonl");
        using var host = new HostProcess(dir, ["--state", dir.File("state"), "--no-vision", "--model", model, "--speed", "20", "--events", events]);
        var ready = await host.WaitFor("READY=1", Patience);
        Assert.Contains("templates: the model failed to load", ready.Message);
        var deadline = DateTime.UtcNow + Patience;
        while (!(File.Exists(events) && File.ReadAllText(events).Contains("\"type\":\"suggestion\"", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(100, TestContext.Current.CancellationToken);

        var doctor = Assert.Single(new EdgeAI.Cli.Doctor.HostProbe(dir.File("state")).Run());
        Assert.Equal(EdgeAI.Cli.Doctor.DoctorStatus.Warning, doctor.Status);
        Assert.Contains("runs degraded: templates: the model failed to load", doctor.Detail);
        host.Signal("TERM");
        Assert.Equal(0, await host.WaitForExit(TimeSpan.FromSeconds(20)));

        Assert.Contains("templates: the model failed to load", host.StdErr);
        var suggestions = File.ReadAllLines(events).Where(l => l.Contains("\"type\":\"suggestion\"")).ToList();
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.Contains("\"by\":\"templates\"", s));
    }

    [Fact]
    public async Task Otlp_ExportsTheStagesMetricsToACollector()
    {
        using var dir = new TempDirectory();
        // A collector's OTLP/HTTP endpoint on a free loopback port: it answers 200 and keeps what it was sent.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)) { probe.Start(); port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port; }
        using var collector = new System.Net.HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        using var host = new HostProcess(dir, Quick(dir, "--speed", "20", "--events", "none", "--otlp", $"http://127.0.0.1:{port}", "--Run:OtlpEveryS=1"));
        var context = await collector.GetContextAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);
        string path = context.Request.Url!.AbsolutePath, type = context.Request.ContentType ?? "";
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body, TestContext.Current.CancellationToken);
        context.Response.StatusCode = 200;
        context.Response.Close();
        host.Signal("TERM");
        Assert.Equal(0, await host.WaitForExit(TimeSpan.FromSeconds(20)));

        Assert.Equal("/v1/metrics", path);
        Assert.Equal("application/x-protobuf", type);
        // Protobuf keeps strings as UTF-8: the meter, an instrument and a stage's attribute are in the message.
        string text = System.Text.Encoding.UTF8.GetString(body.ToArray());
        Assert.Contains("EdgeAI", text);
        Assert.Contains("edgeai.host.stage.items", text);
        Assert.Contains("fusion", text);
    }

    [Fact]
    public void Doctor_NoHostRunning_SaysSoAndIsFine()
    {
        using var dir = new TempDirectory();
        var check = Assert.Single(new EdgeAI.Cli.Doctor.HostProbe(dir.Path).Run());
        Assert.Equal(EdgeAI.Cli.Doctor.DoctorStatus.Ok, check.Status);
        Assert.StartsWith("no edgeai run host here", check.Detail);
    }

    [Fact]
    public void Status_NoHostRunning_OneLineNamingTheSocketAndExit2()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = CliRunner.Run("status", "--state", dir.Path);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(Lines(stderr));
        Assert.Contains(Path.Combine(dir.Path, StatusServer.FileName), line);
        Assert.Contains("is 'edgeai run' running", line);
    }

    [Theory]
    [InlineData("--speed", "fast", "--speed (Run:Speed): expected a factor from 0.1 to 1000 or 'max', found 'fast'")]
    [InlineData("--stall", "fusion", "--stall (Run:Stall): expected STAGE@AFTER_S+FOR_S")]
    [InlineData("--stall", "engine@1+2", "no stage 'engine'")]
    [InlineData("--loop", "-1", "--loop: expected 0 (for ever) or more")]
    [InlineData("--gps", "gpsd:localhost:http", "--gps gpsd:localhost:http: expected gpsd:HOST:PORT with a port number")]
    [InlineData("--gps", "glonass", "--gps glonass: expected 'scenario', 'none', 'gpsd[:HOST[:PORT]]' or 'nmea:DEVICE[:BAUD]'")]
    [InlineData("--Run:Climate=dht22", "", "--Run:Climate=dht22: expected 'none' or 'bme280[:BUS[:ADDRESS]]'")]
    [InlineData("--Run:Buttons=gpio:0:talk", "", "--Run:Buttons=gpio:0:talk: expected 'none' or 'gpio:CHIP:LINE=NAME[,LINE=NAME...]'")]
    [InlineData("--Run:Led=gpio:0", "", "--Run:Led=gpio:0: expected 'none' or 'gpio:CHIP:LINE[:active-low]'")]
    [InlineData("--Run:Led=gpio:0:27:inverted", "", "--Run:Led=gpio:0:27:inverted: expected 'none' or 'gpio:CHIP:LINE[:active-low]'")]
    [InlineData("--audio", "cabin.ogg", "--audio cabin.ogg: expected 'scenario', 'mic[:DEVICE]', 'none' or a WAV file")]
    public void Run_BadSetting_OneLineExit2(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        // A --Section:Key=value setting comes as one token (value empty).
        string[] setting = value.Length == 0 ? [option] : [option, value];
        var (code, _, stderr) = CliRunner.Run(["run", "--state", dir.File("state"), "--no-vision", "--templates", .. setting]);
        Assert.Equal(2, code);
        Assert.Contains(expected, Assert.Single(Lines(stderr)));
    }

    [Fact]
    public async Task SensorsThatCannotBeOpened_EachSaidInOneLine_TheDriveRunsOn()
    {
        using var dir = new TempDirectory();
        // No gpiochip7 or i2c-9 here (nor, on this machine, libgpiod): each input is left off with its reason.
        using var host = new HostProcess(dir, Quick(dir, "--speed", "max", "--exit-at-end", "--audio", "none", "--events", dir.File("events.jsonl"),
            "--Run:Buttons=gpio:7:17=dismiss,22=accept", "--Run:Led=gpio:7:27", "--Run:Climate=bme280:9"), notify: false);
        Assert.Equal(0, await host.WaitForExit(Patience));

        // Each warned once at the start (and kept on the status line).
        var warnings = Lines(host.StdErr).Where(l => l.Contains("warn: edgeai.run", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings, l => l.Contains("sensors: no buttons (gpio:7:17=dismiss,22=accept: ", StringComparison.Ordinal));
        Assert.Single(warnings, l => l.Contains("sensors: no status LED (gpio:7:27: ", StringComparison.Ordinal));
        Assert.Single(warnings, l => l.Contains("sensors: no cabin climate sensor (bme280:9: bme280@i2c-9:0x76: /dev/i2c-9 not found", StringComparison.Ordinal));
        string stopped = Lines(host.StdErr).Last();
        Assert.StartsWith("edgeai run: stopped: healthy;", stopped);
        Assert.Contains("sensors: no status LED (gpio:7:27: ", stopped);
        Assert.True(File.ReadAllLines(dir.File("events.jsonl")).Count(l => l.Contains("\"type\":\"suggestion\"", StringComparison.Ordinal)) >= 10, "the drive's suggestions are missing");
    }

    [Fact]
    public async Task MicrophoneThatCannotBeOpened_OneDeviceLostEvent_TheDriveRunsOnAndTheStatusSaysSo()
    {
        using var dir = new TempDirectory();
        // A real ALSA open that fails: no such PCM.
        using var host = new HostProcess(dir, Quick(dir, "--speed", "max", "--exit-at-end", "--events", dir.File("events.jsonl"), "--audio", "mic:edgeai_no_such_pcm"), notify: false);
        Assert.Equal(0, await host.WaitForExit(Patience));

        var lines = File.ReadAllLines(dir.File("events.jsonl"));
        var lost = Assert.Single(lines, l => l.Contains("\"type\":\"error\"", StringComparison.Ordinal));
        Assert.Contains("\"kind\":\"device_lost\"", lost);
        Assert.Contains("edgeai_no_such_pcm: cannot open for capture", lost);
        Assert.True(lines.Count(l => l.Contains("\"type\":\"suggestion\"", StringComparison.Ordinal)) >= 10, "the drive's suggestions are missing");
        Assert.Contains("voice: audio device lost (edgeai_no_such_pcm: cannot open for capture", host.StdErr);
    }

    [Fact]
    public async Task LiveCamera_GStreamerPipeline_FramesReachTheDriverMonitor_AMissingCameraIsRetried()
    {
        if (EdgeAI.Drivers.Camera.GStreamerSource.MissingReason is { } missing) Assert.Skip(missing);
        using var dir = new TempDirectory();
        // A live source (GStreamer's test pattern at 10 frames/s, no face in it) as the cabin camera, the drive at real time.
        const string live = "gst:videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=10/1 ! videoconvert ! video/x-raw,format=BGR ! appsink name=edgeai_sink";
        using (var host = new HostProcess(dir, ["--state", dir.File("live"), "--templates", "--audio", "none", "--speed", "1", "--events", "none", "--camera", live]))
        {
            var ready = await host.WaitFor("READY=1", Patience);
            while (host.Elapsed < ready.At + TimeSpan.FromSeconds(6)) await Task.Delay(100, TestContext.Current.CancellationToken);
            host.Signal("TERM");
            Assert.Equal(0, await host.WaitForExit(TimeSpan.FromSeconds(30)));
        }
        var camera = Stage(dir.File("live"), "camera");
        Assert.True(camera.GetProperty("items").GetInt64() >= 10, $"the live camera gave {camera.GetProperty("items").GetInt64()} frames in 6 s");
        Assert.False(camera.TryGetProperty("detail", out var d), $"camera: {d}");

        using (var host = new HostProcess(dir, ["--state", dir.File("missing"), "--templates", "--audio", "none", "--speed", "max", "--exit-at-end", "--events", "none", "--camera", "/dev/video97"], notify: false))
            Assert.Equal(0, await host.WaitForExit(Patience));
        var lost = Stage(dir.File("missing"), "camera");
        Assert.StartsWith("camera lost (", lost.GetProperty("detail").GetString());
        Assert.Contains("/dev/video97", lost.GetProperty("detail").GetString());
    }

    /// <summary>One stage of the last run's report in <paramref name="state"/>.</summary>
    private static JsonElement Stage(string state, string name)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(state, EdgeAI.Cli.Run.HostRun.ReportFile)));
        return report.RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).Clone();
    }

    /// <summary>An event of the voice stage (its own types, and answers to a transcript <c>u1</c>, <c>u2</c> ...).</summary>
    private static bool IsVoice(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        string type = e.GetProperty("type").GetString()!;
        return type is "speech_start" or "speech_end" or "wake" or "transcript" or "no_match" or "intent" or "barge_in" or "timeout" or "error"
            || type == "answer" && e.TryGetProperty("ref", out var r) && r.GetString()!.StartsWith('u');
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'));
}
