using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Parquet;
using EdgeAI.Can.Tests.Cli;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs.Parquet;

public sealed class ParquetExportTests
{
    [Fact]
    public void RawExport_RandomFramesOfEveryKind_DuckDbReadsBackEveryFieldExactly()
    {
        using var dir = new TempDirectory();
        string path = dir.File("frames.parquet");
        var frames = RandomFrames.Make(3000, FrameFeatures.All, seed: 7);
        var channels = new CanChannelTable();
        channels.GetOrAdd("can0");
        channels.GetOrAdd("can1");
        using (var writer = new ParquetFrameWriter(path, new CanLogWriteOptions { Channels = channels }))
        {
            foreach (var frame in frames) writer.Write(in frame);
            writer.Complete();
        }

        var rows = DuckDbQuery.Rows($"SELECT epoch_us(t), t_ns, channel, id, extended, remote, error, fd, brs, esi, tx, dlc, hex(data) FROM read_parquet({DuckDbQuery.Quote(path)})");
        Assert.Equal(frames.Count, rows.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            var f = frames[i];
            var r = rows[i];
            Assert.Equal(f.TimestampNs / 1000, Convert.ToInt64(r[0]));
            Assert.Equal(f.TimestampNs, (long)r[1]);
            Assert.Equal(channels.NameOf(f.Channel), (string)r[2]);
            Assert.Equal((int)f.Id, (int)r[3]);
            Assert.Equal((f.Flags & CanFlags.Extended) != 0, (bool)r[4]);
            Assert.Equal((f.Flags & CanFlags.Remote) != 0, (bool)r[5]);
            Assert.Equal((f.Flags & CanFlags.Error) != 0, (bool)r[6]);
            Assert.Equal((f.Flags & CanFlags.Fd) != 0, (bool)r[7]);
            Assert.Equal((f.Flags & CanFlags.Brs) != 0, (bool)r[8]);
            Assert.Equal((f.Flags & CanFlags.Esi) != 0, (bool)r[9]);
            Assert.Equal((f.Flags & CanFlags.Tx) != 0, (bool)r[10]);
            Assert.Equal(f.Dlc, (int)r[11]);
            Assert.Equal(Convert.ToHexString(f.Data), (string)r[12]);
        }
    }

