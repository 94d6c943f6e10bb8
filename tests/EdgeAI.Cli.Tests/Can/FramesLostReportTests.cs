using System.Text.Json.Nodes;
using EdgeAI.Can;
using EdgeAI.Cli.Output;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

/// <summary>can dump and can replay report the frames a bus lost through <see cref="ICanBus.FramesLost"/>, whatever the bus.</summary>
public sealed class FramesLostReportTests
{
    /// <summary>A bus that is neither the simulator nor a socket, which has lost frames: the report must not care which kind it is.</summary>
    private sealed class LossyBus(string name, long lost) : ICanBus
    {
        public string Name => name;
        public CanBusState State => CanBusState.ErrorActive;
        public long FramesLost => lost;
        public bool TrySend(in CanFrame frame) => true;
        public ValueTask<bool> WaitToSendAsync(CancellationToken cancellation = default) => new(true);
        public int TryReceive(Span<CanFrame> frames) => 0;
        public ValueTask<bool> WaitToReceiveAsync(CancellationToken cancellation = default) => new(false);
        public void Dispose() { }
    }

    [Fact]
    public void DumpSummary_AnyBusThatLostFrames_SaysHowManyAndWhere()
    {
        using var bus = new LossyBus("can0", 7);
        Assert.Equal("; 7 frames lost to a full receive queue on can0", FramesLostText.Suffix(bus)); // before: only a SimulatedCanNode was asked
    }

    [Fact]
    public void DumpSummary_NothingLost_AddsNothing()
    {
        using var bus = new LossyBus("can0", 0);
        Assert.Equal("", FramesLostText.Suffix(bus));
    }

    [Fact]
    public void ReplayJson_ReportsFramesLostForEveryTarget()
    {
        using var dir = new TempDirectory();
        string log = dir.File("three.log");
        File.WriteAllText(log, "(1.000000) can0 123#01\n(1.001000) can0 124#02\n(1.002000) can0 125#03\n");
        var (code, stdout, stderr) = CliRunner.Run("can", "replay", log, "--to", "sim", "--speed", "max", "--json");
        Assert.True(code == 0, stderr);
        var lost = JsonNode.Parse(stdout)!["frames_lost"]!.AsObject();
        Assert.Equal(0, (long)lost["sim"]!);
    }
}
