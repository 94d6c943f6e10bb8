using BenchmarkDotNet.Attributes;
using EdgeAI.Can;
using EdgeAI.Drivers.SocketCan;

namespace EdgeAI.Benchmarks;

/// <summary>
/// The SocketCAN driver's per-frame work besides the syscall: a CanFrame to the kernel's can_frame/canfd_frame bytes
/// and back (what TrySend and TryReceive do for every frame). Bytes allocated per frame must be 0.
/// </summary>
[MemoryDiagnoser]
public class SocketCanMarshallingBenchmarks
{
    private const int Frames = 1000;
    private readonly byte[] _kernel = new byte[SocketCanFrameCodec.FdSize];
    private CanFrame _frame;

    [Params("classic", "fd64")]
    public string Kind { get; set; } = "classic";

    [GlobalSetup]
    public void Setup() => _frame = Kind == "classic"
        ? new CanFrame(0x123, [1, 2, 3, 4, 5, 6, 7, 8])
        : new CanFrame(0x18FF50E5, new byte[64], CanFlags.Extended | CanFlags.Fd | CanFlags.Brs);

    /// <summary>Encode then decode, <see cref="Frames"/> times per operation.</summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public uint EncodeDecode()
    {
        uint sum = 0;
        for (int i = 0; i < Frames; i++)
        {
            int size = SocketCanFrameCodec.Encode(in _frame, _kernel);
            sum += SocketCanFrameCodec.Decode(_kernel.AsSpan(0, size), i, 0).Id;
        }
        return sum;
    }
}
