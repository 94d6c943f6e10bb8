using System.Text.Json;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Signals;
using EdgeAI.Llm.Tests.Vehicle;
using EdgeAI.Llm.Tools;
using EdgeAI.Llm.Vehicle;
using EdgeAI.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Llm.Tests.Tools;

public sealed class VehicleToolsTests
{
    private static JsonElement Run(IChatTool tool, string arguments = "{}")
    {
        using var args = JsonDocument.Parse(arguments);
        using var result = JsonDocument.Parse(tool.Invoke(args.RootElement));
        return result.RootElement.Clone();
    }

    [Fact]
    public void GetRange_RecordedDrive_EveryFieldPresentWithTheChargingStateLabel()
    {
        var store = DriveFixture.Store;

        var result = Run(new RangeTool(store), "{\"unit\": \"km\"}");
        var miles = Run(new RangeTool(store), "{\"unit\": \"mi\"}");

        foreach (string field in new[] { "state_of_charge_percent", "range_km", "remaining_energy_kwh", "consumption_kwh_per_100km" })
            Assert.Equal(JsonValueKind.Number, result.GetProperty(field).ValueKind);
        Assert.Equal(store.ChargingState!.Value.Label, result.GetProperty("charging_state").GetString());
        Assert.False(result.TryGetProperty("unavailable", out _));
        Assert.False(miles.TryGetProperty("range_km", out _));
        Assert.Equal(JsonValueKind.Number, miles.GetProperty("range_mi").ValueKind);
    }

    [Fact]
    public void GetCabinClimate_Fahrenheit_Converts()
    {
        var store = DriveFixture.Store;

        var celsius = Run(new CabinClimateTool(store));
        var fahrenheit = Run(new CabinClimateTool(store), "{\"unit\": \"F\"}");

        Assert.False(celsius.TryGetProperty("cabin_temperature_f", out _));
        Assert.False(fahrenheit.TryGetProperty("cabin_temperature_c", out _));
        Assert.Equal(store.AirConditioningOn!.Value.IsSet, celsius.GetProperty("air_conditioning_on").GetBoolean());
        Assert.Equal(store.FanLevel!.Value.Value, celsius.GetProperty("fan_level").GetDouble());
        Assert.Equal(store.CabinHumidity!.Value.Value, celsius.GetProperty("humidity_percent").GetDouble());
    }

    [Fact]
    public void GetLocation_FiveDecimalsAndAge()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var signals = new LatestSignalStore(DbcDatabase.Load(RepoPaths.DemoDbc));
        var position = signals.Database.GetDecoder("TCU_Position");
        var values = new double[position.SignalCount];
        values[position.IndexOf("Latitude")] = 48.1372;  // float32 on the wire: 48.13719940185547
        values[position.IndexOf("Longitude")] = 11.5755; // float32: 11.57550048828125
        signals.Update(position.EncodeFrame(values, (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100));
        clock.Advance(TimeSpan.FromSeconds(2.5));

        var result = Run(new LocationTool(new VehicleStateStore(signals, clock)));

        Assert.Equal(48.1372, result.GetProperty("latitude").GetDouble());
        Assert.Equal(11.5755, result.GetProperty("longitude").GetDouble());
        Assert.Equal(2.5, result.GetProperty("age_s").GetDouble());
    }

    [Fact]
    public void GetVehicleState_GearLabelAndDoors()
    {
        var store = DriveFixture.Store;

        var result = Run(new VehicleStateTool(store));

        Assert.Equal(store.Gear!.Value.Label, result.GetProperty("gear").GetString());
        Assert.Equal(store.DriveMode!.Value.Label, result.GetProperty("drive_mode").GetString());
        int open = VehicleSignals.DoorsOpen.Count(d => store.Read(d)!.Value.IsSet);
        Assert.Equal(open, result.GetProperty("doors_open").GetArrayLength());
    }

