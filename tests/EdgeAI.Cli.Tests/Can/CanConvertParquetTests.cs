using System.Globalization;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Filters;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Tests.Logs.Parquet;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

public class CanConvertParquetTests
{
    private const double SliceSeconds = 60;

    /// <summary>0x0B1 is ESP_VehicleDynamics in the demo DBC, 0x7DF is not in it.</summary>
    private const string SmallLog = "(1.000000) can0 0B1#E803000000000000\n(1.100000) can0 7DF#0201\n(1.200000) can1 0B1#R\n(1.300000) can0 7DF#0202\n(1.400000) can0 0B1#F401000000000000\n";

    [Fact]
    public void ConvertDbc_CityDriveSlice_SqlAggregatesEqualTheProjectsDecoder()
    {
        using var dir = new TempDirectory();
        string output = dir.File("signals.parquet");

        var (code, stdout, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, output, "--dbc", RepoPaths.DemoDbc, "--end", "60");

        Assert.True(code == 0, stderr);
        var expected = DecodeSlice(out double maxSpeed, out long unknown);
        Assert.Contains($"{expected.Values.Sum()} decoded frames", stdout);
        if (unknown > 0) Assert.Contains($"not exported: {unknown} frames", stderr);
        else Assert.Equal("", stderr);
        string f = $"read_parquet({DuckDb.Literal(output)})";
        var counts = DuckDb.Query($"SELECT message, count(*) FROM {f} GROUP BY message")
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        Assert.Equal(expected.OrderBy(p => p.Key), counts.OrderBy(p => p.Key));
        Assert.Equal(maxSpeed, (double)DuckDb.Scalar($"SELECT max(\"ESP_VehicleDynamics.VehicleSpeed\") FROM {f}")!);
        // A row holds only its own message's signals.
        Assert.Equal(0L, DuckDb.Scalar($"SELECT count(*) FROM {f} WHERE message <> 'ESP_VehicleDynamics' AND \"ESP_VehicleDynamics.VehicleSpeed\" IS NOT NULL"));
        Assert.Equal(counts["ESP_VehicleDynamics"], DuckDb.Scalar($"SELECT count(\"ESP_VehicleDynamics.VehicleSpeed\") FROM {f}"));
    }

    [Fact]
    public void ConvertDbc_MultiplexedSignals_NullWhereTheMultiplexorDoesNotSelectThem()
    {
        using var dir = new TempDirectory();
        string output = dir.File("signals.parquet");

        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, output, "--dbc", RepoPaths.DemoDbc, "--end", "60", "--ids", "0x1F1");

