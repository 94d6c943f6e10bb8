using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Parquet;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs.Parquet;

public class ParquetLogTests
{
    private static readonly CanChannelTable ThreeChannels = FrameComparison.Channels("can0", "vcan1", "can2");

    /// <summary>Random frames of every kind, with sub-microsecond times and some without a direction.</summary>
    private static List<CanFrame> Frames(int count, int seed = 7)
    {
        var random = new Random(seed);
        var frames = RandomFrames.Make(count, FrameFeatures.All, seed);
        for (int i = 0; i < frames.Count; i++)
        {
            var frame = frames[i].WithTimestamp(frames[i].TimestampNs + random.Next(0, 1000));
            if (random.Next(5) == 0) frame = frame.WithDirection(CanFlags.None);
            frames[i] = frame;
        }
        return frames;
    }

    private static void Write(string path, IEnumerable<CanFrame> frames, CanChannelTable channels, int rowGroupRows)
    {
        using var file = new AtomicFile(path);
        using (var writer = new ParquetLogWriter(file.Stream, path, new CanLogWriteOptions { Channels = channels }, rowGroupRows))
        {
            foreach (var frame in frames) writer.Write(in frame);
            writer.Complete();
        }
        file.Commit();
    }

    [Fact]
    public void Export_RandomFramesOfEveryKind_DuckDbReadsEveryValueExactly()
    {
        using var dir = new TempDirectory();
        var frames = Frames(2500);
        Assert.Contains(frames, f => f.IsFd && f.Length > 8);
        Assert.Contains(frames, f => f.IsRemote && f.Dlc > 0);
        Assert.Contains(frames, f => f.IsExtended);
        Assert.Contains(frames, f => f.IsError);
        string path = dir.File("drive.parquet");
        Write(path, frames, ThreeChannels, rowGroupRows: 700);

        var rows = DuckDb.Query($"""
            SELECT t, t_ns, channel, id, extended, remote, error, fd, brs, esi, direction, dlc, data
            FROM read_parquet({DuckDb.Literal(path)}, file_row_number = true) ORDER BY file_row_number
            """);

        Assert.Equal(frames.Count, rows.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var row = rows[i];
            string because = $"row {i}: {f}";
            Assert.True(DateTime.UnixEpoch.AddTicks(f.TimestampNs / 1000 * 10) == AsUtc(row[0]), because);
            Assert.True(f.TimestampNs == (long)row[1]!, because);
            Assert.True(ThreeChannels.NameOf(f.Channel) == (string)row[2]!, because);
            Assert.True((int)f.Id == (int)row[3]!, because);
            Assert.True(f.IsExtended == (bool)row[4]! && f.IsRemote == (bool)row[5]! && f.IsError == (bool)row[6]! && f.IsFd == (bool)row[7]!, because);
            Assert.True(((f.Flags & CanFlags.Brs) != 0) == (bool)row[8]! && ((f.Flags & CanFlags.Esi) != 0) == (bool)row[9]!, because);
            string? direction = (f.Flags & CanFlags.Tx) != 0 ? "tx" : (f.Flags & CanFlags.Rx) != 0 ? "rx" : null;
            Assert.True(direction == (string?)row[10], because);
            Assert.True(f.Dlc == (int)row[11]!, because);
            Assert.True(f.Data.SequenceEqual((byte[])row[12]!), because);
        }
    }

    [Fact]
    public void Export_Schema_IsWhatSqlUsersQuery()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.parquet");
        Write(path, Frames(10), ThreeChannels, ParquetLogWriter.DefaultRowGroupRows);

