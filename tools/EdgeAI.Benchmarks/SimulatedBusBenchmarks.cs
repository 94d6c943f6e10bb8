using BenchmarkDotNet.Attributes;
using EdgeAI.Can;
using EdgeAI.Drivers.Simulated;

namespace EdgeAI.Benchmarks;

/// <summary>
/// The simulated bus's send and receive path: one node sends, <see cref="Listeners"/> nodes (one with an id/mask
/// filter) take every frame in batches. Bytes allocated per frame must be 0 in steady state.
/// </summary>
[MemoryDiagnoser]
public class SimulatedBusBenchmarks
{
    /// <summary>Frames per operation.</summary>
    public const int Frames = 100_000;

    private SimulatedCanBus _bus = null!;
    private SimulatedCanNode _sender = null!;
    private SimulatedCanNode[] _listeners = [];
    private readonly CanFrame[] _batch = new CanFrame[64];
    private readonly CanFrame _frame = new(0x123, [1, 2, 3, 4, 5, 6, 7, 8]);

    [Params(1, 3)]
    public int Listeners { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _bus = new SimulatedCanBus();
        _sender = _bus.AddNode("sender");
        _listeners = new SimulatedCanNode[Listeners];
        for (int i = 0; i < Listeners; i++)
            _listeners[i] = _bus.AddNode("listener" + i, i == 0 ? null : new SimulatedNodeOptions { Filters = [new CanAcceptanceFilter(0x100, 0x700)] });
    }

    [GlobalCleanup]
    public void Cleanup() => _bus.Dispose();

    [Benchmark(OperationsPerInvoke = Frames)]
    public long SendAndReceive()
    {
        long received = 0;
        for (int i = 0; i < Frames; i += 32)
        {
            for (int k = 0; k < 32; k++) _sender.TrySend(in _frame);
            foreach (var listener in _listeners) received += listener.TryReceive(_batch);
        }
        return received;
    }
}
