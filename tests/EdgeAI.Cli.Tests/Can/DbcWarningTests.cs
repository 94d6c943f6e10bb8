using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

/// <summary>What a DBC gets wrong is said on stderr, and --strict refuses it; the demo says which signals a DBC lacks.</summary>
public sealed class DbcWarningTests
{
    private static string WriteDbc(TempDirectory dir, string signal)
    {
        string path = dir.File("car.dbc");
        File.WriteAllText(path, $"VERSION \"\"\nBU_: A\nBO_ 160 EPS: 8 A\n{signal}\n");
        return path;
    }

    [Fact]
    public void Decode_SignalOutsideItsFrame_WarnsOnStderr_AndStrictRefuses()
    {
        using var dir = new TempDirectory();
        string dbc = WriteDbc(dir, """ SG_ Angle : 60|8@1+ (1,0) [0|255] "" A""");

        var (code, _, stderr) = CliRunner.Run("can", "decode", RepoPaths.CityDriveLog, "--dbc", dbc, "--end", "0.05");
        Assert.Equal(0, code);
        Assert.Contains($"edgeai: warning: {dbc}:4:", stderr);
        Assert.Contains("reaches past the 8-byte message 'EPS'", stderr);

        var (strict, _, refused) = CliRunner.Run("can", "decode", RepoPaths.CityDriveLog, "--dbc", dbc, "--end", "0.05", "--strict");
        Assert.Equal(2, strict);
        Assert.Single(refused.TrimEnd().Split('\n'));
        Assert.Contains("--strict refuses a DBC that would decode some frames wrong", refused);
    }

    [Fact]
    public void Convert_DbcWithInfiniteFactor_IsOneLineNamingLineAndColumn()
    {
        using var dir = new TempDirectory();
        string dbc = WriteDbc(dir, """ SG_ Angle : 0|8@1+ (1e400,0) [0|255] "" A""");
        string output = dir.File("out.parquet");
        var (code, _, stderr) = CliRunner.Run("can", "convert", RepoPaths.CityDriveLog, output, "--dbc", dbc);
        Assert.Equal(2, code);
        Assert.Equal($"edgeai: {dbc}:4:22: expected a factor (a finite number), found '1e400'", stderr.TrimEnd());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Demo_WithADbcLackingTheMapsSignals_SaysWhichInsteadOfPrintingNaN()
    {
        using var dir = new TempDirectory();
        string dbc = WriteDbc(dir, """ SG_ Angle : 0|8@1+ (1,0) [0|255] "" A""");
        var (code, stdout, stderr) = CliRunner.Run("demo", "--speed", "max", "--plain", "--dbc", dbc);
        Assert.Equal(2, code);
        Assert.DoesNotContain("NaN", stdout);
        Assert.EndsWith(": Vehicle.Speed: car.dbc has no message ESP_VehicleDynamics", stderr.TrimEnd());
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("edgeai: ", stderr);
        Assert.Contains("edgeai_demo.signals.json:", stderr);
    }
}
