using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Fusion.E2E;
using EdgeAI.TestKit;

namespace EdgeAI.Fusion.Tests.E2E;

/// <summary>The checker over the whole bundled drive (models/scenarios/city-drive), as the DBC README documents its protection.</summary>
public sealed class BundledDriveE2ETests
{
    private static readonly DbcDatabase Database = DbcDatabase.Load(RepoPaths.DemoDbc);

    // Written out here rather than taken from DriveGen, so the generator and this oracle can disagree.
    private static readonly Dictionary<string, E2ESpec> Specs = new(StringComparer.Ordinal)
    {
        ["EPS_Steering"] = new(E2EAlgorithm.Sum8, "EPS_Checksum", "EPS_Counter"),
        ["VCU_DriveState"] = new(E2EAlgorithm.Crc8SaeJ1850, "VCU_Checksum", "VCU_Counter", DataId: 0x00C0),
        ["ACU_Occupancy"] = new(E2EAlgorithm.Crc8H2F, "ACU_Checksum", "ACU_Counter", DataIdList: [.. Enumerable.Range(0x20, 16)]),
    };

    private static readonly Lazy<Dictionary<string, List<CanFrame>>> Frames = new(ReadProtectedFrames);

    private static Dictionary<string, List<CanFrame>> ReadProtectedFrames()
    {
        var frames = Specs.Keys.ToDictionary(name => name, _ => new List<CanFrame>(), StringComparer.Ordinal);
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        while (reader.TryRead(out var frame))
            if (Database.TryGetDecoder(in frame, out var decoder) && frames.TryGetValue(decoder.Message.Name, out var list))
                list.Add(frame);
        return frames;
    }

    private static E2EChecker Checker(string message) => new(Database.GetDecoder(message), Specs[message]);

    [Theory]
    [InlineData("EPS_Steering", 16)]
    [InlineData("VCU_DriveState", 15)]
    [InlineData("ACU_Occupancy", 16)]
    public void BundledDrive_EveryProtectedFrameIsOkAfterTheFirst(string message, int counterValues)
    {
        var checker = Checker(message);
        var frames = Frames.Value[message];
        var seen = new HashSet<int>();
        for (int i = 0; i < frames.Count; i++)
        {
            var status = checker.Check(frames[i]);
            Assert.True(status == (i == 0 ? E2EStatus.Initial : E2EStatus.Ok), $"{message} frame {i} at {frames[i].TimestampNs}: {status}");
            seen.Add(checker.ReadCounter(frames[i].Data));
        }

        Assert.True(frames.Count > 1000, $"{message}: only {frames.Count} frames");
        Assert.Equal((frames.Count, 0L, 0L), (checker.FramesChecked, checker.ChecksumFailures, checker.CounterFailures));
        Assert.Equal(counterValues, checker.CounterModulus);
        Assert.Equal(Enumerable.Range(0, counterValues), seen.Order());
    }

    [Theory]
    [InlineData("EPS_Steering")]
    [InlineData("VCU_DriveState")]
    [InlineData("ACU_Occupancy")]
    public void CorruptedCopy_GivesExactlyTheInjectedFailures(string message)
    {
        var original = Frames.Value[message];
        var corrupted = new List<CanFrame>(original.Count + 100);
        int flipped = 0, repeated = 0, skipped = 0;
        // Every 40th frame something goes wrong, in turn: one bit flipped, the frame sent twice, two frames lost.
        for (int i = 0; i < original.Count; i++)
        {
            var frame = original[i];
            int fault = i % 40 == 20 && i < original.Count - 5 ? i / 40 % 3 : -1;
            switch (fault)
            {
                case 0:
                    corrupted.Add(FlipBit(frame, i * 7 % (frame.Length * 8)));
                    flipped++;
                    break;
                case 1:
                    corrupted.Add(frame);
                    corrupted.Add(frame);
                    repeated++;
                    break;
                case 2:
                    i += 1; // this frame and the next never arrive: the counter steps by 3
                    skipped++;
                    break;
                default:
                    corrupted.Add(frame);
                    break;
            }
        }

        var checker = Checker(message);
        var statuses = new Dictionary<E2EStatus, int>();
        foreach (var frame in corrupted)
        {
            var status = checker.Check(frame);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        Assert.True(flipped > 10 && repeated > 10 && skipped > 10, $"{flipped} {repeated} {skipped}");
        Assert.Equal(flipped, checker.ChecksumFailures);
        Assert.Equal(repeated, checker.CounterRepeats);
        Assert.Equal(skipped, checker.CounterJumps);
        Assert.Equal(1, statuses[E2EStatus.Initial]);
        Assert.Equal(corrupted.Count - 1 - flipped - repeated - skipped, statuses[E2EStatus.Ok]);
    }

    private static CanFrame FlipBit(in CanFrame frame, int bit)
    {
        Span<byte> payload = stackalloc byte[frame.Length];
        frame.Data.CopyTo(payload);
        payload[bit / 8] ^= (byte)(1 << (bit % 8));
        return new CanFrame(frame.Id, payload, frame.Flags, frame.TimestampNs, frame.Channel);
    }
}
