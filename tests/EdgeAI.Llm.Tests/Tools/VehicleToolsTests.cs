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

    private static double Round(SignalReading? reading, int decimals) =>
        Math.Round(reading!.Value.Value, decimals, MidpointRounding.AwayFromZero);

    [Fact]
    public void GetRange_Km_CopiesStoreValues()
    {
        var store = DriveFixture.Store;

        var result = Run(new RangeTool(store), "{\"unit\": \"km\"}");

        Assert.Equal(Round(store.StateOfCharge, 1), result.GetProperty("state_of_charge_percent").GetDouble());
        Assert.Equal(Round(store.Range, 0), result.GetProperty("range_km").GetDouble());
        Assert.Equal(Round(store.RemainingEnergy, 1), result.GetProperty("remaining_energy_kwh").GetDouble());
        Assert.Equal(Round(store.EnergyConsumption, 1), result.GetProperty("consumption_kwh_per_100km").GetDouble());
        Assert.Equal(store.ChargingState!.Value.Label, result.GetProperty("charging_state").GetString());
        Assert.False(result.TryGetProperty("unavailable", out _));
    }

    [Fact]
    public void GetRange_Miles_Converts()
    {
        var store = DriveFixture.Store;

        var result = Run(new RangeTool(store), "{\"unit\": \"mi\"}");

        Assert.Equal(Math.Round(store.Range!.Value.Value / 1.609344, MidpointRounding.AwayFromZero), result.GetProperty("range_mi").GetDouble());
        Assert.False(result.TryGetProperty("range_km", out _));
    }

    [Fact]
    public void GetCabinClimate_Fahrenheit_Converts()
    {
        var store = DriveFixture.Store;

        var celsius = Run(new CabinClimateTool(store));
        var fahrenheit = Run(new CabinClimateTool(store), "{\"unit\": \"F\"}");

        Assert.Equal(Round(store.CabinTemperature, 1), celsius.GetProperty("cabin_temperature_c").GetDouble());
        Assert.Equal(Math.Round(store.CabinTemperature!.Value.Value * 9 / 5 + 32, 1, MidpointRounding.AwayFromZero), fahrenheit.GetProperty("cabin_temperature_f").GetDouble());
        Assert.Equal(store.AirConditioningOn!.Value.IsSet, celsius.GetProperty("air_conditioning_on").GetBoolean());
        Assert.Equal(store.FanLevel!.Value.Value, celsius.GetProperty("fan_level").GetDouble());
        Assert.Equal(store.CabinHumidity!.Value.Value, celsius.GetProperty("humidity_percent").GetDouble());
    }

    [Fact]
    public void GetLocation_FiveDecimalsAndAge()
    {
        var store = DriveFixture.Store;

        var result = Run(new LocationTool(store));

        Assert.Equal(Round(store.Latitude, 5), result.GetProperty("latitude").GetDouble());
        Assert.Equal(Round(store.Longitude, 5), result.GetProperty("longitude").GetDouble());
        Assert.Equal(Math.Round(Math.Max(store.Latitude!.Value.Age.TotalSeconds, store.Longitude!.Value.Age.TotalSeconds), 1),
            result.GetProperty("age_s").GetDouble());
    }

    [Fact]
    public void GetVehicleState_GearLabelAndDoors()
    {
        var store = DriveFixture.Store;

        var result = Run(new VehicleStateTool(store));

        Assert.Equal(store.Gear!.Value.Label, result.GetProperty("gear").GetString());
        Assert.Equal(store.DriveMode!.Value.Label, result.GetProperty("drive_mode").GetString());
        Assert.Equal(Round(store.Speed, 1), result.GetProperty("speed_kmh").GetDouble());
        Assert.Equal(Round(store.Odometer, 1), result.GetProperty("odometer_km").GetDouble());
        int open = VehicleSignals.DoorsOpen.Count(d => store.Read(d)!.Value.IsSet);
        Assert.Equal(open, result.GetProperty("doors_open").GetArrayLength());
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
