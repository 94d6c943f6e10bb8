using BenchmarkDotNet.Attributes;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.TestKit;

namespace EdgeAI.Benchmarks;

/// <summary>
/// The vehicle context in steady state: decode, end-to-end checks, key updates and the derived state per frame (one op
/// = one frame) over 16 s of the bundled drive with no driver event in it (342..358 s, the fast road). Allocated bytes
/// per op must be 0. A snapshot is its own benchmark (it copies every key and allocates by design).
/// Whole-process figures: <c>edgeai bench fusion</c>.
/// </summary>
[MemoryDiagnoser]
public class VehicleContextBenchmarks
{
    private CanFrame[] _frames = [];
    private VehicleContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new VehicleContext(SignalMap.Load(RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json")));
        var window = new List<CanFrame>();
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        long first = long.MinValue;
        while (reader.TryRead(out var frame))
        {
            if (first == long.MinValue) first = frame.TimestampNs;
            double seconds = (frame.TimestampNs - first) / 1e9;
            if (seconds >= 358) break;
            _context.Apply(in frame); // the drive up to the window: every message seen, the trip running
            if (seconds >= 342) window.Add(frame);
        }
        _frames = [.. window];
    }

    [Benchmark(OperationsPerInvoke = 7000)]
    public long Apply()
    {
        long applied = 0;
        var frames = _frames.AsSpan(0, 7000);
        foreach (ref readonly var frame in frames) if (_context.Apply(in frame)) applied++;
        return applied;
    }

    [Benchmark]
    public ContextSnapshot Snapshot() => _context.Snapshot();
}
