using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Parquet;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs.Parquet;

public class ParquetSignalWriterTests
{
    private static (List<CanFrame> Frames, CanChannelTable Channels) DriveStart(int count)
    {
        var frames = new List<CanFrame>(count);
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        while (frames.Count < count && reader.TryRead(out var frame)) frames.Add(frame);
        return (frames, reader.Channels);
    }

    private static ParquetSignalWriter Export(string path, DbcDatabase database, List<CanFrame> frames, CanChannelTable channels, int rowGroupRows)
    {
        using var stream = File.Create(path);
        using var writer = new ParquetSignalWriter(stream, database, channels, rowGroupRows);
        foreach (var frame in frames) writer.Write(in frame);
        writer.Complete();
        return writer;
    }

    [Fact]
    public void Export_ManySmallRowGroups_SameRowsAsOneGroup()
    {
        using var dir = new TempDirectory();
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        var (frames, channels) = DriveStart(12_000);
        Export(dir.File("one.parquet"), database, frames, channels, rowGroupRows: 20_000);
        Export(dir.File("many.parquet"), database, frames, channels, rowGroupRows: 777);

        string one = $"read_parquet({DuckDb.Literal(dir.File("one.parquet"))})", many = $"read_parquet({DuckDb.Literal(dir.File("many.parquet"))})";
        Assert.Equal(16L, DuckDb.Scalar($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata({DuckDb.Literal(dir.File("many.parquet"))})"));
        Assert.Equal(12_000L, DuckDb.Scalar($"SELECT count(*) FROM {many}"));
        Assert.Equal(0L, DuckDb.Scalar($"SELECT count(*) FROM (SELECT * FROM {one} EXCEPT ALL SELECT * FROM {many})"));
        Assert.Equal(0L, DuckDb.Scalar($"SELECT count(*) FROM (SELECT * FROM {many} EXCEPT ALL SELECT * FROM {one})"));
    }

    [Fact]
    public void Export_EverySignal_EqualsTheDecoderRoundedOnItsOwnRowsOnly()
    {
        using var dir = new TempDirectory();
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        var (frames, channels) = DriveStart(3_000);
        var writer = Export(dir.File("s.parquet"), database, frames, channels, rowGroupRows: 1_000);

        var rows = DuckDb.Query($"SELECT * FROM read_parquet({DuckDb.Literal(dir.File("s.parquet"))}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(5 + writer.SignalColumns.Count + 1, rows[0].Length);
        var values = new double[database.MaxSignalCount];
        int r = 0;
        foreach (var frame in frames)
        {
            if (!database.TryGetDecoder(in frame, out var decoder)) continue;
            decoder.Decode(in frame, values);
            var row = rows[r++];
            Assert.Equal(frame.TimestampNs, (long)row[1]!);
            Assert.Equal(decoder.Message.Name, (string)row[4]!);
            for (int c = 0; c < writer.SignalColumns.Count; c++)
            {
                string column = writer.SignalColumns[c];
                string prefix = decoder.Message.Name + ".";
                int index = column.StartsWith(prefix, StringComparison.Ordinal) ? decoder.IndexOf(column[prefix.Length..]) : -1;
                double? expected = index < 0 || double.IsNaN(values[index]) ? null : decoder.Message.Signals[index].Round(values[index]);
                if (expected != (double?)row[5 + c]) Assert.Fail($"row {r - 1} {writer.SignalColumns[c]}: expected {expected}, found {row[5 + c]}");
            }
        }
        Assert.Equal(rows.Count, r);
    }

    [Fact]
    public void Write_BetweenRowGroups_AllocatesNothing()
    {
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        var (frames, channels) = DriveStart(4_000);
        using var output = new MemoryStream();
        using var writer = new ParquetSignalWriter(output, database, channels, rowGroupRows: 4_000);
        foreach (var frame in frames) writer.Write(in frame); // one whole group: buffers grown, JIT done

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < frames.Count - 1; i++) writer.Write(frames[i]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2 * frames.Count - 1, writer.Rows);
    }
}
