using System.Text.Json;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.Llm.Tests.Vehicle;
using EdgeAI.Llm.Tools;
using EdgeAI.TestKit;

namespace EdgeAI.Llm.Tests.Tools;

public sealed class VehicleToolsTests
{
    private static JsonElement Run(IChatTool tool, string arguments = "{}")
    {
        using var args = JsonDocument.Parse(arguments);
        using var result = JsonDocument.Parse(tool.Invoke(args.RootElement));
        return result.RootElement.Clone();
    }

    private static readonly DbcDatabase Dbc = DbcDatabase.Load(RepoPaths.DemoDbc);
    private static readonly SignalMap Map = SignalMap.Load(DriveFixture.SignalMap, Dbc);
    private static readonly long Now = 1_700_000_000L * 1_000_000_000;

    /// <summary>A context fed frames of the demo DBC at <see cref="Now"/>, seen from <paramref name="later"/> after.</summary>
    private static IContextView Context(TimeSpan later, params (string Message, (string Signal, double Value)[] Values)[] frames)
    {
        var context = new VehicleContext(Map);
        foreach (var (message, values) in frames)
        {
            var decoder = Dbc.GetDecoder(message);
            var all = new double[decoder.SignalCount];
            foreach (var (signal, value) in values) all[decoder.IndexOf(signal)] = value;
            var frame = decoder.EncodeFrame(all, Now);
            if (Map.E2E.FirstOrDefault(d => d.Message == message) is { } declaration)
            {
                // A protected message carries its checksum, as its ECU sends it (one frame: any counter is the first).
                byte[] data = frame.Data.ToArray();
                new EdgeAI.Fusion.E2E.E2EChecker(decoder, declaration.ToSpec()).Protect(data);
                frame = new EdgeAI.Can.CanFrame(frame.Id, data, frame.Flags, frame.TimestampNs, frame.Channel);
            }
            context.Apply(frame);
        }
        return new FixedContextView(context.Snapshot(Now + later.Ticks * 100));
    }

    private static string? Label(IContextView view, string key) => view.Current[key]!.Label;

    [Fact]
    public void GetRange_RecordedDrive_EveryFieldPresentWithTheChargingStateLabel()
    {
        var store = DriveFixture.Context;

        var result = Run(new RangeTool(store), "{\"unit\": \"km\"}");
        var miles = Run(new RangeTool(store), "{\"unit\": \"mi\"}");

        foreach (string field in new[] { "state_of_charge_percent", "range_km", "remaining_energy_kwh", "consumption_kwh_per_100km" })
            Assert.Equal(JsonValueKind.Number, result.GetProperty(field).ValueKind);
        Assert.Equal(Label(store, "EdgeAI.Charging.State"), result.GetProperty("charging_state").GetString());
        Assert.False(result.TryGetProperty("unavailable", out _));
        Assert.False(miles.TryGetProperty("range_km", out _));
        Assert.Equal(JsonValueKind.Number, miles.GetProperty("range_mi").ValueKind);
    }

    [Fact]
    public void GetCabinClimate_Fahrenheit_Converts()
    {
        var store = DriveFixture.Context;

        var celsius = Run(new CabinClimateTool(store));
        var fahrenheit = Run(new CabinClimateTool(store), "{\"unit\": \"F\"}");

        Assert.False(celsius.TryGetProperty("cabin_temperature_f", out _));
        Assert.False(fahrenheit.TryGetProperty("cabin_temperature_c", out _));
        Assert.Equal(store.Current["Vehicle.Cabin.HVAC.IsAirConditioningActive"]!.Reading.IsSet, celsius.GetProperty("air_conditioning_on").GetBoolean());
        Assert.Equal(store.Current["EdgeAI.Cabin.HVAC.FanLevel"]!.Reading.Value, celsius.GetProperty("fan_level").GetDouble());
        Assert.Equal(store.Current["EdgeAI.Cabin.Humidity"]!.Reading.Value, celsius.GetProperty("humidity_percent").GetDouble());
    }

    [Fact]
    public void GetLocation_FiveDecimalsAndAge()
    {
        // float32 on the wire: 48.13719940185547 and 11.57550048828125.
        var view = Context(TimeSpan.FromSeconds(2.5), ("TCU_Position", [("Latitude", 48.1372), ("Longitude", 11.5755)]));

        var result = Run(new LocationTool(view));

        Assert.Equal(48.1372, result.GetProperty("latitude").GetDouble());
        Assert.Equal(11.5755, result.GetProperty("longitude").GetDouble());
        Assert.Equal(2.5, result.GetProperty("age_s").GetDouble());
        Assert.False(result.TryGetProperty("stale", out _)); // TCU_Position every 1 s: stale only after 3 s
    }

    [Fact]
    public void GetVehicleState_GearLabelAndDoors()
    {
        var store = DriveFixture.Context;

        var result = Run(new VehicleStateTool(store));

        Assert.Equal(Label(store, ContextKeys.Gear), result.GetProperty("gear").GetString());
        Assert.Equal(Label(store, "EdgeAI.Powertrain.DriveMode"), result.GetProperty("drive_mode").GetString());
        int open = new[] { ContextKeys.DoorDriver, ContextKeys.DoorPassenger, ContextKeys.DoorRearLeft, ContextKeys.DoorRearRight }.Count(d => store.Current[d]!.Reading.IsSet);
        Assert.Equal(open, result.GetProperty("doors_open").GetArrayLength());
    }

