using System.Buffers.Binary;
using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>BLF files as loggers and power loss leave them: unusual objects, padding, cut files, bytes missing.</summary>
public sealed class BlfDamageTests
{
    private static readonly CanLogReadOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    private static (List<CanFrame> Frames, ICanLogReader Reader) Read(byte[] file, CanLogReadOptions? options = null)
    {
        var reader = CanLogFiles.OpenReader(new MemoryStream(file), CanLogFormat.Blf, "cut.blf", options ?? Utc);
        var frames = new List<CanFrame>();
        while (reader.TryRead(out var frame)) frames.Add(frame);
        reader.Dispose();
        return (frames, reader);
    }

    private static byte[] WithObjectCount(byte[] file, uint count)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(32), count);
        return file;
    }

    [Fact]
    public void Read_GlobalMarkerWithNonZeroPadding_ReadsTheFramesAround()
    {
        var builder = new BlfFileBuilder().CanMessage(1, 0x100, 0, 1, [1], 10);
        // GLOBAL_MARKER-like object of 45 bytes: its objectSize % 4 = 1 padding byte is not zero.
        var marker = new byte[32 + 13];
        "LOBJ"u8.CopyTo(marker);
        BinaryPrimitives.WriteUInt16LittleEndian(marker.AsSpan(4), 32);
        BinaryPrimitives.WriteUInt16LittleEndian(marker.AsSpan(6), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(marker.AsSpan(8), (uint)marker.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(marker.AsSpan(12), 96);
        builder.Raw(marker).Raw([0xCD]);
        builder.CanMessage(1, 0x200, 0, 1, [2], 20);

        var (frames, reader) = Read(builder.Build());

        Assert.Equal([0x100u, 0x200u], frames.Select(f => f.Id));
        Assert.Equal(1, reader.SkippedKinds["GLOBAL_MARKER objects (96)"]);
    }

    [Fact]
    public void Read_UnknownObjectType_NextFrameIsKeptAndTheTypeNamed()
    {
        var builder = new BlfFileBuilder().Object(999, new byte[7], 5).CanMessage(1, 0x123, 0, 1, [9], 10);

        var (frames, reader) = Read(builder.Build());

        Assert.Equal(0x123u, Assert.Single(frames).Id);
        Assert.Equal(1, reader.SkippedKinds["objects of type 999"]);
    }

    [Fact]
    public void Read_TransmitRequests_AreNamedAndCounted()
    {
        var (frames, reader) = Read(new BlfFileBuilder().CanMessage(1, 0x123, 0x02, 1, [9], 10).Build());

        Assert.Empty(frames);
        Assert.Equal(1, reader.SkippedRecords);
        Assert.Equal(1, reader.SkippedKinds["CAN_MESSAGE transmit requests"]);
    }

    [Fact]
    public void Read_CanFd64WithLengthInDlcByte_UsesTheValidDataLength()
    {
        var data = Enumerable.Range(0, 12).Select(i => (byte)i).ToArray();
        var (frames, _) = Read(new BlfFileBuilder().CanFdMessage64(1, 0x123, 0x34, 0x1000, 0, data, 10).Build());

        var frame = Assert.Single(frames);
        Assert.True(frame.IsFd);
        Assert.Equal(data, frame.Data.ToArray());
    }

    private static byte[] ManyFrames(out int frames)
    {
        var list = RandomFrames.Make(3000, FrameFeatures.All, seed: 7);
        frames = list.Count;
        return LogIo.WriteBytes(list, CanLogFormat.Blf, new CanLogWriteOptions { TimeZone = TimeZoneInfo.Utc }, out _);
    }

    [Fact]
    public void Read_TruncatedFile_SalvagesWholeFramesAndWarnsWithTheOffset()
    {
        byte[] whole = ManyFrames(out int count);
        byte[] cut = whole[..(whole.Length * 2 / 3)];

        var (frames, reader) = Read(cut);

        Assert.InRange(frames.Count, 1, count - 1);
        Assert.Matches(@"^cut\.blf@\d+: the file ends inside an object \(the file may be cut", Assert.Single(reader.Warnings));
        var error = Assert.Throws<CanLogFormatException>(() => Read(cut, Utc with { Strict = true }));
        Assert.StartsWith("cut.blf@", error.Message);
    }

    [Fact]
    public void Read_FileCutAtAContainerBoundary_WarnsThatObjectsAreMissing()
    {
        var builder = new BlfFileBuilder();
        for (int i = 0; i < 4; i++) builder.CanMessage(1, (uint)i, 0, 1, [1], (ulong)i);
        byte[] one = new BlfFileBuilder().CanMessage(1, 0, 0, 1, [1], 0).CanMessage(1, 1, 0, 1, [1], 1).Build();
        byte[] file = WithObjectCount(one, 4); // a header that counts 4 objects, one container of 2 left

        var (frames, reader) = Read(file);

        Assert.Equal(2, frames.Count);
        Assert.Contains("the file header counts 4 objects, the file holds 2", Assert.Single(reader.Warnings));
        Assert.Throws<CanLogFormatException>(() => Read(file, Utc with { Strict = true }));
        Assert.Empty(Read(WithObjectCount(builder.Build(), 4)).Reader.Warnings);
    }

    [Fact]
    public async Task Read_BytesRemovedFromTheMiddle_EveryCaseEndsQuickly()
    {
        byte[] whole = ManyFrames(out _);
        foreach (int removed in new[] { 1, 3, 7, 16 })
        {
            for (int at = 144; at < whole.Length - removed; at += whole.Length / 23)
            {
                byte[] damaged = [.. whole[..at], .. whole[(at + removed)..]];
                foreach (var options in new[] { Utc, Utc with { SkipBad = true } })
                {
                    var task = Task.Run(() =>
                    {
                        try { Read(damaged, options); } catch (CanLogFormatException) { }
                    }, TestContext.Current.CancellationToken);
                    var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
                    Assert.True(done == task, $"reading hangs with {removed} bytes removed at {at} (SkipBad {options.SkipBad})");
                    await task;
                }
            }
        }
    }
}
