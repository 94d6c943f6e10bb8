using System.Diagnostics;
using System.IO.Compression;
using EdgeAI.Can;
using EdgeAI.Can.Filters;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Drivers.Simulated;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// Replay figures on the real clock onto the simulated bus (a listening node takes every frame): frames/s at max speed
/// over the whole log, and send-time error (send returned - due) at 1x over its first <see cref="RealTimeSeconds"/> s.
/// Peer: python-can's pacing loop (can.MessageSync, what can.player runs) onto its virtual bus with a listener, on the
/// same uncompressed log, plus the whole <c>can.player --ignore-timestamps -g 0</c> process next to the whole edgeai process.
/// </summary>
internal sealed class ReplayBench(string sourceLog, int repeat, TextWriter progress)
{
    public const double RealTimeSeconds = 20;

    public List<BenchResult> Run()
    {
        var results = new List<BenchResult>();
        string work = Path.Combine(Path.GetTempPath(), "edgeai-bench-replay-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            string log = Path.Combine(work, "drive.log");
            Unpack(sourceLog, log);
            results.Add(MeasureMaxSpeed(log));
            results.Add(MeasureProcesses(log));
            results.AddRange(MeasureRealTime(log));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return results;
    }

    private static void Unpack(string source, string target)
    {
        using var input = File.OpenRead(source);
        using Stream stream = source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(input, CompressionMode.Decompress) : input;
        using var output = File.Create(target);
        stream.CopyTo(output);
    }

    private BenchResult MeasureMaxSpeed(string log)
    {
        progress.WriteLine("bench: replay at max speed onto the simulated bus (EdgeAI, python-can MessageSync onto virtual)");
        double best = double.MaxValue;
        long frames = 0;
        for (int i = -1; i < repeat; i++) // one untimed run first: the JIT compiles the replay loop
        {
            var (report, received) = Replay(log, double.PositiveInfinity, null);
            if (received != report.FramesSent) throw new InvalidOperationException($"bench: the listener got {received} of {report.FramesSent} frames");
            frames = report.FramesSent;
            if (i >= 0) best = Math.Min(best, report.WallTime.TotalSeconds);
        }
        var peer = PeerTools.RunScript("pycan_replay.py", [log, "max"], out string? problem);
        double? peerRate = peer is { } p ? p.GetProperty("frames").GetInt64() / p.GetProperty("seconds").GetDouble() : null;
        string peerName = peer is { } q ? "python-can " + q.GetProperty("version").GetString() + " MessageSync" : "python-can MessageSync";
        return new BenchResult("replay max, in-process", "frames/s", frames / best, null, null, peerName, peerRate, problem);
    }

    private BenchResult MeasureProcesses(string log)
    {
        progress.WriteLine("bench: whole processes at max speed (edgeai can replay --to sim, can.player -i virtual --ignore-timestamps -g 0)");
        var (program, prefix) = PeerTools.Self;
        double? ours = PeerTools.TimeProgram(program, [.. prefix, "can", "replay", log, "--to", "sim", "--speed", "max"], Math.Min(repeat, 3), out string? ourProblem);
        if (ours is null) throw new InvalidOperationException("bench: edgeai can replay failed: " + ourProblem);
        double? theirs = PeerTools.TimeProgram(PeerTools.DebianPython, ["-m", "can.player", "-i", "virtual", "--ignore-timestamps", "-g", "0", log], Math.Min(repeat, 3), out string? problem);
        long frames = CountFrames(log);
        return new BenchResult("replay max, process", "frames/s", frames / ours.Value, null, null, "can.player -g 0", theirs is { } s ? frames / s : null, problem);
    }

    private IEnumerable<BenchResult> MeasureRealTime(string log)
    {
        progress.WriteLine($"bench: replay at 1x over the first {RealTimeSeconds} s (EdgeAI, python-can MessageSync), about {2 * RealTimeSeconds} s");
        Replay(log, 1, 1); // untimed second at 1x: JIT and timer warm-up
        var (report, received) = Replay(log, 1, RealTimeSeconds);
        if (received != report.FramesSent) throw new InvalidOperationException($"bench: the listener got {received} of {report.FramesSent} frames");
        var peer = PeerTools.RunScript("pycan_replay.py", [log, RealTimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)], out string? problem);
        double? Peer(string field) => peer is { } p ? p.GetProperty(field).GetDouble() : null;
        string name = peer is { } q ? "python-can " + q.GetProperty("version").GetString() + " MessageSync" : "python-can MessageSync";
        yield return new BenchResult("1x send error p50", "us", report.SendErrorP50!.Value.TotalMicroseconds, null, null, name, Peer("p50_us"), problem, LowerIsBetter: true);
        yield return new BenchResult("1x send error p99", "us", report.SendErrorP99!.Value.TotalMicroseconds, null, null, name, Peer("p99_us"), problem, LowerIsBetter: true);
        yield return new BenchResult("1x send error max", "us", report.SendErrorMax!.Value.TotalMicroseconds, null, null, name, Peer("max_us"), problem, LowerIsBetter: true);
        progress.WriteLine($"bench: 1x: {report.FramesSent} frames in {report.WallTime.TotalSeconds:F3} s for {report.RecordedTime.TotalSeconds:F3} s recorded");
    }

    /// <summary>One replay of <paramref name="log"/> onto a fresh simulated bus; returns the report and what the listener got.</summary>
    private static (CanReplayReport Report, long Received) Replay(string log, double speed, double? seconds)
    {
        using var bus = new SimulatedCanBus();
        var sender = bus.AddNode("replay");
        var listener = bus.AddNode("listener", new SimulatedNodeOptions { ReceiveQueueCapacity = 1 << 20 });
        var options = new CanReplayOptions
        {
            Speed = speed,
            Filter = seconds is { } s ? _ => new CanFrameFilter { EndSeconds = s } : null,
        };
        var report = new CanReplay(options).RunAsync(() => CanLogFiles.OpenReader(log), _ => sender).GetAwaiter().GetResult();
        var buffer = new CanFrame[4096];
        long received = 0;
        int n;
        while ((n = listener.TryReceive(buffer)) > 0) received += n;
        return (report, received);
    }

    private static long CountFrames(string log)
    {
        long frames = 0;
        using var reader = CanLogFiles.OpenReader(log);
        while (reader.TryRead(out var frame)) if (!frame.IsError) frames++;
        return frames;
    }
}
