using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Drivers.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Can.Tests.Replay;

/// <summary>A replay onto a simulated bus on one virtual clock: the replay's node, a listening node, and a log in memory.</summary>
internal sealed class ReplayRig : IDisposable
{
    public static readonly DateTimeOffset ClockStart = new(2026, 5, 14, 8, 0, 0, TimeSpan.Zero);
    public const long RecordingStartNs = 1_778_744_530_000_000_000;

    public ReplayRig(SimulatedCanBusOptions? bus = null, SimulatedNodeOptions? sender = null, int listenerCapacity = 1 << 16)
    {
        Clock = new FakeTimeProvider(ClockStart);
        Bus = new SimulatedCanBus(bus, Clock);
        Sender = Bus.AddNode("replay", sender);
        Listener = Bus.AddNode("listener", new SimulatedNodeOptions { ReceiveQueueCapacity = listenerCapacity });
    }

    public FakeTimeProvider Clock { get; }
    public SimulatedCanBus Bus { get; }
    public SimulatedCanNode Sender { get; }
    public SimulatedCanNode Listener { get; }

    /// <summary>Frames recorded on can0 at <paramref name="offsetsMs"/> from the recording's start, ids 0x100 + index.</summary>
    public static List<CanFrame> FramesAt(params double[] offsetsMs) =>
        offsetsMs.Select((ms, i) => new CanFrame((uint)(0x100 + i), [(byte)i], timestampNs: RecordingStartNs + (long)Math.Round(ms * 1e6))).ToList();

    /// <summary>A candump log of <paramref name="frames"/> that each loop opens afresh.</summary>
    public static Func<ICanLogReader> Log(IEnumerable<CanFrame> frames, CanChannelTable? channels = null)
    {
        var bytes = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(bytes, CanLogFormat.Candump, "replay.log", new CanLogWriteOptions { Channels = channels ?? Channels("can0") }))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
        }
        byte[] content = bytes.ToArray();
        return () => CanLogFiles.OpenReader(new MemoryStream(content, writable: false), CanLogFormat.Candump, "replay.log");
    }

    public static CanChannelTable Channels(params string[] names)
    {
        var table = new CanChannelTable();
        foreach (var name in names) table.GetOrAdd(name);
        return table;
    }

    public Task<CanReplayReport> Start(CanReplayOptions options, Func<ICanLogReader> log, CancellationToken? cancellation = null) =>
        new CanReplay(options, Clock).RunAsync(log, _ => Sender, cancellation ?? TestContext.Current.CancellationToken);

    /// <summary>Moves the virtual clock in steps until the replay ends (the replay runs inline as its timers fire).</summary>
    public async Task<CanReplayReport> RunToEnd(Task<CanReplayReport> replay, TimeSpan step, int maxSteps = 1_000_000)
    {
        for (int i = 0; i < maxSteps && !replay.IsCompleted; i++) Clock.Advance(step);
        Assert.True(replay.IsCompleted, "the replay did not finish on the virtual clock");
        return await replay;
    }

    /// <summary>Frames the listener has, with their bus time of arrival.</summary>
    public List<(TimeSpan At, CanFrame Frame)> Received()
    {
        var list = new List<(TimeSpan, CanFrame)>();
        var buffer = new CanFrame[256];
        int n;
        while ((n = Listener.TryReceive(buffer)) > 0)
            for (int i = 0; i < n; i++) list.Add((Bus.ToBusTime(buffer[i].TimestampNs), buffer[i]));
        return list;
    }

    public void Dispose() => Bus.Dispose();
}
