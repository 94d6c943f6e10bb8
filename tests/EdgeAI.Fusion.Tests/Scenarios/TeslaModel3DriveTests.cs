using System.IO.Compression;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.DriveGen.TeslaModel3;
using static EdgeAI.Fusion.Tests.TeslaVehicle;

namespace EdgeAI.Fusion.Tests.Scenarios;

/// <summary>models/scenarios/tesla-model3-short/can.log.gz is what <c>EdgeAI.DriveGen tesla-model3</c> writes.</summary>
public sealed class TeslaModel3DriveTests
{
    [Fact]
    public void BundledTeslaDrive_IsByteForByteWhatTheGeneratorWrites()
    {
        var channels = new CanChannelTable();
        channels.GetOrAdd("can0");
        using var generated = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(generated, CanLogFormat.Candump, "generated", new CanLogWriteOptions { Channels = channels }))
        {
            foreach (var frame in TeslaModel3Drive.Record(Database)) writer.Write(in frame);
            writer.Complete();
        }
        using var committed = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(LogPath), CompressionMode.Decompress)) gzip.CopyTo(committed);

        // Compared as candump -L text, not gzip bytes: another zlib may compress the same text differently.
        Assert.True(committed.Length > 1_000_000, $"{LogPath} holds only {committed.Length} bytes");
        Assert.Equal(committed.ToArray(), generated.ToArray());
    }

    [Fact]
    public void BundledTeslaDrive_IsTwoMinutesSmallAndEveryFrameDecodes()
    {
        var frames = Drive();
        double seconds = (frames[^1].TimestampNs - frames[0].TimestampNs) / 1e9;
        Assert.InRange(seconds, 119, 120);
        Assert.All(frames, f => Assert.True(Database.TryGetDecoder(in f, out _), $"0x{f.Id:X3} is not in the DBC"));
        var perId = frames.GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(12_000, perId[0x118], 30.0); // DI_systemStatus at 100 Hz
        Assert.Equal(6_000, perId[0x257], 15.0);  // DI_speed at 50 Hz
        Assert.Equal(2_400, perId[0x3C2], 10.0);  // VCLEFT_switchStatus at 20 Hz
        Assert.False(perId.ContainsKey(0x238));   // STW_ACTN_RQ is the Model S's
        Assert.True(new FileInfo(LogPath).Length < 300 * 1024, "the bundled Tesla drive must stay under 300 KB");
    }
}
