using BenchmarkDotNet.Attributes;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Benchmarks;

/// <summary>
/// Decoding the bundled city drive with edgeai_demo.dbc: id lookup plus every signal to a physical value,
/// per frame (one op = one frame). Allocated bytes per op must be 0. Peers: <c>edgeai bench can</c>.
/// </summary>
[MemoryDiagnoser]
public class DbcDecodeBenchmarks
{
    private const int Frames = 100_000;
    private CanFrame[] _frames = [];
    private DbcDatabase _database = null!;
    private double[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        _database = DbcDatabase.Load(RepoPaths.DemoDbc);
        _values = new double[_database.MaxSignalCount];
        var frames = new List<CanFrame>(Frames);
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        while (frames.Count < Frames && reader.TryRead(out var frame)) frames.Add(frame);
        _frames = [.. frames];
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public double Decode()
    {
        double sum = 0;
        foreach (ref readonly var frame in _frames.AsSpan())
        {
            if (!_database.TryGetDecoder(in frame, out var decoder)) continue;
            decoder.Decode(in frame, _values);
            sum += _values[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Encode()
    {
        long sum = 0;
        Span<byte> data = stackalloc byte[64];
        foreach (ref readonly var frame in _frames.AsSpan())
        {
            if (!_database.TryGetDecoder(in frame, out var decoder)) continue;
            decoder.Decode(in frame, _values);
            decoder.Encode(_values.AsSpan(0, decoder.SignalCount), data[..decoder.FrameLength]);
            sum += data[0];
        }
        return sum;
    }
}