        var types = DuckDb.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({DuckDb.Literal(path)}))")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["t"]);
        Assert.Equal("BIGINT", types["t_ns"]);
        Assert.Equal("VARCHAR", types["channel"]);
        Assert.Equal("INTEGER", types["id"]);
        Assert.Equal("BOOLEAN", types["fd"]);
        Assert.Equal("INTEGER", types["dlc"]);
        Assert.Equal("BLOB", types["data"]);
        Assert.Equal(13, types.Count);
    }

    [Fact]
    public void RoundTrip_ParquetBackToFrames_Identical()
    {
        using var dir = new TempDirectory();
        var frames = Frames(3000, seed: 11);
        string path = dir.File("drive.parquet");
        Write(path, frames, ThreeChannels, rowGroupRows: 1000);

        using var reader = CanLogFiles.OpenReader(path);
        var back = new List<CanFrame>();
        while (reader.TryRead(out var frame)) back.Add(frame);

        Assert.Equal(FrameComparison.Named(frames, ThreeChannels), FrameComparison.Named(back, reader.Channels));
        Assert.Equal(0, reader.BadRecords);
    }

    [Fact]
    public void Read_FileDuckDbWroteFromAnExport_GivesTheSelectedFrames()
    {
        using var dir = new TempDirectory();
        var frames = Frames(1500, seed: 3);
        string path = dir.File("drive.parquet");
        string subset = dir.File("fd-only.parquet");
        Write(path, frames, ThreeChannels, rowGroupRows: 400);

        // DuckDB writes every column as nullable, Snappy-compressed, in its own row groups.
        DuckDb.Query($"COPY (SELECT * FROM read_parquet({DuckDb.Literal(path)}) WHERE fd ORDER BY t_ns) TO {DuckDb.Literal(subset)} (FORMAT parquet)");
        using var reader = CanLogFiles.OpenReader(subset);
        var back = new List<CanFrame>();
        while (reader.TryRead(out var frame)) back.Add(frame);

        var expected = frames.Where(f => f.IsFd).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(FrameComparison.Named(expected, ThreeChannels), FrameComparison.Named(back, reader.Channels));
    }

    [Fact]
    public void Read_NullDataInFileFromElsewhere_NamesTheRow()
    {
        using var dir = new TempDirectory();
        string path = dir.File("other.parquet");
        DuckDb.Query($"""
            COPY (SELECT * FROM (VALUES (1000::BIGINT, 'can0', 291, 'AB'::BLOB), (2000::BIGINT, 'can0', 292, NULL::BLOB)) v(t_ns, channel, id, data))
            TO {DuckDb.Literal(path)} (FORMAT parquet)
            """);

        using var reader = CanLogFiles.OpenReader(path);
        var e = Assert.Throws<CanLogFormatException>(() => { while (reader.TryRead(out _)) { } });

        Assert.Equal($"{path}:2: expected a value in column data, found 'null'", e.Message);
    }

    [Fact]
    public void Read_NotAParquetFile_OneLineError()
    {
        using var dir = new TempDirectory();
        string path = dir.File("fake.parquet");
        File.WriteAllText(path, "(1.000000) can0 123#11\n");

        var e = Assert.Throws<CanLogFormatException>(() => CanLogFiles.OpenReader(path).Dispose());

        Assert.StartsWith($"{path}@0: expected a Parquet file", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Write_LongDrive_RowGroupsOfFixedSizeAndNoAllocationPerFrame()
    {
        using var dir = new TempDirectory();
        var frames = Frames(2000, seed: 5);
        long betweenFlushes, perFrameWithFlushes;
        int rowGroups;
        using (var stream = File.Create(dir.File("long.parquet")))
        using (var writer = new ParquetLogWriter(stream, "long.parquet", new CanLogWriteOptions { Channels = ThreeChannels }, rowGroupRows: 2000))
        {
            foreach (var frame in frames) writer.Write(frame); // one whole group: every buffer, the JIT, Parquet.Net's pools
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < frames.Count - 1; i++) writer.Write(frames[i]);
            betweenFlushes = GC.GetAllocatedBytesForCurrentThread() - before;
            writer.Write(frames[^1]);
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int pass = 0; pass < 10; pass++)
                foreach (var frame in frames) writer.Write(frame);
            perFrameWithFlushes = (GC.GetAllocatedBytesForCurrentThread() - before) / (10 * frames.Count);
            writer.Complete();
            rowGroups = writer.RowGroups;
        }

        Assert.Equal(0, betweenFlushes);
        Assert.Equal(12, rowGroups);
        // What a flush allocates is Parquet.Net 6.1's encoding (a 4-byte array per timestamp and per BLOB length,
        // count-sized hash tables for dictionary columns, pages): about 250 B/frame here, short-lived, not a copy
        // of the data per frame that a leak or an unbounded buffer would show.
        Assert.InRange(perFrameWithFlushes, 1, 400);
        Assert.Equal(24_000L, DuckDb.Scalar($"SELECT count(*) FROM {DuckDb.Literal(dir.File("long.parquet"))}"));
    }

    [Fact]
    public void Export_MoreFramesThanTwoDefaultRowGroups_EveryRowInOrder()
    {
        using var dir = new TempDirectory();
        string path = dir.File("long.parquet");
        int count = ParquetLogWriter.DefaultRowGroupRows * 2 + 123;
        using (var writer = CanLogFiles.CreateWriter(path))
        {
            for (int i = 0; i < count; i++)
                writer.Write(new CanFrame((uint)(i % 0x800), BitConverter.GetBytes(i), timestampNs: 1_000_000L * i));
            writer.Complete();
        }

        string table = $"read_parquet({DuckDb.Literal(path)}, file_row_number = true)";
        Assert.Equal(3L, DuckDb.Scalar($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata({DuckDb.Literal(path)})"));
        Assert.Equal((long)count, DuckDb.Scalar($"SELECT count(*) FROM {table}"));
        // Each row's time, id and payload are its own index: one query finds any row out of place.
        Assert.Equal(0L, DuckDb.Scalar($"""
            SELECT count(*) FROM {table}
            WHERE t_ns <> file_row_number * 1000000 OR id <> file_row_number % 2048
               OR hex(data) <> printf('%02X%02X%02X%02X', file_row_number % 256, (file_row_number // 256) % 256,
                                      (file_row_number // 65536) % 256, file_row_number // 16777216)
            """));
    }

    [Fact]
    public void Format_ParquetExtension_KnownButNotWithGzip()
    {
        Assert.True(CanLogFiles.TryGetFormat("drive.PARQUET", out var format));
        Assert.Equal(CanLogFormat.Parquet, format);
        Assert.False(CanLogFiles.TryGetFormat("drive.parquet.gz", out _));
        Assert.Contains("without .gz", Assert.Throws<CanLogFormatException>(() => CanLogFiles.GetFormat("drive.parquet.gz")).Message);
        Assert.DoesNotContain(".parquet", CanLogFiles.Extensions);
    }

    private static DateTime AsUtc(object? value) => value switch
    {
        DateTimeOffset o => o.UtcDateTime,
        DateTime d => d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : DateTime.SpecifyKind(d, DateTimeKind.Utc),
        _ => throw new InvalidCastException($"not a time: {value}"),
    };
}
