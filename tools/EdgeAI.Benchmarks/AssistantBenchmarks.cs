using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Profile;
using EdgeAI.Can;
using EdgeAI.Cli.Bench;
using EdgeAI.Cli.Demo;
using EdgeAI.Cli.Input;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Services.Geo;
using EdgeAI.TestKit;

namespace EdgeAI.Benchmarks;

/// <summary>
/// The assistant in steady state on the bundled Adlershof drive, assembled as <c>edgeai demo</c> assembles it
/// (<see cref="ScenarioPipeline"/>, no camera; needs the demo region in the model cache).
/// <c>frame</c>: one CAN frame through <see cref="AssistantDrive"/>'s per-frame path with no tick (one op = one frame:
/// <see cref="WindowFrames"/> frames that follow the tick at 300 s of drive, replayed; none brings an event), next to
/// <see cref="EdgeAI.Fusion.Context.VehicleContext.Apply(in CanFrame)"/> of the same frames (the baseline: fusion alone).
/// <c>tick</c>: one engine tick (every trigger, the gate) at the moment of the drive's tick at 300 s; and a tick that
/// replans, as every tenth tick of the drive does (every 5 s): the trip planned again, then the engine tick, in which the
/// food and parking triggers ask their advisors for the new plan (at 455 s, arriving at lunch time by the destination;
/// each op moves the clock 1 µs on so that the plan is new). Allocated bytes per frame must be 0.
/// Whole-drive figures: <c>edgeai bench assistant</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AssistantBenchmarks
{
    /// <summary>Frames per op of the frame benchmarks: fewer than the drive sends between two ticks (about 230).</summary>
    public const int WindowFrames = 200;

    private static readonly Func<long, CancellationToken, ValueTask> FullSpeed = static (_, _) => ValueTask.CompletedTask;
    private static readonly Action<TimelineEvent> NoEvent = static e => throw new InvalidOperationException($"the window brought an event: {e.Type} {e.Kind}");
    private readonly List<AssistantEvent> _events = new(16);
    private AssistantDrive _drive = null!;
    private FrameArrayReader _window = null!;
    private CanFrame[] _windowFrames = [];
    private GeoPoint _position;
    private double _soc, _outsideC;

    [GlobalSetup(Targets = [nameof(ContextApply), nameof(DriveFrame)])]
    public void SetupFrame()
    {
        var (frames, channels) = DriveTo(300, out var pipeline);
        int start = (int)_drive.Frames;
        long nextTickNs = pipeline.StartNs + (long)(_drive.Ticks * _drive.TickEveryS * 1e9);
        if (frames[start + WindowFrames - 1].TimestampNs >= nextTickNs) throw new InvalidOperationException("the window reaches the next tick");
        _windowFrames = frames[start..(start + WindowFrames)];
        _window = new FrameArrayReader(frames, start, WindowFrames, channels);
        long ticks = _drive.Ticks;
        DriveFrame().GetAwaiter().GetResult();
        if (_drive.Ticks != ticks) throw new InvalidOperationException("the window ticked");
    }

    [GlobalSetup(Target = nameof(EngineTick))]
    public void SetupTick() => DriveTo(300, out _);

    [GlobalSetup(Target = nameof(ReplanTick))]
    public void SetupReplanTick()
    {
        DriveTo(455, out _);
        var m = _drive.Moment;
        if (_drive.Trip is null || !m.TryNumber(ContextKeys.Latitude, out double lat) || !m.TryNumber(ContextKeys.Longitude, out double lon)
            || !m.TryNumber(ContextKeys.StateOfCharge, out double soc))
            throw new InvalidOperationException("no trip or no position at 455 s");
        _position = new GeoPoint(lat, lon);
        _soc = soc / 100;
        _outsideC = m.TryNumber(ContextKeys.OutsideTemperature, out double o) ? o : 15;
    }

    [BenchmarkCategory("frame"), Benchmark(Baseline = true, OperationsPerInvoke = WindowFrames)]
    public long ContextApply()
    {
        long applied = 0;
        foreach (ref readonly var frame in _windowFrames.AsSpan()) if (_drive.Context.Apply(in frame)) applied++;
        return applied;
    }

    [BenchmarkCategory("frame"), Benchmark(OperationsPerInvoke = WindowFrames)]
    public Task DriveFrame()
    {
        _window.Rewind();
        return _drive.RunAsync(_window, FullSpeed, NoEvent);
    }

    [BenchmarkCategory("tick"), Benchmark(Baseline = true)]
    public int EngineTick()
    {
        _events.Clear();
        _drive.Engine.Tick(_drive.Moment, _events);
        return _events.Count;
    }

    [BenchmarkCategory("tick"), Benchmark]
    public int ReplanTick()
    {
        var moment = _drive.Moment;
        moment.NowNs += 1000;
        _drive.Trip!.Update(_position, _soc, moment.NowNs, _outsideC, force: true);
        return EngineTick();
    }

    /// <summary>A fresh drive of the bundled scenario, run up to (and including) its tick at <paramref name="seconds"/>.</summary>
    private (CanFrame[] Frames, CanChannelTable Channels) DriveTo(double seconds, out ScenarioPipeline pipeline)
    {
        var scenario = Scenario.Load(RepoPaths.Get("models", "scenarios", "adlershof-drive"));
        var map = SignalMapInput.Load(scenario.SignalMap, scenario.Dbc, TextWriter.Null);
        pipeline = ScenarioPipeline.Load(scenario, scenario.CanLog, map, TimeZones.Parse(scenario.TimeZone) ?? TimeZoneInfo.Utc, TextWriter.Null);
        var (frames, channels) = FrameArrayReader.Load(pipeline.Log);
        long endNs = pipeline.StartNs + (long)(seconds * 1e9);
        int count = 0;
        while (count < frames.Length && frames[count].TimestampNs <= endNs) count++;
        // The tick at `seconds` runs on the first frame at or after it: take that frame too.
        if (count < frames.Length && frames[count - 1].TimestampNs < endNs) count++;
        _drive = pipeline.NewDrive(new UserProfile(), camera: null, stopAfterS: null);
        _drive.RunAsync(new FrameArrayReader(frames, 0, count, channels), FullSpeed, static _ => { }).GetAwaiter().GetResult();
        return (frames, channels);
    }
}
