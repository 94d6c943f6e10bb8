using System.Diagnostics;
using System.IO.Compression;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// The vehicle context's cost: frames per second through decode, end-to-end checks, key updates and the derived state
/// on one core (a fresh context per run, the bundled drive), bytes per frame, the cost of a snapshot, and
/// <c>edgeai context</c> as a whole process next to canmatrix decoding the same log as a whole process.
/// </summary>
internal sealed class FusionBench(string log, string signalMap, int repeat, TextWriter progress)
{
    public List<BenchResult> Run()
    {
        var map = SignalMap.Load(signalMap);
        var frames = new List<CanFrame>();
        using (var reader = CanLogFiles.OpenReader(log))
            while (reader.TryRead(out var frame)) frames.Add(frame);
        progress.WriteLine($"bench: vehicle context over {frames.Count:N0} frames of {Path.GetFileName(log)}");

        for (int i = 0; i < 3; i++) Apply(new VehicleContext(map), frames); // warm up
        double best = double.MaxValue;
        long allocated = 0;
        VehicleContext last = null!;
        for (int i = 0; i < repeat; i++)
        {
            last = new VehicleContext(map);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            Apply(last, frames);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var results = new List<BenchResult>
        {
            new("context: apply (1 core)", "frames/s", frames.Count / best, (double)allocated / frames.Count, null, null, null, null),
            MeasureSnapshot(last),
            MeasureProcess(map.DbcPath),
        };
        return results;
    }

    private static void Apply(VehicleContext context, List<CanFrame> frames)
    {
        foreach (var frame in frames) context.Apply(in frame);
    }

    private BenchResult MeasureSnapshot(VehicleContext context)
    {
        const int Snapshots = 2000;
        for (int i = 0; i < 100; i++) context.Snapshot();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Snapshots; i++) context.Snapshot();
        watch.Stop();
        long bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / Snapshots;
        return new BenchResult($"context: snapshot ({context.Keys.Count} keys)", "us", watch.Elapsed.TotalMicroseconds / Snapshots, bytes, null, null, null, null, LowerIsBetter: true);
    }

    /// <summary>Whole processes, cold, on the same plain candump log: edgeai context vs canmatrix decoding every frame.</summary>
    private BenchResult MeasureProcess(string dbc)
    {
        string work = Path.Combine(Path.GetTempPath(), "edgeai-bench-fusion-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            string plain = Path.Combine(work, "drive.log");
            if (log.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var input = new GZipStream(File.OpenRead(log), CompressionMode.Decompress);
                using var output = File.Create(plain);
                input.CopyTo(output);
            }
            else File.Copy(log, plain);
            int frames = 0;
            using (var reader = CanLogFiles.OpenReader(plain)) while (reader.TryRead(out _)) frames++;
            progress.WriteLine("bench: edgeai context vs canmatrix decode, whole processes");
            var (program, prefix) = PeerTools.Self;
            int runs = Math.Max(3, repeat);
            double ours = PeerTools.MedianProgram(program, [.. prefix, "context", plain, "--signals", signalMap], runs, out string? failed)
                ?? throw new InvalidOperationException($"bench: edgeai context failed: {failed}");
            string script = Path.Combine(PeerTools.ScriptsFolder, "canmatrix_decode.py");
            string? problem = script + " missing";
            double? theirs = File.Exists(script) ? PeerTools.MedianProgram(PeerTools.DebianPython, [script, dbc, plain], Math.Min(runs, 3), out problem) : null;
            return new BenchResult("process: context of the drive", "frames/s", frames / ours, null, new FileInfo(plain).Length / 1e6 / ours,
                "canmatrix decode (process)", theirs is { } s ? frames / s : null, problem);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
