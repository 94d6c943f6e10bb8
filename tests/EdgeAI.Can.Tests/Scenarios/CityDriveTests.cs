using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.DriveGen;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Scenarios;

public class CityDriveTests
{
    private const int FramesCompared = 20_000; // about 43 s of the drive: every message, jitter and late frames

    [Fact]
    public void BundledDrive_IsWhatTheGeneratorWritesForItsSeed()
    {
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        var generated = CityDrive.Record(database).Take(FramesCompared).ToList();
        var committed = new List<CanFrame>(FramesCompared);
        using (var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog))
            while (committed.Count < FramesCompared && reader.TryRead(out var frame)) committed.Add(frame);

        // The log holds microseconds; the generator schedules whole microseconds too, so frames match exactly.
        Assert.Equal(generated, committed);
    }

    [Fact]
    public void BundledDrive_EveryMessageAtItsCycleTimeAndDecodable()
    {
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        var counts = new Dictionary<uint, int>();
        long first = 0, last = 0, undecodable = 0;
        using (var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog))
        {
            while (reader.TryRead(out var frame))
            {
                if (first == 0) first = frame.TimestampNs;
                Assert.True(frame.TimestampNs >= last, $"frame at {frame.TimestampNs} is before {last}");
                last = frame.TimestampNs;
                counts[frame.Id] = counts.GetValueOrDefault(frame.Id) + 1;
                if (!database.TryGetDecoder(in frame, out _)) undecodable++;
            }
        }
        double seconds = (last - first) / 1e9;

        Assert.InRange(seconds, 540, 720); // "a ~10 minute city drive"
        Assert.Equal(0, undecodable);
        foreach (var message in database.File.Messages)
        {
            Assert.True(message.CycleTimeMs is > 0, $"{message.Name} has no cycle time");
            double expected = seconds * 1000 / message.CycleTimeMs!.Value;
            Assert.InRange(counts.GetValueOrDefault(message.Id), expected * 0.99, expected * 1.01 + 1);
        }
        Assert.True(new FileInfo(RepoPaths.CityDriveLog).Length <= 5 * 1024 * 1024, "the bundled drive must stay <= 5 MB");
    }
}