        Assert.True(code == 0, stderr);
        string f = $"read_parquet({DuckDb.Literal(output)})";
        var pages = DuckDb.Query($"""
            SELECT "BMS_CellVoltages.CellPage" AS page,
                   count(*) AS n,
                   count("BMS_CellVoltages.CellVoltage01") AS v01,
                   count("BMS_CellVoltages.CellVoltage04") AS v04
            FROM {f} GROUP BY page ORDER BY page
            """);
        Assert.True(pages.Count >= 2, "the slice should hold pages 0 and 1");
        var page0 = pages.Single(p => (double)p[0]! == 0);
        var page1 = pages.Single(p => (double)p[0]! == 1);
        Assert.Equal((long)page0[1]!, (long)page0[2]!); // CellVoltage01 (m0) on every page-0 row
        Assert.Equal(0L, (long)page0[3]!);               // CellVoltage04 (m1) on none of them
        Assert.Equal(0L, (long)page1[2]!);
        Assert.Equal((long)page1[1]!, (long)page1[3]!);
    }

    [Fact]
    public void ConvertDbc_UnknownIdsAndRemoteFrames_CountedOnOneStderrLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), SmallLog);

        var (code, stdout, stderr) = CliRunner.Run("can", "convert", dir.File("in.log"), dir.File("out.parquet"), "--dbc", RepoPaths.DemoDbc);

        Assert.Equal(0, code);
        Assert.Contains("2 decoded frames", stdout);
        Assert.Equal("edgeai: warning: not exported: 2 frames with 1 ids the DBC lacks (0x7DF); 1 remote/error frames (no signals)", stderr.TrimEnd());
        var rows = DuckDb.Query($"SELECT t_ns, channel, id, message, \"ESP_VehicleDynamics.VehicleSpeed\" FROM read_parquet({DuckDb.Literal(dir.File("out.parquet"))}) ORDER BY t_ns");
        Assert.Equal([1_000_000_000L, "can0", 0xB1, "ESP_VehicleDynamics", 1000 * 0.05], rows[0]);
        Assert.Equal([1_400_000_000L, "can0", 0xB1, "ESP_VehicleDynamics", 500 * 0.05], rows[1]);
    }

    [Fact]
    public void ConvertDbc_StrictWithUnknownId_ExitsTwoAndWritesNothing()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), SmallLog);

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File("in.log"), dir.File("out.parquet"), "--dbc", RepoPaths.DemoDbc, "--strict");

        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("7DF", stderr);
        Assert.Equal([dir.File("in.log")], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ConvertDbc_BadDbc_ExitsTwoWithOneLineAndKeepsExistingOutput()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), SmallLog);
        File.WriteAllText(dir.File("bad.dbc"), "VERSION \"\"\nBO_ 100 Broken 8 Node\n SG_ X : 0|8@1+ (1,0) [0|1] \"\" Node\n");
        File.WriteAllText(dir.File("out.parquet"), "previous");

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File("in.log"), dir.File("out.parquet"), "--dbc", dir.File("bad.dbc"));

        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("bad.dbc", stderr);
        Assert.Equal("previous", File.ReadAllText(dir.File("out.parquet")));
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
    }

    [Theory]
    [InlineData("--dbc")]
    [InlineData(null)]
    public void Convert_CorruptInputToParquet_ExitsTwoAndKeepsExistingOutput(string? dbc)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), SmallLog + "(2.000000) can0 12#XYZ\n");
        File.WriteAllText(dir.File("out.parquet"), "previous");
        string[] args = ["can", "convert", dir.File("in.log"), dir.File("out.parquet"), .. dbc is null ? Array.Empty<string>() : [dbc, RepoPaths.DemoDbc]];

        var (code, _, stderr) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal($"edgeai: {dir.File("in.log")}:6: expected data as hex byte pairs, 0-8 bytes, found '(2.000000) can0 12#XYZ'", stderr.TrimEnd());
        Assert.Equal("previous", File.ReadAllText(dir.File("out.parquet")));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void ConvertDbc_OutputNotParquet_ExitsTwoWithOneLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), SmallLog);

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File("in.log"), dir.File("out.csv"), "--dbc", RepoPaths.DemoDbc);

        Assert.Equal(2, code);
        Assert.Equal("edgeai: --dbc: decoded rows are written to Parquet only: expected OUT ending in .parquet, found 'out.csv'", stderr.TrimEnd());
    }

    [Fact]
    public void Convert_DecodedExportAsInput_ExitsTwoSayingItHoldsSignals()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.log"), SmallLog);
        Assert.Equal(0, CliRunner.Run("can", "convert", dir.File("in.log"), dir.File("signals.parquet"), "--dbc", RepoPaths.DemoDbc).ExitCode);

        var (code, _, stderr) = CliRunner.Run("can", "convert", dir.File("signals.parquet"), dir.File("back.log"));

        Assert.Equal(2, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("expected a raw frame export", stderr);
        Assert.False(File.Exists(dir.File("back.log")));
    }

    [Fact]
    public void Convert_CityDriveSliceThroughParquet_GivesBackTheSameCandumpLog()
    {
        using var dir = new TempDirectory();

        var (code, stdout, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, dir.File("drive.parquet"), "--end", "60");
        Assert.True(code == 0, stderr);
        Assert.Equal(0, CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, dir.File("direct.log"), "--end", "60").ExitCode);
        Assert.Equal(0, CliRunner.Run("can", "convert", dir.File("drive.parquet"), dir.File("back.log")).ExitCode);

        string direct = File.ReadAllText(dir.File("direct.log"));
        Assert.Equal(direct, File.ReadAllText(dir.File("back.log")));
        long lines = direct.Count(c => c == '\n');
        Assert.Contains($"{lines} frames", stdout);
        Assert.Equal(lines, DuckDb.Scalar($"SELECT count(*) FROM read_parquet({DuckDb.Literal(dir.File("drive.parquet"))})"));
    }

    /// <summary>What the project's own decoder makes of the slice the command exports.</summary>
    private static Dictionary<string, long> DecodeSlice(out double maxSpeed, out long unknown)
    {
        var database = DbcDatabase.Load(RepoPaths.DemoDbc);
        using var reader = CanLogFiles.OpenReader(RepoPaths.CityDriveLog);
        var filter = new CanFrameFilter { EndSeconds = SliceSeconds, Channels = reader.Channels };
        var counts = new Dictionary<string, long>();
        var values = new double[database.MaxSignalCount];
        maxSpeed = double.MinValue;
        unknown = 0;
        while (reader.TryRead(out var frame))
        {
            if (filter.IsPastEnd(in frame)) break;
            if (!filter.Accepts(in frame)) continue;
            if (!database.TryGetDecoder(in frame, out var decoder))
            {
                unknown++;
                continue;
            }
            counts[decoder.Message.Name] = counts.GetValueOrDefault(decoder.Message.Name) + 1;
            if (decoder.Message.Name != "ESP_VehicleDynamics") continue;
            decoder.Decode(in frame, values);
            int speed = decoder.IndexOf("VehicleSpeed");
            maxSpeed = Math.Max(maxSpeed, decoder.Message.Signals[speed].Round(values[speed]));
        }
        return counts;
    }
}
