using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Can;

public class CanDecodeCommandTests
{
    private const string Dbc = """
        VERSION ""
        BU_: VCU EPS
        BO_ 192 Drive: 8 VCU
         SG_ Speed : 0|13@1+ (0.05,0) [0|300] "km/h" EPS
         SG_ Gear : 13|3@1+ (1,0) [0|7] "" EPS
         SG_ Torque : 16|16@1- (0.1,0) [-400|400] "Nm" EPS
        BO_ 160 Steering: 8 EPS
         SG_ Angle : 7|16@0- (0.1,0) [-780|780] "deg" VCU
        VAL_ 192 Gear 0 "P" 1 "R" 2 "N" 3 "D" ;
        """;

    [Fact]
    public void DecodeJson_IntelAndMotorolaSignals_GiveHandComputedValues()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("car.dbc"), Dbc);
        // Drive: bytes 0-1 little-endian = 0x6CE8; Speed = bits 0..12 = 0x0CE8 = 3304 * 0.05 = 165.2 km/h,
        //        Gear = bits 13..15 = 0x6CE8 >> 13 = 3 (D); Torque = bytes 2-3 LE = 0xFE0C = -500 * 0.1 = -50.0 Nm.
        // Steering: Motorola start bit 7, 16 bits = bytes 0-1 big-endian = 0xF830 = -2000 * 0.1 = -200.0 deg.
        File.WriteAllText(dir.File("in.log"),
            "(1700000000.123456) can0 0C0#E86C0CFE00000000\n(1700000000.200000) can0 0A0#F830000000000000\n(1700000000.300000) can0 7FF#00\n");

        var (code, stdout, _) = CliRunner.Run("can", "decode", dir.File("in.log"), "--dbc", dir.File("car.dbc"), "--json");

        Assert.Equal(0, code);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        using var drive = JsonDocument.Parse(lines[0]);
        Assert.Equal("1700000000.123456", drive.RootElement.GetProperty("t").GetRawText());
        Assert.Equal("can0", drive.RootElement.GetProperty("channel").GetString());
        Assert.Equal(192, drive.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("Drive", drive.RootElement.GetProperty("message").GetString());
        var signals = drive.RootElement.GetProperty("signals");
        Assert.Equal(165.2, signals.GetProperty("Speed").GetDouble(), 9);
        Assert.Equal(3, signals.GetProperty("Gear").GetDouble());
        Assert.Equal(-50.0, signals.GetProperty("Torque").GetDouble(), 9);
        Assert.Equal("D", drive.RootElement.GetProperty("labels").GetProperty("Gear").GetString());
        using var steering = JsonDocument.Parse(lines[1]);
        Assert.Equal(-200.0, steering.RootElement.GetProperty("signals").GetProperty("Angle").GetDouble(), 9);
    }

    [Fact]
    public void DecodeJson_All_ListsFramesTheDbcLacks()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("car.dbc"), Dbc);
        File.WriteAllText(dir.File("in.log"), "(1.000000) can0 7FF#0102\n");

        var (_, stdout, _) = CliRunner.Run("can", "decode", dir.File("in.log"), "--dbc", dir.File("car.dbc"), "--json", "--all");

        using var line = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Null, line.RootElement.GetProperty("message").ValueKind);
        Assert.Equal("0102", line.RootElement.GetProperty("data").GetString());
    }

    [Fact]
    public void Decode_WrongDbc_ExitsTwoNamingFileLineAndColumn()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.dbc"), "VERSION \"\"\nBO_ 192 Drive: 8 VCU\n SG_ Speed : 0|13@1+ (0.05,0) [0 300] \"km/h\" EPS\n");
        File.WriteAllText(dir.File("in.log"), "(1.000000) can0 0C0#00\n");

        var (code, _, stderr) = CliRunner.Run("can", "decode", dir.File("in.log"), "--dbc", dir.File("bad.dbc"));

        Assert.Equal(2, code);
        Assert.StartsWith($"edgeai: {dir.File("bad.dbc")}:3:", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}