    /// <summary>A store fed hand-encoded frames whose physical values are known here (raw x DBC factor), so the
    /// tools' figures are checked against numbers written in the test, not against the rounding the tools use.</summary>
    private static VehicleStateStore KnownStore(FakeTimeProvider clock)
    {
        var signals = new LatestSignalStore(DbcDatabase.Load(RepoPaths.DemoDbc));
        long now = (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        void Send(string message, params (string Signal, double Value)[] values)
        {
            var decoder = signals.Database.GetDecoder(message);
            var all = new double[decoder.SignalCount];
            foreach (var (signal, value) in values) all[decoder.IndexOf(signal)] = value;
            signals.Update(decoder.EncodeFrame(all, now));
        }

        Send("BMS_PackStatus", ("StateOfCharge", 80.3));                 // raw 803 x 0.1 %
        Send("VCU_Range", ("RangeEstimate", 334), ("EnergyConsumption", 16.7), ("RemainingEnergy", 52.3)); // 334 km, 167 x 0.1, 1046 x 0.05
        Send("HVAC_Climate", ("CabinTemperature", 21.5));                // raw 123 x 0.5 - 40
        Send("ESP_VehicleDynamics", ("VehicleSpeed", 61.7), ("VehicleSpeedValid", 1)); // raw 1234 x 0.05
        Send("IC_Odometer", ("Odometer", 12345.6));                      // raw 123456 x 0.1
        return new VehicleStateStore(signals, clock);
    }

    [Fact]
    public void GetRange_KnownSignals_ReportsThemAtTheirResolution()
    {
        var store = KnownStore(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

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
        var store = KnownStore(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

        Assert.Equal(21.5, Run(new CabinClimateTool(store)).GetProperty("cabin_temperature_c").GetDouble());
        Assert.Equal(70.7, Run(new CabinClimateTool(store), "{\"unit\": \"F\"}").GetProperty("cabin_temperature_f").GetDouble()); // 21.5 x 9/5 + 32
    }

    [Fact]
    public void GetVehicleState_KnownSpeedAndOdometer_OneDecimal()
    {
        var store = KnownStore(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));

        var result = Run(new VehicleStateTool(store));

        Assert.Equal(61.7, result.GetProperty("speed_kmh").GetDouble());
        Assert.Equal(12345.6, result.GetProperty("odometer_km").GetDouble());
    }

    [Fact]
    public void Tools_NothingReceived_NullsWithReasonsNeverInvented()
    {
        var empty = new VehicleStateStore(new LatestSignalStore(DbcDatabase.Load(RepoPaths.DemoDbc)), new FakeTimeProvider());

        foreach (var tool in VehicleTools.Create(empty))
        {
            var result = Run(tool);
            var unavailable = result.GetProperty("unavailable");
            foreach (var field in result.EnumerateObject())
            {
                if (field.Name == "unavailable") continue;
                Assert.Equal(JsonValueKind.Null, field.Value.ValueKind);
                Assert.StartsWith("no ", unavailable.GetProperty(field.Name).GetString());
            }
            Assert.False(result.TryGetProperty("age_s", out _));
        }
        Assert.Equal("no VCU_Range frame received yet", Run(new RangeTool(empty)).GetProperty("unavailable").GetProperty("range_km").GetString());
    }

    [Fact]
    public void GetVehicleState_InvalidGearAndSpeed_NullWithReason()
    {
        var signals = new LatestSignalStore(DbcDatabase.Load(RepoPaths.DemoDbc));
        var drive = signals.Database.GetDecoder("VCU_DriveState");
        var values = new double[drive.SignalCount];
        values[drive.IndexOf("GearPosition")] = 7;
        signals.Update(drive.EncodeFrame(values));
        var esp = signals.Database.GetDecoder("ESP_VehicleDynamics");
        var espValues = new double[esp.SignalCount];
        espValues[esp.IndexOf("VehicleSpeed")] = 42;
        signals.Update(esp.EncodeFrame(espValues));

        var result = Run(new VehicleStateTool(new VehicleStateStore(signals, new FakeTimeProvider(DateTimeOffset.UnixEpoch))));

        Assert.Equal(JsonValueKind.Null, result.GetProperty("gear").ValueKind);
        Assert.Equal("VCU_DriveState.GearPosition reports Invalid", result.GetProperty("unavailable").GetProperty("gear").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("speed_kmh").ValueKind);
        Assert.Equal("ESP_VehicleDynamics.VehicleSpeedValid reports the speed as invalid", result.GetProperty("unavailable").GetProperty("speed_kmh").GetString());
        Assert.Equal("Comfort", result.GetProperty("drive_mode").GetString());
    }
}
