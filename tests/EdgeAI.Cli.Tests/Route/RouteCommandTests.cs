using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Route;

public sealed class RouteCommandTests
{
    // two reachable ends of the demo region (west and east) and a junction on the route between them
    private const string West = "52.431287,13.518618", East = "52.426766,13.545875", Middle = "52.433254,13.533691";

    [Fact]
    public void Route_AcrossTheDemoRegionJustAboveTheReserve_StopsAtTheChargerOnTheWayAsJson()
    {
        using var dir = new TempDirectory();
        var store = DemoStore(dir);
        File.WriteAllText(dir.File("chargers.csv"), $"id,name,lat,lon,power_kw\nc1,Generated charger,{Middle},150\n");
        var (code, stdout, stderr) = CliRunner.Run("route", West, East, "--soc", "15.4", "--map", store, "--chargers", dir.File("chargers.csv"), "--json");
        Assert.Equal("", stderr);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("lengthM").GetDouble(), 2000, 3000);
        var charging = root.GetProperty("charging");
        Assert.True(charging.GetProperty("feasible").GetBoolean());
        var stop = Assert.Single(charging.GetProperty("stops").EnumerateArray());
        Assert.Equal("c1", stop.GetProperty("id").GetString());
        Assert.Equal(15.0, charging.GetProperty("arrivalSoc").GetDouble(), 0.01);
        Assert.Contains(root.GetProperty("maneuvers").EnumerateArray(), m => m.GetProperty("onto").GetString() == "Rudower Chaussee");
    }

    [Fact]
    public void Route_WithoutChargersAndTooLittleCharge_SaysWhyThereIsNoPlan()
    {
        using var dir = new TempDirectory();
        var (code, stdout, _) = CliRunner.Run("route", West, East, "--soc", "15", "--map", DemoStore(dir));
        Assert.Equal(0, code);
        Assert.Contains("charging: no feasible plan: no charger on the route", stdout);
    }

    [Theory]
    [InlineData("--soc", "150", "edgeai: --soc: expected a percentage 0..100, found 150")]
    [InlineData("FROM", "nowhere", "edgeai: FROM: expected lat,lon or the name of a place on the map, found 'nowhere'")]
    public void Route_BadInput_OneLineAndExit2(string what, string value, string expected)
    {
        using var dir = new TempDirectory();
        var store = DemoStore(dir);
        var args = what == "FROM" ? new[] { "route", value, East, "--map", store } : ["route", West, East, what, value, "--map", store];
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expected, stderr.TrimEnd());
    }

    private static string DemoStore(TempDirectory dir)
    {
        var cache = Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");
        var net = Path.Combine(cache, "sumo-adlershof", "osm.net.xml");
        if (!File.Exists(net)) Assert.Skip($"{net} is missing: run ./test.sh (or edgeai models fetch sumo-adlershof)");
        var store = dir.File("adlershof.map.db");
        var (code, _, stderr) = CliRunner.Run("map", "import", net, "--out", store);
        Assert.True(code == 0, stderr);
        return store;
    }
}
