using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.E2E;
using EdgeAI.Fusion.Mapping;
using EdgeAI.Host.Hil;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Hil;

/// <summary>The CAN faults over the bundled Adlershof log, judged by the real vehicle context and its E2E checks.</summary>
public sealed class FaultedCanReaderTests
{
    private static readonly SignalMap Map = SignalMap.Load(RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json"));
    private static readonly string Log = RepoPaths.Get("models", "scenarios", "adlershof-drive", "can.log.gz");

    private static HilScenario Scenario(TempDirectory dir, string faults) =>
        HilScenario.Load(HilScenarioFiles.Write(dir.Path, "faults", $$"""{"stop_after_s": 6, "faults": [{{faults}}], "expect": [{"no_frame_lost": true}]}"""));

    /// <summary>The log's frames in the first <paramref name="seconds"/> s: (seconds since the first, frame).</summary>
    private static List<(double AtS, CanFrame Frame)> Original(double seconds)
    {
        var frames = new List<(double, CanFrame)>();
        using var reader = CanLogFiles.OpenReader(Log);
        long start = long.MinValue;
        while (reader.TryRead(out var f))
        {
            if (start == long.MinValue) start = f.TimestampNs;
            double at = (f.TimestampNs - start) / 1e9;
            if (at > seconds) break;
            frames.Add((at, f));
        }
        return frames;
    }

    private static (List<CanFrame> Frames, VehicleContext Context, FaultedCanReader Reader) Run(HilScenario scenario)
    {
        var context = new VehicleContext(Map);
        var frames = new List<CanFrame>();
        var reader = new FaultedCanReader(CanLogFiles.OpenReader(Log), scenario, Map);
        using (reader)
            while (reader.TryRead(out var f)) { frames.Add(f); context.Apply(in f); }
        return (frames, context, reader);
    }

    private static uint IdOf(string message) => Map.Database.GetDecoder(message).Message.Id;

    [Fact]
    public void BusOff_RemovesEveryFrameOfTheWindowAndCountsThem()
    {
        using var dir = new TempDirectory();
        var (frames, _, reader) = Run(Scenario(dir, """{"fault": "bus_off", "from_s": 1, "to_s": 2.5}"""));
        var original = Original(6);
        int inWindow = original.Count(o => o.AtS >= 1 && o.AtS < 2.5);
        Assert.True(inWindow > 100);
        Assert.Equal(original.Count, reader.Read);
        Assert.Equal(inWindow, reader.Removed);
        Assert.Equal(original.Count - inWindow, frames.Count);
        Assert.Equal(original.Where(o => o.AtS < 1 || o.AtS >= 2.5).Select(o => o.Frame), frames);
    }

    [Fact]
    public void Dropout_ById_RemovesOnlyThatMessage()
    {
        using var dir = new TempDirectory();
        uint id = IdOf("ESP_VehicleDynamics");
        var (frames, _, reader) = Run(Scenario(dir, $$"""{"fault": "dropout", "message": "0x{{id:X}}", "from_s": 2, "to_s": 4}"""));
        var original = Original(6);
        Assert.Equal(original.Count(o => o.Frame.Id == id && o.AtS >= 2 && o.AtS < 4), reader.Removed);
        Assert.Equal(original.Count(o => o.Frame.Id != id), frames.Count(f => f.Id != id));
    }

    [Fact]
    public void FrozenCounter_HoldsTheCounter_AndTheE2ECheckRefusesTheRepeats()
    {
        using var dir = new TempDirectory();
        var (frames, context, reader) = Run(Scenario(dir, """{"fault": "frozen_counter", "message": "VCU_DriveState", "from_s": 1, "to_s": 3}"""));
        uint id = IdOf("VCU_DriveState");
        var checker = new E2EChecker(Map.Database.GetDecoder("VCU_DriveState"), Map.E2E.Single(d => d.Message == "VCU_DriveState").ToSpec());
        long start = frames[0].TimestampNs;
        var held = frames.Where(f => f.Id == id && (f.TimestampNs - start) / 1e9 is >= 1 and < 3).ToList();
        Assert.True(held.Count > 10);
        Assert.Single(held.Select(f => checker.ReadCounter(f.Data)).Distinct());
        Assert.All(held, f => Assert.Equal(checker.ComputeChecksum(f.Data), f.Data[checker.ChecksumByte])); // only the counter is wrong
        Assert.Equal(held.Count, reader.Altered);
        var vcu = context.E2ECheckers.Single(c => c.Decoder.Message.Name == "VCU_DriveState");
        Assert.Equal(held.Count - 1, vcu.CounterRepeats);
    }

    [Fact]
    public void BadChecksum_EveryFrameOfTheWindowIsRefused()
    {
        using var dir = new TempDirectory();
        var (frames, context, reader) = Run(Scenario(dir, """{"fault": "bad_checksum", "message": "ACU_Occupancy", "from_s": 1, "to_s": 7}"""));
        var acu = context.E2ECheckers.Single(c => c.Decoder.Message.Name == "ACU_Occupancy");
        Assert.True(reader.Altered > 0);
        Assert.Equal(reader.Altered, acu.ChecksumFailures);
        Assert.Equal(reader.Altered, context.E2EFailures);
        Assert.Equal(ContextQuality.E2EFailed, Quality(context, "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted", frames[^1].TimestampNs));
    }

    [Fact]
    public void StopAfter_EndsTheLogThere()
    {
        using var dir = new TempDirectory();
        var (frames, _, reader) = Run(Scenario(dir, """{"fault": "bus_off", "from_s": 5, "to_s": 5.5}"""));
        Assert.InRange((frames[^1].TimestampNs - frames[0].TimestampNs) / 1e9, 5.9, 6);
        Assert.Equal(Original(6).Count, reader.Read);
    }

    [Fact]
    public void CounterFault_OnAnUnprotectedMessage_NamesTheLineAndTheProtectedOnes()
    {
        using var dir = new TempDirectory();
        var scenario = Scenario(dir, """{"fault": "bad_checksum", "message": "ESP_VehicleDynamics", "from_s": 1, "to_s": 3}""");
        var e = Assert.Throws<HilScenarioException>(() => new FaultedCanReader(CanLogFiles.OpenReader(Log), scenario, Map));
        Assert.StartsWith($"{scenario.File}:{HilScenarioFiles.LineOf(scenario.File, "bad_checksum")}: ", e.Message);
        Assert.Contains("EPS_Steering, VCU_DriveState, ACU_Occupancy", e.Message);
    }

    private static ContextQuality Quality(VehicleContext context, string key, long nowNs) => context.Read(context.IndexOf(key), nowNs).Quality;
}
