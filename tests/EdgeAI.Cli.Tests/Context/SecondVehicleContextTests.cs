using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Context;

/// <summary><c>edgeai context</c> on the second vehicle: the Tesla Model 3 drive with its own signal map.</summary>
public sealed class SecondVehicleContextTests
{
    private static readonly string Log = RepoPaths.Get("models", "scenarios", "tesla-model3-short", "can.log.gz");
    private static readonly string Map = RepoPaths.Get("models", "vehicle", "tesla_model3.signals.json");

    [Fact]
    public void Context_TeslaDriveAtSixtySeconds_BrakingThroughTenKmhInD()
    {
        var (code, stdout, stderr) = CliRunner.Run("context", Log, "--signals", Map, "--at", "60s", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", stderr); // the DBC loads without warnings
        using var json = JsonDocument.Parse(stdout);
        var keys = json.RootElement.GetProperty("keys");
        JsonElement Key(string name) => keys.GetProperty(name);
        // The drive script: 50 -> 0 km/h over 52-62 s, so 10 km/h at 60 s (DI_speed every 20 ms, 0.08 km/h steps).
        Assert.Equal(60, json.RootElement.GetProperty("at_s").GetDouble(), 0.001);
        Assert.Equal(10, Key("Vehicle.Speed").GetProperty("value").GetDouble(), 0.15);
        Assert.Equal("km/h", Key("Vehicle.Speed").GetProperty("unit").GetString());
        Assert.Equal("valid", Key("Vehicle.Speed").GetProperty("quality").GetString());
        Assert.Equal("D", Key("Vehicle.Powertrain.Transmission.SelectedGear").GetProperty("value").GetString());
        Assert.True(Key("EdgeAI.Powertrain.IsReady").GetProperty("value").GetBoolean());
        Assert.True(Key("Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted").GetProperty("value").GetBoolean());
        Assert.False(Key("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen").GetProperty("value").GetBoolean());
        Assert.True(Key("EdgeAI.Chassis.Brake.IsPressed").GetProperty("value").GetBoolean());
        Assert.Equal("Moving", Key("EdgeAI.Drive.Phase").GetProperty("value").GetString());
        Assert.False(keys.TryGetProperty("Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed", out _)); // not in this DBC
    }
}
