using BenchmarkDotNet.Attributes;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Benchmarks;

/// <summary>
/// Reading and writing each log format from memory: frames per second and bytes allocated per frame
/// (0 B/frame in steady state: one op reads or writes <see cref="Frames"/> frames, so the reader's
/// one-time buffers show up divided by that). Peers are measured by <c>edgeai bench can</c>.
/// </summary>
[MemoryDiagnoser]
public class LogReadBenchmarks
{
    /// <summary>Frames per operation.</summary>
    public const int Frames = 100_000;

    private byte[] _bytes = [];
    private List<CanFrame> _frames = [];
    private CanChannelTable _channels = new();
    private MemoryStream _output = new();

    [Params(".log", ".asc", ".blf", ".trc", ".csv", ".parquet")]
    public string Extension { get; set; } = ".log";

    [GlobalSetup]
    public void Setup()
    {
        _frames = RandomFrames.Make(Frames, FrameFeatures.Extended, seed: 11);
        _channels = FrameComparison.Channels("can0");
        CanLogFiles.TryGetFormat("x" + Extension, out var format);
        var stream = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(stream, format, "bench" + Extension, new CanLogWriteOptions { Channels = _channels, TimeZone = TimeZoneInfo.Utc }))
        {
            foreach (var frame in _frames) writer.Write(frame);
            writer.Complete();
        }
        _bytes = stream.ToArray();
        _output = new MemoryStream(_bytes.Length + (1 << 20));
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Read()
    {
        CanLogFiles.TryGetFormat("x" + Extension, out var format);
        long sum = 0;
        using var reader = CanLogFiles.OpenReader(new MemoryStream(_bytes, writable: false), format, "bench" + Extension);
        while (reader.TryRead(out var frame)) sum += frame.Id;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Write()
    {
        CanLogFiles.TryGetFormat("x" + Extension, out var format);
        _output.Position = 0;
        using var writer = CanLogFiles.CreateWriter(_output, format, "bench" + Extension, new CanLogWriteOptions { Channels = _channels, TimeZone = TimeZoneInfo.Utc });
        foreach (var frame in _frames) writer.Write(frame);
        writer.Complete();
        return _output.Position;
    }
}
