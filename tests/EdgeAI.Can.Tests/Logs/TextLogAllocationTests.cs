using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>The hot path of the text formats allocates nothing per frame once warmed up.</summary>
public class TextLogAllocationTests
{
    private const int Warmup = 2000, Measured = 20_000;

    [Theory]
    [InlineData(CanLogFormat.Asc, FrameFeatures.All)]
    [InlineData(CanLogFormat.Trc, FrameFeatures.All)]
    [InlineData(CanLogFormat.Csv, FrameFeatures.Extended | FrameFeatures.Remote | FrameFeatures.Error)]
    public void ReadAndWrite_SteadyState_AllocateNothingPerFrame(CanLogFormat format, FrameFeatures features)
    {
        var frames = RandomFrames.Make(Warmup + Measured, features, seed: 71);
        var options = new CanLogWriteOptions { TimeZone = TimeZoneInfo.Utc, Channels = FrameComparison.Channels("can0", "can1", "can2") };
        byte[] bytes = LogIo.WriteBytes(frames, format, options, out _);

        long writeBytes;
        using (var writer = CanLogFiles.CreateWriter(Stream.Null, format, "null", options))
        {
            for (int i = 0; i < Warmup; i++) writer.Write(frames[i]);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = Warmup; i < frames.Count; i++) writer.Write(frames[i]);
            writeBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        long readBytes;
        using (var reader = CanLogFiles.OpenReader(new MemoryStream(bytes), format, "in", new CanLogReadOptions { TimeZone = TimeZoneInfo.Utc }))
        {
            for (int i = 0; i < Warmup; i++) Assert.True(reader.TryRead(out _));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int count = 0;
            while (reader.TryRead(out _)) count++;
            readBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(Measured, count);
        }

        // Less than a byte per frame: nothing per frame, whatever the runtime does once.
        Assert.True(writeBytes < Measured, $"writing allocated {writeBytes} bytes for {Measured} frames");
        Assert.True(readBytes < Measured, $"reading allocated {readBytes} bytes for {Measured} frames");
    }
}
