using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Context;

/// <summary><c>edgeai context</c> with the scenario's GPS: the receiver's NMEA and the CAN bus describe one drive.</summary>
public sealed class ContextGpsTests
{
    private static string Scenario => RepoPaths.Get("models", "scenarios", "city-drive");

    private static JsonElement Keys(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(["context", .. args, "--json"]);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("keys").Clone();
    }

    [Fact]
    public void Scenario_GpsIsPreferred_AndAgreesWithTheCanBus()
    {
        var withGps = Keys(Scenario, "--at", "300s");
        var canOnly = Keys(RepoPaths.CityDriveLog, "--at", "300s");

        var lat = withGps.GetProperty("Vehicle.CurrentLocation.Latitude");
        Assert.Equal("gps", lat.GetProperty("source").GetString());
        Assert.Equal("can", canOnly.GetProperty("Vehicle.CurrentLocation.Latitude").GetProperty("source").GetString());
        // TCU_Position is sent once a second: the CAN position is up to 1 s old, about 10 m at 35 km/h.
        Assert.Equal(canOnly.GetProperty("Vehicle.CurrentLocation.Latitude").GetProperty("value").GetDouble(), lat.GetProperty("value").GetDouble(), 0.0002);
        Assert.Equal(canOnly.GetProperty("Vehicle.CurrentLocation.Longitude").GetProperty("value").GetDouble(),
            withGps.GetProperty("Vehicle.CurrentLocation.Longitude").GetProperty("value").GetDouble(), 0.0002);
        Assert.Equal(withGps.GetProperty("Vehicle.Speed").GetProperty("value").GetDouble(), withGps.GetProperty("EdgeAI.Gps.Speed").GetProperty("value").GetDouble(), 0.5);
        Assert.Equal("Fix3D", withGps.GetProperty("EdgeAI.Gps.FixQuality").GetProperty("value").GetString());
        Assert.Equal(9, withGps.GetProperty("EdgeAI.Gps.Satellites").GetProperty("value").GetDouble());
    }

    [Fact]
    public void Gps_CorruptSentences_AreSkippedWithOneWarning()
    {
        using var dir = new TempDirectory();
        var lines = File.ReadAllLines(Path.Combine(Scenario, "gps.nmea"));
        lines[100] = lines[100].Replace(",N,", ",X,", StringComparison.Ordinal); // checksum no longer matches
        File.WriteAllLines(dir.File("gps.nmea"), lines);

        var (code, _, stderr) = CliRunner.Run("context", RepoPaths.CityDriveLog, "--gps", dir.File("gps.nmea"), "--at", "60s");

        Assert.Equal(0, code);
        string warning = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"edgeai: warning: {dir.File("gps.nmea")}: 1 of ", warning);
        Assert.Contains("gps.nmea:101:", warning);
    }
}
