using EdgeAI.Can.Logs;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>ASC and BLF store unsigned offsets from a start at (or just before) the first frame, so they cannot hold a
/// frame earlier than the first: both writers write it at the file's start time, count the loss through the one
/// shared check, and the file still reads back. (TRC offsets may be negative: see TrcLogTests.)</summary>
public class WriterTimeOrderTests
{
    private const long First = 1_717_171_717_250_000_000L;

    [Theory]
    [InlineData(CanLogFormat.Asc)]
    [InlineData(CanLogFormat.Blf)]
    public void Write_FrameBeforeTheFirst_WrittenAtTheStartAndCounted(CanLogFormat format)
    {
        var stream = new MemoryStream();
        IReadOnlyDictionary<string, long> losses;
        using (var writer = CanLogFiles.CreateWriter(stream, format, "out", new CanLogWriteOptions { TimeZone = TimeZoneInfo.Utc }))
        {
            writer.Write(new CanFrame(0x100, [1], timestampNs: First));
            writer.Write(new CanFrame(0x101, [2], timestampNs: First - 1_000_000_000));
            writer.Complete();
            losses = writer.Losses;
        }
        stream.Position = 0;
        var back = new List<CanFrame>();
        using (var reader = CanLogFiles.OpenReader(stream, format, "out"))
            while (reader.TryRead(out var frame)) back.Add(frame);

        Assert.Equal(1, losses[LossCounter.BeforeStart]);
        Assert.Equal(2, back.Count);
        Assert.Equal(0x101u, back[1].Id);
        Assert.InRange(back[1].TimestampNs, First - 1_000_000, back[0].TimestampNs); // at the file's start, not a second early
    }
}
