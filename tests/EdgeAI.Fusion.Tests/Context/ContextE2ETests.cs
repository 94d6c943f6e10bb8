using EdgeAI.Can;
using EdgeAI.DriveGen;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.E2E;
using EdgeAI.TestKit;
using static EdgeAI.Fusion.Tests.DemoVehicle;

namespace EdgeAI.Fusion.Tests.Context;

/// <summary>End-to-end protection in the context: declared in the map, frames that fail are counted and not applied.</summary>
public sealed class ContextE2ETests
{
    [Fact]
    public void DemoMap_DeclaresWhatTheGeneratorProtects()
    {
        var declared = Map.E2E.ToDictionary(d => d.Message, d => d.ToSpec());
        Assert.Equal(DemoProtection.ByMessage.Keys.Order(), declared.Keys.Order());
        foreach (var (message, spec) in DemoProtection.ByMessage)
        {
            var map = declared[message];
            Assert.Equal((spec.Algorithm, spec.ChecksumSignal, spec.CounterSignal, spec.DataId, spec.DataIdMode, spec.MaxDeltaCounter),
                (map.Algorithm, map.ChecksumSignal, map.CounterSignal, map.DataId, map.DataIdMode, map.MaxDeltaCounter));
            Assert.Equal(spec.DataIdList ?? [], map.DataIdList ?? []);
        }
    }

    [Fact]
    public void BundledDrive_EveryProtectedFramePasses()
    {
        var context = NewContext();
        foreach (var frame in CityDrive()) context.Apply(frame);
        Assert.Equal(0, context.E2EFailures);
        Assert.Equal(3, context.E2ECheckers.Count());
        Assert.All(context.E2ECheckers, c => Assert.True(c.FramesChecked > 1000, $"{c.Decoder.Message.Name}: {c.FramesChecked}"));
    }

    [Fact]
    public void CorruptedFrame_IsNotApplied_TheKeySaysWhy_ThenRecovers()
    {
        var frames = CityDrive();
        long first = frames[0].TimestampNs;
        var context = NewContext();
        int vcu = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if ((frame.TimestampNs - first) / 1e9 < 30) { context.Apply(frame); continue; }
            if (frame.Id != 0xC0) { context.Apply(frame); continue; }
            // The first VCU_DriveState frame after 30 s (gear D): the gear bits flipped to R, checksum left as sent.
            Span<byte> data = stackalloc byte[frame.Length];
            frame.Data.CopyTo(data);
            data[0] ^= 0b010; // 3 (D) -> 1 (R)
            var bad = new CanFrame(frame.Id, data, frame.Flags, frame.TimestampNs, frame.Channel);
            Assert.False(context.Apply(bad));
            vcu = i;
            break;
        }
        var gear = context.Snapshot(frames[vcu].TimestampNs)[ContextKeys.Gear]!;
        Assert.Equal("D", gear.Label);                              // the last good value
        Assert.Equal(ContextQuality.E2EFailed, gear.Reading.Quality);
        Assert.Equal(1, context.E2EFailures);
        Assert.Equal(1, context.E2ECheckers.Single(c => c.Decoder.Message.Name == "VCU_DriveState").ChecksumFailures);

        // The next VCU frame is good again (its counter is two ahead of the last applied one: within the widened step).
        int next = frames.FindIndex(vcu + 1, f => f.Id == 0xC0);
        for (int i = vcu + 1; i <= next; i++) context.Apply(frames[i]);
        Assert.Equal(ContextQuality.Valid, context.Read(context.IndexOf(ContextKeys.Gear), frames[next].TimestampNs).Quality);
        Assert.Equal(1, context.E2EFailures);
    }

    [Theory]
    [InlineData("""{ "message": "EPS_Steering", "algorithm": "Crc16", "checksum": "EPS_Checksum" }""", "expected algorithm Sum8, Xor8, Crc8SaeJ1850 or Crc8H2F, found 'Crc16'")]
    [InlineData("""{ "message": "EPS_Steering", "algorithm": "Sum8", "checksum": "SteeringAngle" }""", "SteeringAngle is not one whole byte")]
    [InlineData("""{ "message": "EPS_Steering", "algorithm": "Sum8", "checksum": "EPS_Crc" }""", "e2e: edgeai_demo.dbc message EPS_Steering has no signal EPS_Crc")]
    public void Map_BadE2EDeclaration_OneLineNamingIt(string declaration, string expected)
    {
        using var dir = new TempDirectory();
        string path = dir.File("car.signals.json");
        File.WriteAllText(path, $$"""
            { "version": 1, "dbc": "{{RepoPaths.DemoDbc}}",
              "keys": { "Vehicle.Speed": { "signal": "ESP_VehicleDynamics.VehicleSpeed" } },
              "e2e": [ {{declaration}} ] }
            """);
        var e = Assert.Throws<EdgeAI.Fusion.Mapping.SignalMapException>(() => EdgeAI.Fusion.Mapping.SignalMap.Load(path, Database));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(path + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
