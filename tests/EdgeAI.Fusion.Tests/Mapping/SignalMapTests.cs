using EdgeAI.Fusion.Mapping;
using EdgeAI.TestKit;

namespace EdgeAI.Fusion.Tests.Mapping;

/// <summary>Signal maps: the demo map against its DBC, unit conversion, staleness, and one-line errors for bad maps.</summary>
public sealed class SignalMapTests
{
    private const string DbcWithoutCycleTimes = """
        VERSION ""
        BU_: ECU
        BO_ 256 Speed: 8 ECU
         SG_ VehicleSpeed : 0|16@1+ (0.01,0) [0|300] "kph" ECU
         SG_ Belt : 16|1@1+ (1,0) [0|1] "" ECU
        """;

    [Fact]
    public void DemoMap_EveryKeyResolves_StalenessIsThreeCycleTimes()
    {
        var map = DemoVehicle.Map;
        Assert.Equal(Path.GetFullPath(RepoPaths.DemoDbc), map.DbcPath);
        var speed = map.Entries.Single(e => e.Key == "Vehicle.Speed");
        Assert.Equal(("ESP_VehicleDynamics", "VehicleSpeed", KeyKind.Number, "km/h"), (speed.Message, speed.Signal, speed.Kind, speed.Unit));
        Assert.Equal(60_000_000, speed.StaleAfterNs);   // GenMsgCycleTime 20 ms
        Assert.Equal((0.0, 300.0), (speed.Minimum, speed.Maximum)); // the DBC's [0|300]
        Assert.Equal(3_000_000_000, map.Entries.Single(e => e.Key == "Vehicle.Cabin.HVAC.AmbientAirTemperature").StaleAfterNs); // 1000 ms
        var gear = map.Entries.Single(e => e.Key == "Vehicle.Powertrain.Transmission.SelectedGear");
        Assert.Equal(KeyKind.Enum, gear.Kind);
        Assert.Equal("D", gear.Labels[3]);
        var wipers = map.Entries.Single(e => e.Key == "Vehicle.Body.Windshield.Front.Wiping.Mode");
        Assert.Equal("Interval", wipers.Labels[1]); // from the DBC's VAL_ table
        Assert.Equal([1.0], map.Entries.Single(e => e.Key == "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted").TrueValues);
        Assert.All(map.Entries, e => Assert.True(e.Key.StartsWith("Vehicle.", StringComparison.Ordinal) || e.Key.StartsWith("EdgeAI.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_KphToMetresPerSecond_ConvertsAndScalesTheRange()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("car.dbc"), DbcWithoutCycleTimes);
        File.WriteAllText(dir.File("car.signals.json"), """
            { "version": 1, "dbc": "car.dbc",
              "keys": { "Vehicle.Speed": { "signal": "Speed.VehicleSpeed", "unit": "m/s", "timeout_ms": 500 } } }
            """);
        var entry = SignalMap.Load(dir.File("car.signals.json")).Entries.Single();
        Assert.Equal("m/s", entry.Unit);
        Assert.Equal(72 / 3.6, 72 * entry.Scale + entry.Offset, 9);
        Assert.Equal(300 / 3.6, entry.Maximum, 9);
        Assert.Equal(500_000_000, entry.StaleAfterNs);
    }

    [Theory]
    [InlineData("""{ "version": 1, "dbc": "car.dbc", "keys": { "Vehicle.Speed": { "signal": "Speed.Velocity", "timeout_ms": 100 } } }""",
        "car.signals.json:1: Vehicle.Speed: car.dbc message Speed has no signal Velocity")]
    [InlineData("""{ "version": 1, "dbc": "car.dbc", "keys": { "Vehicle.Speed": { "signal": "Brakes.VehicleSpeed", "timeout_ms": 100 } } }""",
        "car.signals.json:1: Vehicle.Speed: car.dbc has no message Brakes")]
    [InlineData("{ \"version\": 1, \"dbc\": \"car.dbc\",\n \"keys\": {\n  \"Vehicle.Speed\": { \"signal\": \"Speed.VehicleSpeed\" } } }",
        "car.signals.json:3: Vehicle.Speed: car.dbc gives Speed no GenMsgCycleTime; give \"timeout_ms\"")]
    [InlineData("""{ "version": 1, "dbc": "car.dbc", "keys": { "Vehicle.Speed": { "signal": "Speed.VehicleSpeed", "unit": "furlong/fortnight", "timeout_ms": 100 } } }""",
        "car.signals.json:1: Vehicle.Speed: no conversion from the DBC's unit 'kph' to 'furlong/fortnight'; give \"scale\" and \"offset\"")]
    [InlineData("""{ "version": 1, "dbc": "car.dbc", "keys": { "speed": { "signal": "Speed.VehicleSpeed", "timeout_ms": 100 } } }""",
        "car.signals.json:1: expected a key name like Vehicle.Speed or EdgeAI.Trip.Distance, found 'speed'")]
    [InlineData("""{ "version": 2, "dbc": "car.dbc", "keys": {} }""",
        "car.signals.json:1: expected \"version\": 1")]
    [InlineData("{ \"version\": 1,\n \"dbc\": \"car.dbc\",\n \"keys\": { \"Vehicle.Speed\": { \"signal\": \"Speed.VehicleSpeed\", } \n\n",
        "car.signals.json:5: expected JSON")]
    [InlineData("""{ "version": 1, "dbc": "car.dbc", "keys": { "Vehicle.Speed": { "signal": "Speed.VehicleSpeed", "timeout_ms": 100, "range": [300, 0] } } }""",
        "car.signals.json:1: Vehicle.Speed: expected \"range\": [min, max] with min <= max")]
    [InlineData("""{ "version": 1, "dbc": "car.dbc", "keys": { "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted": { "signal": "Speed.Belt", "type": "enum", "timeout_ms": 100 } } }""",
        "car.signals.json:1: Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted: car.dbc has no value table for Speed.Belt; give \"labels\"")]
    public void Load_BadMap_OneLineNamingFileLineAndWhatWasExpected(string json, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("car.dbc"), DbcWithoutCycleTimes);
        string path = dir.File("car.signals.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<SignalMapException>(() => SignalMap.Load(path));
        Assert.StartsWith(dir.File(""), e.Message);
        Assert.StartsWith(expected, e.Message[dir.Path.Length..].TrimStart('/'));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Load_MissingMap_NamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SignalMap.Load("/nonexistent/car.signals.json"));
        Assert.Equal("/nonexistent/car.signals.json: no such signal map", e.Message);
    }

    [Theory]
    [InlineData("kph", "km/h", 100, 100)]
    [InlineData("mph", "km/h", 60, 96.56064)]
    [InlineData("degF", "degC", 212, 100)]
    [InlineData("°C", "degF", 0, 32)]
    [InlineData("K", "degC", 273.15, 0)]
    [InlineData("rad", "deg", Math.PI, 180)]
    public void UnitConversion_KnownPairs(string from, string to, double value, double expected)
    {
        Assert.True(UnitConversion.TryGet(from, to, out double scale, out double offset));
        Assert.Equal(expected, value * scale + offset, 6);
    }
}
