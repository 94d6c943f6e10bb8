using System.Globalization;
using EdgeAI.Services.Energy;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.Energy;

public sealed class EnergyModelTests(ITestOutputHelper output)
{
    private static VehicleProfile Id3 => VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json"));

    /// <summary>The urban part of the reference trace: the Adlershof drive's ego speeds (see tools/sumo/mmpevem-reference.sh).</summary>
    private const int UrbanSteps = 567;

    [Fact]
    public void TraceWh_OnSumosMmpevemReferenceTrace_IsWithin10PercentOfSumosMmpevemId3()
    {
        var (speeds, sumoWh) = ReadReference();
        var model = new EnergyModel(Id3);
        // the reference has no HVAC: outside 20 °C, inside the comfort band, so auxiliaries are the file's constant 360 W
        var ours = model.TraceWh(speeds, 1, outsideC: 20);
        double sumo = sumoWh.Sum(), distanceKm = speeds.Sum() / 1000;
        var urbanOurs = model.TraceWh(speeds.AsSpan(0, UrbanSteps), 1, 20);
        var urbanSumo = sumoWh.Take(UrbanSteps).Sum();
        var ruralOurs = ours - urbanOurs;
        var ruralSumo = sumo - urbanSumo;
        output.WriteLine(FormattableString.Invariant(
            $"whole trace {speeds.Length} s, {distanceKm:F2} km: ours {ours:F1} Wh, SUMO MMPEVEM {sumo:F1} Wh, {100 * (ours - sumo) / sumo:+0.00;-0.00} %"));
        output.WriteLine(FormattableString.Invariant(
            $"urban (first {UrbanSteps} s): ours {urbanOurs:F1} Wh, SUMO {urbanSumo:F1} Wh, {100 * (urbanOurs - urbanSumo) / urbanSumo:+0.00;-0.00} %"));
        output.WriteLine(FormattableString.Invariant(
            $"extra-urban and motorway: ours {ruralOurs:F1} Wh, SUMO {ruralSumo:F1} Wh, {100 * (ruralOurs - ruralSumo) / ruralSumo:+0.00;-0.00} %"));
        // for information: the same physics with constant efficiencies (the file's 0.82 both ways) instead of the loss map
        var flat = new EnergyModel(Id3 with { MotorLosses = null }).TraceWh(speeds, 1, 20);
        output.WriteLine(FormattableString.Invariant($"without the loss map (constant 0.82 efficiencies): {flat:F1} Wh, {100 * (flat - sumo) / sumo:+0.00;-0.00} %"));
        Assert.InRange(ours / sumo, 0.9, 1.1);
        Assert.InRange(urbanOurs / urbanSumo, 0.9, 1.1);
        Assert.InRange(ruralOurs / ruralSumo, 0.9, 1.1);
    }

    [Fact]
    public void CommittedId3Profile_HasEveryNumberOfSumosVw_Id3File()
    {
        var fromSumo = VehicleProfileReader.FromSumoVType(DemoRegion.File("VW_ID3.xml"), Id3.Auxiliary, Id3.ChargeCurve);
        var committed = Id3;
        Assert.Equal(fromSumo.MassKg, committed.MassKg);
        Assert.Equal(fromSumo.RotatingInertiaKgM2, committed.RotatingInertiaKgM2);
        Assert.Equal(fromSumo.CdA, committed.CdA, 1e-12);
        Assert.Equal(fromSumo.RollingResistance, committed.RollingResistance);
        Assert.Equal(fromSumo.BatteryKwh, committed.BatteryKwh);
        Assert.Equal(fromSumo.NominalVoltageV, committed.NominalVoltageV);
        Assert.Equal(fromSumo.InternalResistanceOhm, committed.InternalResistanceOhm);
        Assert.Equal(fromSumo.WheelRadiusM, committed.WheelRadiusM);
        Assert.Equal(fromSumo.GearRatio, committed.GearRatio);
        Assert.Equal(fromSumo.GearEfficiency, committed.GearEfficiency);
        Assert.Equal(fromSumo.MaxPowerW, committed.MaxPowerW);
        Assert.Equal(fromSumo.MaxTorqueNm, committed.MaxTorqueNm);
        Assert.Equal(fromSumo.MaxRecuperationPowerW, committed.MaxRecuperationPowerW);
        Assert.Equal(fromSumo.MaxRecuperationTorqueNm, committed.MaxRecuperationTorqueNm);
        Assert.Equal(fromSumo.Auxiliary.BaseW, committed.Auxiliary.BaseW);
        Assert.Equal(fromSumo.MotorLosses!.SpeedsRpm, committed.MotorLosses!.SpeedsRpm);
        Assert.Equal(fromSumo.MotorLosses.TorquesNm, committed.MotorLosses.TorquesNm);
        Assert.Equal(fromSumo.MotorLosses.LossesW, committed.MotorLosses.LossesW);
    }

