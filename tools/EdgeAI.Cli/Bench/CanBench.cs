using System.Diagnostics;
using EdgeAI.Can;
using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// The CAN figures: log reading per format against python-can, candump to ASC conversion against
/// can-utils' log2asc, and DBC decoding against canmatrix — each peer on the same files in the same run.
/// </summary>
internal sealed class CanBench(string sourceLog, string? dbc, int repeat, TextWriter progress)
{
    /// <summary>Untimed runs first, so EdgeAI is measured compiled (tiered JIT) the way a long-running process runs.</summary>
    private const int WarmUpRuns = 3;

    public List<BenchResult> Run()
    {
        var results = new List<BenchResult>();
        string work = Path.Combine(Path.GetTempPath(), "edgeai-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            var (frames, channels) = Load(sourceLog);
            progress.WriteLine($"bench: {frames.Count} frames from {sourceLog}");
            foreach (var ext in CanLogFiles.Extensions)
            {
                string path = Path.Combine(work, "drive" + ext);
                Write(path, frames, channels);
                results.Add(MeasureRead(path));
            }
            string candump = Path.Combine(work, "drive.log");
            results.Add(MeasureLogToAsc(candump, Path.Combine(work, "out.asc"), channels));
            if (dbc is not null) results.AddRange(DecodeBench.Run(dbc, candump, frames, repeat, progress));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return results;
    }

    private static (List<CanFrame> Frames, CanChannelTable Channels) Load(string path)
    {
        var frames = new List<CanFrame>();
        using var reader = CanLogFiles.OpenReader(path);
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return (frames, reader.Channels);
    }

    private static void Write(string path, List<CanFrame> frames, CanChannelTable channels)
    {
        using var writer = CanLogFiles.CreateWriter(path, new CanLogWriteOptions { Channels = channels, TimeZone = TimeZoneInfo.Utc });
        foreach (var frame in frames) writer.Write(frame);
        writer.Complete();
    }

    private BenchResult MeasureRead(string path)
    {
        string ext = Path.GetExtension(path);
        progress.WriteLine($"bench: reading {ext} (EdgeAI, python-can)");
        long frames = 0;
        double best = double.MaxValue;
        long allocated = 0;
        for (int i = -WarmUpRuns; i < repeat; i++)
        {
            // Every thread's allocations: the BLF reader unpacks containers on a worker.
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            frames = 0;
            using (var reader = CanLogFiles.OpenReader(path))
                while (reader.TryRead(out _)) frames++;
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (i >= 0) best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        double size = new FileInfo(path).Length / 1e6;
        var peer = PeerTools.RunScript("pycan_read.py", [path, Math.Min(repeat, 3).ToString()], out string? problem);
        double? peerRate = null;
        string? peerName = "python-can";
        if (peer is { } p)
        {
            peerRate = p.GetProperty("frames").GetInt64() / p.GetProperty("seconds").GetDouble();
            peerName = "python-can " + p.GetProperty("version").GetString();
        }
        // Allocation per frame: what one whole read allocated (reader setup included) over its frames.
        return new BenchResult($"read {ext}", "frames/s", frames / best, (double)allocated / Math.Max(frames, 1), size / best, peerName, peerRate, problem);
    }

    private BenchResult MeasureLogToAsc(string log, string asc, CanChannelTable channels)
    {
        progress.WriteLine("bench: converting .log -> .asc (EdgeAI, can-utils log2asc)");
        long frames = 0;
        double best = double.MaxValue;
        for (int i = -WarmUpRuns; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            frames = 0;
            using (var reader = CanLogFiles.OpenReader(log))
            using (var writer = CanLogFiles.CreateWriter(asc, new CanLogWriteOptions { Channels = reader.Channels, TimeZone = TimeZoneInfo.Utc }))
            {
                while (reader.TryRead(out var frame)) { writer.Write(in frame); frames++; }
                writer.Complete();
            }
            if (i >= 0) best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        // log2asc converts only the interfaces it is given: all of the log's (it was written with these names).
        List<string> channelArgs = ["-I", log, "-O", asc + ".peer", .. channels.Names];
        double? peerSeconds = PeerTools.TimeProgram("log2asc", channelArgs, Math.Min(repeat, 3), out string? problem);
        return new BenchResult("convert .log -> .asc", "frames/s", frames / best, null, new FileInfo(log).Length / 1e6 / best,
            "can-utils log2asc", peerSeconds is { } s ? frames / s : null, problem);
    }
}
