using System.Diagnostics;
using System.Globalization;
using EdgeAI.Can;
using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// Speed as a user feels it: every figure is a whole process started cold (a fresh process each run, nothing
/// warmed up in it), on held-out logs that are not the bundled drive, next to the peer's whole process on the same file.
/// The median of the runs counts. EdgeAI runs as the very program that runs this bench (the published native build
/// when that is what was started).
/// </summary>
internal sealed class ProcessBench(int repeat, TextWriter progress)
{
    /// <summary>Frames of the small and the large held-out log.</summary>
    public const int SmallFrames = 200_000, LargeFrames = 2_000_000;

    public List<BenchResult> Run()
    {
        var results = new List<BenchResult>();
        string work = Path.Combine(Path.GetTempPath(), "edgeai-bench-cold-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            results.Add(MeasureStartup());
            var channels = new CanChannelTable();
            channels.GetOrAdd("can0");
            channels.GetOrAdd("can1");
            string small = Path.Combine(work, "small.log"), large = Path.Combine(work, "large.log");
            progress.WriteLine($"bench: writing held-out logs ({SmallFrames:N0} and {LargeFrames:N0} frames of seeded synthetic traffic)");
            Write(small, HeldOutTraffic.Frames(SmallFrames, seed: 11), channels);
            Write(large, HeldOutTraffic.Frames(LargeFrames, seed: 12), channels);
            results.Add(MeasureConvert(small, SmallFrames, channels));
            results.Add(MeasureConvert(large, LargeFrames, channels));
            foreach (var ext in CanLogFiles.Extensions)
            {
                string path = ext == ".log" ? large : Path.Combine(work, "large" + ext);
                if (ext != ".log") Write(path, HeldOutTraffic.Frames(LargeFrames, seed: 12), channels);
                results.Add(MeasureRead(path, LargeFrames));
                if (ext != ".log") File.Delete(path);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return results;
    }

    private BenchResult MeasureStartup()
    {
        progress.WriteLine("bench: process start (edgeai --version, python3 -c 'import can')");
        var (program, prefix) = PeerTools.Self;
        double ours = Median(program, [.. prefix, "--version"], Runs(10), "edgeai --version");
        double? theirs = PeerTools.MedianProgram(PeerTools.DebianPython, ["-c", "import can"], Runs(10), out string? problem);
        return new BenchResult("start: --version", "ms", ours * 1000, null, null, "python3 -c 'import can'", theirs * 1000, problem, LowerIsBetter: true);
    }

    private BenchResult MeasureConvert(string log, int frames, CanChannelTable channels)
    {
        string label = frames >= 1_000_000 ? $"{frames / 1_000_000}M" : $"{frames / 1000}k";
        progress.WriteLine($"bench: edgeai can convert vs can-utils log2asc, {label} frames .log -> .asc");
        var (program, prefix) = PeerTools.Self;
        string dir = Path.GetDirectoryName(log)!;
        double ours = Median(program, [.. prefix, "can", "convert", log, Path.Combine(dir, "out.asc")], Runs(repeat), "edgeai can convert");
        double? theirs = PeerTools.MedianProgram("log2asc", ["-I", log, "-O", Path.Combine(dir, "peer.asc"), .. channels.Names], Runs(repeat), out string? problem);
        File.Delete(Path.Combine(dir, "out.asc"));
        File.Delete(Path.Combine(dir, "peer.asc"));
        return new BenchResult($"process: convert {label} .log->.asc", "frames/s", frames / ours, null, new FileInfo(log).Length / 1e6 / ours,
            "can-utils log2asc", theirs is { } s ? frames / s : null, problem);
    }

    private BenchResult MeasureRead(string path, int frames)
    {
        string ext = Path.GetExtension(path);
        progress.WriteLine($"bench: edgeai can stats vs python-can reading {frames:N0} frames of {ext}, whole processes");
        var (program, prefix) = PeerTools.Self;
        double ours = Median(program, [.. prefix, "can", "stats", path], Runs(repeat), "edgeai can stats");
        string script = Path.Combine(PeerTools.ScriptsFolder, "pycan_read.py");
        string? problem = script + " missing";
        double? theirs = File.Exists(script) ? PeerTools.MedianProgram(PeerTools.DebianPython, [script, path], Math.Min(Runs(repeat), 3), out problem) : null;
        return new BenchResult($"process: stats 2M {ext}", "frames/s", frames / ours, null, new FileInfo(path).Length / 1e6 / ours,
            "python-can read (process)", theirs is { } s ? frames / s : null, problem);
    }

    private static int Runs(int repeat) => Math.Max(3, repeat);

    private static double Median(string program, IReadOnlyList<string> args, int runs, string what) =>
        PeerTools.MedianProgram(program, args, runs, out string? problem) ?? throw new InvalidOperationException($"bench: {what} failed: {problem}");

    private static void Write(string path, IEnumerable<CanFrame> frames, CanChannelTable channels)
    {
        using var writer = CanLogFiles.CreateWriter(path, new CanLogWriteOptions { Channels = channels, TimeZone = TimeZoneInfo.Utc });
        foreach (var frame in frames) writer.Write(in frame);
        writer.Complete();
    }
}