    [Fact]
    public void BatteryPower_Standing_IsTheAuxiliaryLoadWhichGrowsInTheCold()
    {
        var model = new EnergyModel(Id3);
        var mild = model.BatteryPowerW(0, 0, 0, 20);
        Assert.Equal(360, mild, 1.0); // 360 W plus the battery's R·I² on 0.9 A
        var cold = model.BatteryPowerW(0, 0, 0, -2);
        Assert.Equal(360 + 20 * 120, cold, 10.0); // plus R·I² on 7 A
        Assert.True(model.CruiseWh(10_000, 100 / 3.6, -2) > model.CruiseWh(10_000, 100 / 3.6, 20));
    }

    [Fact]
    public void CruiseWh_UphillAndFaster_CostMoreDownhillRecuperates()
    {
        var model = new EnergyModel(Id3);
        var flat = model.CruiseWh(1000, 50 / 3.6, 20);
        Assert.InRange(flat, 80, 250); // a C-segment EV at 50 km/h: roughly 10-20 kWh per 100 km
        Assert.True(model.CruiseWh(1000, 100 / 3.6, 20) > flat);
        Assert.True(model.CruiseWh(1000, 50 / 3.6, 20, Math.Atan(0.04)) > flat);
        Assert.True(model.CruiseWh(1000, 50 / 3.6, 20, -Math.Atan(0.08)) < 0);
    }

    [Fact]
    public void BatteryPower_HardBraking_RecuperatesNoMoreThanTheProfileAllows()
    {
        var p = Id3;
        var model = new EnergyModel(p);
        var power = model.BatteryPowerW(20, -6, 0, 20);
        Assert.True(power < 0);
        Assert.True(-power <= p.MaxRecuperationPowerW, $"recuperated {-power:F0} W, limit {p.MaxRecuperationPowerW} W");
        Assert.True(model.StopWh(50 / 3.6, 20) > 0, "a stop costs energy: recuperation gives back less than accelerating takes");
    }

    [Fact]
    public void ChargeSeconds_BelowTheCurve_IsEnergyOverChargerPower()
    {
        var curve = Id3.ChargeCurve;
        Assert.Equal(0.2 * 58 / 50 * 3600, curve.ChargeSeconds(0.1, 0.3, 50, 58), 0.5);
        Assert.True(curve.ChargeSeconds(0.7, 0.9, 150, 58) > curve.ChargeSeconds(0.1, 0.3, 150, 58), "the taper makes high SoC slower");
        Assert.Equal(curve.ChargeSeconds(0.1, 0.8, 150, 58), curve.ChargeSeconds(0.1, 0.45, 150, 58) + curve.ChargeSeconds(0.45, 0.8, 150, 58), 1e-6);
    }

    private static (double[] Speeds, double[] SumoWh) ReadReference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Energy", "mmpevem-id3-reference.csv");
        var speeds = new List<double>();
        var wh = new List<double>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith("time", StringComparison.Ordinal)) continue;
            var f = line.Split(';');
            speeds.Add(double.Parse(f[1], CultureInfo.InvariantCulture));
            wh.Add(double.Parse(f[3], CultureInfo.InvariantCulture));
        }
        return ([.. speeds], [.. wh]);
    }
}