    /// <summary>A context fed hand-encoded frames whose physical values are known here (raw x DBC factor), so the
    /// tools' figures are checked against numbers written in the test, not against the rounding the tools use.</summary>
    private static IContextView Known() => Context(TimeSpan.Zero,
        ("BMS_PackStatus", [("StateOfCharge", 80.3)]),                                                  // raw 803 x 0.1 %
        ("VCU_Range", [("RangeEstimate", 334), ("EnergyConsumption", 16.7), ("RemainingEnergy", 52.3)]), // 334 km, 167 x 0.1, 1046 x 0.05
        ("HVAC_Climate", [("CabinTemperature", 21.5)]),                                                 // raw 123 x 0.5 - 40
        ("ESP_VehicleDynamics", [("VehicleSpeed", 61.7), ("VehicleSpeedValid", 1)]),                    // raw 1234 x 0.05
        ("IC_Odometer", [("Odometer", 12345.6)]));                                                      // raw 123456 x 0.1

    [Fact]
    public void GetRange_KnownSignals_ReportsThemAtTheirResolution()
    {
        var store = Known();

        var km = Run(new RangeTool(store), "{\"unit\": \"km\"}");
        var mi = Run(new RangeTool(store), "{\"unit\": \"mi\"}");

        Assert.Equal(80.3, km.GetProperty("state_of_charge_percent").GetDouble());
        Assert.Equal(334, km.GetProperty("range_km").GetDouble());
        Assert.Equal(52.3, km.GetProperty("remaining_energy_kwh").GetDouble());
        Assert.Equal(16.7, km.GetProperty("consumption_kwh_per_100km").GetDouble());
        Assert.Equal(208, mi.GetProperty("range_mi").GetDouble()); // 334 km / 1.609344 = 207.54 mi
    }

    [Fact]
    public void GetCabinClimate_KnownTemperature_CelsiusAndFahrenheit()
    {
        var store = Known();

        Assert.Equal(21.5, Run(new CabinClimateTool(store)).GetProperty("cabin_temperature_c").GetDouble());
        Assert.Equal(70.7, Run(new CabinClimateTool(store), "{\"unit\": \"F\"}").GetProperty("cabin_temperature_f").GetDouble()); // 21.5 x 9/5 + 32
    }

    [Fact]
    public void GetVehicleState_KnownSpeedAndOdometer_OneDecimal()
    {
        var store = Known();

        var result = Run(new VehicleStateTool(store));

        Assert.Equal(61.7, result.GetProperty("speed_kmh").GetDouble());
        Assert.Equal(12345.6, result.GetProperty("odometer_km").GetDouble());
    }

    [Fact]
    public void Tools_NothingReceived_NullsWithReasonsNeverInvented()
    {
        var empty = Context(TimeSpan.Zero);

        foreach (var tool in VehicleTools.Create(empty))
        {
            var result = Run(tool);
            var unavailable = result.GetProperty("unavailable");
            foreach (var field in result.EnumerateObject())
            {
                if (field.Name == "unavailable") continue;
                Assert.Equal(JsonValueKind.Null, field.Value.ValueKind);
                Assert.StartsWith("no value for ", unavailable.GetProperty(field.Name).GetString());
            }
            Assert.False(result.TryGetProperty("age_s", out _));
        }
        Assert.Equal("no value for Vehicle.Powertrain.Range received yet", Run(new RangeTool(empty)).GetProperty("unavailable").GetProperty("range_km").GetString());
    }

    [Fact]
    public void Tools_StaleValue_IsGivenWithItsAgeAndListedAsStale()
    {
        var view = Context(TimeSpan.FromSeconds(5), ("ESP_VehicleDynamics", [("VehicleSpeed", 61.7), ("VehicleSpeedValid", 1)]));
        var result = Run(new VehicleStateTool(view));
        Assert.Equal(61.7, result.GetProperty("speed_kmh").GetDouble());
        Assert.Equal(5.0, result.GetProperty("age_s").GetDouble());
        Assert.Contains("speed_kmh", result.GetProperty("stale").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void GetCabinClimate_ImplausibleOutsideTemperature_NullWithReason()
    {
        var view = Context(TimeSpan.Zero, ("HVAC_Climate", [("CabinTemperature", 21.5), ("OutsideTemperature", 80)]));
        var result = Run(new CabinClimateTool(view));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("outside_temperature_c").ValueKind);
        Assert.Equal("Vehicle.Exterior.AirTemperature = 80 is implausible", result.GetProperty("unavailable").GetProperty("outside_temperature_c").GetString());
    }

    [Fact]
    public void GetVehicleState_InvalidGearAndSpeed_NullWithReason()
    {
        var view = Context(TimeSpan.Zero, ("VCU_DriveState", [("GearPosition", 7)]), ("ESP_VehicleDynamics", [("VehicleSpeed", 42)]));

        var result = Run(new VehicleStateTool(view));

        Assert.Equal(JsonValueKind.Null, result.GetProperty("gear").ValueKind);
        Assert.Equal("Vehicle.Powertrain.Transmission.SelectedGear reports Invalid", result.GetProperty("unavailable").GetProperty("gear").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("speed_kmh").ValueKind);
        Assert.Equal("EdgeAI.Chassis.IsSpeedValid reports the speed as invalid", result.GetProperty("unavailable").GetProperty("speed_kmh").GetString());
        Assert.Equal("Comfort", result.GetProperty("drive_mode").GetString());
    }
}
