using System.Diagnostics;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;

namespace EdgeAI.Cli.Bench;

/// <summary>DBC decoding (id lookup + all signals to physical values) on one core, against canmatrix on the same frames.</summary>
internal static class DecodeBench
{
    private const int PeerFrames = 50_000;

    public static IEnumerable<BenchResult> Run(string dbc, string candumpLog, List<CanFrame> frames, int repeat, TextWriter progress)
    {
        progress.WriteLine("bench: decoding with the DBC (EdgeAI, canmatrix)");
        var database = DbcDatabase.Load(dbc);
        var values = new double[Math.Max(database.MaxSignalCount, 1)];
        for (int i = 0; i < 3; i++) Decode(database, frames, values); // warm up: compile the plans, tiered JIT
        double best = double.MaxValue;
        long allocated = 0, decoded = 0;
        for (int i = 0; i < repeat; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            decoded = Decode(database, frames, values);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var peer = PeerTools.RunScript("canmatrix_decode.py", [dbc, candumpLog, PeerFrames.ToString()], out string? problem);
        double? peerRate = peer is { } p ? p.GetProperty("decoded").GetInt64() / p.GetProperty("seconds").GetDouble() : null;
        yield return new BenchResult("DBC decode", "frames/s", frames.Count / best, (double)allocated / Math.Max(decoded, 1), null, "canmatrix", peerRate, problem);
    }

    private static long Decode(DbcDatabase database, List<CanFrame> frames, double[] values)
    {
        long decoded = 0;
        foreach (var frame in frames)
        {
            if (!database.TryGetDecoder(in frame, out var decoder)) continue;
            decoder.Decode(in frame, values);
            decoded++;
        }
        return decoded;
    }
}
