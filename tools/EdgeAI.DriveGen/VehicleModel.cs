namespace EdgeAI.DriveGen;

/// <summary>
/// A simple EV model: an <see cref="IDriver"/> gives the driver's actions and the car's motion; the model computes
/// traction power (drag, rolling resistance, regeneration), drains or charges the battery and runs the cabin climate.
/// Good enough that every signal on the bus is plausible and consistent.
/// </summary>
internal sealed class VehicleModel
{
    private readonly IDriver _driver;
    private readonly VehicleParameters _p;
    private readonly Random _random;
    private double _cellSpread;

    /// <summary>The city drive's car following <paramref name="script"/>.</summary>
    public VehicleModel(DriveScript script, int seed) : this(new ScriptedDriver(script), VehicleParameters.CityCar, seed, 71.8) { }

    public VehicleModel(IDriver driver, VehicleParameters parameters, int seed, double socPercent)
    {
        _driver = driver;
        _p = parameters;
        _random = new Random(seed);
        State.SocPercent = socPercent;
        State.RangeKm = State.SocPercent / 100 * _p.BatteryKwh / _p.ConsumptionKwhPer100Km * 100;
        State.RemainingEnergyKwh = State.SocPercent / 100 * _p.BatteryKwh;
        for (int i = 0; i < State.CellVoltages.Length; i++) State.CellVoltages[i] = 3.80 + (_random.NextDouble() - 0.5) * 0.02;
    }

    public VehicleState State { get; } = new();

    /// <summary>Advances the car by <paramref name="dt"/> seconds.</summary>
    public void Step(double dt)
    {
        var s = State;
        s.TimeSeconds += dt;
        double t = s.TimeSeconds;
        _driver.Drive(s, dt, _random);
        double v = s.SpeedMps;

        // Traction power and battery; a charger's power flows into the pack.
        double drag = 0.5 * VehicleParameters.AirDensity * _p.DragArea * v * v;
        double rolling = v > 0.01 ? _p.RollingResistance * _p.MassKg * 9.81 : 0;
        double force = _p.MassKg * s.AccelerationMps2 + drag + rolling;
        double wheelPowerKw = force * v / 1000;
        s.MotorPowerKw = wheelPowerKw >= 0 ? wheelPowerKw / _p.DrivetrainEfficiency : wheelPowerKw * _p.RegenerationEfficiency;
        s.MotorSpeedRpm = v / VehicleParameters.WheelRadiusM * VehicleParameters.GearRatio * 60 / (2 * Math.PI) * (s.Gear == 1 ? -1 : 1);
        s.MotorTorqueNm = force * VehicleParameters.WheelRadiusM / VehicleParameters.GearRatio;
        s.BatteryPowerKw = s.MotorPowerKw + _p.AuxiliaryKw + (s.CabinTempC < s.CabinSetpointC ? 2.0 : 0.4) - s.ChargePowerKw;
        s.SocPercent -= s.BatteryPowerKw * dt / 3600 / _p.BatteryKwh * 100;
        double openCircuit = 330 + s.SocPercent * 0.95;
        s.BatteryCurrent = s.BatteryPowerKw * 1000 / openCircuit;
        s.BatteryVoltage = openCircuit - s.BatteryCurrent * 0.08;
        s.BatteryTempC += (Math.Abs(s.BatteryCurrent) * 0.00002 - (s.BatteryTempC - 24) * 0.0005) * dt;
        s.RangeKm = s.SocPercent / 100 * _p.BatteryKwh / _p.ConsumptionKwhPer100Km * 100;
        s.RemainingEnergyKwh = s.SocPercent / 100 * _p.BatteryKwh;
        _cellSpread += (_random.NextDouble() - 0.5) * 1e-5;
        double cellBase = s.BatteryVoltage / s.CellVoltages.Length;
        for (int i = 0; i < s.CellVoltages.Length; i++)
            s.CellVoltages[i] = cellBase + ((i * 37 % 11) - 5) * 0.0015 + _cellSpread;

        _driver.Steer(s, dt);

        // Cabin climate warms towards the set point; outside drifts slowly.
        s.CabinTempC += (s.CabinSetpointC - s.CabinTempC) * 0.004 * dt;
        s.OutsideTempC = 11.5 + 0.6 * Math.Sin(t / 400);
        // Defrost on the cool start and through the shower; the glass lags between outside and cabin air, warmed by defrost.
        s.Defrost = t is > 12 and < 150 || t is > 330 and < 420;
        double glassTarget = s.OutsideTempC + 0.4 * (s.CabinTempC - s.OutsideTempC) + (s.Defrost ? 6 : 0);
        s.WindscreenTempC += (glassTarget - s.WindscreenTempC) * 0.01 * dt;
    }
}