    [Fact]
    public void RawExport_MoreFramesThanOneRowGroup_KeepsEveryRowInOrder()
    {
        using var dir = new TempDirectory();
        string path = dir.File("long.parquet");
        int count = ParquetTableWriter.RowGroupRows * 2 + 123;
        using (var writer = new ParquetFrameWriter(path))
        {
            for (int i = 0; i < count; i++)
            {
                var frame = new CanFrame((uint)(i % 0x800), BitConverter.GetBytes(i), timestampNs: 1_000_000L * i);
                writer.Write(in frame);
            }
            writer.Complete();
        }
        var row = DuckDbQuery.Rows($"SELECT count(*), count(DISTINCT t_ns), min(t_ns), max(t_ns) FROM read_parquet({DuckDbQuery.Quote(path)})").Single();
        Assert.Equal((long)count, Convert.ToInt64(row[0]));
        Assert.Equal((long)count, Convert.ToInt64(row[1]));
        Assert.Equal(0L, Convert.ToInt64(row[2]));
        Assert.Equal(1_000_000L * (count - 1), Convert.ToInt64(row[3]));
        var data = DuckDbQuery.Rows($"SELECT t_ns, hex(data) FROM read_parquet({DuckDbQuery.Quote(path)})");
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(1_000_000L * i, (long)data[i][0]);
            Assert.Equal(Convert.ToHexString(BitConverter.GetBytes(i)), (string)data[i][1]);
        }
        Assert.Equal(3, Convert.ToInt32(DuckDbQuery.Scalar($"SELECT count(*) FROM parquet_metadata({DuckDbQuery.Quote(path)}) WHERE path_in_schema = 't_ns'")));
    }

    [Fact]
    public void DecodedExport_BundledDrive_SqlAggregatesEqualTheProjectsOwnDecoder()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.parquet");
        var (code, stdout, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, path, "--dbc", RepoPaths.DemoDbc, "--end", "60");
        Assert.True(code == 0, stderr);
        Assert.Contains("rows", stdout);

        // The same frames through the project's own reader and decoder.
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        var counts = new Dictionary<string, long>();
        double maxSpeed = double.MinValue;
        long cellPage0 = 0, firstNs = long.MinValue;
        var values = new double[database.MaxSignalCount];
        using (var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog))
        {
            while (reader.TryRead(out var frame))
            {
                if (firstNs == long.MinValue) firstNs = frame.TimestampNs;
                if (frame.TimestampNs - firstNs > 60_000_000_000L) break;
                if (!database.TryGetDecoder(in frame, out var decoder)) continue;
                counts[decoder.Message.Name] = counts.GetValueOrDefault(decoder.Message.Name) + 1;
                decoder.Decode(in frame, values);
                if (decoder.Message.Name == "ESP_VehicleDynamics")
                    maxSpeed = Math.Max(maxSpeed, decoder.Message.Signals[decoder.IndexOf("VehicleSpeed")].Round(values[decoder.IndexOf("VehicleSpeed")]));
                if (decoder.Message.Name == "BMS_CellVoltages" && values[decoder.IndexOf("CellPage")] == 0) cellPage0++;
            }
        }

        string table = $"read_parquet({DuckDbQuery.Quote(path)})";
        var sqlCounts = DuckDbQuery.Rows($"SELECT message, count(*) FROM {table} GROUP BY message")
            .ToDictionary(r => (string)r[0], r => Convert.ToInt64(r[1]));
        Assert.Equal(counts.OrderBy(p => p.Key), sqlCounts.OrderBy(p => p.Key));
        Assert.Equal(maxSpeed, Convert.ToDouble(DuckDbQuery.Scalar($"SELECT max(\"ESP_VehicleDynamics.VehicleSpeed\") FROM {table}")), 9);
        // A multiplexed signal is null where its page is not active; a signal of another message is null everywhere else.
        Assert.Equal(cellPage0, Convert.ToInt64(DuckDbQuery.Scalar($"SELECT count(\"BMS_CellVoltages.CellVoltage01\") FROM {table}")));
        Assert.Equal(0L, Convert.ToInt64(DuckDbQuery.Scalar($"SELECT count(\"BMS_CellVoltages.CellVoltage01\") FROM {table} WHERE message <> 'BMS_CellVoltages'")));
        Assert.Equal(0L, Convert.ToInt64(DuckDbQuery.Scalar($"SELECT count(*) FROM {table} WHERE message = 'BMS_CellVoltages' AND \"BMS_CellVoltages.CellPage\" <> 0 AND \"BMS_CellVoltages.CellVoltage01\" IS NOT NULL")));
    }

    [Fact]
    public void DecodedExport_FramesTheDbcLacks_AreCountedOnStderrNotSilentlyLost()
    {
        using var dir = new TempDirectory();
        string log = dir.File("mixed.log");
        File.WriteAllText(log, "(1.000000) can0 0B1#0000000000000000\n(1.010000) can0 7FF#01\n(1.020000) can0 7FE#02\n");
        string path = dir.File("mixed.parquet");
        var (code, stdout, stderr) = CliRunner.Run("can", "convert", log, path, "--dbc", RepoPaths.DemoDbc);
        Assert.Equal(0, code);
        Assert.Contains("3 frames, 1 rows", stdout);
        Assert.Contains("2 frames with ids the DBC does not describe got no row", stderr);
        Assert.Equal(1L, Convert.ToInt64(DuckDbQuery.Scalar($"SELECT count(*) FROM read_parquet({DuckDbQuery.Quote(path)})")));
    }

    [Fact]
    public void Export_BadDbc_OneLineExit2AndExistingOutputUntouched()
    {
        using var dir = new TempDirectory();
        string path = dir.File("keep.parquet");
        File.WriteAllText(path, "previous content");
        string dbc = dir.File("bad.dbc");
        File.WriteAllText(dbc, "VERSION \"\"\nBO_ 12 Broken 8 X\n");
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, path, "--dbc", dbc);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("bad.dbc:2", stderr);
        Assert.Equal("previous content", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*"));
    }

    [Fact]
    public void Export_CorruptLogMidway_Exit2AndNoHalfFile()
    {
        using var dir = new TempDirectory();
        string log = dir.File("broken.log");
        File.WriteAllText(log, "(1.000000) can0 0B1#0000000000000000\n(1.010000) can0 this-is-not-a-frame\n");
        string path = dir.File("out.parquet");
        var (code, _, stderr) = CliRunner.Run("can", "convert", log, path);
        Assert.Equal(2, code);
        Assert.Contains("broken.log:2", stderr);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp-*"));
    }

    [Fact]
    public void Dbc_WithoutParquetOutput_IsAUsageError()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, dir.File("x.asc"), "--dbc", RepoPaths.DemoDbc);
        Assert.Equal(2, code);
        Assert.Contains("--dbc needs a .parquet output", stderr);
    }
}
