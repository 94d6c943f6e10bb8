using System.Buffers.Binary;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Blf;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

/// <summary>
/// The BLF reader unpacks later containers on a worker while frames are parsed: these tests hold it
/// to a plain sequential read (the same frames, counts, positions and errors, in the same order),
/// and check that it reads only a bounded way ahead and stops before its stream is disposed.
/// </summary>
public class BlfReadAheadTests
{
    private static readonly CanLogReadOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };
    private static readonly CanLogWriteOptions UtcWrite = new() { TimeZone = TimeZoneInfo.Utc };

    /// <summary>What one whole read gives: the frames, then the error that ended it (if one did).</summary>
    private sealed record ReadResult(List<CanFrame> Frames, CanLogFormatException? Error, long Skipped, long Bad, long Position, IReadOnlyList<string> Channels);

    private static ReadResult Read(Stream stream, bool readAhead, CanLogReadOptions? options = null, string name = "test.blf")
    {
        var frames = new List<CanFrame>();
        using var reader = new BlfLogReader(stream, name, options ?? Utc, readAhead);
        CanLogFormatException? error = null;
        try
        {
            while (reader.TryRead(out var frame)) frames.Add(frame);
        }
        catch (CanLogFormatException e)
        {
            error = e;
        }
        return new ReadResult(frames, error, reader.SkippedRecords, reader.BadRecords, reader.Position, reader.Channels.Names.ToList());
    }

    private static ReadResult Read(byte[] file, bool readAhead, CanLogReadOptions? options = null) =>
        Read(new MemoryStream(file, writable: false), readAhead, options);

    private static void AssertSameRead(ReadResult sequential, ReadResult ahead)
    {
        Assert.Equal(sequential.Frames, ahead.Frames);
        Assert.Equal(sequential.Error?.Message, ahead.Error?.Message);
        Assert.Equal(sequential.Error?.Line, ahead.Error?.Line);
        Assert.Equal(sequential.Skipped, ahead.Skipped);
        Assert.Equal(sequential.Bad, ahead.Bad);
        Assert.Equal(sequential.Position, ahead.Position);
        Assert.Equal(sequential.Channels, ahead.Channels);
    }

    private static byte[] Write(List<CanFrame> frames)
    {
        var stream = new MemoryStream();
        using (var writer = CanLogFiles.CreateWriter(stream, CanLogFormat.Blf, "out.blf", UtcWrite))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
        }
        return stream.ToArray();
    }

    [Fact]
    public void Read_LargeMultiContainerFile_GivesExactlyWhatASequentialReadGives()
    {
        var frames = RandomFrames.Make(200_000, FrameFeatures.All, seed: 21);
        var file = Write(frames);
        Assert.True(BlfFileBuilder.Containers(file).Count > 50, "the file should span many containers");

        var sequential = Read(file, readAhead: false);
        var ahead = Read(file, readAhead: true);

        Assert.Equal(frames, ahead.Frames);
        AssertSameRead(sequential, ahead);
        Assert.Null(ahead.Error);
        Assert.Equal(file.Length, ahead.Position);
    }

    [Fact]
    public void Read_FromAStreamThatCannotSeek_GivesExactlyWhatASequentialReadGives()
    {
        var frames = RandomFrames.Make(30_000, FrameFeatures.All, seed: 22);
        var file = Write(frames);

        var sequential = Read(new ForwardOnlyReadStream(file), readAhead: false);
        var ahead = Read(new ForwardOnlyReadStream(file), readAhead: true);

        Assert.Equal(frames, ahead.Frames);
        AssertSameRead(sequential, ahead);
    }

    [Fact]
    public void Read_ManyTinyStoredAndZlibContainers_GivesExactlyWhatASequentialReadGives()
    {
        var builder = new BlfFileBuilder();
        foreach (var frame in RandomFrames.Make(400, FrameFeatures.Extended, seed: 23))
            builder.CanMessage((ushort)(frame.Channel + 1), frame.Id | (frame.IsExtended ? 0x8000_0000 : 0), 0, (byte)frame.Length, frame.Data.ToArray(), 10);
        var cuts = Enumerable.Range(1, builder.Length / 37).Select(i => i * 37).ToArray(); // nearly every object split
        var file = builder.Build(cuts, mixCompression: true);

        var sequential = Read(file, readAhead: false);
        var ahead = Read(file, readAhead: true);

        Assert.Equal(400, ahead.Frames.Count);
        AssertSameRead(sequential, ahead);
    }

    [Fact]
    public void Read_CorruptContainerAmongMany_ThrowsAfterEveryFrameOfTheContainersBeforeIt()
    {
        var frames = RandomFrames.Make(100_000, FrameFeatures.All, seed: 24);
        var file = Write(frames);
        var containers = BlfFileBuilder.Containers(file);
        int bad = containers.Count * 2 / 3;
        Assert.True(bad >= 10, "the bad container should be far beyond the first");
        long badOffset = containers[bad].Offset;
        file[badOffset + 32] ^= 0xFF; // the zlib header
        int before = ObjectsEndingWithin(containers.Take(bad).Sum(c => c.Data.Length), containers);

        var ahead = Read(file, readAhead: true);
        var sequential = Read(file, readAhead: false);

        Assert.NotNull(ahead.Error);
        Assert.Equal(badOffset, ahead.Error.Line);
        Assert.StartsWith($"test.blf@{badOffset}: expected a log container of zlib (2) or stored (0) data", ahead.Error.Message);
        Assert.Equal(frames.Take(before), ahead.Frames);
        AssertSameRead(sequential, ahead);
    }

    [Fact]
    public void Read_CorruptContainerAmongManyWithSkipBad_LosesOnlyThatContainerLikeASequentialRead()
    {
        var frames = RandomFrames.Make(100_000, FrameFeatures.All, seed: 25);
        var file = Write(frames);
        var containers = BlfFileBuilder.Containers(file);
        file[containers[containers.Count / 2].Offset + 32] ^= 0xFF;

        var ahead = Read(file, readAhead: true, Utc with { SkipBad = true });
        var sequential = Read(file, readAhead: false, Utc with { SkipBad = true });

        Assert.Null(ahead.Error);
        Assert.Equal(1, ahead.Bad);
        Assert.InRange(ahead.Frames.Count, frames.Count - 5000, frames.Count - 1);
        AssertSameRead(sequential, ahead);
    }

    [Fact]
    public void Read_FileCutInsideALaterContainer_GivesTheFramesBeforeTheCut()
    {
        var frames = RandomFrames.Make(60_000, FrameFeatures.All, seed: 26);
        var file = Write(frames);
        var containers = BlfFileBuilder.Containers(file);
        var cut = file[..(int)(containers[^3].Offset + 100)];

        foreach (bool skipBad in new[] { false, true })
        {
            var ahead = Read(cut, readAhead: true, Utc with { SkipBad = skipBad });
            var sequential = Read(cut, readAhead: false, Utc with { SkipBad = skipBad });

            Assert.Null(ahead.Error); // a cut file: the frames before it and a warning (an error only when strict)
            Assert.Equal(frames.Take(ahead.Frames.Count), ahead.Frames);
            AssertSameRead(sequential, ahead);
        }
    }

    [Fact]
    public void Read_ObjectSplitOverThreeContainersAndBiggerThanTheHeadroom_NamesTheContainerItStartsIn()
    {
        var big = new byte[3 * BlfChunk.Headroom];
        var builder = new BlfFileBuilder()
            .CanMessage(1, 0x100, 0, 1, [1], 10)                       // 48 bytes
            .Object(1, big, 20, headerVersion: 3)                      // a CAN message with an unknown header version
            .CanMessage(1, 0x101, 0, 1, [2], 30);
        int bigEnd = 48 + 32 + big.Length;
        var file = builder.Build([100, 5000, 9000, bigEnd + 20], mixCompression: true);

        var ahead = Read(file, readAhead: true);
        var sequential = Read(file, readAhead: false);

        Assert.Equal("test.blf@144: expected an object header version 1 or 2 (byte 48 of the data in the log container here), found '3'", ahead.Error?.Message);
        Assert.Equal(0x100u, Assert.Single(ahead.Frames).Id);
        AssertSameRead(sequential, ahead);

        var skipping = Read(file, readAhead: true, Utc with { SkipBad = true });
        Assert.Equal(new uint[] { 0x100, 0x101 }, skipping.Frames.Select(f => f.Id));
        Assert.Equal(1, skipping.Bad);
    }

    [Fact]
    public void Read_BadRecordAfterAJoinedObject_NamesItsContainerAndPlaceInIt()
    {
        var text = new string('x', 2 * BlfChunk.Headroom);
        var builder = new BlfFileBuilder()
            .CanMessage(1, 0x100, 0, 1, [1], 10)                       // 48 bytes
            .AppText(text, 20)                                         // 32 + 16 + text bytes, skipped
            .CanMessage(0, 0x101, 0, 1, [2], 30);                      // channel 0: a bad record
        int textEnd = 48 + 48 + text.Length;
        var file = builder.Build([60, 3000, 6000]);
        long lastContainer = BlfFileBuilder.Containers(file)[^1].Offset;

        var ahead = Read(file, readAhead: true);

        Assert.Equal($"test.blf@{lastContainer}: expected a channel number of 1 or more (byte {textEnd - 6000} of the data in the log container here), found '0'", ahead.Error?.Message);
        Assert.Equal(1, ahead.Skipped);
        AssertSameRead(Read(file, readAhead: false), ahead);
    }

    [Fact(Timeout = 60_000)] // a hang guard, not a timing check: Dispose waits for the worker, which must stop at once
    public async Task Dispose_MidFileOfManyContainers_StopsReadingAheadAndAnotherReaderReadsItAll()
    {
        var frames = RandomFrames.Make(200_000, FrameFeatures.All, seed: 27);
        var file = Write(frames);
        var stream = new ProbeStream(file);
        var reader = new BlfLogReader(stream, "probe.blf", Utc, readAhead: true);
        for (int i = 0; i < 5000; i++) Assert.True(reader.TryRead(out _));

        await Task.Run(reader.Dispose, TestContext.Current.CancellationToken);

        Assert.True(stream.Disposed);
        Assert.Equal(0, stream.ReadsAfterDispose);
        Assert.True(stream.Furthest < file.Length / 4, $"read ahead to byte {stream.Furthest} of {file.Length}");
        Assert.Equal(frames, Read(file, readAhead: true).Frames);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dispose_WhileTheWorkerIsInsideARead_WaitsForItBeforeDisposingTheStream()
    {
        var file = Write(RandomFrames.Make(100_000, FrameFeatures.All, seed: 31));
        var containers = BlfFileBuilder.Containers(file);
        var stream = new ProbeStream(file) { HoldReadsFrom = containers[6].Offset };
        var reader = new BlfLogReader(stream, "probe.blf", Utc, readAhead: true);
        while (reader.Position < containers[4].Offset) Assert.True(reader.TryRead(out _));
        Assert.True(stream.Holding.Wait(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken), "the worker should read ahead into container 6");

        var disposing = Task.Run(reader.Dispose, TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(disposing, Task.Delay(200, TestContext.Current.CancellationToken));
        bool finishedDuringTheRead = first == disposing;
        stream.Hold.Set();
        await disposing;

        Assert.False(finishedDuringTheRead, "Dispose returned while the worker was still reading the stream");
        Assert.True(stream.Disposed);
        Assert.Equal(0, stream.ReadsAfterDispose);
    }

    [Fact]
    public void Dispose_AfterAnErrorInALaterContainer_StopsTheWorkerBeforeTheStreamGoes()
    {
        var file = Write(RandomFrames.Make(50_000, FrameFeatures.All, seed: 28));
        var containers = BlfFileBuilder.Containers(file);
        file[containers[5].Offset + 32] ^= 0xFF;
        var stream = new ProbeStream(file);
        var reader = new BlfLogReader(stream, "probe.blf", Utc, readAhead: true);

        Assert.Throws<CanLogFormatException>(() => { while (reader.TryRead(out _)) { } });
        var again = Assert.Throws<CanLogFormatException>(() => reader.TryRead(out _));
        reader.Dispose();
        reader.Dispose();

        Assert.Equal(containers[5].Offset, again.Line);
        Assert.True(stream.Disposed);
        Assert.Equal(0, stream.ReadsAfterDispose);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Dispose_BeforeReadingOrWithinTheFirstContainer_Returns(int framesRead)
    {
        var file = Write(RandomFrames.Make(50_000, FrameFeatures.All, seed: 29));
        var stream = new ProbeStream(file);
        var reader = new BlfLogReader(stream, "probe.blf", Utc, readAhead: true);
        for (int i = 0; i < framesRead; i++) Assert.True(reader.TryRead(out _));

        reader.Dispose();

        Assert.True(stream.Disposed);
        Assert.Equal(0, stream.ReadsAfterDispose);
    }

    [Fact]
    public void Position_WhileLaterContainersAreUnpacked_CountsOnlyWhatTheReaderHasTaken()
    {
        var file = Write(RandomFrames.Make(50_000, FrameFeatures.All, seed: 30));
        var containers = BlfFileBuilder.Containers(file);
        var stream = new ProbeStream(file);
        using var reader = new BlfLogReader(stream, "test.blf", Utc, readAhead: true);

        Assert.True(reader.TryRead(out _));
        long first = reader.Position;
        bool readAhead = SpinWait.SpinUntil(() => stream.Furthest > containers[2].Offset, TimeSpan.FromMinutes(1));
        while (reader.Position == first) Assert.True(reader.TryRead(out _));

        Assert.True(readAhead, "later containers should be unpacked while the first one is read");
        Assert.InRange(first, containers[0].Offset + 32, containers[1].Offset);
        Assert.InRange(reader.Position, containers[1].Offset + 32, containers[2].Offset);
    }

    /// <summary>Inner objects that end within the first <paramref name="bytes"/> bytes of the containers' data.</summary>
    private static int ObjectsEndingWithin(int bytes, List<(long Offset, int Declared, byte[] Data)> containers)
    {
        var data = containers.SelectMany(c => c.Data).ToArray();
        int count = 0, at = 0;
        while (at + 16 <= data.Length)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)) != 0x4A42_4F4C) { at++; continue; } // padding
            int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at + 8));
            if (at + size > bytes) break;
            count++;
            at += size;
        }
        return count;
    }

    /// <summary>A read-only, seekable stream over bytes that notes how far it was read and any read after Dispose.</summary>
    private sealed class ProbeStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        private int _readsAfterDispose;
        private long _furthest;

        public bool Disposed { get; private set; }
        public long Furthest => Volatile.Read(ref _furthest);
        public int ReadsAfterDispose => Volatile.Read(ref _readsAfterDispose);

        /// <summary>Reads from this offset on wait for <see cref="Hold"/> (and set <see cref="Holding"/> meanwhile).</summary>
        public long HoldReadsFrom { get; init; } = long.MaxValue;
        public ManualResetEventSlim Hold { get; } = new();
        public ManualResetEventSlim Holding { get; } = new();

        // MemoryStream sends span reads of a derived class here.
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= HoldReadsFrom)
            {
                Holding.Set();
                Hold.Wait();
            }
            if (Disposed) Interlocked.Increment(ref _readsAfterDispose);
            int n = base.Read(buffer, offset, count);
            Volatile.Write(ref _furthest, Math.Max(_furthest, Position));
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>A pipe-like stream: read only, no seeking, short reads.</summary>
    private sealed class ForwardOnlyReadStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(buffer.Length, 5000), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
