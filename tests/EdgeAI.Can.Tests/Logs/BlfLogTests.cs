using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

public class BlfLogTests
{
    private static readonly CanLogReadOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };
    private static readonly CanLogWriteOptions UtcWrite = new() { TimeZone = TimeZoneInfo.Utc };

    /// <summary>2024-05-31 16:08:37.000 UTC: the start time <see cref="BlfFileBuilder"/> writes by default.</summary>
    private const long BuilderStartNs = 1_717_171_717_000_000_000L;

    private static (List<CanFrame> Frames, ICanLogReader Reader) Read(byte[] file, CanLogReadOptions? options = null, string name = "test.blf")
    {
        var reader = CanLogFiles.OpenReader(new MemoryStream(file), CanLogFormat.Blf, name, options ?? Utc);
        var frames = new List<CanFrame>();
        using (reader)
            while (reader.TryRead(out var frame)) frames.Add(frame);
        return (frames, reader);
    }

    private static byte[] Write(IEnumerable<CanFrame> frames, CanLogWriteOptions? options = null)
    {
        var stream = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(stream, CanLogFormat.Blf, "out.blf", options ?? UtcWrite))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
        }
        return stream.ToArray();
    }

    private static List<CanFrame> Frames(int count, FrameFeatures features = FrameFeatures.All, int seed = 3) => RandomFrames.Make(count, features, seed);

    // ---- round trips ----------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WriteThenRead_RandomFramesOfEveryKind_RoundTripsExactly(int seed)
    {
        var frames = Frames(20_000, FrameFeatures.All, seed);
        var channels = FrameComparison.Channels("can0", "can1", "can2");

        var (back, reader) = Read(Write(frames, UtcWrite with { Channels = channels }));

        Assert.Equal(FrameComparison.Named(frames, channels), FrameComparison.Named(back, reader.Channels));
        Assert.Equal(0, reader.SkippedRecords);
        Assert.Equal(0, reader.BadRecords);
    }

    [Fact]
    public void WriteThenRead_NanosecondTimesAndManyChannels_KeepsThemExactly()
    {
        var frames = new List<CanFrame>();
        long t = 1_700_000_000_123_456_789L;
        for (int i = 0; i < 600; i++)
        {
            t += 1 + i * 7919L;
            ushort channel = (ushort)(i % 300); // beyond 255: CAN FD frames go as CAN_FD_MESSAGE there
            frames.Add(new CanFrame((uint)i % 0x800, [(byte)i, 2, 3], CanFlags.Rx, t, channel));
            frames.Add(new CanFrame((uint)i, new byte[12], CanFlags.Fd | CanFlags.Brs | CanFlags.Tx, t + 1, channel));
        }

        var (back, _) = Read(Write(frames));

        Assert.Equal(frames, back);
    }

    [Fact]
    public void WriteThenRead_FrameWithoutDirection_ReadsAsReceived()
    {
        var frame = new CanFrame(0x123, [1, 2], CanFlags.None, BuilderStartNs);

        var (back, _) = Read(Write([frame]));

        Assert.Equal(frame.WithDirection(CanFlags.Rx), Assert.Single(back));
    }

    [Fact]
    public void WriteThenRead_EmptyLog_HasNoFrames()
    {
        var file = Write([]);

        var (back, reader) = Read(file);

        Assert.Empty(back);
        Assert.Equal(144, file.Length);
        Assert.Equal(file.Length, reader.Position);
    }

    [Fact]
    public void Write_ToAStreamThatCannotSeek_StillGivesAReadableFile()
    {
        var frames = Frames(3000);
        var sink = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(new ForwardOnlyStream(sink), CanLogFormat.Blf, "pipe.blf", UtcWrite))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
        }

        Assert.Equal(frames, Read(sink.ToArray()).Frames);
    }

    [Fact]
    public void CreateWriter_BlfGzPath_IsReadBackThroughOpenReader()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.blf.gz");
        var frames = Frames(5000);
        using (var writer = CanLogFiles.CreateWriter(path, UtcWrite))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
        }

        using var reader = CanLogFiles.OpenReader(path, Utc);
        var back = new List<CanFrame>();
        while (reader.TryRead(out var frame)) back.Add(frame);

        Assert.Equal(frames, back);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var plain = new MemoryStream();
        gz.CopyTo(plain);
        Assert.Equal(5000u, BinaryPrimitives.ReadUInt32LittleEndian(plain.ToArray().AsSpan(32)));
        Assert.Equal(plain.Length, reader.Position);
    }

    // ---- what the writer puts in the file -----------------------------------------------------

    [Fact]
    public void Complete_PatchesHeaderCountSizesAndTimes()
    {
        var frames = Frames(10_000);
        var file = Write(frames);

        var containers = BlfFileBuilder.Containers(file);
        Assert.Equal("LOGG", System.Text.Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal(144u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal((ulong)file.Length, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(16)));
        Assert.Equal((ulong)(144 + containers.Sum(c => 32 + c.Declared)), BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(24)));
        Assert.Equal(10_000u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(32)));
        Assert.Equal(SystemTime(frames[0].TimestampNs), SystemTimeAt(file, 40));
        Assert.Equal(SystemTime(frames[^1].TimestampNs), SystemTimeAt(file, 56));
        Assert.All(containers[..^1], c => Assert.Equal(128 * 1024, c.Data.Length));
        Assert.True(BlfFileBuilder.SplitObjects(file) > 0, "objects should be split across containers as Vector does");
    }

    [Fact]
    public void Write_HeaderStartTime_IsLocalTimeInTheGivenZone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        long t = new DateTimeOffset(2024, 7, 1, 10, 0, 0, 123, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000 + 456_789;

        var file = Write([new CanFrame(1, [], CanFlags.Rx, t)], new CanLogWriteOptions { TimeZone = zone });

        // 15:30:00.123 India time, a Monday
        Assert.Equal(new ushort[] { 2024, 7, 1, 1, 15, 30, 0, 123 }, SystemTimeAt(file, 40));
        var (back, _) = Read(file, new CanLogReadOptions { TimeZone = zone });
        Assert.Equal(t, Assert.Single(back).TimestampNs);
    }

    [Fact]
    public void WriteThenRead_StartInTheRepeatedHourOfDstEnd_KeepsExactTimes()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // 2024-10-27 01:30:00.5 UTC is 02:30:00.5 CET, the second time Berlin clocks show 02:30.
        long t = new DateTimeOffset(2024, 10, 27, 1, 30, 0, 500, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var frames = new[] { new CanFrame(1, [1], CanFlags.Rx, t), new CanFrame(2, [2], CanFlags.Tx, t + 3_600_000_000_123) };

        var (back, _) = Read(Write(frames, new CanLogWriteOptions { TimeZone = berlin }), new CanLogReadOptions { TimeZone = berlin });

        Assert.Equal(frames, back);
    }

    [Fact]
    public void Read_InAnotherZone_ShiftsTimesByTheZonesOffset()
    {
        var frame = new CanFrame(1, [1], CanFlags.Rx, BuilderStartNs + 42);

        var (back, _) = Read(Write([frame]), new CanLogReadOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata") });

        Assert.Equal(frame.TimestampNs - 19_800_000_000_000L, Assert.Single(back).TimestampNs); // UTC+5:30
    }

    [Fact]
    public void Write_TimesBefore1990_AreWrittenWithoutADateAndReadBackAsOffsets()
    {
        var frames = new[] { new CanFrame(1, [1], CanFlags.Rx, 1_500_000), new CanFrame(2, [2], CanFlags.Rx, 2_000_000_000) };

        var file = Write(frames);

        Assert.All(SystemTimeAt(file, 40), field => Assert.Equal(0, field));
        Assert.Equal(frames, Read(file).Frames);
    }

    [Fact]
    public void Write_FrameEarlierThanTheFirst_CountsALossOrFailsWhenStrict()
    {
        var frames = new[] { new CanFrame(1, [1], CanFlags.Rx, BuilderStartNs + 5_000_000), new CanFrame(2, [2], CanFlags.Rx, BuilderStartNs) };
        var stream = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(stream, CanLogFormat.Blf, "out.blf", UtcWrite))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
            Assert.Equal(1, Assert.Single(writer.Losses).Value);
        }
        Assert.Equal(BuilderStartNs + 5_000_000, Read(stream.ToArray()).Frames[1].TimestampNs);

        using var strict = CanLogFiles.CreateWriter(new MemoryStream(), CanLogFormat.Blf, "strict.blf", UtcWrite with { Strict = true });
        strict.Write(frames[0]);
        var error = Assert.Throws<CanLogLossException>(() => strict.Write(frames[1]));
        Assert.Contains("strict.blf", error.Message);
    }

    // ---- crafted files: every object kind, splits, skipping -----------------------------------

    [Fact]
    public void Read_CraftedObjectsOfEveryCanKind_DecodesEachField()
    {
        var file = new BlfFileBuilder()
            .CanMessage(1, 0x123, 0x00, 3, [1, 2, 3], 150, timeFlags: 1)                          // 10 µs units
            .CanMessage(2, 0x8000_0000 | 0x1ABCDEF, 0x01, 8, [1, 2, 3, 4, 5, 6, 7, 8], 2_000_000, headerVersion: 2, type: 86)
            .CanMessage(1, 0x7FF, 0x80 | 0x01, 5, new byte[8], 3_000_000)                          // remote, DLC 5, Tx
            .CanFdMessage(3, 0x321, 0x00, 9, 0x1 | 0x2 | 0x4, new byte[12], 4_000_000)             // FD, BRS, ESI
            .CanFdMessage(1, 0x10, 0x80, 2, 0x0, new byte[8], 4_500_000)                           // classic remote as CAN_FD_MESSAGE
            .CanFdMessage64(1, 0x8000_0000 | 0x1234567, 5, 0x1000, 0, [9, 8, 7, 6, 5], 5_000_000)  // 77 bytes: padded by 1
            .CanFdMessage64(2, 0x100, 15, 0x1000 | 0x2000, 1, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray(), 6_000_000)
            .CanFdMessage64(1, 0x200, 4, 0x0010, 0, [], 7_000_000)                                 // classic remote in an FD64 object
            .Object(73, ErrorExtBody(channel: 2, dlc: 8, id: 0x04, flagsExt: 3 << 12, data: [0, 4, 0, 0, 0, 0, 0, 0]), 8_000_000)
            .Build();

        var (frames, reader) = Read(file);

        Assert.Equal(9, frames.Count);
        Assert.Equal(new CanFrame(0x123, [1, 2, 3], CanFlags.Rx, BuilderStartNs + 1_500_000, 0), frames[0]);
        Assert.Equal(new CanFrame(0x1ABCDEF, [1, 2, 3, 4, 5, 6, 7, 8], CanFlags.Extended | CanFlags.Tx, BuilderStartNs + 2_000_000, 1), frames[1]);
        Assert.Equal(new CanFrame(0x7FF, [], CanFlags.Remote | CanFlags.Tx, BuilderStartNs + 3_000_000, 0, remoteDlc: 5), frames[2]);
        Assert.Equal(new CanFrame(0x321, new byte[12], CanFlags.Fd | CanFlags.Brs | CanFlags.Esi | CanFlags.Rx, BuilderStartNs + 4_000_000, 2), frames[3]);
        Assert.Equal(new CanFrame(0x10, [], CanFlags.Remote | CanFlags.Rx, BuilderStartNs + 4_500_000, 0, remoteDlc: 2), frames[4]);
        Assert.Equal(new CanFrame(0x1234567, [9, 8, 7, 6, 5], CanFlags.Extended | CanFlags.Fd | CanFlags.Rx, BuilderStartNs + 5_000_000, 0), frames[5]);
        Assert.Equal(new CanFrame(0x100, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray(), CanFlags.Fd | CanFlags.Brs | CanFlags.Tx, BuilderStartNs + 6_000_000, 1), frames[6]);
        Assert.Equal(new CanFrame(0x200, [], CanFlags.Remote | CanFlags.Rx, BuilderStartNs + 7_000_000, 0, remoteDlc: 4), frames[7]);
        Assert.Equal(new CanFrame(0x04, [0, 4, 0, 0, 0, 0, 0, 0], CanFlags.Error | CanFlags.Tx, BuilderStartNs + 8_000_000, 1), frames[8]);
        Assert.Equal(["can0", "can1", "can2"], reader.Channels.Names);
        Assert.Equal(file.Length, reader.Position);
    }

    [Theory]
    [InlineData(new[] { 20, 70 })]          // inside the first base header, inside the second body
    [InlineData(new[] { 1, 2, 3, 4, 5 })]   // tiny containers
    [InlineData(new[] { 47, 48, 49 })]      // around an object boundary
    [InlineData(new[] { 100 })]
    [InlineData(new[] { 50, 100, 150, 200, 250 })] // the 136-byte FD object spans three containers
    public void Read_ObjectSplitAcrossContainers_IsReadWhole(int[] cuts)
    {
        var builder = new BlfFileBuilder()
            .CanMessage(1, 0x101, 0, 2, [1, 2], 10)
            .CanMessage(2, 0x102, 1, 8, [1, 2, 3, 4, 5, 6, 7, 8], 20)
            .CanFdMessage64(1, 0x103, 15, 0x1000, 0, Enumerable.Repeat((byte)0xAB, 64).ToArray(), 30)
            .CanMessage(1, 0x104, 0, 1, [4], 40);
        var file = builder.Build(cuts, mixCompression: true);
        Assert.True(BlfFileBuilder.SplitObjects(file) > 0);

        var (frames, reader) = Read(file);

        Assert.Equal(new uint[] { 0x101, 0x102, 0x103, 0x104 }, frames.Select(f => f.Id));
        Assert.Equal(Enumerable.Repeat((byte)0xAB, 64), frames[2].Data.ToArray());
        Assert.Equal(BuilderStartNs + 40, frames[3].TimestampNs);
        Assert.Equal(0, reader.BadRecords);
    }

    [Fact]
    public void Read_Fd64StoringFewerBytesThanItsDlc_PadsWithZerosLikeCanoe()
    {
        var stored = Enumerable.Repeat((byte)0xFF, 48).ToArray();
        var file = new BlfFileBuilder()
            .CanFdMessage64(7, 0x6A9, 15, 0x1000 | 0x2000, 0, stored, 100, validBytes: 64)       // as python-can issue 1905 shows
            .CanFdMessage64(1, 0x6AA, 9, 0x1000, 1, new byte[8] { 1, 2, 3, 4, 5, 6, 7, 8 }, 200,
                validBytes: 12, extData: [0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE])       // extended frame data after 8 bytes
            .Build();

        var (frames, _) = Read(file);

        Assert.Equal(stored.Concat(new byte[16]), frames[0].Data.ToArray());
        Assert.Equal(CanFlags.Fd | CanFlags.Brs | CanFlags.Rx, frames[0].Flags);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0 }, frames[1].Data.ToArray());
    }

    [Fact]
    public void Read_NonCanObjects_AreSkippedAndCounted()
    {
        var file = new BlfFileBuilder()
            .AppText("measurement started", 0)
            .CanMessage(1, 0x100, 0, 1, [1], 10)
            .LinMessage(1, 0x21, [1, 2, 3, 4], 20)
            .CanMessage(1, 0x101, 2, 1, [2], 25)     // a transmit request: the frame itself follows as Tx
            .CanMessage(1, 0x101, 1, 1, [2], 30)
            .Build();

        var (frames, reader) = Read(file);

        Assert.Equal(new uint[] { 0x100, 0x101 }, frames.Select(f => f.Id));
        Assert.Equal(CanFlags.Tx, frames[1].Flags);
        Assert.Equal(3, reader.SkippedRecords);
        Assert.Equal(0, reader.BadRecords);
    }

    [Fact]
    public void Read_ObjectOutsideAnyContainer_IsReadToo()
    {
        var inner = new BlfFileBuilder().CanMessage(1, 0x100, 0, 1, [1], 10);
        var bare = new BlfFileBuilder().AppText("written before the first container", 0).CanMessage(1, 0x0FF, 0, 0, [], 5);
        var bareObjects = BlfFileBuilder.Containers(bare.Build(compress: false))[0].Data;
        var file = inner.Header().Concat(bareObjects).Concat(inner.Build().Skip(144)).ToArray();

        var (frames, reader) = Read(file);

        Assert.Equal(new uint[] { 0x0FF, 0x100 }, frames.Select(f => f.Id));
        Assert.Equal(1, reader.SkippedRecords);
    }

    // ---- bad input ----------------------------------------------------------------------------

    [Fact]
    public void Read_TruncatedFileWhenStrict_NamesFileAndOffsetOfTheCutObject()
    {
        var file = Write(Frames(6000));
        var lastContainer = BlfFileBuilder.Containers(file)[^1].Offset;
        var cut = file[..(file.Length - 100)];

        var error = Assert.Throws<CanLogFormatException>(() => Read(cut, Utc with { Strict = true }, name: "cut.blf"));

        Assert.True(error.IsByteOffset);
        Assert.Equal("cut.blf", error.File);
        Assert.Equal(lastContainer, error.Line);
        Assert.StartsWith($"cut.blf@{lastContainer}: expected an object of ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(10)]   // inside the file header
    [InlineData(150)]  // inside the first object header
    [InlineData(400)]  // inside the first container's data
    public void Read_FileCutAnywhereWhenStrict_FailsWithOneLineNamingTheFile(int length)
    {
        var file = Write(Frames(3000))[..length];

        var error = Assert.Throws<CanLogFormatException>(() => Read(file, Utc with { Strict = true }, name: "short.blf"));

        Assert.StartsWith("short.blf@", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Read_TruncatedFileWithSkipBad_KeepsEveryFrameBeforeTheCut()
    {
        var frames = Frames(6000);
        var file = Write(frames);
        var cut = file[..(file.Length - 1000)];

        var (back, reader) = Read(cut, Utc with { SkipBad = true });

        Assert.InRange(back.Count, 4000, 5999);
        Assert.Equal(frames.Take(back.Count), back);
        Assert.Equal(1, reader.BadRecords);
    }

    [Theory]
    [InlineData(0xFFFF_FFF0u)]
    [InlineData(0x0200_0000u)]
    [InlineData(8u)]
    public void Read_AbsurdContainerSize_FailsAtItsOffset(uint size)
    {
        var file = Write(Frames(100));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(144 + 8), size);

        var error = Assert.Throws<CanLogFormatException>(() => Read(file, Utc with { SkipBad = true }));

        Assert.Equal(144, error.Line);
        Assert.Contains("expected an object size of 16..16777216 bytes", error.Message);
        Assert.Contains(size.ToString(CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Read_ContainerSizeBeyondTheEndOfTheFile_FailsWithoutAllocatingForIt()
    {
        var file = Write(Frames(100));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(144 + 8), 15 << 20);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<CanLogFormatException>(() => Read(file, Utc with { Strict = true }));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(144, error.Line);
        Assert.Contains($"expected an object of {15 << 20} bytes", error.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Read_AbsurdInnerObjectSize_NamesTheContainerAndPlaceInIt()
    {
        var file = new BlfFileBuilder()
            .CanMessage(1, 0x100, 0, 1, [1], 10)
            .Raw([.. "LOBJ"u8, 32, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0x7F, 1, 0, 0, 0])
            .Build();

        var error = Assert.Throws<CanLogFormatException>(() => Read(file, name: "big.blf"));

        Assert.Equal(144, error.Line);
        Assert.Equal("big.blf@144: expected an object size of 16..1048576 bytes (byte 48 of the data in the log container here), found '2147483647'", error.Message);
    }

    [Fact]
    public void Read_ObjectSmallerThanItsHeader_IsABadRecord()
    {
        var small = new byte[20];
        "LOBJ"u8.CopyTo(small);
        BinaryPrimitives.WriteUInt16LittleEndian(small.AsSpan(4), 32);
        BinaryPrimitives.WriteUInt16LittleEndian(small.AsSpan(6), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(small.AsSpan(8), 20);
        BinaryPrimitives.WriteUInt32LittleEndian(small.AsSpan(12), 1);
        var file = new BlfFileBuilder().Raw(small).CanMessage(1, 0x100, 0, 1, [1], 10).Build();

        var error = Assert.Throws<CanLogFormatException>(() => Read(file));
        Assert.Contains("expected an object header of 32 bytes within the object's 20", error.Message);

        var (frames, reader) = Read(file, Utc with { SkipBad = true });
        Assert.Equal(0x100u, Assert.Single(frames).Id);
        Assert.Equal(1, reader.BadRecords);
    }

    [Fact]
    public void Read_BadCanRecords_FailOrAreCountedWithSkipBad()
    {
        var file = new BlfFileBuilder()
            .CanMessage(0, 0x100, 0, 1, [1], 10)          // channel 0
            .CanMessage(1, 0x800, 0, 1, [1], 20)          // an 11-bit id above 7FF
            .CanMessage(1, 0x101, 0, 20, [1], 30)         // DLC 20
            .Object(73, new byte[20], 40)                 // an error frame body cut short
            .CanMessage(1, 0x103, 0, 1, [1], 50)
            .Build();

        var error = Assert.Throws<CanLogFormatException>(() => Read(file));
        Assert.Equal("test.blf@144: expected a channel number of 1 or more (byte 0 of the data in the log container here), found '0'", error.Message);

        var (frames, reader) = Read(file, Utc with { SkipBad = true });
        Assert.Equal(0x103u, Assert.Single(frames).Id);
        Assert.Equal(4, reader.BadRecords);
    }

    [Fact]
    public void Read_CorruptZlibContainer_FailsThereOrIsSkippedWithSkipBad()
    {
        var builder = new BlfFileBuilder();
        for (uint i = 0; i < 6; i++) builder.CanMessage(1, i, 0, 1, [(byte)i], i * 10);
        var file = builder.Build([96, 192]); // three containers of two 48-byte objects
        var second = BlfFileBuilder.Containers(file)[1].Offset;
        file[second + 32] = 0xFF; // the zlib header
        file[second + 33] = 0xFF;

        var error = Assert.Throws<CanLogFormatException>(() => Read(file));
        Assert.Equal(second, error.Line);
        Assert.Contains("corrupt zlib data", error.Message);

        var (frames, reader) = Read(file, Utc with { SkipBad = true });
        Assert.Equal(new uint[] { 0, 1, 4, 5 }, frames.Select(f => f.Id));
        Assert.Equal(1, reader.BadRecords);
    }

    [Fact]
    public void Read_RandomlyCorruptedFiles_GiveFramesOrAFormatErrorOnly()
    {
        var builder = new BlfFileBuilder();
        foreach (var frame in Frames(60, FrameFeatures.All, seed: 4)) builder.CanMessage((ushort)(frame.Channel + 1), frame.Id, 0, 2, [1, 2], 10);
        builder.CanFdMessage64(1, 0x10, 12, 0x1000, 0, new byte[24], 20).AppText("note", 30).CanMessage(1, 0x11, 0, 1, [1], 40);
        var original = builder.Build([700, 1500], mixCompression: true);
        var random = new Random(12);

        for (int round = 0; round < 3000; round++)
        {
            var file = (byte[])original.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--) file[random.Next(file.Length)] = (byte)random.Next(256);
            if (random.Next(4) == 0) file = file[..random.Next(file.Length)];
            foreach (bool skipBad in new[] { false, true })
            {
                try
                {
                    var (frames, _) = Read(file, Utc with { SkipBad = skipBad });
                    Assert.True(frames.Count <= 62);
                }
                catch (CanLogFormatException error)
                {
                    Assert.DoesNotContain('\n', error.Message);
                }
            }
        }
    }

    [Fact]
    public void Read_GarbageInsideAContainer_SkipBadResumesAtTheNextObject()
    {
        var file = new BlfFileBuilder()
            .CanMessage(1, 0x100, 0, 1, [1], 10)
            .Raw("this is not an object"u8)
            .CanMessage(1, 0x101, 0, 1, [2], 20)
            .Build();

        var error = Assert.Throws<CanLogFormatException>(() => Read(file));
        Assert.Contains("expected an object signature 'LOBJ'", error.Message);

        var (frames, reader) = Read(file, Utc with { SkipBad = true });
        Assert.Equal(new uint[] { 0x100, 0x101 }, frames.Select(f => f.Id));
        Assert.Equal(1, reader.BadRecords);
    }

    [Theory]
    [InlineData("", "expected a BLF file starting with 'LOGG', found 'an empty file'")]
    [InlineData("(1.0) can0 123#00\n", "expected a BLF file starting with 'LOGG', found '28312E30'")]
    [InlineData("LOGG", "expected a file header of 72+ bytes, found 'a file of 4 bytes'")]
    public void Read_NotABlfFile_FailsAtOffsetZero(string text, string expected)
    {
        var error = Assert.Throws<CanLogFormatException>(() => Read(System.Text.Encoding.ASCII.GetBytes(text), name: "x.blf"));

        Assert.Equal("x.blf@0: " + expected, error.Message);
    }

    // ---- python-can interop ---------------------------------------------------------------------

    private const string PythonWriteAndRead = """
        import can, json, os, random, sys, time
        path, zone, level = sys.argv[1], sys.argv[2], int(sys.argv[3])
        os.environ["TZ"] = zone
        time.tzset()
        rnd = random.Random(11)
        fd_lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64]
        def payload(n): return bytes(rnd.getrandbits(8) for _ in range(n))
        t = 1717171717.123456
        msgs = []
        for i in range(6000):
            t = round(t + rnd.randint(1, 20000) / 1e6, 6)
            ch, kind, rx = i % 3, i % 8, rnd.random() < 0.75
            ext = kind in (1, 7) or (kind in (2, 3) and rnd.random() < 0.4)
            ident = rnd.randint(0, 0x1FFFFFFF if ext else 0x7FF)
            if kind in (0, 1, 7):
                m = can.Message(timestamp=t, arbitration_id=ident, is_extended_id=ext, data=payload(8 if kind == 7 else rnd.randint(0, 8)), channel=ch, is_rx=rx)
            elif kind == 2:
                m = can.Message(timestamp=t, arbitration_id=ident, is_extended_id=ext, is_remote_frame=True, dlc=rnd.randint(0, 8), channel=ch, is_rx=rx)
            elif kind in (3, 4, 5):
                m = can.Message(timestamp=t, arbitration_id=ident, is_extended_id=ext, is_fd=True, bitrate_switch=rnd.random() < 0.5,
                                error_state_indicator=rnd.random() < 0.2, data=payload(rnd.choice(fd_lengths)), channel=ch, is_rx=rx)
            else:
                m = can.Message(timestamp=t, arbitration_id=rnd.randint(1, 0x1FF), is_extended_id=False, is_error_frame=True, data=payload(8), channel=ch)
            msgs.append(m)
        writer = can.BLFWriter(path, compression_level=level)
        for i, m in enumerate(msgs):
            writer.on_message_received(m)
            if i == 100:
                writer.log_event("python-can marker", m.timestamp)
        writer.stop()
        def row(m):
            return {"t": repr(m.timestamp), "id": m.arbitration_id, "ext": m.is_extended_id, "remote": m.is_remote_frame,
                    "error": m.is_error_frame, "fd": m.is_fd, "brs": m.bitrate_switch, "esi": m.error_state_indicator,
                    "dlc": m.dlc, "data": bytes(m.data).hex(), "ch": m.channel, "rx": m.is_rx}
        print(json.dumps({"written": [row(m) for m in msgs], "read": [row(m) for m in can.BLFReader(path)]}))
        """;

    private const string PythonRead = """
        import can, json, os, sys, time
        os.environ["TZ"] = sys.argv[2]
        time.tzset()
        for m in can.BLFReader(sys.argv[1]):
            print(json.dumps({"t": "%.6f" % m.timestamp, "id": m.arbitration_id, "ext": m.is_extended_id, "remote": m.is_remote_frame,
                              "error": m.is_error_frame, "fd": m.is_fd, "brs": m.bitrate_switch, "esi": m.error_state_indicator,
                              "dlc": m.dlc, "data": bytes(m.data).hex(), "ch": m.channel, "rx": m.is_rx}))
        """;

    [Theory]
    [InlineData(-1, "America/New_York")]
    [InlineData(0, "Asia/Kolkata")] // stored (uncompressed) containers
    public void Read_FileWrittenByPythonCan_GivesEveryFrameAsWritten(int compressionLevel, string zone)
    {
        Assert.SkipWhen(ExternalTool.PythonCanMissingReason is not null, ExternalTool.PythonCanMissingReason ?? "");
        using var dir = new TempDirectory();
        string path = dir.File("python.blf");
        using var json = JsonDocument.Parse(ExternalTool.RunPython(PythonWriteAndRead, path, zone, compressionLevel.ToString(CultureInfo.InvariantCulture)));
        var written = json.RootElement.GetProperty("written").EnumerateArray().ToList();
        var readByPython = json.RootElement.GetProperty("read").EnumerateArray().ToList();
        var file = File.ReadAllBytes(path);
        Assert.True(BlfFileBuilder.SplitObjects(file) > 0, "python-can's fixed-size containers should split some objects");

        var (frames, reader) = Read(file, new CanLogReadOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) });

        Assert.Equal(written.Count, frames.Count);
        Assert.Equal(1, reader.SkippedRecords); // the global marker
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var w = written[i];
            string at = $"frame {i}: {f}";
            Assert.True(w.GetProperty("id").GetUInt32() == f.Id, at);
            Assert.True(w.GetProperty("error").GetBoolean() == f.IsError, at);
            Assert.True(w.GetProperty("remote").GetBoolean() == f.IsRemote, at);
            Assert.True(w.GetProperty("fd").GetBoolean() == f.IsFd, at);
            Assert.True(w.GetProperty("brs").GetBoolean() == ((f.Flags & CanFlags.Brs) != 0), at);
            Assert.True(w.GetProperty("esi").GetBoolean() == ((f.Flags & CanFlags.Esi) != 0), at);
            Assert.True("can" + w.GetProperty("ch").GetInt32() == reader.Channels.NameOf(f.Channel), at);
            if (f.IsError)
            {
                Assert.True((f.Flags & (CanFlags.Rx | CanFlags.Tx)) == 0, at); // python-can stores no direction for errors
            }
            else
            {
                Assert.True(w.GetProperty("ext").GetBoolean() == f.IsExtended, at);
                Assert.True((w.GetProperty("rx").GetBoolean() ? CanFlags.Rx : CanFlags.Tx) == (f.Flags & (CanFlags.Rx | CanFlags.Tx)), at);
            }
            if (f.IsRemote) Assert.True(w.GetProperty("dlc").GetInt32() == f.Dlc, at);
            else Assert.True(w.GetProperty("data").GetString() == Convert.ToHexStringLower(f.Data), at);
            // python-can's header holds the start to the millisecond; its own reading is the reference for the file's times
            long pythonNs = (long)(decimal.Parse(readByPython[i].GetProperty("t").GetString()!, CultureInfo.InvariantCulture) * 1_000_000_000m);
            Assert.True(Math.Abs(f.TimestampNs - pythonNs) <= 1000, $"{at}: python-can reads {pythonNs}");
            long writtenNs = (long)(decimal.Parse(w.GetProperty("t").GetString()!, CultureInfo.InvariantCulture) * 1_000_000_000m);
            Assert.True(Math.Abs(f.TimestampNs - writtenNs) < 1_000_000, $"{at}: written at {writtenNs}");
        }
    }

    [Fact]
    public void Write_RandomFrames_PythonCanReadsEveryFrame()
    {
        Assert.SkipWhen(ExternalTool.PythonCanMissingReason is not null, ExternalTool.PythonCanMissingReason ?? "");
        const string zone = "Europe/Berlin";
        var frames = Frames(8000, FrameFeatures.All, seed: 9);
        using var dir = new TempDirectory();
        string path = dir.File("edgeai.blf");
        File.WriteAllBytes(path, Write(frames, new CanLogWriteOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) }));
        Assert.True(BlfFileBuilder.SplitObjects(File.ReadAllBytes(path)) > 0);

        var lines = ExternalTool.RunPython(PythonRead, path, zone).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(frames.Count, lines.Length);
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            using var line = JsonDocument.Parse(lines[i]);
            var p = line.RootElement;
            string at = $"frame {i}: {f} / {lines[i]}";
            Assert.True(Seconds(f.TimestampNs) == p.GetProperty("t").GetString(), at);
            Assert.True(p.GetProperty("id").GetUInt32() == f.Id, at);
            Assert.True(p.GetProperty("ext").GetBoolean() == f.IsExtended, at);
            Assert.True(p.GetProperty("error").GetBoolean() == f.IsError, at);
            Assert.True(p.GetProperty("remote").GetBoolean() == f.IsRemote, at);
            Assert.True(p.GetProperty("fd").GetBoolean() == f.IsFd, at);
            Assert.True(p.GetProperty("brs").GetBoolean() == ((f.Flags & CanFlags.Brs) != 0), at);
            Assert.True(p.GetProperty("esi").GetBoolean() == ((f.Flags & CanFlags.Esi) != 0), at);
            Assert.True(p.GetProperty("dlc").GetInt32() == (f.IsFd ? f.Length : f.Dlc), at);
            Assert.True(p.GetProperty("ch").GetInt32() == f.Channel, at);
            if (!f.IsRemote) Assert.True(p.GetProperty("data").GetString() == Convert.ToHexStringLower(f.Data), at);
            if (!f.IsError) Assert.True(p.GetProperty("rx").GetBoolean() == ((f.Flags & CanFlags.Tx) == 0), at);
        }
    }

    // ---- steady-state allocation --------------------------------------------------------------

    [Fact]
    public void ReadAndWrite_SteadyState_AllocateLessThanAByteAFrame()
    {
        var frames = Frames(100_000, FrameFeatures.All, seed: 5);
        var stream = new MemoryStream(32 << 20); // sized up front: its growth is not the writer's
        var writer = CanLogFiles.CreateWriter(stream, CanLogFormat.Blf, "alloc.blf", UtcWrite);
        for (int i = 0; i < 10_000; i++) writer.Write(frames[i]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 10_000; i < frames.Count; i++) writer.Write(frames[i]);
        long writing = GC.GetAllocatedBytesForCurrentThread() - before;
        writer.Complete();
        writer.Dispose();

        using var reader = CanLogFiles.OpenReader(new MemoryStream(stream.ToArray()), CanLogFormat.Blf, "alloc.blf", Utc);
        for (int i = 0; i < 10_000; i++) Assert.True(reader.TryRead(out _));
        before = GC.GetAllocatedBytesForCurrentThread();
        int n = 0;
        while (reader.TryRead(out _)) n++;
        long reading = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(90_000, n);
        Assert.True(writing < 90_000, $"writing allocated {writing} bytes for 90000 frames");
        Assert.True(reading < 90_000, $"reading allocated {reading} bytes for 90000 frames");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static byte[] ErrorExtBody(ushort channel, byte dlc, uint id, ushort flagsExt, byte[] data)
    {
        var body = new byte[32];
        BinaryPrimitives.WriteUInt16LittleEndian(body, channel);
        body[10] = dlc;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16), id);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(20), flagsExt);
        data.CopyTo(body.AsSpan(24));
        return body;
    }

    /// <summary>A pipe-like stream: write only, no seeking.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    private static string Seconds(long ns) =>
        $"{ns / 1_000_000_000}.{ns % 1_000_000_000 / 1000:D6}";

    private static ushort[] SystemTimeAt(byte[] file, int offset) =>
        Enumerable.Range(0, 8).Select(i => BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 2 * i))).ToArray();

    private static ushort[] SystemTime(long unixNs)
    {
        var t = DateTime.UnixEpoch.AddTicks(unixNs / 100);
        return [(ushort)t.Year, (ushort)t.Month, (ushort)t.DayOfWeek, (ushort)t.Day, (ushort)t.Hour, (ushort)t.Minute, (ushort)t.Second, (ushort)t.Millisecond];
    }
}
